"""The shape of the categories data file (app/data/categories/categories.yaml), validated at load."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_HS_PREFIX = re.compile(r"\d{2}(\d{2}(\d{2})?)?")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Keywords(_Strict):
    en: list[str] = []  # matched on word boundaries, with their plurals
    zh: list[str] = []  # matched as substrings


class CategorySpec(_Strict):
    name: str
    high_risk: bool
    weight: float = Field(ge=0, le=1)
    hs: list[str] = Field(min_length=1)
    also_declared_under: list[str] = []
    keywords: Keywords
    branded_floor_usd: float | None = Field(None, ge=0)
    branded_floors: dict[str, float] = {}

    @field_validator("hs", "also_declared_under")
    @classmethod
    def _hs_prefixes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not _HS_PREFIX.fullmatch(code):
                raise ValueError(f"{code!r} is not an HS chapter, heading or subheading (2, 4 or 6 digits)")
        return codes


class AccessorySpec(_Strict):
    name: str
    words: list[str] = []  # English nouns that follow a goods keyword ("phone *case*")
    zh: list[str] = []  # Chinese compounds ("手机壳"); the goods keyword inside names the goods
    hs: list[str] = []


class VagueSpec(_Strict):
    generic: Keywords
    ignore: Keywords


class CategoryFile(_Strict):
    version: str
    categories: dict[str, CategorySpec]
    accessories: dict[str, AccessorySpec] = {}
    purpose_words: Keywords = Keywords()
    not_goods: Keywords = Keywords()
    vague: VagueSpec
