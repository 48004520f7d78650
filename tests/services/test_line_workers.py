"""Large manifests screened with worker processes answer exactly as when screened in one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import make_settings
from tests.factories import line, manifest

pytestmark = pytest.mark.slow

GOODS = [
    line("Ceramic coffee mugs 350ml", hs_code="6912.00"),
    line("R0LEX Submariner automatic watch", hs_code="9102.21", unit_value=20.0),
    line("Men's quartz wrist watch, unbranded", hs_code="9102.11", unit_value=3.0),
    line("Nike Air Max 90 sneakers", hs_code="6404.11", unit_value=6.0),
    line("Woven logo labels for socks", hs_code="5807.10", unit_value=0.01, quantity=5000),
    line("乐高积木 拼装玩具", hs_code="9503.00"),
    line("Items", unit_value=30.0),
]


def _big_manifest(n: int) -> dict[str, Any]:
    lines = [dict(GOODS[i % len(GOODS)], line_id=str(i + 1)) for i in range(n)]
    return manifest(*lines, destination_country="US", departure_date="2026-11-30")


def _comparable(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in {"screening_id", "created_at"}}


@pytest.fixture
def clients(tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    one = make_settings(f"sqlite:///{tmp_path / 'one.db'}", line_workers=0)
    many = make_settings(f"sqlite:///{tmp_path / 'many.db'}", line_workers=2, parallel_min_lines=100)
    key = {"X-API-Key": "test-key-tenant-a-0001"}
    with TestClient(create_app(one), headers=key) as a, TestClient(create_app(many), headers=key) as b:
        yield a, b


def test_worker_processes_give_the_same_answer_as_one_process(clients: tuple[TestClient, TestClient]) -> None:
    single, parallel = clients
    body = _big_manifest(700)
    expected = single.post("/v1/screenings", json=body)
    got = parallel.post("/v1/screenings", json=body)
    assert expected.status_code == got.status_code == 201
    assert _comparable(got.json()) == _comparable(expected.json())
    assert [ln["line_id"] for ln in got.json()["lines"]] == [str(i + 1) for i in range(700)]
    assert json.dumps(got.json()["lines"][1]).count("BRAND_MATCH") == 1
    metrics = parallel.get("/metrics").text
    assert "prescreen_worker_lines_total 466.0" in metrics  # two of the three chunks of 234 lines (700 / 3)
    assert "prescreen_worker_failures_total 0.0" in metrics
