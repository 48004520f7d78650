"""Party list entries: the validated shape every file format becomes, and the loaded catalog.

An entry is one listed company (or organisation): its names in any script, country, identifiers,
the list it is on, why and since when, and where that is published. party_lists/README.md
documents the fields; app/parties/loaders.py reads YAML, CSV and FollowTheMoney JSON lines into it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from app.data_files import LIST_ID
from app.text import has_cjk

_SCHEME = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
_SPACES = re.compile(r"\s+")
_ID_NOISE = re.compile(r"[\s.\-/]+")
_EORI = re.compile(r"^[A-Z]{2}[0-9A-Z]{1,15}$")

# Identifier schemes an entry or a party may carry; values compare exactly within a scheme.
IDENTIFIER_SCHEMES = {
    "uscc": "China's Unified Social Credit Code (18 characters, check character verified)",
    "eori": "EU/UK Economic Operators Registration and Identification number",
    "lei": "Legal Entity Identifier (ISO 17442)",
    "vat": "VAT number",
    "tax_id": "tax number (INN, TIN, NIT ...)",
    "registration": "company register number (OGRN, Companies House ...)",
    "swift_bic": "SWIFT/BIC code",
    "duns": "D-U-N-S number",
    "customs_code": "customs registration code (China Customs' 10-digit enterprise code ...)",
}


def normalise_identifier(scheme: str, value: str) -> str:
    """Upper case without spaces, dots, dashes or slashes; USCC and EORI checked for their shape."""
    text = _ID_NOISE.sub("", str(value)).upper()
    if not text:
        raise ValueError(f"{scheme} has a blank value")
    if scheme == "uscc":
        try:
            return str(uscc.validate(text))
        except StdnumError as exc:
            raise ValueError(f"{value!r} is not a valid Unified Social Credit Code ({exc})") from exc
    if scheme == "eori" and not _EORI.match(text):
        raise ValueError(f"{value!r} is not an EORI number (country code then up to 15 letters or digits)")
    return text


def _identifier_list(values: Any) -> list[tuple[str, str]]:
    """{'uscc': '9144...', 'eori': ['DE1', 'DE2']} or [{'scheme', 'value'}] -> [(scheme, value)]."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(values, dict):
        for scheme, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((str(scheme), item))
    elif isinstance(values, list):
        for item in values:
            if not isinstance(item, dict) or set(item) != {"scheme", "value"}:
                raise ValueError("each identifier is {scheme, value}")
            pairs.append((str(item["scheme"]), item["value"]))
    else:
        raise ValueError("identifiers are a mapping of scheme to value, e.g. {uscc: 91440300...}")
    out: list[tuple[str, str]] = []
    for scheme, value in pairs:
        scheme = scheme.strip().lower()
        if scheme not in IDENTIFIER_SCHEMES:
            raise ValueError(f"unknown identifier scheme {scheme!r}; known: {', '.join(IDENTIFIER_SCHEMES)}")
        if value is None or isinstance(value, bool | dict | list):
            raise ValueError(f"{scheme} must be text")
        pair = (scheme, normalise_identifier(scheme, str(value)))
        if pair not in out:
            out.append(pair)
    return out


def _names(values: Any, field_name: str) -> list[str]:
    items = values if isinstance(values, list) else [values]
    out: list[str] = []
    for item in items:
        if not isinstance(item, str | int) or isinstance(item, bool):
            raise ValueError(f"{field_name} entries must be text, got {item!r}")
        text = _SPACES.sub(" ", str(item)).strip()
        if not text:
            raise ValueError(f"{field_name} has a blank entry")
        if text not in out:
            out.append(text)
    return out


def entry_id_from(name: str) -> str:
    """A stable id for an entry that has none: a hash of its name (clearances key on it)."""
    return "n-" + hashlib.sha256(_SPACES.sub(" ", name).strip().casefold().encode()).hexdigest()[:12]


class PartyEntry(BaseModel):
    """One listed company or organisation."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(
        min_length=1, max_length=200, description="Stable within its list; made from the name if absent."
    )
    name: str = Field(min_length=1, max_length=500)
    aliases: list[str] = Field(default_factory=list)
    chinese_name: list[str] = Field(default_factory=list, description="Chinese names (one or several).")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    identifiers: list[tuple[str, str]] = Field(default_factory=list)
    list_id: str = Field(alias="list", description="The list it is on (defaults to the file's list id).")
    reason: str | None = None
    source: str = Field(min_length=1, description="Where the listing is published.")
    listed_on: dt.date | None = None
    delisted_on: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("name"), str):
            return {**data, "id": entry_id_from(data["name"])}
        return data

    @field_validator("id", "name", "reason", "source", "list_id", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if value is None or not isinstance(value, str | int):
            return value
        text = _SPACES.sub(" ", str(value)).strip()
        if not text:
            raise ValueError("must not be blank")
        return text

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, value: Any) -> list[str]:
        return _names(value, "aliases") if value is not None else []

    @field_validator("chinese_name", mode="before")
    @classmethod
    def _chinese(cls, value: Any) -> list[str]:
        names = _names(value, "chinese_name") if value is not None else []
        latin = [n for n in names if not has_cjk(n)]
        if latin:
            raise ValueError(f"{latin[0]!r} has no Chinese character; put Latin names under aliases")
        return names

    @field_validator("country", mode="before")
    @classmethod
    def _alpha2(cls, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = str(value).strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code (e.g. 'CN', 'HK')")
        return code

    @field_validator("identifiers", mode="before")
    @classmethod
    def _identifiers(cls, value: Any) -> list[tuple[str, str]]:
        return _identifier_list(value) if value is not None else []

    @field_validator("list_id")
    @classmethod
    def _list_id(cls, value: str) -> str:
        if not LIST_ID.match(value):
            raise ValueError(f"{value!r} is not a list id (lower-case letters, digits, '.', '_', '-')")
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> PartyEntry:
        if self.listed_on and self.delisted_on and self.delisted_on < self.listed_on:
            raise ValueError("delisted_on is before listed_on")
        return self

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.chinese_name)

    def listed(self, on: dt.date) -> bool:
        """Whether the listing is in force on that date."""
        started = self.listed_on is None or self.listed_on <= on
        return started and (self.delisted_on is None or on < self.delisted_on)


class PartyListError(ValueError):
    """A party list file that cannot be loaded: names the file, the row and the reason."""

    def __init__(self, file: str, row: int | None, reason: str) -> None:
        self.file, self.row, self.reason = file, row, reason
        where = f"{file}, row {row}" if row is not None else file
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class PartyListFile:
    id: str
    version: str
    path: Path
    format: str  # yaml | csv | ftm
    content_hash: str  # sha256 of the file bytes, hex
    entries: tuple[PartyEntry, ...]
    skipped: int = 0  # FtM entities of other schemas (people, vessels, sanctions...)


def catalog_version(files: Iterable[PartyListFile]) -> str:
    """'us-csl-sample@2026.12.1+ab12cd34': each file's id@version, then a hash over all of them."""
    loaded = list(files)
    if not loaded:
        return "none"
    digest = hashlib.sha256(
        "\n".join(f"{f.id}\t{f.version}\t{f.content_hash}" for f in loaded).encode()
    ).hexdigest()
    return ",".join(f"{f.id}@{f.version}" for f in loaded) + "+" + digest[:8]
