"""SEPARATED_MARKS on hand-built facts: marks lines, the goods they fit, and plain trims."""

from __future__ import annotations

import pytest

from app.engine.config import EngineConfig, PatternConfig
from app.engine.facts import AccessoryHit, LineFacts
from app.engine.types import Flag, FlagCode
from app.rules import separated_marks
from app.rules.marks_reading import read_marks
from tests.rules.factories import SHIPPED_VOCABULARY, line_facts, manifest_facts, rule_env


def flags(*lines: LineFacts, destination: str = "US", config: EngineConfig | None = None) -> list[Flag]:
    facts = manifest_facts(*lines, destination=destination)
    return list(separated_marks.check(facts, rule_env(config=config)))


@pytest.mark.parametrize(
    ("goods", "goods_categories", "marks", "marks_quantity"),
    [
        ("Unbranded perfume 50ml in bulk", {"perfume"}, "Printed perfume boxes with logo", 5000),
        ("Plain wallets, PU", {"bags_luggage"}, "Metal logo plates for wallets", 2000),
        ("Unbranded smart watches, 1.7 inch", {"watches"}, "Watch boxes with printed logo", 1000),
        ("Plain sports socks, white", {"clothing"}, "Woven logo labels for socks", 20000),
        ("Unbranded hoodies, cotton fleece", {"clothing"}, "Printed heat-transfer logo labels", 3000),
        ("Bluetooth speakers, no brand", {"consumer_electronics"}, "Aluminium nameplates", 29500),
        ("Ladies handbags, PU, unbranded", {"bags_luggage"}, "Dust bags with printed logo", 800),
        ("Baseball caps, plain", {"headwear"}, "Embroidered badges with brand logo", 1500),
        ("Denim jeans, no label", {"clothing"}, "Leather patches with debossed logo for jeans", 4000),
        ("Unbranded perfume 100ml, in bulk", {"perfume"}, "Perfume caps with engraved logo", 6000),
    ],
)
def test_marks_fitting_unbranded_goods_flag_and_name_both_lines(
    goods: str, goods_categories: set[str], marks: str, marks_quantity: int
) -> None:
    found = flags(
        line_facts(1, goods, quantity=marks_quantity, categories=goods_categories),
        line_facts(2, marks, quantity=marks_quantity, unit_value=0.05),
    )

    assert [f.code for f in found] == [FlagCode.SEPARATED_MARKS]
    flag = found[0]
    assert flag.line_id is None
    assert flag.points == EngineConfig().scoring.separated_marks
    assert flag.evidence["marks_line_ids"] == ["2"]
    assert flag.evidence["goods_line_ids"] == ["1"]
    assert flag.evidence["quantities"] == {"1": marks_quantity, "2": marks_quantity}
    assert f"line 2 '{marks}' ({marks_quantity:,})" in flag.reason
    assert f"line 1 '{goods}' ({marks_quantity:,})" in flag.reason


def test_marks_naming_the_goods_fit_whatever_the_quantities() -> None:
    found = flags(
        line_facts(1, "Unbranded ladies wallets, PU", quantity=1200, categories={"bags_luggage"}),
        line_facts(2, "Metal logo plates for wallets", quantity=5000),
    )

    assert len(found) == 1
    assert "both name wallet" in found[0].reason
    assert found[0].evidence["pairs"] == [
        {"marks_line_id": "2", "carrier": "plate", "goods_line_ids": ["1"], "fit": ["both name wallet"]}
    ]


def test_marks_naming_a_category_present_fit_its_goods() -> None:
    found = flags(
        line_facts(1, "Men's quartz timepieces, steel", quantity=700, hs_categories={"watches"}),
        line_facts(
            2, "Printed gift boxes with logo, for wrist watches", quantity=3000, categories={"watches"}
        ),
    )

    assert len(found) == 1
    assert found[0].evidence["goods_line_ids"] == ["1"]
    assert "made for watches" in found[0].reason


def test_marks_fit_the_goods_their_accessory_words_go_with() -> None:
    wallets = line_facts(1, "Ladies wallets, PU, unbranded", quantity=1200, categories={"bags_luggage"})
    plates = "Metal logo plates for purses"
    unknown = manifest_facts(wallets, line_facts(2, plates, quantity=5000))
    purse = AccessoryHit(category="bags_luggage", group="packaging", text="purses")
    known = manifest_facts(wallets, line_facts(2, plates, quantity=5000, accessories=[purse]))

    assert list(separated_marks.check(unknown, rule_env())) == []
    found = list(separated_marks.check(known, rule_env()))
    assert len(found) == 1
    assert "made for bags, wallets and luggage" in found[0].reason


def test_a_logo_that_names_no_goods_fits_the_high_risk_goods_of_the_manifest() -> None:
    found = flags(
        line_facts(1, "Ceramic flower pots 15cm", quantity=3000, categories=()),
        line_facts(2, "Running shoes, mesh, unbranded", quantity=600, categories={"footwear"}),
        line_facts(3, "Logo stickers, vinyl", quantity=10000),
    )

    assert len(found) == 1
    assert found[0].evidence["goods_line_ids"] == ["2"]


def test_a_recorded_mark_on_the_marks_line_is_reported() -> None:
    hit = line_facts(2, "Woven labels NIKE", quantity=5000, brands=["Nike"])
    found = flags(line_facts(1, "Sports t-shirts, polyester", quantity=5000, categories={"clothing"}), hit)

    assert found[0].evidence["brand"] == "Nike"


@pytest.mark.parametrize(
    "trims",
    [
        "Printed care labels, washing symbols and fibre content only, no brand, no logo",
        "Plastic buttons, 4-hole, 15mm, plain",
        "Polyester sewing thread, 5000m cones",
        "Gift boxes, kraft paper, blank",
        "Shoe boxes, corrugated, without logo",
        "Price tags, plain",
    ],
)
def test_plain_trims_do_not_flag_even_in_matching_quantities(trims: str) -> None:
    assert (
        flags(
            line_facts(1, "Men's cotton t-shirts, plain", quantity=2000, categories={"clothing"}),
            line_facts(2, trims, quantity=2000),
        )
        == []
    )


@pytest.mark.parametrize(
    "goods_with_marks",
    [
        "Baseball caps with embroidered logo",
        "Perfume 50ml in gift boxes with logo",
        "Sneakers in original boxes with logo",
        "Box of 12 logo pens",
        "Label printer, thermal, with logo software",
    ],
)
def test_goods_that_carry_their_own_marks_are_not_marks_lines(goods_with_marks: str) -> None:
    line = line_facts(1, goods_with_marks, quantity=500)

    assert read_marks(line, SHIPPED_VOCABULARY) is None
    assert flags(line, line_facts(2, "Unbranded caps", quantity=500, categories={"headwear"})) == []


def test_marks_with_branded_goods_only_are_not_separated() -> None:
    assert (
        flags(
            line_facts(1, "Nike running shoes", quantity=300, categories={"footwear"}, brands=["Nike"]),
            line_facts(2, "Nike shoe boxes", quantity=300, brands=["Nike"]),
        )
        == []
    )


def test_an_equal_count_alone_ties_marks_only_to_high_risk_goods() -> None:
    promotional = flags(
        line_facts(1, "Ceramic coffee mugs 350ml", quantity=1000),
        line_facts(2, "Printed gift boxes with logo", quantity=1000),
    )
    counterfeit_prone = flags(
        line_facts(1, "Bluetooth speakers, 5W", quantity=1000, categories={"consumer_electronics"}),
        line_facts(2, "Printed gift boxes with logo", quantity=1000),
    )

    assert promotional == []
    assert len(counterfeit_prone) == 1


def test_marks_that_fit_nothing_in_the_manifest_do_not_flag() -> None:
    assert (
        flags(
            line_facts(1, "Ceramic flower pots 15cm", quantity=3540),
            line_facts(2, "Glass tumblers 300ml", quantity=1199),
            line_facts(3, "Printed phone case boxes with logo", quantity=800),
        )
        == []
    )


def test_quantities_match_within_the_configured_tolerance() -> None:
    goods = line_facts(1, "Plain tote bags, canvas", quantity=1000, categories={"bags_luggage"})
    marks = line_facts(2, "Woven logo labels for hats", quantity=1240)
    strict = EngineConfig(patterns=PatternConfig(marks_quantity_tolerance=0.1))

    assert flags(goods, marks)  # 1,000 is within 20 % of 1,240
    assert flags(goods, marks, config=strict) == []


def test_branded_marks_alone_in_quantity_to_an_assembly_destination_flag() -> None:
    marks = line_facts(1, "Woven labels GUCCI, 3x6cm", quantity=5000, brands=["Gucci"])

    found = flags(marks, destination="MX")

    assert len(found) == 1
    assert found[0].evidence["assembly_destination"] == "MX"
    assert found[0].evidence["goods_line_ids"] == []
    assert "'Gucci'" in found[0].reason
    assert "MX" in found[0].reason


@pytest.mark.parametrize(
    ("quantity", "destination", "brands"),
    [
        (999, "MX", ["Gucci"]),  # too few to be a production run
        (5000, "JP", ["Gucci"]),  # not an assembly destination of the list
        (5000, "MX", []),  # a logo but no recorded mark
    ],
)
def test_marks_alone_need_quantity_a_listed_destination_and_a_recorded_mark(
    quantity: int, destination: str, brands: list[str]
) -> None:
    marks = line_facts(1, "Woven logo labels, 3x6cm", quantity=quantity, brands=brands)

    assert flags(marks, destination=destination) == []


def test_several_marks_lines_make_one_flag() -> None:
    found = flags(
        line_facts(1, "Unbranded handbags, PU", quantity=2000, categories={"bags_luggage"}),
        line_facts(2, "Metal logo plates for handbags", quantity=2000),
        line_facts(3, "Dust bags with printed logo", quantity=2000),
    )

    assert len(found) == 1
    assert found[0].evidence["marks_line_ids"] == ["2", "3"]
    assert "(and 1 more marks line)" in found[0].reason


def test_chinese_marks_lines_are_read() -> None:
    found = flags(
        line_facts(1, "香水 50ml 散装", quantity=5000, categories={"perfume"}),
        line_facts(2, "香水包装盒 印logo", quantity=5000, categories={"perfume"}),
    )

    assert len(found) == 1
    assert found[0].evidence["goods_line_ids"] == ["1"]


def test_ten_thousand_lines_are_read_quickly() -> None:
    lines = [
        line_facts(i + 1, f"Ceramic mugs model {i}, 350ml", quantity=100 + i, index=i) for i in range(9_998)
    ]
    lines.append(
        line_facts(9_999, "Plain wallets, PU", quantity=50_000, categories={"bags_luggage"}, index=9_998)
    )
    lines.append(line_facts(10_000, "Metal logo plates for wallets", quantity=50_000, index=9_999))

    found = flags(*lines)

    assert found[0].evidence["goods_line_ids"] == ["9999"]


def test_logo_cases_and_pouches_are_packaging_that_carries_a_mark() -> None:
    found = flags(
        line_facts(1, "Unbranded sunglasses, UV400", quantity=1000, categories={"eyewear"}),
        line_facts(2, "Sunglasses cases with printed logo", quantity=1000),
    )
    assert len(found) == 1
    assert found[0].evidence["marks_line_ids"] == ["2"]


def test_plain_cases_carry_no_mark() -> None:
    found = flags(
        line_facts(1, "Unbranded sunglasses, UV400", quantity=1000, categories={"eyewear"}),
        line_facts(2, "Sunglasses cases, plain black", quantity=1000),
    )
    assert found == []


@pytest.mark.parametrize(
    ("goods", "goods_categories", "marks"),
    [
        ("Quartz watches, blank dial", {"watches"}, "Logo printed watch dials"),  # a part the mark goes on
        ("Lipstick, bulk, unbranded", {"cosmetics"}, "Printed lipstick tubes with logo"),
        ("Action figures, unpackaged", {"toys"}, "Blister cards with licensed character artwork logo"),
    ],
)
def test_parts_and_packs_a_mark_is_put_on_are_carriers(
    goods: str, goods_categories: set[str], marks: str
) -> None:
    found = flags(
        line_facts(1, goods, quantity=500, categories=goods_categories),
        line_facts(2, marks, quantity=500, categories=goods_categories),
    )
    assert len(found) == 1


def test_a_carrier_made_for_goods_a_counting_noun_names_names_them() -> None:
    # "plates for bags": bags are the goods the plates are made for, not a count
    [reading] = [
        r for r in [read_marks(line_facts(1, "Metal logo plates for bags"), SHIPPED_VOCABULARY)] if r
    ]
    assert "bag" in reading.goods_words


def test_a_logo_that_names_no_goods_fits_accessories_of_high_risk_goods() -> None:
    cases = AccessoryHit(category="mobile_phones", group="protection", text="phone cases")
    found = flags(
        line_facts(1, "Unbranded phone cases, silicone", quantity=3000, accessories=[cases]),
        line_facts(2, "Metallic logo stickers", quantity=3000),
    )
    assert len(found) == 1
    assert found[0].evidence["goods_line_ids"] == ["1"]
