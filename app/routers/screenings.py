"""POST, GET and list /v1/screenings."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response

from app.db import repository
from app.db.models import Screening
from app.deps import JsonBody, KnowledgeDep, PrincipalDep, ScreenerDep, SessionDep, StateDep
from app.errors import InvalidInput
from app.observability.context import annotate
from app.routers.jobs import accepted
from app.routers.parsed_json import ParsedJsonRoute
from app.routers.responses import problems, success
from app.schemas.fields import IsoDate
from app.schemas.jobs import JobOut
from app.schemas.levels import Decision
from app.schemas.screening import (
    ScreeningLatestOut,
    ScreeningOut,
    ScreeningPage,
    ScreeningRequest,
    ScreeningSummary,
)
from app.services import async_screening
from app.services.screening import ScreeningOutcome
from app.services.views import View, render

router = APIRouter(prefix="/v1/screenings", tags=["screenings"], route_class=ParsedJsonRoute)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,  # an empty key would be stored and collide with the next empty one
        max_length=200,
        description="A unique string; a retry with the same key returns the first result.",
    ),
]

ViewQuery = Annotated[
    View,
    Query(
        description="`full`: the result as recorded. `summary`: the manifest-level result and flags, "
        "and only the lines that raised a flag, with `line_count`; the record is unchanged.",
    ),
]

SUMMARY_NOTE = (
    " With `?view=summary`: the same fields, the top-level `flags` holding only the manifest-level flags "
    "and `lines` only the lines that raised a flag, plus `view: summary` and `line_count` (lines screened)."
)


@router.post(
    "",
    dependencies=[JsonBody],
    status_code=201,
    summary="Screen a shipment manifest",
    description="Scores every line and the whole manifest, records the result for the audit trail and "
    "returns it. Up to 10,000 lines. With `mode=async`, up to 100,000 lines: answers 202 at once with "
    "`Location: /v1/jobs/{job_id}`, where the job reports its progress and then its screening. "
    "`?view=summary` answers only the flagged lines.",
    response_class=Response,
    responses=success(201, ScreeningOut, "The scored result." + SUMMARY_NOTE)
    | success(202, JobOut, "mode=async: the job, queued.")
    | problems(400, 401, 409, 413, 415, 422, 503),
)
def create_screening(
    request: ScreeningRequest,
    principal: PrincipalDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    screener: ScreenerDep,
    state: StateDep,
    idempotency_key: IdempotencyKey = None,
    view: ViewQuery = View.full,
    mode: Annotated[
        Literal["sync", "async"], Query(description="async: screen in the background (large manifests).")
    ] = "sync",
) -> Response:
    if mode == "async":
        submitted = async_screening.submit(
            session, knowledge, state.settings, principal.tenant, request, idempotency_key, state.jobs
        )
        return accepted(submitted)
    outcome = screener.screen_and_record(session, knowledge, principal.tenant, request, idempotency_key)
    return screening_response(outcome, view)


def screening_response(outcome: ScreeningOutcome, view: View = View.full) -> Response:
    headers = {"Location": f"/v1/screenings/{outcome.screening_id}"}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    body = render(outcome.body, view)
    return Response(body, status_code=201, media_type="application/json", headers=headers)


@router.get(
    "/{screening_id}",
    summary="A recorded screening: exactly as first returned, or once re-screened the latest result",
    description="After the brand lists or campaigns change, screenings departing today or later are "
    "screened again; the latest result is returned with `screened_at` and `history`, the earlier "
    "results oldest first.",
    response_class=Response,
    responses=success(200, ScreeningLatestOut, "The stored result." + SUMMARY_NOTE) | problems(401, 404, 422),
)
def get_screening(
    screening_id: str,
    principal: PrincipalDep,
    session: SessionDep,
    screener: ScreenerDep,
    view: ViewQuery = View.full,
) -> Response:
    row = screener.recorded(session, principal.tenant, screening_id)
    annotate(screening_id=row.id, lines=row.line_count)
    body = screener.latest_body(session, row)
    return Response(render(body, view), media_type="application/json")


@router.get(
    "",
    summary="The tenant's screenings, newest first",
    response_model=ScreeningPage,
    responses=problems(401, 422),
)
def list_screenings(
    principal: PrincipalDep,
    session: SessionDep,
    state: StateDep,
    reference: Annotated[str | None, Query(max_length=200)] = None,
    decision: Decision | None = None,
    created_from: Annotated[
        IsoDate | None, Query(alias="from", description="Created on or after (UTC).")
    ] = None,
    created_to: Annotated[
        IsoDate | None, Query(alias="to", description="Created on or before (UTC).")
    ] = None,
    limit: Annotated[int | None, Query(ge=1, le=500)] = None,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the previous page.")
    ] = None,
) -> ScreeningPage:
    size = min(limit or state.settings.default_page_size, state.settings.max_page_size)
    filters = repository.ScreeningFilter(
        reference=reference,
        decision=decision,
        created_from=_day_start(created_from),
        created_to=_day_start(created_to + dt.timedelta(days=1)) if created_to else None,
    )
    rows = repository.list_screenings(session, principal.tenant, filters, size + 1, _decode_cursor(cursor))
    page = rows[:size]
    next_cursor = _encode_cursor(page[-1]) if len(rows) > size else None
    return ScreeningPage(items=[_summary(r) for r in page], next_cursor=next_cursor)


def _summary(row: Screening) -> ScreeningSummary:
    return ScreeningSummary(
        screening_id=row.id,
        reference=row.reference,
        created_at=_utc(row.created_at),
        departure_date=row.departure_date,
        destination_country=row.destination_country,
        channel=row.channel,
        risk_score=row.risk_score,
        risk_level=row.risk_level,
        decision=row.decision,
        line_count=row.line_count,
    )


def _day_start(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC) if day else None


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _encode_cursor(row: Screening) -> str:
    raw = json.dumps([_utc(row.created_at).isoformat(), row.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> tuple[dt.datetime, str] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, last_id = json.loads(base64.urlsafe_b64decode(padded))
        return dt.datetime.fromisoformat(created), str(last_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise InvalidInput.at(
            ["query", "cursor"], "not a cursor this API issued: pass next_cursor as given"
        ) from exc
