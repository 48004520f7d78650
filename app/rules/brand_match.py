"""BRAND_MATCH: a line names a recorded mark; BRAND_AUTHORIZED when an authorization covers it.

One flag per brand per line, from the brand matcher's hits (app/matching). A disguised spelling
(typo, leetspeak, homoglyph, spacing...) weighs more than a plain one, a mark named as what the
goods fit ("case for iPhone") far less, and replica wording next to the mark ("replica", "AAA",
"1:1", "-look") adds its own points. The authorizations in the
screening context are already those of this tenant and this shipper, so a hit is covered when
one names the brand and is valid on the screening date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.engine.facts import LineFacts
from app.engine.types import Authorization, Flag, FlagCode, Severity
from app.matching.hits import PLAIN, BrandHit
from app.rules.base import LineRuleSpec, Points, RuleEnv

RECOMMENDATION = "Ship only with the rights holder's authorization on file, or remove the mark."
REPLICA_RECOMMENDATION = (
    "Hold the goods: the line describes them as a copy of a recorded mark. Ship only with the rights "
    "holder's authorization on file."
)
FITTING_RECOMMENDATION = (
    "Check that the goods, their packaging and labels carry no mark of the brand they fit; the "
    "brand may be named in words only, to say what the goods fit."
)
AUTHORIZED_RECOMMENDATION = "Keep the authorization reference with the shipping documents."


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    seen: set[str] = set()
    for hit in facts.brand_hits:
        if hit.brand.casefold() in seen:
            continue
        seen.add(hit.brand.casefold())
        authorization = _covering(hit.brand, env)
        yield _authorized(facts, hit, authorization, env) if authorization else _match(facts, hit, env)


def _covering(brand: str, env: RuleEnv) -> Authorization | None:
    on = env.context.on_date
    return next((a for a in env.context.authorizations if a.covers(brand, on)), None)


def _evidence(facts: LineFacts, hit: BrandHit, env: RuleEnv) -> dict[str, Any]:
    record = facts.brand_records.get(hit.brand)
    evidence: dict[str, Any] = {
        "brand": hit.brand,
        "matched_text": hit.matched_text,
        "match_type": hit.match_type,
        "similarity": hit.similarity,
        "rights_holder": record.rights_holder if record is not None else None,
    }
    if hit.replica_phrase:
        evidence["replica_phrase"] = hit.replica_phrase
    return evidence


def _match(facts: LineFacts, hit: BrandHit, env: RuleEnv) -> Flag:
    if not hit.carried:
        return _fitting(facts, hit, env)
    scoring = env.config.scoring
    disguised = hit.match_type not in PLAIN
    points = scoring.brand_match_disguised if disguised else scoring.brand_match
    reason = hit.reason
    if hit.replica_phrase:
        points += scoring.replica_phrase
        reason += f"; '{hit.replica_phrase}' next to it describes a copy"
    return Flag(
        code=FlagCode.BRAND_MATCH,
        severity=Severity.CRITICAL if hit.replica_phrase or disguised else Severity.HIGH,
        line_id=facts.line_id,
        reason=reason,
        recommendation=REPLICA_RECOMMENDATION if hit.replica_phrase else RECOMMENDATION,
        points=min(points, 100),
        evidence=_evidence(facts, hit, env),
    )


def _fitting(facts: LineFacts, hit: BrandHit, env: RuleEnv) -> Flag:
    """A mark named as what the goods fit ("case for iPhone"): lawful wording, unless the goods
    themselves carry the mark, which only the goods can show."""
    return Flag(
        code=FlagCode.BRAND_MATCH,
        severity=Severity.LOW,
        line_id=facts.line_id,
        reason=hit.reason,
        recommendation=FITTING_RECOMMENDATION,
        points=env.config.scoring.brand_compatibility,
        evidence=_evidence(facts, hit, env),
    )


def _authorized(facts: LineFacts, hit: BrandHit, authorization: Authorization, env: RuleEnv) -> Flag:
    evidence = _evidence(facts, hit, env)
    evidence.update(
        authorization=authorization.reference,
        valid_from=authorization.valid_from.isoformat(),
        valid_to=authorization.valid_to.isoformat(),
    )
    return Flag(
        code=FlagCode.BRAND_AUTHORIZED,
        severity=Severity.INFO,
        line_id=facts.line_id,
        reason=f"{hit.reason}; covered by authorization {authorization.reference}",
        recommendation=AUTHORIZED_RECOMMENDATION,
        points=env.config.scoring.brand_authorized,
        evidence=evidence,
    )


RULE = LineRuleSpec(
    codes=(
        FlagCode.BRAND_MATCH,
        FlagCode.BRAND_AUTHORIZED,
    ),
    explanation="A line names a recorded mark, plainly or disguised; "
    "an authorization on file makes it informational.",
    points=(
        Points(
            "brand_match", 45, "`BRAND_MATCH`, plain (name, alias, model name, translation, declared brand)"
        ),
        Points(
            "brand_match_disguised",
            55,
            "`BRAND_MATCH`, disguised (typo, leetspeak, homoglyph, spacing, punctuation)",
        ),
        Points(
            "brand_compatibility",
            15,
            '`BRAND_MATCH`, the mark named as what the goods fit ("case for iPhone", "compatible with HP")',
        ),
        Points(
            "replica_phrase",
            25,
            '... plus, when "replica", "AAA", "1:1", "OEM for" stands next to the mark',
            amount="+{default}",
        ),
        Points(
            "brand_authorized",
            0,
            "`BRAND_AUTHORIZED` (an authorization on file covers the match; replaces the brand points)",
        ),
    ),
    position=1,
    check=check,
)
