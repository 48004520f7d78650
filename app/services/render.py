"""The response body of a screening, rendered once and stored as bytes, so that GET returns
exactly what POST first returned.

The body is the JSON of `ScreeningOut` (app/schemas/screening.py), field for field and in its
order, written by orjson from plain dicts: building a pydantic model per line and flag
(`model_construct`, about 5 µs each in Python) made rendering a 10,000-line manifest five to ten
times slower (docs/performance.md). tests/services/test_render.py proves the bytes are those
`ScreeningOut` validates and dumps back unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from app.engine.types import Flag, ScreeningResult
from app.schemas.screening import UploadWarning


def flag_body(flag: Flag) -> dict[str, Any]:
    """One `FlagOut`."""
    return {
        "code": flag.code.value,
        "severity": flag.severity.value,
        "line_id": flag.line_id,
        "reason": flag.reason,
        "recommendation": flag.recommendation,
        "evidence": dict(flag.evidence),
        "points": flag.points,
    }


def screening_dict(
    screening_id: str,
    reference: str | None,
    created_at: dt.datetime,
    result: ScreeningResult,
    versions: dict[str, str],
    warnings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One `ScreeningOut` as plain data; `warnings` (uploads only) absent, not null, when None."""
    body: dict[str, Any] = {
        "screening_id": screening_id,
        "reference": reference,
        "created_at": created_at,
        "risk_score": result.risk_score,
        "risk_level": result.risk_level,
        "decision": result.decision,
        "campaigns": list(result.campaigns),
        "versions": versions,
        "flags": [flag_body(f) for f in result.flags],
        "lines": [
            {
                "line_id": line.line_id,
                "risk_score": line.risk_score,
                "risk_level": line.risk_level,
                "flags": [flag_body(f) for f in line.flags],
            }
            for line in result.lines
        ],
    }
    if warnings is not None:
        # a few per upload: validated as the model fills and orders them
        body["warnings"] = [UploadWarning.model_validate(w).model_dump(mode="json") for w in warnings]
    return body


def screening_body(
    screening_id: str,
    reference: str | None,
    created_at: dt.datetime,
    result: ScreeningResult,
    versions: dict[str, str],
    warnings: list[dict[str, Any]] | None = None,
) -> bytes:
    # orjson writes an aware UTC datetime as pydantic does ("Z", microseconds when present).
    body = screening_dict(screening_id, reference, created_at, result, versions, warnings)
    return orjson.dumps(body, option=orjson.OPT_UTC_Z)
