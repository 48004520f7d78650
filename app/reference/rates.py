"""Dated currency rates to USD, shipped as data and overridable.

The table is a CSV with `currency, units_per_usd, as_of, source` (app/data/rates/usd_rates.csv,
sources in SOURCES.md beside it); an operator points `PRESCREEN_RATES_FILE` at their own copy.
A currency that is valid ISO 4217 but absent from the table is accepted by the API and simply not
converted: rules that need a USD value (PRICE_ANOMALY) then stay silent for that line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

_CODE = re.compile(r"[A-Z]{3}")
_COLUMNS = ("currency", "units_per_usd", "as_of", "source")


class RatesDataError(ValueError):
    """A rates file that cannot be loaded: names the file, the row and the reason."""


@dataclass(frozen=True, slots=True)
class Rate:
    currency: str
    units_per_usd: float
    as_of: dt.date
    source: str


class ExchangeRates:
    version: str
    as_of: str  # the oldest date in the table: every rate is at least this recent

    def __init__(self, rates: dict[str, Rate], version: str) -> None:
        self._rates = rates
        self.version = version
        self.as_of = min(r.as_of for r in rates.values()).isoformat()

    @classmethod
    def load(cls, path: Path) -> ExchangeRates:
        raw = path.read_bytes()
        reader = csv.DictReader(raw.decode("utf-8-sig").splitlines())
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RatesDataError(f"{path.name}: missing column(s) {', '.join(missing)}")
        rates: dict[str, Rate] = {}
        for row_number, row in enumerate(reader, start=2):
            rate = _parse_row(row, f"{path.name}, row {row_number}")
            if rate.currency in rates:
                raise RatesDataError(f"{path.name}, row {row_number}: duplicate currency {rate.currency}")
            rates[rate.currency] = rate
        if "USD" not in rates:
            raise RatesDataError(f"{path.name}: the table must list USD")
        return cls(rates, hashlib.sha256(raw).hexdigest()[:16])

    def knows(self, currency: str) -> bool:
        return currency.upper() in self._rates

    def rate(self, currency: str) -> Rate | None:
        return self._rates.get(currency.upper())

    def to_usd(self, amount: float, currency: str) -> float | None:
        rate = self._rates.get(currency.upper())
        return None if rate is None else amount / rate.units_per_usd

    def currencies(self) -> frozenset[str]:
        return frozenset(self._rates)


def _parse_row(row: dict[str, str], where: str) -> Rate:
    currency = (row.get("currency") or "").strip().upper()
    if not _CODE.fullmatch(currency):
        raise RatesDataError(f"{where}: {currency!r} is not a three-letter currency code")
    try:
        units = float(row.get("units_per_usd") or "")
        as_of = dt.date.fromisoformat((row.get("as_of") or "").strip())
    except ValueError as exc:
        raise RatesDataError(f"{where}: {exc}") from exc
    if not math.isfinite(units) or units <= 0:
        raise RatesDataError(f"{where}: units_per_usd must be a positive number")
    source = (row.get("source") or "").strip()
    if not source:
        raise RatesDataError(f"{where}: every rate needs a source")
    if currency == "USD" and units != 1:
        raise RatesDataError(f"{where}: USD must be 1 unit per USD")
    return Rate(currency, units, as_of, source)
