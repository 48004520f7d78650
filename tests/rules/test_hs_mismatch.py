"""HS_MISMATCH with the shipped category table and HS 2022 nomenclature."""

from __future__ import annotations

import csv

import pytest

from app.engine.types import FlagCode
from app.rules import hs_mismatch
from app.settings import Settings
from tests.rules.reference_env import env, facts


@pytest.mark.parametrize(
    ("description", "hs_code", "points_to"),
    [
        ("Quartz wrist watch, ladies", "3926.90", "watches"),
        ("Cotton t-shirts, knitted, short sleeve", "8517.13", "clothing"),
        ("Plastic building blocks toy set", "2402.20", "toys"),
        ("Men's running shoes, mesh upper", "8471.30", "footwear"),
    ],
)
def test_goods_under_a_code_of_other_goods_are_flagged(
    description: str, hs_code: str, points_to: str
) -> None:
    found = list(hs_mismatch.check(facts(description, hs_code), env()))
    assert [f.code for f in found] == [FlagCode.HS_MISMATCH]
    flag = found[0]
    assert flag.evidence["described_categories"] == [points_to]
    assert hs_code in flag.reason
    assert str(flag.evidence["hs_description"])[:20] in flag.reason  # the declared heading, named


def test_phone_cases_declared_as_phones_are_flagged() -> None:
    flag = next(hs_mismatch.check(facts("Phone cases, silicone, 6.1 inch", "8517.13"), env()))
    assert flag.evidence["accessory_of"] == "mobile_phones"
    assert "3926" in flag.evidence["expected_hs"]
    assert "Telephone sets" in flag.reason


@pytest.mark.parametrize(
    ("description", "hs_code"),
    [
        ("Phone cases, silicone, 6.1 inch", "3926.90"),
        ("Phone cases, PU leather", "4202.32"),
        ("Plastic building blocks toy set", "9503.00"),
        ("Quartz wrist watch", "9102.11"),
        ("Cotton t-shirts, knitted, short sleeve", "6109.10"),
        ("Unbranded smart watches, 1.7 inch", "8517.62"),
        ("Watch boxes with printed logo", "4819.20"),
        ("Steel nails 50mm", "7317.00"),
        ("Wooden clothes pegs, 50 pcs", "4421.99"),
        ("Computer desk, oak veneer", "9403.30"),  # "computer" only qualifies the desk
        ("Concrete mixer 350L", "8474.31"),  # same goods family as small appliances: not clear enough
        ("Quartz wrist watch", "9999.99"),  # unknown codes are refused elsewhere
        ("Items", "9102.11"),
        ("Rubber conveyor belts, reinforced with steel", "4010.11"),  # the code's own text names belts
        ("Percussion caps", "3603.30"),
        ("Mules and hinnies; live", "0101.90"),
    ],
)
def test_codes_that_fit_or_are_not_clearly_wrong_are_not_flagged(description: str, hs_code: str) -> None:
    assert list(hs_mismatch.check(facts(description, hs_code), env())) == []


def test_no_code_no_flag() -> None:
    assert list(hs_mismatch.check(facts("Quartz wrist watch", None), env())) == []


def test_a_word_the_code_names_does_not_excuse_other_goods() -> None:
    """ "Belts" is in 4010's text; leather belts (clothing) are still no conveyor belts under 8517."""
    found = list(hs_mismatch.check(facts("Leather belts for men, pin buckle", "8517.13"), env()))
    assert [f.code for f in found] == [FlagCode.HS_MISMATCH]


def test_no_subheading_described_in_its_own_words_is_a_mismatch() -> None:
    """Every six-digit subheading of HS 2022, its own description declared under its own code."""
    path = Settings().data_paths.hs_codes
    with path.open(encoding="utf-8", newline="") as file:
        rows = [(r["hscode"], r["description"]) for r in csv.DictReader(file) if len(r["hscode"]) == 6]
    rules_env = env()
    flagged = [
        (code, description)
        for code, description in rows
        if not code.startswith("99") and list(hs_mismatch.check(facts(description, code), rules_env))
    ]
    assert len(rows) > 5000
    assert flagged == []


@pytest.mark.parametrize(
    ("description", "hs_code"),
    [
        ("Cigarettes, 20 sticks per pack", "4819.10"),  # cartons of paper
        ("Lipsticks, matte finish", "3923.30"),  # plastic articles for the packing of goods
        ("Quartz wrist watches", "4821.10"),  # paper labels
        ("Perfume eau de toilette 50ml", "7310.29"),  # containers of iron or steel
    ],
)
def test_goods_declared_as_their_packaging_are_flagged(description: str, hs_code: str) -> None:
    [flag] = hs_mismatch.check(facts(description, hs_code), env())
    assert "declared as their packaging" in flag.reason


@pytest.mark.parametrize(
    ("description", "hs_code"),
    [
        ("Cigarette cartons, printed, empty", "4819.10"),  # the packaging itself
        ("Perfume boxes with logo", "4819.20"),
    ],
)
def test_packaging_declared_as_packaging_is_not_flagged(description: str, hs_code: str) -> None:
    assert list(hs_mismatch.check(facts(description, hs_code), env())) == []
