"""The stored body is rendered from `ScreeningOut` and is byte for byte what the former hand-built
rendering (orjson over a dict in field order) gave, so stored results and new ones read alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pytest

from app.engine.types import Flag, FlagCode, LineResult, ScreeningResult, Severity
from app.schemas.screening import ScreeningOut
from app.services.render import screening_body

VERSIONS = {"engine": "1.0.0+abc", "brand_list": "2026.11.27", "campaigns": "c0ffee"}


def flag(code: FlagCode, line_id: str | None, points: int, evidence: dict[str, Any]) -> Flag:
    return Flag(code, Severity.HIGH, line_id, f"{code} — reason «ü»", "Check it.", points, evidence)


def former_body(sid: str, ref: str | None, at: dt.datetime, result: ScreeningResult) -> bytes:
    def one(f: Flag) -> dict[str, Any]:
        return {
            "code": f.code.value,
            "severity": f.severity.value,
            "line_id": f.line_id,
            "reason": f.reason,
            "recommendation": f.recommendation,
            "evidence": dict(f.evidence),
            "points": f.points,
        }

    return orjson.dumps(
        {
            "screening_id": sid,
            "reference": ref,
            "created_at": at.isoformat().replace("+00:00", "Z"),
            "risk_score": result.risk_score,
            "risk_level": result.risk_level,
            "decision": result.decision,
            "campaigns": list(result.campaigns),
            "versions": VERSIONS,
            "flags": [one(f) for f in result.flags],
            "lines": [
                {
                    "line_id": r.line_id,
                    "risk_score": r.risk_score,
                    "risk_level": r.risk_level,
                    "flags": [one(f) for f in r.flags],
                }
                for r in result.lines
            ],
        }
    )


EVIDENCE = [
    {},
    {"brand": "Rolex", "similarity": 92, "campaign_factor": 1.5, "matched_text": "R0LEX 劳力士"},
    {"unit_value_usd": 0.1 + 0.2, "floor": 1e16, "ratio": 1 / 3, "tiny": 5e-324, "none": None},
    {"lines": ["1", "2"], "nested": {"a": [1, 2.5, True]}, "tuple": (1, "x")},
]


@pytest.mark.parametrize("evidence", EVIDENCE)
@pytest.mark.parametrize(
    "created_at",
    [dt.datetime(2026, 12, 4, 2, 36, 11, 123456, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)],
)
@pytest.mark.parametrize("reference", [None, "SHP-Ω-1"])
def test_body_is_the_former_rendering(
    evidence: dict[str, Any], created_at: dt.datetime, reference: str | None
) -> None:
    line_flag = flag(FlagCode.BRAND_MATCH, "1", 82, evidence)
    result = ScreeningResult(
        risk_score=92,
        risk_level="critical",
        decision="hold",
        campaigns=("longteng-2026",),
        flags=(flag(FlagCode.CAMPAIGN_DESTINATION, None, 10, evidence), line_flag),
        lines=(LineResult("1", 82, "critical", (line_flag,)), LineResult("2", 0, "low", ())),
        goods=(),
    )
    body = screening_body("scr_1", reference, created_at, result, VERSIONS)
    assert body == former_body("scr_1", reference, created_at, result)
    assert ScreeningOut.model_validate_json(body).model_dump_json().encode() == body


@pytest.mark.parametrize(
    "warnings",
    [
        [],
        [{"code": "column_ignored", "message": "column F '备注' ignored", "column": "备注"}],
        [
            {"code": "header_row", "message": "header on row 3", "row": 3},
            {"code": "rows_skipped", "message": "2"},
        ],
    ],
)
def test_upload_warnings_render_as_the_model_does(warnings: list[dict[str, Any]]) -> None:
    result = ScreeningResult(20, "low", "clear", (), (), (LineResult("1", 0, "low", ()),), ())
    at = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)
    body = screening_body("scr_2", None, at, result, VERSIONS, warnings)
    model = ScreeningOut.model_validate_json(body)
    assert model.warnings is not None
    assert len(model.warnings) == len(warnings)
    assert model.model_dump_json().encode() == body
    assert b'"warnings"' not in screening_body("scr_2", None, at, result, VERSIONS)
