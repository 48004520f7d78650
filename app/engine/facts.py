"""What the analysis of a manifest finds before any rule runs.

Every rule reads these facts instead of re-deriving them: the brand matcher and the category
classifier run once per line, whatever number of rules want their answers.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class LineFacts:
    index: int  # 0-based position in the manifest
    line: ManifestLine
    text_key: str  # normalised description (see app.engine.text.description_key)
    text_categories: frozenset[str]  # categories its words point to
    hs_categories: frozenset[str]  # categories its HS code points to
    category_hits: tuple[CategoryHit, ...]
    category: str | None  # the category the line is scored under, text first, then HS
    brand_hits: tuple[BrandHit, ...]
    unit_value_usd: float | None
    head_categories: frozenset[str] = frozenset()  # named by a phrase's head noun: surely the goods
    accessories: tuple[AccessoryHit, ...] = ()  # things that go with goods of a category

    @property
    def line_id(self) -> str:
        return self.line.line_id

    @property
    def categories(self) -> frozenset[str]:
        return self.text_categories | self.hs_categories


@dataclass(frozen=True, slots=True)
class ManifestFacts:
    manifest: Manifest
    lines: tuple[LineFacts, ...]
    goods: tuple[GoodsSignature, ...]  # the manifest's goods as its shipper's history will keep them
