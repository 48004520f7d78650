"""CAMPAIGN_DESTINATION: a campaign in force emphasises this manifest's destination and goods.

One manifest-level flag per such campaign. Its points are the configured base times the
campaign's weight; the goods-level effect (the multiplier on the line flags of the targeted
goods) is applied by the scoring module, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.engine.campaigns import applicable, goods_targeted
from app.engine.facts import LineFacts, ManifestFacts
from app.engine.types import Campaign, Flag, FlagCode, Severity
from app.rules.base import ManifestRuleSpec, Points, RuleEnv

RECOMMENDATION = (
    "Expect closer inspection on this route while the campaign runs: check marks, descriptions, "
    "HS codes and authorizations before departure."
)


def campaign_points(base: int, campaign: Campaign) -> int:
    """base x weight, rounded; at least 1 so that a light campaign still shows (0 stays 0)."""
    return max(1, round(base * campaign.weight)) if base > 0 else 0


def targeted_lines(campaign: Campaign, facts: ManifestFacts) -> list[LineFacts]:
    return [line for line in facts.lines if goods_targeted(campaign, line)]


def campaign_evidence(campaign: Campaign, lines: list[LineFacts]) -> dict[str, Any]:
    """What both campaign flags report: the campaign, its scope as written and the lines it bears on."""
    line_categories = frozenset().union(*(line.categories for line in lines))
    matched = campaign.categories & line_categories if campaign.categories else line_categories
    return {
        "campaign": campaign.id,
        "campaign_name": campaign.name,
        "authority": campaign.authority,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "weight": campaign.weight,
        "assumed": campaign.assumed,
        "destinations": list(campaign.destination_labels),
        "channels": sorted(channel.value for channel in campaign.channels),
        "categories": sorted(matched),
        "line_ids": [line.line_id for line in lines],
    }


def describe(campaign: Campaign) -> str:
    """'Longteng 2026 (China Customs (GACC), 2026-03-01 to 2026-12-31, assumed profile)'."""
    assumed = ", assumed profile" if campaign.assumed else ""
    return (
        f"{campaign.name} ({campaign.authority}, {campaign.starts_on.isoformat()} to "
        f"{campaign.ends_on.isoformat()}{assumed})"
    )


def goods_phrase(evidence: dict[str, Any]) -> str:
    categories = evidence["categories"]
    return ", ".join(categories) if categories else "every kind of goods"


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    manifest = facts.manifest
    base = env.config.scoring.campaign_destination
    for campaign in applicable(env.context.campaigns, manifest):
        if not campaign.destinations:
            continue
        lines = targeted_lines(campaign, facts)
        if not lines:
            continue
        evidence = campaign_evidence(campaign, lines)
        evidence["country"] = manifest.destination_country
        yield Flag(
            code=FlagCode.CAMPAIGN_DESTINATION,
            severity=Severity.MEDIUM,
            line_id=None,
            reason=(
                f"Campaign {describe(campaign)} targets exports to "
                f"{', '.join(campaign.destination_labels)}, which takes in {manifest.destination_country}, "
                f"and goods of this manifest ({goods_phrase(evidence)})"
            ),
            recommendation=RECOMMENDATION,
            points=campaign_points(base, campaign),
            evidence=evidence,
        )


RULE = ManifestRuleSpec(
    codes=(FlagCode.CAMPAIGN_DESTINATION,),
    explanation="A campaign in force emphasises the manifest's destination and goods.",
    points=(
        Points("campaign_destination", 10, "`CAMPAIGN_DESTINATION`", amount="{default} x campaign weight"),
    ),
    position=1,
    check=check,
)
