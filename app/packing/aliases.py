"""The header alias table (app/data/packing/header_aliases.yaml): validated at load and hashed."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.data_files import parse_yaml

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "packing" / "header_aliases.yaml"
LINE_FIELDS = ("line_id", "description", "hs_code", "quantity", "unit_value", "currency", "brand", "packages")
_NOT_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """A header as the table compares it: NFKC (full-width forms), case-folded, no spaces or punctuation."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def unit_key(text: str) -> str:
    """A unit as the table compares it; currency symbols are kept ('$', '€')."""
    return re.sub(r"[\s.()\[\]]+", "", unicodedata.normalize("NFKC", text).casefold())


class AliasFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1)
    fields: dict[str, list[str]]
    currency_units: dict[str, list[str]]
    count_units: list[str]
    totals_words: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> AliasFile:
        unknown = set(self.fields) - set(LINE_FIELDS)
        if unknown:
            raise ValueError(f"fields {sorted(unknown)} are not line fields ({', '.join(LINE_FIELDS)})")
        owner: dict[str, str] = {}
        for field, names in self.fields.items():
            for name in [field, *names]:
                key = header_key(name)
                if not key:
                    raise ValueError(f"{field}: alias {name!r} has no letters or digits")
                if owner.setdefault(key, field) != field:
                    raise ValueError(f"alias {name!r} names both {owner[key]} and {field}")
        for code in self.currency_units:
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"currency_units: {code!r} is not an ISO 4217 code")
        return self


class HeaderAliases:
    """Reads a header cell as a line field, and a unit as a currency."""

    def __init__(self, spec: AliasFile, digest: str) -> None:
        self.version = f"{spec.version}+{digest[:12]}"
        self._field = {header_key(n): f for f, names in spec.fields.items() for n in [f, *names]}
        self._currency = {unit_key(u): code for code, units in spec.currency_units.items() for u in units}
        self._currency.update({code.casefold(): code for code in spec.currency_units})
        self._totals = frozenset(header_key(w) for w in spec.totals_words)
        self._longest_total = 2 * max(len(w) for w in spec.totals_words) + 4  # room for spaces, a colon
        self._count_units = frozenset(unit_key(u) for u in spec.count_units)
        units = [u for us in spec.currency_units.values() for u in us] + spec.count_units
        self._suffixes = sorted({header_key(u) for u in units} - {""}, key=len, reverse=True)

    def field_of(self, key: str) -> str | None:
        return self._field.get(key)

    def currency_of(self, unit: str) -> str | None:
        return self._currency.get(unit_key(unit))

    def is_count_unit(self, unit: str) -> bool:
        return unit_key(unit) in self._count_units

    def is_total(self, text: str) -> bool:
        # Most cells are longer than any totals word: skip them before normalising.
        return len(text) <= self._longest_total and header_key(text) in self._totals

    @property
    def unit_suffixes(self) -> list[str]:
        """Every unit a header may end with unbracketed, longest first."""
        return self._suffixes


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_FILE) -> HeaderAliases:
    raw = path.read_bytes()
    spec = AliasFile.model_validate(parse_yaml(raw))
    return HeaderAliases(spec, hashlib.sha256(raw).hexdigest())
