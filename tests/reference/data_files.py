"""The shipped reference data, loaded once per test session for the tests that read it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.reference.categories import CategoryTable
from app.reference.hs import HsNomenclature
from app.reference.rates import ExchangeRates

DATA = Path(__file__).resolve().parents[2] / "app" / "data"
CATEGORIES_FILE = DATA / "categories" / "categories.yaml"
HS_FILE = DATA / "hs" / "hs_codes.csv"
RATES_FILE = DATA / "rates" / "usd_rates.csv"


@cache
def hs() -> HsNomenclature:
    return HsNomenclature.load(HS_FILE)


@cache
def categories() -> CategoryTable:
    return CategoryTable.load(CATEGORIES_FILE, hs())


@cache
def rates() -> ExchangeRates:
    return ExchangeRates.load(RATES_FILE)
