"""CAMPAIGN_CHANNEL: a campaign in force emphasises this manifest's channel and goods.

Only campaigns that name channels count (an empty list means every channel, which is no
emphasis); the campaign must also take in the destination and target some of the goods.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.engine.campaigns import applicable
from app.engine.facts import ManifestFacts
from app.engine.types import Flag, FlagCode, Severity
from app.rules.base import ManifestRuleSpec, Points, RuleEnv
from app.rules.campaign_destination import (
    campaign_evidence,
    campaign_points,
    describe,
    goods_phrase,
    targeted_lines,
)

RECOMMENDATION = (
    "Expect closer inspection in this channel while the campaign runs: check marks, descriptions "
    "and parcel splitting before dispatch."
)


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    manifest = facts.manifest
    base = env.config.scoring.campaign_channel
    for campaign in applicable(env.context.campaigns, manifest):
        if manifest.channel not in campaign.channels:
            continue
        lines = targeted_lines(campaign, facts)
        if not lines:
            continue
        evidence = campaign_evidence(campaign, lines)
        evidence["country"] = manifest.destination_country
        evidence["channel"] = manifest.channel.value
        yield Flag(
            code=FlagCode.CAMPAIGN_CHANNEL,
            severity=Severity.LOW,
            line_id=None,
            reason=(
                f"Campaign {describe(campaign)} targets the {manifest.channel.value} channel "
                f"and goods of this manifest ({goods_phrase(evidence)})"
            ),
            recommendation=RECOMMENDATION,
            points=campaign_points(base, campaign),
            evidence=evidence,
        )


RULE = ManifestRuleSpec(
    codes=(FlagCode.CAMPAIGN_CHANNEL,),
    explanation="A campaign in force emphasises the manifest's channel and goods.",
    points=(Points("campaign_channel", 5, "`CAMPAIGN_CHANNEL`", amount="{default} x campaign weight"),),
    position=2,
    check=check,
)
