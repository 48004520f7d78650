"""SPLIT_SHIPMENT on hand-built facts: many small lines, many parcels, and parts across manifests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.engine.config import EngineConfig, PatternConfig
from app.engine.facts import LineFacts
from app.engine.types import Flag, FlagCode, GoodsSignature, PastShipment
from app.rules import split_shipment
from tests.rules.factories import DAY, goods, line_facts, manifest_facts, past_shipment, rule_env


def flags(
    *lines: LineFacts,
    history: tuple[PastShipment, ...] = (),
    consignee_id: str | None = "CNE-1",
    config: EngineConfig | None = None,
) -> list[Flag]:
    facts = manifest_facts(*lines, consignee_id=consignee_id)
    return list(split_shipment.check(facts, rule_env(*history, config=config)))


def same_lines(description: str, count: int, quantity: int | None = 1, **fields: Any) -> list[LineFacts]:
    return [
        line_facts(i + 1, description, quantity=quantity, packages=1, index=i, **fields) for i in range(count)
    ]


def test_many_lines_of_the_same_goods_in_small_quantities_flag() -> None:
    found = flags(*same_lines("Watch", 100, unit_value=8.0, categories={"watches"}))

    assert [f.code for f in found] == [FlagCode.SPLIT_SHIPMENT]
    assert found[0].line_id is None
    assert found[0].points == EngineConfig().scoring.split_shipment
    assert found[0].evidence["variants"] == ["lines"]
    assert found[0].evidence["lines_count"] == 100
    assert found[0].evidence["line_ids"] == [str(i) for i in range(1, 101)]
    assert "100 lines of the same goods ('Watch')" in found[0].reason


def test_numbers_sizes_colours_and_plurals_do_not_hide_the_same_goods() -> None:
    colours = ["black", "white", "red", "blue"]
    lines = [
        line_facts(i + 1, f"Sneaker{'s' if i % 2 else ''} #{i}, {colours[i % 4]}", quantity=2, index=i)
        for i in range(12)
    ]

    found = flags(*lines)

    assert found
    assert found[0].evidence["lines_count"] == 12


def test_near_identical_descriptions_of_one_category_are_the_same_goods() -> None:
    first = [line_facts(i + 1, "Bluetooth earbuds", quantity=3, index=i) for i in range(6)]
    second = [line_facts(i + 7, "Bluetooth earbuds TWS", quantity=3, index=i + 6) for i in range(6)]
    with_category = [
        line_facts(
            x.line_id, x.line.description, quantity=3, index=x.index, categories={"consumer_electronics"}
        )
        for x in first + second
    ]

    assert flags(*first, *second) == []  # no shared category: two groups of six
    found = flags(*with_category)
    assert found
    assert found[0].evidence["lines_count"] == 12


def test_fewer_lines_than_the_threshold_do_not_flag() -> None:
    config = EngineConfig(patterns=PatternConfig(split_min_lines=10))

    assert flags(*same_lines("Watch", 9), config=config) == []
    assert flags(*same_lines("Watch", 10), config=config)


def test_lines_above_the_small_quantity_or_without_one_do_not_count() -> None:
    assert flags(*same_lines("Watch", 30, quantity=11)) == []
    assert flags(*same_lines("Watch", 30, quantity=None)) == []


def test_one_garment_order_broken_down_by_size_and_colour_does_not_flag() -> None:
    lines = [
        line_facts(
            i + 1,
            f"Men's cotton t-shirt, plain, {colour}, size {size}",
            quantity=130 + 13 * i,
            packages=3,
            unit_value=1.6,
            categories={"clothing"},
            index=i,
        )
        for i, (colour, size) in enumerate((c, s) for c in ("navy", "red", "grey") for s in "SMLX")
    ]

    assert flags(*lines) == []


def test_an_ordinary_mixed_consignment_does_not_flag() -> None:
    assert (
        flags(
            line_facts(1, "Bamboo chopping boards, 3-piece set", quantity=1174, packages=58, unit_value=4.41),
            line_facts(2, "Glass tumblers 300ml, 6 per box", quantity=1301, packages=13, unit_value=0.35),
            line_facts(3, "Office swivel chairs, mesh back", quantity=358, packages=358, unit_value=30.42),
            line_facts(4, "Steel shelving units, 5 tiers", quantity=482, packages=482, unit_value=19.14),
        )
        == []
    )


@pytest.mark.parametrize(
    ("description", "categories", "unit_value"),
    [
        ("Handbags, PU leather", {"bags_luggage"}, 8.0),  # high-risk goods
        ("Keychains, zinc alloy", set(), 0.8),  # cheap goods
    ],
)
def test_one_line_spread_over_many_parcels_flags(
    description: str, categories: set[str], unit_value: float
) -> None:
    found = flags(
        line_facts(1, description, quantity=220, packages=150, unit_value=unit_value, categories=categories)
    )

    assert found
    assert found[0].evidence["variants"] == ["parcels"]
    assert found[0].evidence["parcel_line_ids"] == ["1"]
    assert "220 pieces in 150 parcels" in found[0].reason


@pytest.mark.parametrize(
    ("quantity", "packages", "categories", "unit_value"),
    [
        (5000, 50, {"watches"}, 3.2),  # normal units per carton
        (358, 358, {"furniture"}, 30.42),  # large goods, one to a package
        (40, 15, {"watches"}, 5.0),  # too few parcels to be a split
    ],
)
def test_normal_packing_does_not_flag(
    quantity: int, packages: int, categories: set[str], unit_value: float
) -> None:
    line = line_facts(
        1, "Goods", quantity=quantity, packages=packages, unit_value=unit_value, categories=categories
    )

    assert flags(line) == []


def earlier(
    days_before: int, *items: GoodsSignature, consignee_id: str = "CNE-1", n: int = 0
) -> PastShipment:
    return past_shipment(
        f"scr_{days_before}_{n}",
        DAY - dt.timedelta(days=days_before),
        *items,
        consignee_id=consignee_id,
    )


def sneakers_today(quantity: int = 60) -> LineFacts:
    return line_facts(1, "Running sneakers, mesh", quantity=quantity, categories={"footwear"})


def test_the_same_goods_to_the_same_consignee_in_several_manifests_flag() -> None:
    history = (
        earlier(5, goods("Running sneakers, mesh", quantity=60, category="footwear")),
        earlier(2, goods("Running sneakers, mesh", quantity=80, category="footwear")),
    )

    found = flags(sneakers_today(), history=history)

    assert found
    assert found[0].evidence["variants"] == ["manifests"]
    assert found[0].evidence["screening_ids"] == ["scr_5_0", "scr_2_0"]
    assert found[0].evidence["manifests"] == 3
    assert "in 3 manifests from 2026-11-15 to 2026-11-20" in found[0].reason


def test_parts_match_by_category_and_brand_when_the_words_differ() -> None:
    history = (
        earlier(4, goods("Sports shoes", quantity=50, category="footwear")),
        earlier(1, goods("Trainers, men", quantity=50, category="footwear")),
    )

    found = flags(sneakers_today(), history=history)

    assert found
    assert found[0].evidence["screening_ids"] == ["scr_4_0", "scr_1_0"]


@pytest.mark.parametrize(
    "history",
    [
        # another consignee
        (
            earlier(5, goods("Running sneakers, mesh", category="footwear"), consignee_id="CNE-2"),
            earlier(2, goods("Running sneakers, mesh", category="footwear"), consignee_id="CNE-2"),
        ),
        # outside the window
        (
            earlier(9, goods("Running sneakers, mesh", category="footwear")),
            earlier(2, goods("Running sneakers, mesh", category="footwear")),
        ),
        # other goods
        (earlier(5, goods("Ceramic mugs", category=None)), earlier(2, goods("Ceramic mugs", category=None))),
        # full loads, not small parts
        (
            earlier(5, goods("Running sneakers, mesh", quantity=6000, category="footwear")),
            earlier(2, goods("Running sneakers, mesh", quantity=6000, category="footwear")),
        ),
    ],
)
def test_parts_need_the_same_consignee_goods_window_and_small_quantities(
    history: tuple[PastShipment, ...],
) -> None:
    assert flags(sneakers_today(), history=history) == []


def test_a_manifest_without_consignee_id_is_not_compared_across_manifests() -> None:
    history = (
        earlier(5, goods("Running sneakers, mesh", category="footwear")),
        earlier(2, goods("Running sneakers, mesh", category="footwear")),
    )

    assert flags(sneakers_today(), history=history, consignee_id=None) == []


def test_a_large_order_today_is_not_a_part() -> None:
    history = (
        earlier(5, goods("Running sneakers, mesh", category="footwear")),
        earlier(2, goods("Running sneakers, mesh", category="footwear")),
    )

    assert flags(sneakers_today(quantity=5000), history=history) == []


def letters(n: int) -> str:
    return "".join(chr(97 + n // 26**k % 26) for k in range(3))


def test_ten_thousand_small_lines_of_one_category_are_grouped_quickly() -> None:
    lines = [
        line_facts(i + 1, f"Plush toy {letters(i)}", quantity=1, categories={"toys"}, index=i)
        for i in range(10_000)
    ]

    found = flags(*lines)

    assert len(found) == 1


@pytest.mark.parametrize(
    "description",
    [
        "Garlic, fresh, 10kg mesh bags",
        "Onions, red, 25 kg sacks",
        "Apples Fuji in 18.5kg cartons",
        "Sunflower oil 20 l drums",
    ],
)
def test_cheap_bulk_goods_in_the_packages_they_are_sold_in_are_no_split(description: str) -> None:
    # each package holds a stated weight or volume: a trade unit, one to a package
    assert flags(line_facts(1, description, quantity=1500, packages=1500, unit_value=8.0)) == []


def test_high_risk_goods_in_measured_packages_still_split() -> None:
    line = line_facts(
        1, "Handbags 2kg cartons", quantity=220, packages=150, unit_value=8.0, categories={"bags_luggage"}
    )
    assert flags(line)
    # a quantity with no package that holds it is no trade unit: cheap goods one to a parcel still count
    assert flags(line_facts(1, "Keychains 10g each", quantity=220, packages=150, unit_value=0.8))
