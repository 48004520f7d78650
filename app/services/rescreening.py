"""Re-screening: stored screenings departing today or later, screened again when the brand lists,
the engine's data or the campaigns change. The new result is stored beside the earlier ones."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db import repository, rescreen_repository
from app.db.models import Screening, ScreeningInput, ScreeningResult
from app.db.rescreen_repository import Staleness
from app.engine.config import EngineConfig
from app.engine.screen import screen
from app.engine.types import ScreeningContext
from app.errors import InvalidInput
from app.reference.campaigns import CampaignSpec
from app.reference.knowledge import Knowledge
from app.rules.registry import RULES
from app.schemas.screening import ScreeningRequest
from app.services import campaigns as campaign_service
from app.services import webhooks
from app.services.background import JobEnv
from app.services.render import screening_body
from app.services.screening import to_manifest, versions_of

log = logging.getLogger(__name__)

DECISION_RANK = {"clear": 0, "review": 1, "hold": 2}


@dataclass(frozen=True)
class BatchOutcome:
    rescreened: int
    more: bool


def current_versions(session: Session, knowledge: Knowledge, config: EngineConfig) -> dict[str, str]:
    """The versions a screening made now reports (the engine's covers every other data source)."""
    return versions_of(config, knowledge, campaign_service.effective_specs(session, knowledge))


def _staleness(env: JobEnv, session: Session, knowledge: Knowledge, versions: dict[str, str]) -> Staleness:
    return Staleness(
        today=dt.datetime.now(dt.UTC).date(),
        engine=versions["engine"],
        brand_list=versions["brand_list"],
        campaigns=versions["campaigns"],
        data_loaded_at=env.knowledge.loaded_at,
    )


def backlog_gauge(env: JobEnv) -> float:
    """The backlog for /metrics: NaN while the database does not answer (/readyz says why)."""
    try:
        return float(backlog(env))
    except SQLAlchemyError:
        return float("nan")


def backlog(env: JobEnv) -> int:
    """Stored screenings waiting to be screened again; 0 when the versions have not changed."""
    knowledge = env.knowledge.current
    if knowledge is None:
        return 0
    with env.sessions() as session:
        versions = current_versions(session, knowledge, env.settings.engine_config)
        return rescreen_repository.backlog(session, _staleness(env, session, knowledge, versions))


# Screenings recorded per transaction: few enough that the writer lock is held briefly (the API
# writes beside), enough that a commit's sync is shared.
COMMIT_EVERY = 25


@dataclass(frozen=True)
class _BatchData:
    """Read once per batch: the campaigns and the versions the batch screens with."""

    specs: dict[str, CampaignSpec]
    versions: dict[str, str]


def rescreen_batch(env: JobEnv) -> BatchOutcome:
    """Screen again one bounded batch, COMMIT_EVERY screenings a transaction: a batch cut short
    leaves the rest out of date, and the next batch takes them up."""
    knowledge = env.knowledge.current
    if knowledge is None:
        return BatchOutcome(0, False)
    size = env.settings.rescreen_batch_size
    with env.sessions() as session:
        specs = campaign_service.effective_specs(session, knowledge)
        versions = versions_of(env.settings.engine_config, knowledge, specs)
        staleness = _staleness(env, session, knowledge, versions)
        due = [row.screening_id for row in rescreen_repository.due_inputs(session, staleness, size)]
    data = _BatchData(specs, versions)
    for start in range(0, len(due), COMMIT_EVERY):
        part = due[start : start + COMMIT_EVERY]
        with env.sessions() as session:
            deliveries = [d for sid in part for d in _rescreen_one(env, session, knowledge, data, sid)]
            session.commit()
        env.metrics.rescreenings.inc(len(part))
        for delivery in deliveries:
            env.queue.defer_delivery(delivery.id, delivery.webhook_id)
    return BatchOutcome(len(due), more=len(due) == size)


def _rescreen_one(
    env: JobEnv, session: Session, knowledge: Knowledge, data: _BatchData, screening_id: str
) -> list[webhooks.QueuedDelivery]:
    stored = rescreen_repository.get_input(session, screening_id)
    screening = session.get(Screening, screening_id)
    if stored is None or screening is None:
        return []
    config = env.settings.engine_config
    specs, versions = data.specs, data.versions
    request = ScreeningRequest.model_validate_json(stored.request)
    try:
        manifest = to_manifest(request, knowledge)
    except InvalidInput as exc:
        # The new data refuse the manifest (an HS code dropped from the nomenclature): its result
        # stands, marked as seen with these versions so that it does not block the rest.
        log.warning("screening %s cannot be screened again with the new data: %s", screening_id, exc.detail)
        _mark_seen(stored, versions)
        return []
    on, shipper_id, tenant = manifest.departure_date, manifest.shipper.id, stored.tenant
    since = on - dt.timedelta(days=config.patterns.history_days)
    history = repository.shipper_history(session, tenant, shipper_id, since, on) if shipper_id else ()
    context = ScreeningContext(
        on_date=on,
        campaigns=campaign_service.in_force(specs, knowledge, on),
        # The shipper's other shipments: this one's own history rows are not its past.
        history=tuple(past for past in history if past.screening_id != screening_id),
        authorizations=repository.authorizations_in_force(session, tenant, shipper_id, on)
        if shipper_id
        else (),
    )
    result = screen(manifest, context, knowledge, config, RULES)
    now = dt.datetime.now(dt.UTC)
    previous_decision, previous_versions = stored.decision, _versions_of(stored)
    body = screening_body(screening_id, request.reference, screening.created_at, result, versions)
    rescreen_repository.add_result(
        session,
        ScreeningResult(
            screening_id=screening_id,
            tenant=tenant,
            screened_at=now,
            versions=json.dumps(versions, sort_keys=True),
            risk_score=result.risk_score,
            risk_level=result.risk_level,
            decision=result.decision,
            result=body,
        ),
    )
    _mark_seen(stored, versions)
    stored.screened_at, stored.decision = now, result.decision
    if DECISION_RANK[result.decision] <= DECISION_RANK[previous_decision]:
        return []
    event = {
        "screening_id": screening_id,
        "reference": request.reference,
        "departure_date": on.isoformat(),
        "previous": {"decision": previous_decision, "versions": previous_versions},
        "current": {
            "decision": result.decision,
            "risk_score": result.risk_score,
            "risk_level": result.risk_level,
            "versions": versions,
            "screened_at": _iso(now),
        },
    }
    return webhooks.enqueue(session, tenant, "screening.decision_worsened", event)


def _mark_seen(stored: ScreeningInput, versions: dict[str, str]) -> None:
    stored.engine_version, stored.brand_list_version = versions["engine"], versions["brand_list"]
    stored.campaigns_version = versions["campaigns"]


def _versions_of(stored: ScreeningInput) -> dict[str, str]:
    return {
        "engine": stored.engine_version,
        "brand_list": stored.brand_list_version,
        "campaigns": stored.campaigns_version,
    }


def _iso(value: dt.datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")
