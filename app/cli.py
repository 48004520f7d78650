"""The `prescreen` command: API keys, database migrations, serving, job workers."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session, sessionmaker
from typer.core import TyperGroup

from app import cli_offline, server
from app.db import repository
from app.db.session import make_engine, make_sessionmaker, upgrade
from app.jobs.worker import run_worker
from app.services.keys import create_key
from app.settings import Settings

USAGE_ERROR = 2  # click's status for a usage error


class _ExitStatus(TyperGroup):
    """Usage errors exit 3, not 2: 0, 1 and 2 are the decisions of `prescreen screen`."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = (args, prog_name, complete_var, False, windows_expand_args)
        if not standalone_mode:
            return super().main(*run, **extra)
        try:
            status = super().main(*run, **extra)
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        except Exception as exc:
            # click's exceptions (typer ships its own copy): they show themselves and carry a status,
            # 2 for usage errors.
            show, status = getattr(exc, "show", None), getattr(exc, "exit_code", None)
            if show is None or not isinstance(status, int):
                raise
            show()
            sys.exit(cli_offline.EXIT_UNUSABLE if status == USAGE_ERROR else status)
        sys.exit(status if isinstance(status, int) else 0)


cli = typer.Typer(
    cls=_ExitStatus, help="prescreen: export shipment pre-screening service.", no_args_is_help=True
)
keys = typer.Typer(help="Manage API keys (stored hashed in the database).", no_args_is_help=True)
db = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(keys, name="keys")
cli.add_typer(db, name="db")
cli.add_typer(cli_offline.lists, name="lists")
cli.add_typer(cli_offline.brands, name="brands")
cli.command("screen")(cli_offline.screen_command)


def _sessions(settings: Settings) -> sessionmaker[Session]:
    if settings.migrate_at_start:
        upgrade(settings.database_url)
    return make_sessionmaker(make_engine(settings.database_url))


@keys.command("create")
def keys_create(
    tenant: Annotated[str, typer.Option(help="The tenant the key belongs to.")],
    admin: Annotated[bool, typer.Option("--admin", help="An admin of its own tenant.")] = False,
    operator: Annotated[
        bool, typer.Option("--operator", help="May change campaigns and reload lists, for every tenant.")
    ] = False,
    label: Annotated[str | None, typer.Option(help="A note to recognise the key by.")] = None,
) -> None:
    """Create a key; it is printed once and only its hash is stored."""
    with _sessions(Settings())() as session:
        row, key = create_key(session, tenant.strip(), admin, label, operator=operator)
        session.commit()
        typer.echo(
            f"id={row.id} tenant={row.tenant} admin={str(row.admin).lower()} "
            f"operator={str(row.operator).lower()}"
        )
        typer.echo(key)


@keys.command("list")
def keys_list(tenant: Annotated[str | None, typer.Option(help="Only this tenant's keys.")] = None) -> None:
    """List keys (prefix only, never the key)."""
    with _sessions(Settings())() as session:
        for row in repository.list_api_keys(session, tenant):
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
            role = "operator" if row.operator else "admin" if row.admin else "user"
            typer.echo(f"{row.id}\t{row.tenant}\t{role}\t{row.key_prefix}…\t{state}\t{row.label or ''}")


@keys.command("revoke")
def keys_revoke(key_id: Annotated[int, typer.Argument(help="The id `prescreen keys list` shows.")]) -> None:
    """Revoke a key: it stops working at once and stays listed for audit."""
    with _sessions(Settings())() as session:
        if not repository.revoke_api_key(session, key_id, dt.datetime.now(dt.UTC)):
            typer.echo(f"no active key with id {key_id}", err=True)
            raise typer.Exit(1)
        session.commit()
        typer.echo(f"revoked key {key_id}")


@db.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply the Alembic migrations to PRESCREEN_DATABASE_URL."""
    settings = Settings()
    upgrade(settings.database_url, revision)
    typer.echo(f"database at {revision}")


@cli.command("serve")
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[int, typer.Option()] = 1,
    proxy_headers: Annotated[
        bool, typer.Option("--proxy-headers", help="Trust X-Forwarded-* (behind a reverse proxy).")
    ] = False,
) -> None:
    """Run the API with uvicorn and the service's HTTP limits (app/server.py)."""
    server.serve(host, port, workers, proxy_headers)


@cli.command("worker")
def worker() -> None:
    """Run a job worker on its own (PostgreSQL): async screenings, re-screening, webhook deliveries."""
    settings = Settings()
    if settings.is_sqlite:
        typer.echo(
            "the SQLite default runs its jobs inside the service (make run); "
            "a worker on its own needs PRESCREEN_DATABASE_URL pointing at PostgreSQL",
            err=True,
        )
        raise typer.Exit(3)
    asyncio.run(run_worker(settings))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
