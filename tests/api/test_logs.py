"""Structured logs: one JSON line per request with its id, tenant, route, status, duration and screening."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.deps import PrincipalDep
from app.main import create_app
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest

SECRET_DESCRIPTION = "Zqvortex unique manifest wording 4471"
METRICS_TOKEN = "metrics-token-never-logged-9931"


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(raw) for raw in text.splitlines() if raw.startswith("{")]


def requests_logged(text: str) -> list[dict[str, Any]]:
    return [entry for entry in json_lines(text) if entry.get("event") == "request"]


@pytest.fixture
def json_client(sqlite_url: str) -> Any:
    settings = make_settings(sqlite_url, log_format="json", log_level="DEBUG", metrics_token=METRICS_TOKEN)
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as c:
        yield c


def test_a_screening_logs_one_json_line_with_its_context(
    json_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    created = json_client.post(
        "/v1/screenings",
        json=manifest(line(), line("Plastic storage boxes")),
        headers={"X-Request-ID": "req-7"},
    )
    assert created.status_code == 201, created.text

    [entry] = requests_logged(capsys.readouterr().err)
    assert entry["request_id"] == "req-7"
    assert entry["tenant"] == "tenant-a"
    assert entry["route"] == "/v1/screenings"
    assert entry["method"] == "POST"
    assert entry["status"] == 201
    assert entry["screening_id"] == created.json()["screening_id"]
    assert entry["lines"] == 2
    assert entry["duration_ms"] > 0
    assert entry["level"] == "info"
    assert entry["timestamp"].endswith("Z")


def test_the_route_is_the_template_not_the_path(
    json_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    screening_id = json_client.post("/v1/screenings", json=manifest()).json()["screening_id"]
    capsys.readouterr()

    json_client.get(f"/v1/screenings/{screening_id}")
    json_client.get("/v1/screenings/scr_unknown", headers={"X-API-Key": KEY_B})

    found, missing = requests_logged(capsys.readouterr().err)
    assert found["route"] == missing["route"] == "/v1/screenings/{screening_id}"
    assert (found["status"], found["screening_id"], found["lines"]) == (200, screening_id, 1)
    assert (missing["status"], missing["tenant"]) == (404, "tenant-b")
    assert "screening_id" not in missing


def test_no_key_secret_or_manifest_is_ever_logged(
    json_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    json_client.post("/v1/screenings", json=manifest(line(SECRET_DESCRIPTION)))
    json_client.post("/v1/screenings", json=manifest(line(SECRET_DESCRIPTION, hs_code="0000.00")))
    json_client.get("/v1/screenings", headers={"X-API-Key": "wrong-key-never-logged-1234"})
    json_client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    json_client.post(
        "/v1/webhooks-or-anything", json={"secret": "hush"}, headers={"Authorization": "Bearer hush"}
    )

    logged = capsys.readouterr().err
    assert len(requests_logged(logged)) == 5
    for secret in (KEY_A, "wrong-key-never-logged-1234", METRICS_TOKEN, SECRET_DESCRIPTION, "hush"):
        assert secret not in logged


def test_every_line_of_a_request_carries_its_id(
    json_client: TestClient, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("list: [\n", encoding="utf-8")
    json_client.app.state.prescreen.settings.extra_brand_lists.append(broken)  # type: ignore[attr-defined]
    capsys.readouterr()

    json_client.post("/v1/brand-lists/reload", headers={"X-Request-ID": "req-reload"})

    entries = json_lines(capsys.readouterr().err)
    assert len(entries) >= 2, entries
    assert {e["request_id"] for e in entries} == {"req-reload"}
    assert {e["tenant"] for e in entries} == {"tenant-a"}
    assert any(e["level"] == "error" and "broken.yaml" in e["event"] for e in entries)


def test_an_unexpected_error_is_logged_with_the_request_and_tenant(
    json_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(principal: PrincipalDep) -> None:
        raise RuntimeError("boom")

    json_client.app.add_api_route("/v1/boom", broken)  # type: ignore[attr-defined]
    with TestClient(json_client.app, raise_server_exceptions=False) as raw:
        capsys.readouterr()
        raw.get("/v1/boom", headers={"X-Request-ID": "req-boom", "X-API-Key": KEY_A})

    entries = json_lines(capsys.readouterr().err)
    [error] = [e for e in entries if e["event"] == "unhandled error"]
    assert (error["request_id"], error["tenant"], error["level"]) == ("req-boom", "tenant-a", "error")
    assert "RuntimeError: boom" in error["exception"]
    [request] = requests_logged("\n".join(json.dumps(e) for e in entries))
    assert (request["status"], request["level"]) == (500, "error")


def test_probes_are_logged_at_debug_only(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with TestClient(create_app(make_settings(sqlite_url, log_format="json", log_level="INFO"))) as client:
        capsys.readouterr()
        for path in ("/healthz", "/readyz", "/metrics"):
            assert client.get(path).status_code == 200
        client.get("/v1/screenings", headers={"X-API-Key": KEY_A})

    assert [e["route"] for e in requests_logged(capsys.readouterr().err)] == ["/v1/screenings"]


def test_console_format_is_text_for_people(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with TestClient(create_app(make_settings(sqlite_url, log_format="console"))) as client:
        capsys.readouterr()
        client.get("/v1/screenings", headers={"X-API-Key": KEY_A, "X-Request-ID": "req-console"})

    [logged] = [raw for raw in capsys.readouterr().err.splitlines() if "req-console" in raw]
    assert not logged.startswith("{")
    assert "request" in logged
    assert "/v1/screenings" in logged
    assert "tenant-a" in logged


def test_a_long_path_is_logged_cut_short(json_client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    json_client.get("/v1/" + "x" * 8_000)  # within PRESCREEN_MAX_URL_BYTES (8 KiB): routed, not found

    [entry] = requests_logged(capsys.readouterr().err)
    assert (entry["route"], entry["status"]) == ("unmatched", 404)
    assert entry["path"].startswith("/v1/xxx")
    assert len(entry["path"]) <= 256


def test_a_path_past_the_url_limit_is_refused_and_logged_cut_short(
    json_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    answer = json_client.get("/v1/" + "x" * 20_000)

    [entry] = requests_logged(capsys.readouterr().err)
    assert (entry["route"], entry["status"]) == ("unmatched", 414)
    assert answer.json()["request_id"] == entry["request_id"] == answer.headers["X-Request-ID"]
    assert len(entry["path"]) <= 256


def test_the_log_level_is_read_in_any_case() -> None:
    assert make_settings("sqlite://", log_level="debug").log_level == "DEBUG"


def test_the_log_format_follows_the_environment_unless_set() -> None:
    assert make_settings("sqlite://").effective_log_format == "console"
    production = make_settings(
        "postgresql+psycopg://db/x", environment="production", api_keys="t:a-long-enough-key-0001"
    )
    assert production.effective_log_format == "json"
    assert make_settings("sqlite://", log_format="json").effective_log_format == "json"
