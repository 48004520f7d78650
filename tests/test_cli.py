"""The `prescreen` command: keys made by the CLI work against the API and are stored hashed."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from app.cli import cli
from app.main import create_app
from app.settings import Settings
from tests.helpers import assert_problem, knowledge_cache

runner = CliRunner()
CAMPAIGN = {"name": "CLI test campaign", "starts_on": "2026-01-01", "ends_on": "2026-01-31"}


@pytest.fixture(scope="module", autouse=True)
def _shared_knowledge() -> Iterator[None]:
    with knowledge_cache():
        yield


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("PRESCREEN_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.delenv("PRESCREEN_API_KEYS", raising=False)
    return path


@pytest.fixture
def api(db_path: Path) -> Iterator[TestClient]:
    """The API on the CLI's database, with no bootstrap keys: only keys made by the CLI work."""
    with TestClient(create_app(Settings(database_url=f"sqlite:///{db_path}", api_keys=""))) as client:
        yield client


def create_key(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["keys", "create", *args])
    assert result.exit_code == 0, result.output
    first, key = result.output.strip().splitlines()[-2:]
    match = re.search(r"id=(\d+)", first)
    assert match, result.output
    return int(match.group(1)), key.strip()


def test_a_created_key_works_and_only_its_hash_is_stored(db_path: Path, api: TestClient) -> None:
    key_id, key = create_key("--tenant", "acme", "--label", "ERP integration")

    assert len(key) >= 32
    assert api.get("/v1/screenings", headers={"X-API-Key": key}).status_code == 200
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        row = (
            connection.execute(text("SELECT * FROM api_keys WHERE id = :id"), {"id": key_id}).mappings().one()
        )
    engine.dispose()
    assert row["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert row["tenant"] == "acme"
    assert not row["admin"]
    assert key not in {str(v) for v in row.values()}
    assert key.encode() not in db_path.read_bytes()


def test_keys_list_shows_a_prefix_never_the_key(db_path: Path) -> None:
    _, key_a = create_key("--tenant", "acme")
    _, key_b = create_key("--tenant", "globex", "--admin")

    listed = runner.invoke(cli, ["keys", "list"])
    only_acme = runner.invoke(cli, ["keys", "list", "--tenant", "acme"])

    assert listed.exit_code == 0, listed.output
    assert key_a not in listed.output
    assert key_b not in listed.output
    assert key_a[:8] in listed.output
    lines = listed.output.strip().splitlines()
    assert len(lines) == 2
    assert "admin" in next(line for line in lines if "globex" in line)
    assert "globex" not in only_acme.output
    assert "acme" in only_acme.output


def test_a_revoked_key_stops_working(db_path: Path, api: TestClient) -> None:
    key_id, key = create_key("--tenant", "acme")
    _, other = create_key("--tenant", "acme")
    assert api.get("/v1/screenings", headers={"X-API-Key": key}).status_code == 200

    result = runner.invoke(cli, ["keys", "revoke", str(key_id)])

    assert result.exit_code == 0, result.output
    assert_problem(api.get("/v1/screenings", headers={"X-API-Key": key}), 401)
    assert api.get("/v1/screenings", headers={"X-API-Key": other}).status_code == 200
    assert "revoked" in runner.invoke(cli, ["keys", "list"]).output
    again = runner.invoke(cli, ["keys", "revoke", str(key_id)])
    assert again.exit_code == 1


def test_revoking_an_unknown_key_fails(db_path: Path) -> None:
    result = runner.invoke(cli, ["keys", "revoke", "999"])

    assert result.exit_code == 1


def test_only_an_operator_key_may_change_campaigns(db_path: Path, api: TestClient) -> None:
    _, user = create_key("--tenant", "acme")
    _, admin = create_key("--tenant", "acme", "--admin")
    _, operator = create_key("--tenant", "ops", "--operator")

    assert_problem(api.put("/v1/campaigns/cli-test", json=CAMPAIGN, headers={"X-API-Key": user}), 403)
    # A tenant's admin key administers that tenant only: campaigns are every tenant's.
    assert_problem(api.put("/v1/campaigns/cli-test", json=CAMPAIGN, headers={"X-API-Key": admin}), 403)
    response = api.put("/v1/campaigns/cli-test", json=CAMPAIGN, headers={"X-API-Key": operator})
    assert response.status_code == 200, response.text


def test_keys_belong_to_their_tenant(db_path: Path, api: TestClient) -> None:
    _, acme = create_key("--tenant", "acme")
    _, globex = create_key("--tenant", "globex")
    body = {
        "brand": "Rolex",
        "shipper_id": "SHP-1",
        "reference": "LIC-1",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
    }
    created = api.post("/v1/authorizations", json=body, headers={"X-API-Key": acme})
    assert created.status_code == 201, created.text

    assert api.get("/v1/authorizations", headers={"X-API-Key": globex}).json()["items"] == []
    assert len(api.get("/v1/authorizations", headers={"X-API-Key": acme}).json()["items"]) == 1


def test_db_upgrade_creates_the_schema(db_path: Path) -> None:
    result = runner.invoke(cli, ["db", "upgrade"])

    assert result.exit_code == 0, result.output
    engine = create_engine(f"sqlite:///{db_path}")
    assert {"api_keys", "screenings", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()
