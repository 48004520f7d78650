"""Currency rates to USD: the shipped table, conversion, unknown currencies and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reference.rates import ExchangeRates, RatesDataError

RATES_FILE = Path(__file__).resolve().parents[2] / "app" / "data" / "rates" / "usd_rates.csv"
REQUIRED = (
    "USD EUR CNY GBP JPY HKD KRW AUD CAD CHF SGD INR BRL MXN RUB AED SAR TRY ZAR THB VND MYR IDR PHP "
    "PLN SEK NOK DKK NZD"
).split()


@pytest.fixture(scope="module")
def rates() -> ExchangeRates:
    return ExchangeRates.load(RATES_FILE)


@pytest.mark.parametrize("currency", REQUIRED)
def test_the_shipped_table_covers_the_main_trade_currencies(rates: ExchangeRates, currency: str) -> None:
    assert rates.knows(currency)
    assert rates.knows(currency.lower())


def test_conversion_divides_by_units_per_usd(rates: ExchangeRates) -> None:
    cny = rates.rate("CNY")
    assert cny is not None
    assert rates.to_usd(72.43, "CNY") == pytest.approx(72.43 / cny.units_per_usd)
    assert rates.to_usd(10, "USD") == 10


def test_the_rates_are_plausible(rates: ExchangeRates) -> None:
    # Broad sanity bands around late-2024 levels: a typo of a factor of ten would fall outside.
    bands = {"EUR": (0.8, 1.1), "CNY": (6.5, 8), "JPY": (130, 170), "AED": (3.67, 3.68), "KRW": (1200, 1600)}
    for currency, (low, high) in bands.items():
        rate = rates.rate(currency)
        assert rate is not None
        assert low <= rate.units_per_usd <= high, currency


def test_a_currency_missing_from_the_table_is_not_converted(rates: ExchangeRates) -> None:
    assert not rates.knows("XOF")
    assert rates.to_usd(100, "XOF") is None


def test_as_of_is_the_oldest_date(rates: ExchangeRates) -> None:
    assert rates.as_of <= "2024-11-25"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text("currency,units_per_usd,as_of,source\n" + body, encoding="utf-8")
    return path


def test_an_override_file_replaces_the_table(tmp_path: Path) -> None:
    rates = ExchangeRates.load(_write(tmp_path, "USD,1,2026-01-02,base\nEUR,0.5,2026-01-02,test\n"))
    assert rates.to_usd(1, "EUR") == 2
    assert not rates.knows("CNY")
    assert rates.as_of == "2026-01-02"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("USD,1,2026-01-02,base\nEUR,-1,2026-01-02,x\n", "row 3: units_per_usd must be a positive"),
        ("USD,1,2026-01-02,base\nEURO,1,2026-01-02,x\n", "row 3: 'EURO' is not a three-letter"),
        ("USD,1,2026-01-02,base\nUSD,1,2026-01-02,base\n", "row 3: duplicate currency USD"),
        ("USD,1,2026-01-02,base\nEUR,0.9,02/01/2026,x\n", "row 3"),
        ("USD,1,2026-01-02,\n", "row 2: every rate needs a source"),
        ("EUR,0.9,2026-01-02,x\n", "must list USD"),
    ],
)
def test_bad_rows_are_refused_with_file_and_row(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(RatesDataError, match=message):
        ExchangeRates.load(_write(tmp_path, body))
