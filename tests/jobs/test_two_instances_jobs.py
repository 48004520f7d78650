"""Two service instances on one PostgreSQL database: a job whose instance is killed mid-way is taken
up by the other instance's worker and finishes with one screening, not two."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, select

from app.db.models import JobRow
from tests.conftest import KEY_A, _truncate_postgres
from tests.jobs.test_async_screenings import many_lines
from tests.jobs.waiting import wait_for
from tests.test_two_instances import _start

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

FAST_FAILOVER = {
    "PRESCREEN_WORKER_HEARTBEAT_SECONDS": "1",
    "PRESCREEN_WORKER_STALLED_SECONDS": "4",
    "PRESCREEN_WORKER_POLL_SECONDS": "0.2",
    "PRESCREEN_ASYNC_CHUNK_LINES": "250",
}
HEADERS = {"X-API-Key": KEY_A}


def job_at(base: str, location: str) -> dict[str, Any]:
    body: dict[str, Any] = httpx.get(f"{base}{location}", headers=HEADERS, timeout=30).json()
    return body


def test_a_job_of_a_killed_instance_is_finished_by_the_other_once(postgres_url: str, tmp_path: Path) -> None:
    _truncate_postgres(postgres_url)
    first, base_1 = _start(postgres_url, tmp_path / "one.log", FAST_FAILOVER)
    second = None
    try:
        response = httpx.post(
            f"{base_1}/v1/screenings",
            params={"mode": "async"},
            json=many_lines(30_000),
            headers=HEADERS | {"Idempotency-Key": "failover-1"},
            timeout=120,
        )
        assert response.status_code == 202, response.text
        location = response.headers["location"]
        # Only the first instance runs a worker: it takes the job.
        wait_for(
            lambda: job_at(base_1, location)["progress"]["lines_done"] > 0,
            timeout=120,
            what="the first worker",
        )
        # Killed before the second instance starts, so the job cannot finish on the first meanwhile.
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=20)
        second, base_2 = _start(postgres_url, tmp_path / "two.log", FAST_FAILOVER)
        stalled = job_at(base_2, location)
        assert stalled["status"] == "running", stalled
        assert stalled["progress"]["lines_done"] < 30_000

        def done() -> dict[str, Any] | None:
            body = job_at(base_2, location)
            return body if body["status"] in ("done", "failed") else None

        finished = wait_for(done, timeout=240, every=0.5, what="the second instance to finish the job")
        assert finished["status"] == "done", finished
        listed = httpx.get(
            f"{base_2}/v1/screenings", params={"limit": 10}, headers=HEADERS, timeout=30
        ).json()
        assert [item["screening_id"] for item in listed["items"]] == [finished["screening_id"]]
        assert listed["items"][0]["line_count"] == 30_000
        engine = create_engine(postgres_url)
        with engine.connect() as connection:
            attempts = connection.scalar(select(JobRow.attempts).where(JobRow.id == finished["job_id"]))
        engine.dispose()
        assert attempts == 2  # started by the first instance, finished by the second
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
