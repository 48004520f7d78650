"""POST, GET and DELETE /v1/authorizations: a shipper's authorization from a rights holder."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.db import repository
from app.db.models import AuthorizationRow
from app.deps import JsonBody, KnowledgeDep, PrincipalDep, SessionDep
from app.routers.parsed_json import ParsedJsonRoute
from app.routers.responses import problems
from app.schemas.reference import AuthorizationIn, AuthorizationList, AuthorizationOut
from app.services import authorizations as authorization_service

router = APIRouter(prefix="/v1/authorizations", tags=["authorizations"], route_class=ParsedJsonRoute)


@router.post(
    "",
    dependencies=[JsonBody],
    status_code=201,
    summary="Record a shipper's authorization for a brand",
    description="Lines of that shipper naming that brand, departing inside the validity window, get "
    "BRAND_AUTHORIZED instead of a brand-match score. The licence reference is kept for audit.",
    response_model=AuthorizationOut,
    responses=problems(401, 415, 422),
)
def create_authorization(
    body: AuthorizationIn, principal: PrincipalDep, session: SessionDep, knowledge: KnowledgeDep
) -> AuthorizationOut:
    row = authorization_service.record(session, knowledge, principal.tenant, body)
    return _out(row)


@router.get(
    "",
    summary="The tenant's authorizations",
    response_model=AuthorizationList,
    responses=problems(401, 422),
)
def list_authorizations(
    principal: PrincipalDep,
    session: SessionDep,
    shipper_id: Annotated[str | None, Query(max_length=200)] = None,
    include_revoked: bool = False,
) -> AuthorizationList:
    rows = repository.list_authorizations(session, principal.tenant, shipper_id, include_revoked)
    return AuthorizationList(items=[_out(r) for r in rows])


@router.delete(
    "/{authorization_id}",
    status_code=204,
    summary="Revoke an authorization (kept, marked revoked, for audit)",
    response_class=Response,
    responses=problems(401, 404, 422),
)
def revoke_authorization(authorization_id: str, principal: PrincipalDep, session: SessionDep) -> Response:
    authorization_service.revoke(session, principal.tenant, authorization_id)
    return Response(status_code=204)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _out(row: AuthorizationRow) -> AuthorizationOut:
    created = _utc(row.created_at)
    assert created is not None
    return AuthorizationOut(
        authorization_id=row.id,
        brand=row.brand,
        shipper_id=row.shipper_id,
        reference=row.reference,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        created_at=created,
        revoked_at=_utc(row.revoked_at),
    )
