"""The Alembic migrations build exactly the schema of the models, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from app.db.models import Base
from app.db.session import alembic_config, owned_by_models, upgrade


def schema_diffs(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "compare_server_default": True, "include_name": owned_by_models},
            )
            diffs: list[Any] = compare_metadata(context, Base.metadata)
            return diffs
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def test_upgrade_on_an_empty_database_gives_the_models_schema(database_url: str) -> None:
    """`database_url` is a database the migrations were just run on, SQLite and PostgreSQL."""
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()

    assert current_revision(database_url) == head
    assert schema_diffs(database_url) == []


def test_upgrade_builds_every_table_from_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = create_engine(url)
    assert inspect(engine).get_table_names() == []

    upgrade(url)

    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    engine.dispose()
    assert schema_diffs(url) == []


def test_upgrade_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade(url)
    upgrade(url)

    assert schema_diffs(url) == []
