"""HIGH_RISK_CATEGORY with the shipped category table."""

from __future__ import annotations

import pytest

from app.engine.config import EngineConfig, ScoringConfig
from app.engine.types import FlagCode
from app.rules import high_risk_category
from tests.rules.reference_env import env, facts


@pytest.mark.parametrize(
    ("description", "hs_code", "category"),
    [
        ("Knitted beanie hats, acrylic, no brand", "6505.00", "headwear"),
        ("Paracetamol tablets 500mg, 20 per blister box", "3004.90", "medicine"),
        ("Electric kettles 1.7L, no brand", "8516.71", "small_appliances"),
        ("Kids' canvas shoes, no brand", "6404.19", "footwear"),
        ("Ladies quartz watch, mesh strap, no brand", None, "watches"),
        ("Items", "9102.11", "watches"),
    ],
)
def test_targeted_goods_are_flagged_with_their_category(
    description: str, hs_code: str | None, category: str
) -> None:
    found = list(high_risk_category.check(facts(description, hs_code), env()))
    assert [f.code for f in found] == [FlagCode.HIGH_RISK_CATEGORY]
    assert found[0].evidence["category"] == category
    assert found[0].reason
    assert found[0].recommendation


def test_evidence_names_the_keyword_or_the_code() -> None:
    by_word = next(high_risk_category.check(facts("Quartz wrist watch", None), env()))
    by_code = next(high_risk_category.check(facts("Items", "9102.11"), env()))
    assert by_word.evidence["keyword"] == "wrist watch"
    assert by_code.evidence["hs_code"] == "9102.11"
    assert "('wrist watch')" in by_word.reason
    assert "HS code 9102.11" in by_code.reason
    other = next(high_risk_category.check(facts("Mechanical watch", None), env()))
    assert "('mechanical watch')" in other.reason  # each line's own keyword, however many came before


def test_points_are_weighted_by_the_category() -> None:
    config = EngineConfig(scoring=ScoringConfig(high_risk_category=20))
    watches = next(high_risk_category.check(facts("Quartz watch", None), env(config=config)))
    kettles = next(high_risk_category.check(facts("Electric kettle", None), env(config=config)))
    assert watches.points == round(20 * watches.evidence["weight"])
    assert watches.points > kettles.points >= 1


def test_points_are_at_least_one() -> None:
    config = EngineConfig(scoring=ScoringConfig(high_risk_category=1))
    flag = next(high_risk_category.check(facts("Electric kettle", None), env(config=config)))
    assert flag.points == 1


@pytest.mark.parametrize(
    ("description", "hs_code"),
    [
        ("Steel nails 50mm, bright finish", "7317.00"),
        ("Plastic buckets 10L with handle", "3924.90"),
        ("Cardboard shipping boxes, plain brown, 30x20x15cm", "4819.10"),
        ("Macaroni pasta, elbow shape, 500g bags", "1902.19"),  # food: a category, not targeted
        ("Watch boxes with printed logo", "4819.20"),
    ],
)
def test_ordinary_goods_are_not_flagged(description: str, hs_code: str) -> None:
    assert list(high_risk_category.check(facts(description, hs_code), env())) == []
