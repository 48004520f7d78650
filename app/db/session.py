"""The database engine chosen by PRESCREEN_DATABASE_URL, and migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.db.limits import DatabaseLimits
from app.db.watchdog import HungConnectionWatchdog

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, limits: DatabaseLimits | None = None) -> Engine:
    limits = limits or DatabaseLimits()
    if url.startswith("sqlite"):
        # SQLite's timeout is how long a writer waits for the file's lock.
        connect_args = {"check_same_thread": False, "timeout": max(limits.statement_timeout, 5.0)}
        engine = create_engine(url, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=limits.pool_size,
        max_overflow=limits.max_overflow,
        pool_timeout=limits.pool_timeout,
        connect_args={
            "connect_timeout": limits.connect_timeout,
            "options": f"-c statement_timeout={int(limits.statement_timeout * 1000)}",
        },
    )
    watchdog = HungConnectionWatchdog(limits.hung_after, ping_after=limits.connect_timeout)
    watchdog.install(engine)
    event.listen(engine, "engine_disposed", lambda _: watchdog.close())
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    # WAL lets readers run beside the one writer; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def owned_by_models(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's include_name: the job queue's procrastinate_* tables belong to its own schema
    (installed by a migration, not described by the models)."""
    return not (type_ == "table" and name is not None and name.startswith("procrastinate_"))


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
