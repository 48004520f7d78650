"""GET /v1/campaigns and the admin PUT /v1/campaigns/{campaign_id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from app.deps import JsonBody, KnowledgeDep, OperatorDep, PrincipalDep, SessionDep
from app.reference.campaigns import CampaignSpec
from app.routers.parsed_json import ParsedJsonRoute
from app.routers.responses import problems
from app.schemas.fields import IsoDate
from app.schemas.reference import CampaignIn, CampaignList, CampaignOut
from app.services import campaigns as campaign_service

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"], route_class=ParsedJsonRoute)

CampaignId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$", examples=["longteng-2026"])]


@router.get(
    "",
    summary="Campaigns, optionally those in force on a date",
    response_model=CampaignList,
    responses=problems(401, 422),
)
def list_campaigns(
    principal: PrincipalDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    active_on: Annotated[IsoDate | None, Query(description="Only campaigns in force on this date.")] = None,
) -> CampaignList:
    specs = campaign_service.effective_specs(session, knowledge)
    items = [
        _out(cid, spec, "shipped" if knowledge.shipped_campaigns.get(cid) == spec else "operator")
        for cid, spec in specs.items()
        if active_on is None or spec.starts_on <= active_on <= spec.ends_on
    ]
    return CampaignList(version=campaign_service.version(specs), items=items)


@router.put(
    "/{campaign_id}",
    dependencies=[JsonBody],
    summary="Create or replace a campaign (operator)",
    description="Stored in the database and effective for the next screening. An empty `channels` list means "
    "every channel; destinations are ISO codes or region ids.",
    response_model=CampaignOut,
    responses=problems(401, 403, 415, 422),
)
def put_campaign(
    campaign_id: CampaignId,
    body: CampaignIn,
    principal: OperatorDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> CampaignOut:
    spec = campaign_service.parse(body.model_dump(), knowledge)
    campaign_service.put(session, knowledge, campaign_id, spec, principal.tenant)
    return _out(campaign_id, spec, "operator")


@router.delete(
    "/{campaign_id}",
    status_code=204,
    summary="Remove an operator's campaign (operator)",
    description="A shipped campaign of the same id is in force again. Stored screenings departing today or "
    "later are screened again, as after a PUT.",
    response_class=Response,
    responses=problems(401, 403, 404, 422),
)
def delete_campaign(
    campaign_id: CampaignId, principal: OperatorDep, session: SessionDep, knowledge: KnowledgeDep
) -> Response:
    campaign_service.remove(session, knowledge, campaign_id)
    session.commit()
    return Response(status_code=204)


def _out(campaign_id: str, spec: CampaignSpec, origin: str) -> CampaignOut:
    return CampaignOut(
        id=campaign_id,
        name=spec.name,
        authority=spec.authority,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        channels=list(spec.channels),
        destinations=list(spec.destinations),
        categories=list(spec.categories),
        weight=spec.weight,
        source=spec.source,
        assumed=spec.assumed,
        origin=origin,
    )
