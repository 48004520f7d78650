"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and API clients."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from limits.storage import storage_from_string
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.db.session import make_engine, upgrade
from app.main import create_app
from app.settings import Settings

KEY_A = "test-key-tenant-a-0001"
KEY_B = "test-key-tenant-b-0002"
API_KEYS = f"tenant-a:{KEY_A}:admin,tenant-b:{KEY_B}"
PG_ENV = "PRESCREEN_TEST_DATABASE_URL"
REDIS_ENV = "PRESCREEN_TEST_REDIS_URL"


def _postgres_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{PG_ENV} is not set: under CI the PostgreSQL tests must run", pytrace=False)
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    base = _postgres_base_url()
    if not base:
        pytest.skip(f"set {PG_ENV} to run the PostgreSQL tests")
    name = f"prescreen_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable or refused: fail loudly, never skip
        pytest.fail(f"PostgreSQL at {make_url(base).render_as_string(hide_password=True)} is unusable: {exc}")
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis server for the shared rate limit counts (PRESCREEN_TEST_REDIS_URL); CI must have one."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{REDIS_ENV} is not set: under CI the Redis tests must run", pytrace=False)
        pytest.skip(f"set {REDIS_ENV} to run the Redis tests")
    if not storage_from_string(url).check():
        pytest.fail(f"Redis at {url} does not answer")
    return url


def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = (
            "webhook_attempts, webhook_deliveries, webhooks, screening_results, screening_inputs, jobs, "
            "shipment_goods, screenings, authorizations, party_clearances, campaigns, api_keys, "
            "procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, procrastinate_workers"
        )
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once for the session; each test works on a copy of it."""
    path = tmp_path_factory.mktemp("template") / "prescreen.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def migrated_sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """An empty, migrated SQLite database of the test's own (a copy of the template)."""
    path = tmp_path / "prescreen.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test gets an empty, migrated database on each backend."""
    if request.param == "sqlite":
        sqlite: str = request.getfixturevalue("migrated_sqlite_url")
        return sqlite
    url: str = request.getfixturevalue("postgres_url")
    _truncate_postgres(url)
    return url


@pytest.fixture
def db_session(database_url: str) -> Iterator[Session]:
    """A session inside one transaction that is rolled back after the test, whatever it committed
    (its commits release savepoints), on SQLite and PostgreSQL."""
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        # pysqlite opens transactions on its own and so breaks SAVEPOINT: let SQLAlchemy do it.
        event.listen(engine, "connect", _sqlite_manual_transactions)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        transaction.rollback()
    engine.dispose()


def _sqlite_manual_transactions(dbapi_connection: Any, _: Any) -> None:
    dbapi_connection.isolation_level = None


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'prescreen.db'}"


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "api_keys": API_KEYS,
        "auto_migrate": True,
        "line_workers": 0,  # tests that want worker processes ask for them
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def client(migrated_sqlite_url: str) -> Iterator[TestClient]:
    """An app on an empty SQLite database with two tenants; tenant A's key is an admin key."""
    with TestClient(create_app(make_settings(migrated_sqlite_url)), headers={"X-API-Key": KEY_A}) as c:
        yield c


@pytest.fixture
def db_client(database_url: str) -> Iterator[TestClient]:
    """The same, once on SQLite and once on PostgreSQL."""
    with TestClient(create_app(make_settings(database_url)), headers={"X-API-Key": KEY_A}) as c:
        yield c
