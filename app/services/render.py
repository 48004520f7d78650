"""The response body of a screening, rendered once from `ScreeningOut` and stored as bytes, so that
GET returns exactly what POST first returned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.engine.types import Flag, ScreeningResult
from app.schemas.levels import Decision, RiskLevel
from app.schemas.screening import FlagOut, LineOut, ScreeningOut, UploadWarning, Versions


def flag_out(flag: Flag) -> FlagOut:
    # Built without validation: the engine's values are typed already, and a manifest has
    # thousands of flags.
    return FlagOut.model_construct(
        code=flag.code,
        severity=flag.severity,
        line_id=flag.line_id,
        reason=flag.reason,
        recommendation=flag.recommendation,
        evidence=dict(flag.evidence),
        points=flag.points,
    )


def screening_out(
    screening_id: str,
    reference: str | None,
    created_at: dt.datetime,
    result: ScreeningResult,
    versions: dict[str, str],
    warnings: list[dict[str, Any]] | None = None,
) -> ScreeningOut:
    return ScreeningOut.model_construct(
        screening_id=screening_id,
        reference=reference,
        created_at=created_at,
        risk_score=result.risk_score,
        risk_level=RiskLevel(result.risk_level),
        decision=Decision(result.decision),
        campaigns=list(result.campaigns),
        versions=Versions.model_validate(versions),
        flags=[flag_out(f) for f in result.flags],
        lines=[
            LineOut.model_construct(
                line_id=line.line_id,
                risk_score=line.risk_score,
                risk_level=RiskLevel(line.risk_level),
                flags=[flag_out(f) for f in line.flags],
            )
            for line in result.lines
        ],
        warnings=None if warnings is None else [UploadWarning.model_validate(w) for w in warnings],
    )


def screening_body(
    screening_id: str,
    reference: str | None,
    created_at: dt.datetime,
    result: ScreeningResult,
    versions: dict[str, str],
    warnings: list[dict[str, Any]] | None = None,
) -> bytes:
    out = screening_out(screening_id, reference, created_at, result, versions, warnings)
    return out.model_dump_json().encode()
