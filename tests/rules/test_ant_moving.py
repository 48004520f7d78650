"""ANT_MOVING on hand-built facts and history: small repeated shipments of similar high-risk goods."""

from __future__ import annotations

import datetime as dt

import pytest

from app.engine.config import EngineConfig, PatternConfig
from app.engine.facts import LineFacts
from app.engine.types import Flag, FlagCode, GoodsSignature, PastShipment
from app.rules import ant_moving
from tests.rules.factories import DAY, goods, line_facts, manifest_facts, past_shipment, rule_env


def flags(
    *lines: LineFacts, history: tuple[PastShipment, ...] = (), config: EngineConfig | None = None
) -> list[Flag]:
    facts = manifest_facts(*lines)
    return list(ant_moving.check(facts, rule_env(*history, config=config)))


def watches_today(quantity: int = 3) -> LineFacts:
    return line_facts(1, "Quartz watch", quantity=quantity, unit_value=10.0, categories={"watches"})


def series(days_before: list[int], *items: GoodsSignature) -> tuple[PastShipment, ...]:
    """Earlier shipments of the same goods, one on each of the given days before DAY."""
    signatures = items or (goods("Men's wrist watch, steel", quantity=3, category="watches"),)
    return tuple(past_shipment(f"scr_{d}", DAY - dt.timedelta(days=d), *signatures) for d in days_before)


def test_the_last_of_many_small_shipments_of_similar_goods_flags() -> None:
    history = series([20, 18, 17, 15, 14, 11, 9, 6, 1])

    found = flags(watches_today(), history=history)

    assert [f.code for f in found] == [FlagCode.ANT_MOVING]
    flag = found[0]
    assert flag.line_id is None
    assert flag.points == EngineConfig().scoring.ant_moving
    assert flag.evidence["shipments"] == 10
    assert flag.evidence["screening_ids"] == [f"scr_{d}" for d in (20, 18, 17, 15, 14, 11, 9, 6, 1)]
    assert flag.evidence["first_date"] == "2026-10-31"
    assert flag.evidence["last_date"] == "2026-11-20"
    assert flag.evidence["total_quantity"] == 9 * 3 + 3
    assert flag.evidence["total_value_usd"] == pytest.approx(9 * 24.0 + 30.0)
    assert flag.evidence["category"] == "watches"
    assert "10 small shipments of watches" in flag.reason
    assert "from 2026-10-31 to 2026-11-20" in flag.reason


def test_the_first_shipment_of_a_series_does_not_flag() -> None:
    assert flags(watches_today()) == []


def test_it_flags_from_the_configured_number_of_shipments() -> None:
    config = EngineConfig(patterns=PatternConfig(ant_min_shipments=5))

    assert flags(watches_today(), history=series([8, 6, 4]), config=config) == []
    assert flags(watches_today(), history=series([8, 6, 4, 2]), config=config)


def test_shipments_before_the_window_or_after_this_one_do_not_count() -> None:
    config = EngineConfig(patterns=PatternConfig(ant_window_days=30, ant_min_shipments=5))
    history = (*series([45, 40, 31]), *series([-2]), *series([30, 10, 5]))

    assert flags(watches_today(), history=history, config=config) == []  # 4 in the window
    assert flags(watches_today(), history=(*history, *series([3])), config=config)


def test_a_large_shipment_today_does_not_flag() -> None:
    assert flags(watches_today(quantity=21), history=series([20, 15, 10, 5, 1])) == []


def test_large_earlier_shipments_do_not_count() -> None:
    large = goods("Quartz watch", quantity=500, category="watches")

    assert flags(watches_today(), history=series([20, 15, 10, 5, 1], large)) == []


def test_ordinary_goods_do_not_count() -> None:
    mugs = line_facts(1, "Ceramic mugs", quantity=6, categories={"food"})
    earlier = goods("Ceramic mugs", quantity=6, category="food")

    assert flags(mugs, history=series([20, 15, 10, 5, 1], earlier)) == []


def test_other_high_risk_goods_are_not_similar() -> None:
    shoes = goods("Running shoes", quantity=3, category="footwear")

    assert flags(watches_today(), history=series([20, 15, 10, 5, 1], shoes)) == []


def test_goods_bearing_the_same_mark_are_similar_across_categories() -> None:
    today = line_facts(1, "Rolex strap", quantity=2, categories={"watches"}, brands=["Rolex"])
    earlier = goods("Rolex cap", quantity=2, category="headwear", brand="Rolex")

    found = flags(today, history=series([12, 9, 6, 3], earlier))

    assert len(found) == 1
    assert found[0].evidence["brand"] == "Rolex"
    assert "goods bearing the mark 'Rolex'" in found[0].reason


def test_the_same_large_order_repeated_monthly_does_not_flag() -> None:
    plates = line_facts(1, "Ceramic dinner plates 27cm", quantity=6000, unit_value=0.8)
    earlier = goods("Ceramic dinner plates 27cm", quantity=6000, unit_value=0.8, high_risk=False)

    assert flags(plates, history=series([84, 56, 28], earlier)) == []


def test_small_high_risk_goods_travelling_with_other_goods_still_count() -> None:
    today = (
        watches_today(),
        line_facts(2, "Cotton fabric, plain dyed", quantity=20000, unit_value=1.1),
    )

    assert flags(*today, history=series([20, 15, 10, 5]))
