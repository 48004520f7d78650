"""A client generated from /openapi.json by openapi-python-client screens, reads and searches."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas.screening import EXAMPLE_REQUEST

pytestmark = pytest.mark.slow
PACKAGE = "prescreen_generated_client"


@pytest.fixture
def generated(client: TestClient, tmp_path: Path) -> Iterator[ModuleType]:
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(client.get("/openapi.json").json()), encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [bin_dir / "openapi-python-client", "generate", "--path", document, "--meta", "none",
         "--output-path", tmp_path / PACKAGE],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout, done.stdout
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _api(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_a_generated_client_screens_reads_lists_and_searches(
    generated: ModuleType, client: TestClient
) -> None:
    models = _api("models")
    api = generated.Client(base_url=str(client.base_url)).set_httpx_client(client)

    created = _api("api.screenings.create_screening").sync_detailed(
        client=api, body=models.ScreeningRequest.from_dict(EXAMPLE_REQUEST), idempotency_key="gen-1"
    )
    assert created.status_code == 201, created.content
    result = created.parsed
    assert isinstance(result, models.ScreeningOut)
    assert isinstance(result.decision, models.Decision)
    assert isinstance(result.risk_level, models.RiskLevel)
    assert any(flag.code is models.FlagCode.BRAND_MATCH for flag in result.flags)
    assert all(isinstance(flag.severity, models.Severity) for flag in result.flags)
    [brand] = [flag for flag in result.flags if flag.code is models.FlagCode.BRAND_MATCH]
    assert isinstance(brand.evidence.match_type, models.MatchType)
    assert brand.evidence.brand == "Rolex"
    assert created.headers["location"] == f"/v1/screenings/{result.screening_id}"

    got = _api("api.screenings.get_screening").sync(client=api, screening_id=result.screening_id)
    # GET is documented as the latest result (a ScreeningOut with `screened_at` and `history` once
    # re-screened); never re-screened, it is the first result exactly.
    assert isinstance(got, models.ScreeningLatestOut)
    assert got.to_dict() == result.to_dict()
    summary = _api("api.screenings.get_screening").sync(
        client=api, screening_id=result.screening_id, view=models.View.SUMMARY
    )
    assert all(line.flags for line in summary.lines)

    page = _api("api.screenings.list_screenings").sync(client=api, decision=result.decision)
    assert [item.screening_id for item in page.items] == [result.screening_id]

    brands = _api("api.brands.search_brands").sync(client=api, q="rolex")
    assert any(hit.brand == "Rolex" for hit in brands.results)

    missing = _api("api.screenings.get_screening").sync(client=api, screening_id="scr_none")
    assert isinstance(missing, models.Problem)
    assert missing.status == 404


def test_operation_ids_are_the_route_functions_names(client: TestClient) -> None:
    ids = [
        operation["operationId"]
        for item in client.get("/openapi.json").json()["paths"].values()
        for operation in item.values()
    ]

    assert len(ids) == len(set(ids))
    assert {"create_screening", "get_screening", "list_screenings", "search_brands"} <= set(ids)
    assert all(i.isidentifier() and i.islower() for i in ids), ids


def test_every_keyed_operation_declares_401_and_429_with_retry_after(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    keyed = [op for item in paths.values() for op in item.values() if op.get("security")]
    keyed = [op for op in keyed if any("APIKeyHeader" in r for r in op["security"])]

    assert len(keyed) >= 10
    for operation in keyed:
        for status in ("401", "429"):
            assert "application/problem+json" in operation["responses"][status]["content"], operation
        assert "Retry-After" in operation["responses"]["429"]["headers"]
