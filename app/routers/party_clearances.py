"""POST, GET and DELETE /v1/party-clearances: a reviewed false party match, kept for audit."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response

from app.db import repository
from app.db.models import PartyClearanceRow
from app.deps import JsonBody, KnowledgeDep, PrincipalDep, SessionDep
from app.routers.parsed_json import ParsedJsonRoute
from app.routers.responses import problems
from app.schemas.parties import PartyClearanceIn, PartyClearanceList, PartyClearanceOut
from app.services import party_clearances as clearance_service

router = APIRouter(prefix="/v1/party-clearances", tags=["parties"], route_class=ParsedJsonRoute)


@router.post(
    "",
    dependencies=[JsonBody],
    status_code=201,
    summary="Clear a reviewed false party match",
    description="Screenings of this tenant where that party matches that list entry get PARTY_CLEARED "
    "(no points) instead of PARTY_LISTED. Who reviewed it, when and why are kept for audit.",
    response_model=PartyClearanceOut,
    responses=problems(401, 415, 422),
)
def create_clearance(
    body: PartyClearanceIn, principal: PrincipalDep, session: SessionDep, knowledge: KnowledgeDep
) -> PartyClearanceOut:
    return _out(clearance_service.record(session, knowledge, principal.tenant, body))


@router.get(
    "",
    summary="The tenant's party clearances",
    response_model=PartyClearanceList,
    responses=problems(401, 422),
)
def list_clearances(
    principal: PrincipalDep, session: SessionDep, include_revoked: bool = False
) -> PartyClearanceList:
    rows = repository.list_party_clearances(session, principal.tenant, include_revoked)
    return PartyClearanceList(items=[_out(r) for r in rows])


@router.delete(
    "/{clearance_id}",
    status_code=204,
    summary="Revoke a party clearance (kept, marked revoked, for audit)",
    response_class=Response,
    responses=problems(401, 404, 422),
)
def revoke_clearance(clearance_id: str, principal: PrincipalDep, session: SessionDep) -> Response:
    clearance_service.revoke(session, principal.tenant, clearance_id)
    return Response(status_code=204)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _out(row: PartyClearanceRow) -> PartyClearanceOut:
    created = _utc(row.created_at)
    assert created is not None
    return PartyClearanceOut(
        clearance_id=row.id,
        list=row.list_id,
        entry_id=row.entry_id,
        party_id=row.party_id,
        party_name=row.party_name,
        reason=row.reason,
        reviewed_by=row.reviewed_by,
        created_at=created,
        revoked_at=_utc(row.revoked_at),
    )
