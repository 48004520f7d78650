"""PRICE_ANOMALY with brand floors, category floors and currency conversion."""

from __future__ import annotations

import dataclasses

import pytest

from app.engine.config import EngineConfig, PriceConfig
from app.engine.types import FlagCode
from app.matching.hits import MatchType
from app.reference.brands import BrandRecord, ModelFloor
from app.rules import price_anomaly
from tests.rules.reference_env import brand, env, facts

OMEGA = brand("Omega", 2500, "quartz Constellation list ~US$3k (2024)")


def test_far_below_the_brand_floor_is_flagged_with_its_evidence() -> None:
    line = facts("Omega Speedmaster Moonwatch chronograph", "9102.21", unit_value=11.0, brands=(OMEGA,))
    found = list(price_anomaly.check(line, env(OMEGA)))
    assert [f.code for f in found] == [FlagCode.PRICE_ANOMALY]
    evidence = found[0].evidence
    assert evidence["brand"] == "Omega"
    assert evidence["floor_usd"] == 2500
    assert evidence["ratio"] == pytest.approx(11 / 2500, rel=1e-3)
    assert evidence["floor_basis"] == OMEGA.floor_basis
    assert "2500" in found[0].reason
    assert "30%" in found[0].reason


def test_at_a_genuine_price_nothing_is_flagged() -> None:
    line = facts("Omega Seamaster watch", "9102.21", unit_value=3000.0, brands=(OMEGA,))
    assert list(price_anomaly.check(line, env(OMEGA))) == []


def test_the_threshold_follows_the_configured_ratio() -> None:
    line = facts("Omega watch", "9102.21", unit_value=1000.0, brands=(OMEGA,))
    assert list(price_anomaly.check(line, env(OMEGA))) == []
    strict = EngineConfig(price=PriceConfig(anomaly_ratio=0.5))
    assert len(list(price_anomaly.check(line, env(OMEGA, config=strict)))) == 1


def test_values_in_other_currencies_are_converted() -> None:
    line = facts("Omega watch", "9102.21", unit_value=5000.0, currency="CNY", brands=(OMEGA,))
    flag = next(price_anomaly.check(line, env(OMEGA)))
    assert flag.evidence["currency"] == "CNY"
    assert flag.evidence["unit_value_usd"] == pytest.approx(5000 / flag.evidence["rate_units_per_usd"], 1e-3)
    assert flag.evidence["rate_as_of"]


def test_a_currency_without_rate_cannot_be_judged() -> None:
    line = facts("Omega watch", "9102.21", unit_value=1.0, currency="XOF", brands=(OMEGA,))
    assert list(price_anomaly.check(line, env(OMEGA))) == []


@pytest.mark.parametrize(
    ("description", "hs_code", "value", "flagged"),
    [
        ("Sony WH-1000XM5 noise cancelling headphones", "8518.30", 7.0, True),
        ("Adidas Ultraboost 22 running shoes", "6404.11", 5.5, True),
        ("Casio G-Shock GA-2100 watch", "9102.11", 72.0, False),
        ("Lancome Advanced Genifique serum 50ml", "3304.99", 70.0, False),
    ],
)
def test_brands_without_floor_use_the_category_floor(
    description: str, hs_code: str, value: float, flagged: bool
) -> None:
    name = description.split()[0]
    record = brand(name)
    line = facts(description, hs_code, unit_value=value, brands=(record,))
    found = list(price_anomaly.check(line, env(record)))
    assert bool(found) is flagged
    if found:
        assert "category floor" in str(found[0].evidence["floor_basis"])


def test_a_partial_brand_floor_yields_to_a_lower_category_floor() -> None:
    moncler = brand("Moncler", 800, "outerwear only: down jackets ~US$1.2k+ (2024)")
    line = facts("Moncler cotton t-shirt, logo", "6109.10", unit_value=60.0, brands=(moncler,))
    assert list(price_anomaly.check(line, env(moncler))) == []
    jacket = facts("Moncler down jacket", "6201.40", unit_value=15.0, brands=(moncler,))
    assert len(list(price_anomaly.check(jacket, env(moncler)))) == 1


def test_lines_without_brand_or_value_are_not_judged() -> None:
    assert list(price_anomaly.check(facts("Quartz watch", "9102.11", unit_value=0.5), env(OMEGA))) == []
    line = facts("Omega watch", "9102.21", unit_value=None, brands=(OMEGA,))
    assert list(price_anomaly.check(line, env(OMEGA))) == []


def _apple() -> BrandRecord:
    return BrandRecord(
        name="Apple",
        rights_holder="Apple Inc.",
        home_country="US",
        categories=["consumer_electronics"],
        models=["AirPods", "AirPods Pro"],
        model_floors=[
            ModelFloor(model="AirPods", floor_price_usd=99, floor_basis="AirPods 4 list US$129"),
            ModelFloor(model="AirPods Pro", floor_price_usd=179, floor_basis="AirPods Pro 2 list US$249"),
        ],
        source="test",
    )


@pytest.mark.parametrize(
    ("description", "unit_value", "floor"),
    [
        ("Apple AirPods Pro 2 wireless earbuds", 40.0, 179),  # the most specific model named
        ("Apple AirPods 4 earbuds", 20.0, 99),
    ],
)
def test_a_priced_model_named_on_the_line_sets_the_floor(
    description: str, unit_value: float, floor: int
) -> None:
    line = facts(description, "8518.30", unit_value=unit_value, brands=(_apple(),))
    [flag] = price_anomaly.check(line, env(_apple()))
    assert flag.evidence["floor_usd"] == floor
    assert "AirPods" in str(flag.evidence["floor_basis"])


def test_a_model_at_its_genuine_price_is_not_flagged() -> None:
    line = facts("Apple AirPods Pro 2 wireless earbuds", "8518.30", unit_value=189.0, brands=(_apple(),))
    assert list(price_anomaly.check(line, env(_apple()))) == []


def test_a_mark_named_as_what_the_goods_fit_sets_no_floor() -> None:
    # "case for Omega": the goods are a case, not the brand's watch; its floor says nothing of them
    line = facts("Strap for Omega Speedmaster", "9113.90", unit_value=11.0, brands=(OMEGA,))
    fitting = dataclasses.replace(line.brand_hits[0], match_type=MatchType.COMPATIBILITY)
    assert list(price_anomaly.check(dataclasses.replace(line, brand_hits=(fitting,)), env(OMEGA))) == []
    assert [f.code for f in price_anomaly.check(line, env(OMEGA))] == [FlagCode.PRICE_ANOMALY]


@pytest.mark.parametrize(("ratio", "text"), [(0.0036, "0.36%"), (0.044, "4.4%"), (0.27, "27%"), (0.1, "10%")])
def test_a_ratio_is_printed_as_people_read_it(ratio: float, text: str) -> None:
    assert price_anomaly.percent(ratio) == text


def test_a_tiny_ratio_is_never_printed_as_nothing() -> None:
    line = facts("Omega Speedmaster Moonwatch chronograph", "9102.21", unit_value=9.0, brands=(OMEGA,))
    [flag] = price_anomaly.check(line, env(OMEGA))
    assert "0.36% of the genuine floor" in flag.reason  # 9 / 2500


@pytest.mark.parametrize(
    ("description", "unit_value", "floor"),
    [
        ("Acme smartphone 512GB, 6.8 inch", 40.0, 180),  # the storage prices the phone
        ("Acme mobile phone 1TB dual sim", 60.0, 300),
    ],
)
def test_a_stated_specification_sets_the_category_floor(
    description: str, unit_value: float, floor: int
) -> None:
    acme = brand("Acme")
    [flag] = price_anomaly.check(
        facts(description, "8517.13", unit_value=unit_value, brands=(acme,)), env(acme)
    )
    assert flag.evidence["floor_usd"] == floor
    assert "512gb" in str(flag.evidence["floor_basis"]) or "1tb" in str(flag.evidence["floor_basis"])


def test_a_specification_of_an_entry_model_keeps_its_entry_floor() -> None:
    acme = brand("Acme")
    line = facts("Acme smartphone 128GB", "8517.13", unit_value=40.0, brands=(acme,))
    assert list(price_anomaly.check(line, env(acme))) == []  # 40 is half of 80: a plausible price
