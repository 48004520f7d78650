"""Rule inputs built with the shipped category, HS and rates data (brands given by the test)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from app.engine.config import EngineConfig
from app.engine.facts import LineFacts
from app.engine.prepared import prepare
from app.engine.types import ManifestLine, ScreeningContext
from app.reference.brands import BrandRecord
from app.reference.knowledge import Knowledge
from app.rules.base import RuleEnv
from tests.reference.data_files import categories, hs, rates
from tests.rules.factories import DAY, brand_hit


class CatalogStub:
    """Answers `get` like BrandCatalog from a few records."""

    def __init__(self, *records: BrandRecord) -> None:
        self._records = {r.name.casefold(): r for r in records}

    def get(self, name: str) -> BrandRecord | None:
        return self._records.get(name.casefold())


def brand(name: str, floor: float | None = None, basis: str | None = None) -> BrandRecord:
    return BrandRecord(
        name=name,
        rights_holder=f"{name} Holding",
        home_country="CH",
        categories=["watches"],
        floor_price_usd=floor,
        floor_basis=basis,
        source="test",
    )


def env(*brands: BrandRecord, config: EngineConfig | None = None) -> RuleEnv:
    knowledge = SimpleNamespace(categories=categories(), hs=hs(), rates=rates(), catalog=CatalogStub(*brands))
    return RuleEnv(
        context=ScreeningContext(on_date=DAY),
        knowledge=cast(Knowledge, knowledge),
        config=config or EngineConfig(),
    )


def facts(
    description: str,
    hs_code: str | None = None,
    *,
    unit_value: float | None = 10.0,
    currency: str = "USD",
    brands: tuple[BrandRecord, ...] = (),
) -> LineFacts:
    """A line's facts as the engine's analysis would find them (the brands' hits and records given)."""
    line = ManifestLine("1", description, hs_code, 100, unit_value, currency)
    assessment = categories().classify(description, hs_code)
    return LineFacts(
        index=0,
        line=line,
        prepared=prepare(line),
        text_categories=assessment.text_categories,
        hs_categories=assessment.hs_categories,
        category_hits=assessment.hits,
        category=assessment.primary,
        head_categories=assessment.head_categories,
        accessories=assessment.accessories,
        vagueness=assessment.vagueness,
        brand_hits=tuple(brand_hit(b.name) for b in brands),
        brand_records={b.name: b for b in brands},
        unit_value_usd=rates().to_usd(unit_value, currency) if unit_value is not None else None,
    )
