"""Two service instances on one PostgreSQL database share one history (issue: several instances)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import API_KEYS, KEY_A, _truncate_postgres
from tests.factories import small_parcel

REPO = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(
    database_url: str, log: Path, extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESCREEN_")}
    env.update(
        PRESCREEN_DATABASE_URL=database_url, PRESCREEN_API_KEYS=API_KEYS, PRESCREEN_AUTO_MIGRATE="false"
    )
    env.update(extra or {})
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--log-level", "warning"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"instance exited at start-up: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    pytest.fail(f"instance not ready within 60 s: {log.read_text()[-2000:]}")


@pytest.fixture
def two_instances(postgres_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    _truncate_postgres(postgres_url)
    first, base_1 = _start(postgres_url, tmp_path / "one.log")
    try:
        second, base_2 = _start(postgres_url, tmp_path / "two.log")
    except BaseException:
        first.kill()
        raise
    try:
        yield base_1, base_2
    finally:
        for proc in (first, second):
            proc.terminate()
            proc.wait(timeout=20)


def test_an_ant_moving_series_split_between_instances_is_caught(two_instances: tuple[str, str]) -> None:
    bases = two_instances
    start = dt.date(2026, 10, 1)
    codes_per_step = []
    for n in range(8):
        body = small_parcel(start + dt.timedelta(days=2 * n))
        response = httpx.post(
            f"{bases[n % 2]}/v1/screenings", json=body, headers={"X-API-Key": KEY_A}, timeout=30
        )
        assert response.status_code == 201, response.text
        doc = response.json()
        codes_per_step.append({f["code"] for f in doc["flags"]})
    assert "ANT_MOVING" not in codes_per_step[0]
    assert "ANT_MOVING" in codes_per_step[-1]
    # Each instance sees the other's recordings in the tenant's list.
    listed = [
        httpx.get(f"{b}/v1/screenings", params={"limit": 50}, headers={"X-API-Key": KEY_A}, timeout=30).json()
        for b in bases
    ]
    assert len(listed[0]["items"]) == len(listed[1]["items"]) == 8
