"""The score combination: levels, decisions, caps and campaign amplification."""

from __future__ import annotations

import datetime as dt

import pytest

from app.engine import scoring
from app.engine.config import ScoringConfig
from app.engine.facts import LineFacts
from app.engine.prepared import prepare
from app.engine.types import Campaign, Flag, FlagCode, ManifestLine, Severity

CONFIG = ScoringConfig()


def _flag(points: int) -> Flag:
    return Flag(
        FlagCode.HIGH_RISK_CATEGORY, Severity.MEDIUM, "1", "reason", "do this", points, {"category": "toys"}
    )


def _line(categories: frozenset[str]) -> LineFacts:
    line = ManifestLine(line_id="1", description="Plush toys")
    return LineFacts(
        index=0,
        line=line,
        prepared=prepare(line),
        text_categories=categories,
        hs_categories=frozenset(),
        category_hits=(),
        category=next(iter(categories), None),
        brand_hits=(),
        unit_value_usd=None,
    )


def _campaign(categories: frozenset[str], weight: float = 1.0) -> Campaign:
    return Campaign(
        id="c",
        name="C",
        authority="GACC",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        channels=frozenset(),
        destinations=frozenset({"US"}),
        destination_labels=("US",),
        categories=categories,
        weight=weight,
        source="test",
    )


@pytest.mark.parametrize(
    ("score", "level", "decision"),
    [
        (0, "low", "clear"),
        (24, "low", "clear"),
        (25, "medium", "review"),
        (49, "medium", "review"),
        (50, "high", "review"),
        (74, "high", "review"),
        (75, "critical", "hold"),
        (100, "critical", "hold"),
    ],
)
def test_levels_and_decisions_follow_the_contract_thresholds(score: int, level: str, decision: str) -> None:
    assert scoring.level(score, CONFIG) == level
    assert scoring.decision(level) == decision


def test_thresholds_come_from_the_config() -> None:
    strict = ScoringConfig(medium_at=10, high_at=20, critical_at=30)
    assert scoring.level(15, strict) == "medium"
    assert scoring.level(30, strict) == "critical"


def test_scores_are_sums_capped_at_100() -> None:
    assert scoring.capped([20, 15]) == 35
    assert scoring.capped([60, 70]) == 100
    assert scoring.capped([]) == 0


def test_a_campaign_on_the_lines_goods_multiplies_its_points_and_says_so() -> None:
    line = _line(frozenset({"toys"}))
    factor = scoring.campaign_factor(line, [_campaign(frozenset({"toys"}), weight=2.0)], CONFIG)
    assert factor == pytest.approx(1 + CONFIG.campaign_multiplier * 2.0)
    (amplified,) = scoring.amplify([_flag(10)], factor)
    assert amplified.points == round(10 * factor)
    assert amplified.evidence["campaign_factor"] == pytest.approx(factor)
    assert amplified.evidence["category"] == "toys"


def test_a_campaign_on_other_goods_leaves_the_line_alone() -> None:
    line = _line(frozenset({"toys"}))
    assert scoring.campaign_factor(line, [_campaign(frozenset({"watches"}))], CONFIG) == 1.0
    assert scoring.amplify([_flag(10)], 1.0)[0].points == 10


def test_a_campaign_without_categories_targets_every_kind_of_goods() -> None:
    assert scoring.campaign_factor(_line(frozenset()), [_campaign(frozenset())], CONFIG) > 1.0
