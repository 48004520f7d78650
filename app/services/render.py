"""The response body of a screening, built once and stored as bytes so GET returns it unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from app.engine.types import Flag, ScreeningResult


def flag_body(flag: Flag) -> dict[str, Any]:
    return {
        "code": flag.code.value,
        "severity": flag.severity.value,
        "line_id": flag.line_id,
        "reason": flag.reason,
        "recommendation": flag.recommendation,
        "evidence": dict(flag.evidence),
        "points": flag.points,
    }


def screening_body(
    screening_id: str,
    reference: str | None,
    created_at: dt.datetime,
    result: ScreeningResult,
    versions: dict[str, str],
) -> bytes:
    body = {
        "screening_id": screening_id,
        "reference": reference,
        "created_at": created_at.isoformat().replace("+00:00", "Z"),
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
    return orjson.dumps(body)
