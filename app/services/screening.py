"""POST /v1/screenings behind the router: validate against the data, screen, record, replay retries."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import __version__
from app.db import repository, rescreen_repository
from app.db.models import Screening
from app.engine.bidi import displayed_text
from app.engine.config import EngineConfig
from app.engine.history import window_start
from app.engine.lines import LineScreener, screen_lines
from app.engine.screen import screen
from app.engine.types import Manifest, ManifestLine, Party, ScreeningContext
from app.errors import Conflict, InvalidInput, PayloadTooLarge
from app.reference.campaigns import CampaignSpec
from app.reference.knowledge import Knowledge
from app.rules.registry import RULES
from app.schemas.screening import PartyIn, ScreeningRequest
from app.services import campaigns as campaign_service
from app.services.render import screening_body


@dataclass(frozen=True)
class ScreeningOutcome:
    screening_id: str
    body: bytes
    replayed: bool
    decision: str
    line_count: int
    risk_level: str
    flag_codes: tuple[str, ...] = ()  # of every flag raised (empty on a replay)


@dataclass(frozen=True)
class ScreeningLimits:
    max_lines: int
    # How the per-line stage runs (here, or on workers too).
    line_screener: LineScreener[Knowledge] = screen_lines


def new_screening_id() -> str:
    # Time-ordered prefix so ids sort roughly by creation; random suffix so they cannot be guessed.
    return f"scr_{int(time.time() * 1000):012x}{secrets.token_hex(8)}"


def engine_version(config: EngineConfig, knowledge: Knowledge) -> str:
    """Engine code version plus a hash of all else but the brand lists and campaigns (which have
    versions of their own) that the scores depend on: the risk model's settings, the marks
    vocabulary and every other registered data source. Same version, same scores."""
    parts = (
        config.model_dump_json(),
        *(f"{name}={v}" for name, v in data_versions(knowledge).items() if name not in CONTRACT_KEYS),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]
    return f"{__version__}+{digest}"


CONTRACT_KEYS = ("engine", "brand_list", "campaigns")


def data_versions(knowledge: Knowledge) -> dict[str, str]:
    return dict(knowledge.versions)


def versions_of(config: EngineConfig, knowledge: Knowledge, specs: dict[str, CampaignSpec]) -> dict[str, str]:
    """The contract's three versions first (campaigns: shipped and operators' together), then each
    data source's."""
    versions = {
        "engine": engine_version(config, knowledge),
        "brand_list": knowledge.brand_list_version,
        "campaigns": campaign_service.version(specs),
    }
    return versions | {k: v for k, v in data_versions(knowledge).items() if k not in versions}


def request_hash(request: ScreeningRequest) -> str:
    canonical = json.dumps(request.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def run_screening(
    session: Session,
    knowledge: Knowledge,
    config: EngineConfig,
    limits: ScreeningLimits,
    tenant: str,
    request: ScreeningRequest,
    idempotency_key: str | None,
    warnings: list[dict[str, Any]] | None = None,
) -> ScreeningOutcome:
    if len(request.lines) > limits.max_lines:
        raise PayloadTooLarge(
            f"the manifest has {len(request.lines):,} lines; the limit is {limits.max_lines:,}: "
            "split it into several screenings"
        )
    idempotency_key = idempotency_key or None  # '' is no key: stored, it would collide with the next ''
    fingerprint = request_hash(request) if idempotency_key else ""
    if idempotency_key:
        earlier = repository.find_by_idempotency_key(session, tenant, idempotency_key)
        if earlier is not None:
            return _replay(earlier, fingerprint)

    manifest = to_manifest(request, knowledge)
    specs = campaign_service.effective_specs(session, knowledge)
    context = _context(session, knowledge, config, tenant, manifest, specs)
    result = screen(manifest, context, knowledge, config, RULES, limits.line_screener)

    screening_id = new_screening_id()
    created_at = dt.datetime.now(dt.UTC)
    versions = versions_of(config, knowledge, specs)
    body = screening_body(screening_id, request.reference, created_at, result, versions, warnings)
    row = Screening(
        id=screening_id,
        tenant=tenant,
        reference=request.reference,
        idempotency_key=idempotency_key,
        request_hash=fingerprint,
        created_at=created_at,
        departure_date=manifest.departure_date,
        shipper_id=manifest.shipper.id,
        consignee_id=manifest.consignee.id,
        destination_country=manifest.destination_country,
        channel=manifest.channel.value,
        risk_score=result.risk_score,
        risk_level=result.risk_level,
        decision=result.decision,
        line_count=len(manifest.lines),
        result=body,
    )
    try:
        repository.add_screening(session, row, result.goods)
        # Kept with the departure date it was screened for (the request may have left it to today).
        kept = request.model_copy(update={"departure_date": row.departure_date})
        rescreen_repository.add_input(session, row, kept.model_dump_json().encode(), versions)
        session.commit()
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer with what it recorded.
        session.rollback()
        if idempotency_key:
            winner = repository.find_by_idempotency_key(session, tenant, idempotency_key)
            if winner is not None:
                return _replay(winner, fingerprint)
        raise
    codes = tuple(flag.code.value for flag in result.flags)
    return ScreeningOutcome(
        screening_id, body, False, result.decision, len(manifest.lines), result.risk_level, codes
    )


def _replay(earlier: Screening, fingerprint: str) -> ScreeningOutcome:
    if earlier.request_hash != fingerprint:
        raise Conflict(
            "this Idempotency-Key was already used for a different request; "
            "use a new key for a new shipment, or resend the original request unchanged"
        )
    return ScreeningOutcome(
        earlier.id, earlier.result, True, earlier.decision, earlier.line_count, earlier.risk_level
    )


def _context(
    session: Session,
    knowledge: Knowledge,
    config: EngineConfig,
    tenant: str,
    manifest: Manifest,
    specs: dict[str, CampaignSpec],
) -> ScreeningContext:
    on = manifest.departure_date
    shipper_id = manifest.shipper.id
    since = window_start(on, config.patterns.history_days)
    return ScreeningContext(
        on_date=on,
        campaigns=campaign_service.in_force(specs, knowledge, on),
        history=repository.shipper_history(session, tenant, shipper_id, since, on) if shipper_id else (),
        authorizations=repository.authorizations_in_force(session, tenant, shipper_id, on)
        if shipper_id
        else (),
        party_clearances=repository.party_clearances_in_force(session, tenant),
    )


def to_manifest(request: ScreeningRequest, knowledge: Knowledge) -> Manifest:
    """The engine's manifest; refuses HS codes absent from the nomenclature and duplicate line ids."""
    lines: list[ManifestLine] = []
    seen: set[str] = set()
    for i, line in enumerate(request.lines):
        line_id = line.line_id or str(i + 1)
        if line_id in seen:
            raise InvalidInput.at(
                ["body", "lines", i, "line_id"],
                f"line_id {line_id!r} appears twice; each line needs its own id",
            )
        seen.add(line_id)
        if line.hs_code is not None and not knowledge.hs.exists(line.hs_code):
            raise InvalidInput.at(
                ["body", "lines", i, "hs_code"],
                f"line {line_id}: HS code {line.hs_code} does not exist in the HS 2022 nomenclature; "
                "check the code or leave it out",
            )
        lines.append(
            ManifestLine(
                line_id=line_id,
                # As displayed: a right-to-left override shows "\u202eXELOR\u202c" as ROLEX.
                description=displayed_text(line.description) or line.description,
                hs_code=line.hs_code,
                quantity=line.quantity,
                unit_value=line.unit_value,
                currency=line.currency,
                brand=displayed_text(line.brand) if line.brand else line.brand,
                packages=line.packages,
            )
        )
    return Manifest(
        reference=request.reference,
        shipper=_party(request.shipper),
        consignee=_party(request.consignee),
        destination_country=request.destination_country,
        channel=request.channel,
        departure_date=request.departure_date or dt.datetime.now(dt.UTC).date(),
        lines=tuple(lines),
    )


def _party(party: PartyIn) -> Party:
    identifiers = tuple((i.scheme, i.value) for i in party.identifiers or ())
    return Party(id=party.id, name=party.name, country=party.country, identifiers=identifiers)
