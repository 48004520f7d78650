"""GET /v1/screenings/{id}: the latest result, with the earlier ones summarised in `history`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.db import rescreen_repository
from app.db.models import Screening


def latest_body(session: Session, row: Screening) -> bytes:
    """The stored body exactly as first returned while the screening was never re-screened."""
    later = rescreen_repository.results_of(session, row.tenant, row.id)
    if not later:
        return row.result
    first = orjson.loads(row.result)
    history: list[dict[str, Any]] = [
        _entry(first["created_at"], first["versions"], row.risk_score, row.risk_level, row.decision)
    ]
    history += [
        _entry(_iso(r.screened_at), json.loads(r.versions), r.risk_score, r.risk_level, r.decision)
        for r in later[:-1]
    ]
    latest = orjson.loads(later[-1].result)
    latest["screened_at"] = _iso(later[-1].screened_at)
    latest["history"] = history
    return orjson.dumps(latest)


def _entry(
    screened_at: str, versions: dict[str, str], risk_score: int, risk_level: str, decision: str
) -> dict[str, Any]:
    return {
        "screened_at": screened_at,
        "versions": versions,
        "risk_score": risk_score,
        "risk_level": risk_level,
        "decision": decision,
    }


def _iso(value: dt.datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC
    return aware.isoformat().replace("+00:00", "Z")
