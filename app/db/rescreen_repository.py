"""SQL of re-screening: the inputs kept for it, the later results, and what is out of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Screening, ScreeningInput, ScreeningResult


@dataclass(frozen=True)
class Staleness:
    """Which stored results are out of date for the data this process holds.

    A result made with other campaigns is out of date (every instance reads the campaigns from the
    database). One made with other brand lists or engine data is out of date only if it is older
    than this process's data: a newer one was made by an instance holding newer data, which this
    process must not undo."""

    today: dt.date
    engine: str
    brand_list: str
    campaigns: str
    data_loaded_at: dt.datetime


def _stale(s: Staleness) -> ColumnElement[bool]:
    other_data = or_(
        ScreeningInput.engine_version != s.engine, ScreeningInput.brand_list_version != s.brand_list
    )
    return and_(
        ScreeningInput.departure_date >= s.today,
        or_(
            ScreeningInput.campaigns_version != s.campaigns,
            and_(other_data, ScreeningInput.screened_at < s.data_loaded_at),
        ),
    )


def add_input(session: Session, screening: Screening, request_json: bytes, versions: dict[str, str]) -> None:
    """What a new screening keeps for re-screening: its request and the versions it was made with."""
    session.add(
        ScreeningInput(
            screening_id=screening.id,
            tenant=screening.tenant,
            departure_date=screening.departure_date,
            request=request_json,
            engine_version=versions["engine"],
            brand_list_version=versions["brand_list"],
            campaigns_version=versions["campaigns"],
            screened_at=screening.created_at,
            decision=screening.decision,
        )
    )


def due_inputs(session: Session, staleness: Staleness, limit: int) -> Sequence[ScreeningInput]:
    """The next out-of-date screenings, oldest departure first."""
    query = (
        select(ScreeningInput)
        .where(_stale(staleness))
        .order_by(ScreeningInput.departure_date, ScreeningInput.screening_id)
        .limit(limit)
    )
    return session.scalars(query).all()


def backlog(session: Session, staleness: Staleness) -> int:
    return int(session.scalar(select(func.count()).select_from(ScreeningInput).where(_stale(staleness))) or 0)


def get_input(session: Session, screening_id: str) -> ScreeningInput | None:
    return session.get(ScreeningInput, screening_id)


def add_result(session: Session, row: ScreeningResult) -> None:
    session.add(row)


def results_of(session: Session, tenant: str, screening_id: str) -> Sequence[ScreeningResult]:
    """The later results of one screening, oldest first."""
    return session.scalars(
        select(ScreeningResult)
        .where(ScreeningResult.tenant == tenant, ScreeningResult.screening_id == screening_id)
        .order_by(ScreeningResult.id)
    ).all()
