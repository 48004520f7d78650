"""What the analysis of a manifest finds before any rule runs.

Every rule reads these facts instead of re-deriving them: the line's text is prepared once
(prepared.py), the brand matcher and the category classifier run once per line, whatever number
of rules want their answers, and the brand records of the hits come with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.engine.prepared import PreparedLine
from app.engine.types import GoodsSignature, Manifest, ManifestLine
from app.matching.hits import BrandHit


@dataclass(frozen=True, slots=True)
class CategoryHit:
    """Why a line belongs to a category: a keyword of its description or its HS code."""

    category: str
    source: str  # "keyword" or "hs"
    evidence: str  # the keyword or the HS code


@dataclass(frozen=True, slots=True)
class AccessoryHit:
    """Something that goes with goods of a category (a phone case, a watch box), not the goods."""

    category: str  # the goods it goes with
    group: str  # accessory group id, e.g. "case", "packaging"
    text: str  # the words as found, e.g. "phone cases"


@dataclass(frozen=True, slots=True)
class Vagueness:
    """Why a description is too generic to say what the goods are."""

    kind: str  # "generic": only generic words; "bare_category": a category word alone; "empty"
    words: tuple[str, ...]  # the words that were left


class PricedModel(Protocol):
    """A model's lowest genuine retail price, as a recorded mark states it."""

    @property
    def model(self) -> str: ...
    @property
    def floor_price_usd(self) -> float: ...
    @property
    def floor_basis(self) -> str: ...


class RecordedMark(Protocol):
    """What the rules read of the record behind a brand hit (app/reference/brands.py's
    `BrandRecord` has these fields and more)."""

    @property
    def name(self) -> str: ...
    @property
    def rights_holder(self) -> str: ...
    @property
    def floor_price_usd(self) -> float | None: ...
    @property
    def floor_basis(self) -> str | None: ...
    @property
    def model_floors(self) -> Sequence[PricedModel]: ...


@dataclass(frozen=True, slots=True)
class LineFacts:
    index: int  # 0-based position in the manifest
    line: ManifestLine
    prepared: PreparedLine  # the description and HS code, normalised once
    text_categories: frozenset[str]  # categories its words point to
    hs_categories: frozenset[str]  # categories its HS code points to
    category_hits: tuple[CategoryHit, ...]
    category: str | None  # the category the line is scored under, text first, then HS
    brand_hits: tuple[BrandHit, ...]
    unit_value_usd: float | None
    head_categories: frozenset[str] = frozenset()  # named by a phrase's head noun: surely the goods
    accessories: tuple[AccessoryHit, ...] = ()  # things that go with goods of a category
    vagueness: Vagueness | None = None  # why the description is too generic, if it is
    brand_records: Mapping[str, RecordedMark] = field(default_factory=dict)  # of the hits, by brand

    @property
    def text_key(self) -> str:
        """The description key (see app.engine.text.description_key)."""
        return self.prepared.description_key

    @property
    def line_id(self) -> str:
        return self.line.line_id

    @property
    def marks(self) -> tuple[BrandHit, ...]:
        """The hits of marks the goods carry: not those named as what the goods fit."""
        return tuple(hit for hit in self.brand_hits if hit.carried)

    @property
    def categories(self) -> frozenset[str]:
        return self.text_categories | self.hs_categories


@dataclass(frozen=True, slots=True)
class ManifestFacts:
    manifest: Manifest
    lines: tuple[LineFacts, ...]
    goods: tuple[GoodsSignature, ...]  # the manifest's goods as its shipper's history will keep them
