"""POST /v1/screenings?mode=async and GET /v1/jobs/{id}, on SQLite (no extra process) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from app.db.models import JobRow, Screening
from app.db.session import make_sessionmaker, upgrade
from app.main import create_app
from app.schemas.screening import ScreeningRequest
from app.services import async_screening
from app.services.knowledge_store import KnowledgeStore
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest
from tests.helpers import PROBLEM_JSON
from tests.jobs.waiting import wait_for


def many_lines(count: int) -> dict[str, Any]:
    kinds = [
        line("Ceramic coffee mugs 350ml, white", hs_code="6912.00"),
        line("R0LEX Submariner automatic watch", hs_code="9102.21", unit_value=18.0),
        line("Woven logo labels for watch straps", hs_code="5807.10", unit_value=0.02),
        line("Cotton T-shirts, plain, assorted sizes", hs_code="6109.10", unit_value=2.5),
    ]
    return manifest(*[dict(kinds[i % len(kinds)], line_id=f"L{i}") for i in range(count)])


@pytest.fixture
def async_client(database_url: str) -> Iterator[TestClient]:
    settings = make_settings(database_url, max_async_lines=5_000, async_chunk_lines=100)
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        yield client


def finished(client: TestClient, location: str) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        body: dict[str, Any] = client.get(location).json()
        return body if body["status"] in ("done", "failed") else None

    return wait_for(probe, what=f"{location} to finish")


def test_an_async_screening_is_accepted_then_done_with_its_stored_screening(async_client: TestClient) -> None:
    body = many_lines(1_200)
    response = async_client.post("/v1/screenings", params={"mode": "async"}, json=body)

    assert response.status_code == 202, response.text
    location = response.headers["location"]
    job = response.json()
    assert location == f"/v1/jobs/{job['job_id']}"
    assert job["status"] == "queued"
    assert job["progress"] == {"lines_done": 0, "lines_total": 1_200}

    done = finished(async_client, location)
    assert done["status"] == "done", done
    assert done["progress"] == {"lines_done": 1_200, "lines_total": 1_200}
    screening = async_client.get(f"/v1/screenings/{done['screening_id']}").json()
    assert len(screening["lines"]) == 1_200
    assert {f["code"] for f in screening["flags"]} >= {"BRAND_MATCH", "SEPARATED_MARKS"}
    # The same manifest screened at once gets the same scores.
    small = many_lines(8)
    sync = async_client.post("/v1/screenings", json=small).json()
    later = async_client.post("/v1/screenings", params={"mode": "async"}, json=small)
    via_job = async_client.get(
        f"/v1/screenings/{finished(async_client, later.headers['location'])['screening_id']}"
    )
    assert [ln["risk_score"] for ln in via_job.json()["lines"]] == [ln["risk_score"] for ln in sync["lines"]]


def test_a_retry_with_the_same_idempotency_key_returns_the_same_job(async_client: TestClient) -> None:
    body = many_lines(300)
    first = async_client.post("/v1/screenings?mode=async", json=body, headers={"Idempotency-Key": "bulk-1"})
    again = async_client.post("/v1/screenings?mode=async", json=body, headers={"Idempotency-Key": "bulk-1"})

    assert first.status_code == again.status_code == 202
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    done = finished(async_client, first.headers["location"])
    replay = async_client.post("/v1/screenings?mode=async", json=body, headers={"Idempotency-Key": "bulk-1"})
    assert replay.json()["screening_id"] == done["screening_id"]
    listed = async_client.get("/v1/screenings", params={"limit": 50}).json()["items"]
    assert len(listed) == 1

    changed = many_lines(301)
    conflict = async_client.post(
        "/v1/screenings?mode=async", json=changed, headers={"Idempotency-Key": "bulk-1"}
    )
    assert conflict.status_code == 409
    assert conflict.headers["content-type"].startswith(PROBLEM_JSON)


def test_bad_input_is_refused_at_once_and_records_no_job(async_client: TestClient, database_url: str) -> None:
    too_many = async_client.post("/v1/screenings?mode=async", json=many_lines(5_001))
    assert too_many.status_code == 413
    assert "5,000" in too_many.json()["detail"]

    body = manifest(line("Ceramic mugs", hs_code="9999.99"))
    unknown_code = async_client.post("/v1/screenings?mode=async", json=body)
    assert unknown_code.status_code == 422
    assert unknown_code.json()["errors"][0]["loc"] == ["body", "lines", 0, "hs_code"]

    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(JobRow)) == 0
    engine.dispose()


def test_another_tenants_job_answers_404(async_client: TestClient) -> None:
    location = async_client.post("/v1/screenings?mode=async", json=many_lines(3)).headers["location"]
    finished(async_client, location)

    other = async_client.get(location, headers={"X-API-Key": KEY_B})
    assert other.status_code == 404
    assert other.headers["content-type"].startswith(PROBLEM_JSON)
    assert async_client.get("/v1/jobs/job_nonexistent").status_code == 404


def test_a_job_a_stopped_process_left_queued_runs_when_the_service_starts_again(tmp_path: Path) -> None:
    """The SQLite default keeps its queue in-process: at start-up it queues again from the jobs table."""
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    upgrade(url)
    settings = make_settings(url)
    store = KnowledgeStore(settings.data_paths)
    store.load()
    assert store.current is not None
    engine = create_engine(url)
    with make_sessionmaker(engine)() as session:
        request = ScreeningRequest.model_validate(many_lines(40))
        job = async_screening.submit(session, store.current, settings, "tenant-a", request, None).job

    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        done = finished(client, f"/v1/jobs/{job.id}")

    assert done["status"] == "done"
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Screening)) == 1
    engine.dispose()
