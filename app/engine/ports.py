"""What the engine needs from the world, as protocols: it imports no loader, matcher or rule.

The data layer (app/reference, with app/matching) implements these ports and the rules (app/rules) plug
into `RuleSet`; the service layer wires them together. The engine is generic over the knowledge it
is handed, so a rule typed against the concrete `Knowledge` still type-checks in a `RuleSet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from app.engine.config import EngineConfig
from app.engine.facts import AccessoryHit, CategoryHit, LineFacts, ManifestFacts, RecordedMark, Vagueness
from app.engine.types import Flag, ScreeningContext
from app.matching.hits import BrandHit


class GoodsAssessment(Protocol):
    """What a line's description and HS code say about its goods."""

    @property
    def text_categories(self) -> frozenset[str]: ...
    @property
    def hs_categories(self) -> frozenset[str]: ...
    @property
    def hits(self) -> tuple[CategoryHit, ...]: ...
    @property
    def primary(self) -> str | None: ...
    @property
    def head_categories(self) -> frozenset[str]: ...
    @property
    def accessories(self) -> tuple[AccessoryHit, ...]: ...
    @property
    def vagueness(self) -> Vagueness | None: ...


class CategoryInfo(Protocol):
    @property
    def high_risk(self) -> bool: ...


class GoodsReader(Protocol):
    """Reads the goods of a line (app/reference/categories.py)."""

    def classify(self, description: str, hs_code: str | None) -> GoodsAssessment: ...
    def get(self, category_id: str) -> CategoryInfo | None: ...


class BrandFinder(Protocol):
    """Finds recorded marks in lines (app/matching): (text, declared brand, categories) each."""

    def find_many(
        self, items: Sequence[tuple[str, str | None, frozenset[str]]]
    ) -> list[tuple[BrandHit, ...]]: ...


class BrandRecords(Protocol):
    """Looks up the record of a recorded mark by its canonical name (app/reference/brands.py)."""

    def get(self, name: str) -> RecordedMark | None: ...


class RateTable(Protocol):
    """Converts a unit value to USD (app/reference/rates.py); None for an unknown currency."""

    def to_usd(self, amount: float, currency: str) -> float | None: ...


class EngineData(Protocol):
    """The loaded data the engine itself reads; rules may read more of the concrete knowledge."""

    @property
    def categories(self) -> GoodsReader: ...
    @property
    def catalog(self) -> BrandRecords: ...
    @property
    def matcher(self) -> BrandFinder: ...
    @property
    def rates(self) -> RateTable: ...


K = TypeVar("K", bound=EngineData)


@dataclass(frozen=True)
class ScreeningEnv(Generic[K]):
    """What a rule may consult besides the facts: the tenant's context, the data and the config."""

    context: ScreeningContext
    knowledge: K
    config: EngineConfig


LineCheck = Callable[[LineFacts, ScreeningEnv[K]], Iterable[Flag]]
ManifestCheck = Callable[[ManifestFacts, ScreeningEnv[K]], Iterable[Flag]]


@dataclass(frozen=True)
class RuleSet(Generic[K]):
    """The rules a screening runs, in order: line rules on each line, manifest rules once."""

    line: tuple[LineCheck[K], ...] = ()
    manifest: tuple[ManifestCheck[K], ...] = ()
