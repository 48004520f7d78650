"""The one place rules are registered. Adding a rule is adding a module and a line here."""

from __future__ import annotations

from app.rules import (
    ant_moving,
    brand_match,
    campaign_channel,
    campaign_destination,
    high_risk_category,
    hs_mismatch,
    price_anomaly,
    separated_marks,
    split_shipment,
    vague_description,
)
from app.rules.base import LineRule, ManifestRule, Rules

LINE_RULES: tuple[LineRule, ...] = (
    brand_match.check,
    price_anomaly.check,
    high_risk_category.check,
    vague_description.check,
    hs_mismatch.check,
)

MANIFEST_RULES: tuple[ManifestRule, ...] = (
    campaign_destination.check,
    campaign_channel.check,
    separated_marks.check,
    split_shipment.check,
    ant_moving.check,
)

RULES = Rules(line=LINE_RULES, manifest=MANIFEST_RULES)
