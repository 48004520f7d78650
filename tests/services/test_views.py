"""The summary view of a stored body, on bodies of every shape the service records."""

from __future__ import annotations

from typing import Any

import orjson

from app.services.views import View, render, summary


def flag(line_id: str | None, code: str = "BRAND_MATCH") -> dict[str, Any]:
    return {"code": code, "severity": "high", "line_id": line_id, "points": 10}


def body(lines: list[dict[str, Any]], manifest_flags: list[dict[str, Any]], **extra: Any) -> bytes:
    every = [f for entry in lines for f in entry["flags"]] + manifest_flags
    return orjson.dumps({"screening_id": "scr_1", "risk_score": 40, "flags": every, "lines": lines, **extra})


def test_the_full_view_is_the_stored_bytes_unchanged() -> None:
    stored = body([{"line_id": "1", "flags": [flag("1")]}], [])

    assert render(stored, View.full) is stored


def test_clean_manifests_summarise_to_no_lines() -> None:
    out = orjson.loads(summary(body([{"line_id": str(i), "flags": []} for i in range(50)], [])))

    assert (out["lines"], out["flags"], out["line_count"]) == ([], [], 50)


def test_manifest_level_flags_stay_and_line_flags_live_in_their_lines() -> None:
    lines = [
        {"line_id": "1", "flags": []},
        {"line_id": "2", "flags": [flag("2"), flag("2", "PRICE_ANOMALY")]},
    ]
    stored = body(lines, [flag(None, "SPLIT_SHIPMENT")], history=[{"risk_score": 10}])

    out = orjson.loads(summary(stored))

    assert out["flags"] == [flag(None, "SPLIT_SHIPMENT")]
    assert out["lines"] == [lines[1]]
    assert out["history"] == [{"risk_score": 10}], "fields the view does not know pass through"
    assert out["view"] == "summary"
