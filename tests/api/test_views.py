"""?view=summary for big manifests, and gzip for large answers; the record stays as first returned."""

from __future__ import annotations

import gzip
import json

from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import KEY_A, make_settings
from tests.factories import line, manifest
from tests.helpers import SCREENING_KEYS


def mixed_manifest(clean: int = 30) -> dict[str, object]:
    lines = [line(f"Ceramic coffee mugs, batch {i}", line_id=f"c{i}") for i in range(clean)]
    lines.insert(3, line("R0LEX Submariner watch, AAA", hs_code="9102.21", unit_value=18.0, line_id="w1"))
    lines.insert(9, line("Gucci handbags, leather", hs_code="4202.21", unit_value=9.0, line_id="b1"))
    return manifest(*lines)


def test_the_summary_holds_the_manifest_result_and_the_flagged_lines_only(client: TestClient) -> None:
    full = client.post("/v1/screenings", json=mixed_manifest()).json()

    summary = client.get(f"/v1/screenings/{full['screening_id']}", params={"view": "summary"}).json()

    flagged = [entry for entry in full["lines"] if entry["flags"]]
    assert {entry["line_id"] for entry in flagged} >= {"w1", "b1"}
    assert len(flagged) < len(full["lines"])
    assert summary["lines"] == flagged
    assert summary["flags"] == [f for f in full["flags"] if f["line_id"] is None]
    assert summary["line_count"] == len(full["lines"]) == 32
    assert summary["view"] == "summary"
    for key in SCREENING_KEYS - {"flags", "lines"}:
        assert summary[key] == full[key], key


def test_post_answers_the_summary_and_stores_the_full_result(client: TestClient) -> None:
    created = client.post(
        "/v1/screenings",
        json=mixed_manifest(),
        params={"view": "summary"},
        headers={"Idempotency-Key": "k-1"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["view"] == "summary"

    stored = client.get(created.headers["location"])
    retried_full = client.post("/v1/screenings", json=mixed_manifest(), headers={"Idempotency-Key": "k-1"})
    retried_summary = client.post(
        "/v1/screenings",
        json=mixed_manifest(),
        params={"view": "summary"},
        headers={"Idempotency-Key": "k-1"},
    )

    assert "view" not in stored.json()
    assert len(stored.json()["lines"]) == 32
    assert retried_full.content == stored.content, "the record is byte for byte the full first answer"
    assert retried_summary.content == created.content
    assert client.get(created.headers["location"]).content == stored.content


def test_an_unknown_view_is_a_422_naming_the_choices(client: TestClient) -> None:
    response = client.get("/v1/screenings/scr_x", params={"view": "tiny"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "view"]
    assert "summary" in response.json()["errors"][0]["msg"]


def test_large_answers_are_gzipped_for_clients_that_accept_it(sqlite_url: str) -> None:
    with TestClient(create_app(make_settings(sqlite_url)), headers={"X-API-Key": KEY_A}) as client:
        created = client.post("/v1/screenings", json=mixed_manifest(200)).json()
        url = f"/v1/screenings/{created['screening_id']}"
        # httpx decodes gzip itself: read the raw bytes to see what went over the wire.
        with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as raw:
            wire = b"".join(raw.iter_raw())
            headers = raw.headers
        with client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as plain:
            unzipped = b"".join(plain.iter_raw())
            plain_headers = plain.headers
        small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})

    assert headers["content-encoding"] == "gzip"
    assert headers["x-request-id"]
    assert gzip.decompress(wire) == unzipped
    assert len(wire) < len(unzipped) / 5
    assert json.loads(unzipped)["screening_id"] == created["screening_id"]
    assert "content-encoding" not in plain_headers
    assert "content-encoding" not in small.headers, "small answers are sent as they are"


def test_gzip_can_be_turned_off(sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, gzip_min_bytes=0)
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        created = client.post("/v1/screenings", json=mixed_manifest(200), headers={"Accept-Encoding": "gzip"})

    assert created.status_code == 201
    assert "content-encoding" not in created.headers
