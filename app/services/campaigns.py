"""The campaigns in effect: shipped files, overridden or extended by operators' PUTs in the database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from app.db import repository
from app.engine.types import Campaign
from app.errors import InvalidInput, NotFound
from app.reference.campaigns import CampaignSpec, campaign_version, to_engine
from app.reference.knowledge import Knowledge


def validation_context(knowledge: Knowledge) -> dict[str, Any]:
    """What a campaign is checked against: the configured geography and categories."""
    return {"geography": knowledge.geography, "categories": knowledge.categories.ids()}


def parse(data: dict[str, Any], knowledge: Knowledge) -> CampaignSpec:
    return CampaignSpec.model_validate(data, context=validation_context(knowledge))


def effective_specs(session: Session, knowledge: Knowledge) -> dict[str, CampaignSpec]:
    specs = dict(knowledge.shipped_campaigns)
    context = validation_context(knowledge)
    for row in repository.list_campaign_rows(session):
        specs[row.id] = CampaignSpec.model_validate_json(row.spec, context=context)
    return dict(sorted(specs.items()))


def in_force(specs: dict[str, CampaignSpec], knowledge: Knowledge, on: dt.date) -> tuple[Campaign, ...]:
    return tuple(
        to_engine(cid, spec, knowledge.geography)
        for cid, spec in specs.items()
        if spec.starts_on <= on <= spec.ends_on
    )


def version(specs: dict[str, CampaignSpec]) -> str:
    return campaign_version(specs)


def put(
    session: Session, knowledge: Knowledge, campaign_id: str, spec: CampaignSpec, tenant: str
) -> Campaign:
    """Validate against the data (regions, categories) and store, committed: effective for the next
    screening."""
    try:
        campaign = to_engine(campaign_id, spec, knowledge.geography)
    except ValueError as exc:
        raise InvalidInput.at(["body", "destinations"], str(exc)) from exc
    unknown = sorted(set(spec.categories) - knowledge.categories.ids())
    if unknown:
        valid = ", ".join(sorted(knowledge.categories.ids()))
        raise InvalidInput.at(["body", "categories"], f"unknown category ids {unknown}; valid ids: {valid}")
    repository.upsert_campaign(
        session, campaign_id, json.dumps(spec.model_dump(mode="json"), sort_keys=True), tenant, _now()
    )
    session.commit()
    return campaign


def remove(session: Session, knowledge: Knowledge, campaign_id: str) -> bool:
    """Drop an operator's campaign; a shipped campaign of that id is in force again. Returns whether
    a shipped one remains."""
    if not repository.delete_campaign(session, campaign_id):
        raise NotFound(f"no operator campaign {campaign_id!r}: shipped campaigns change only with a PUT")
    return campaign_id in knowledge.shipped_campaigns


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
