"""Small builders of rule inputs: line and manifest facts, history, and a rule environment.

Facts are built directly (categories and brand hits given by the test), so rule tests do not
depend on the category classifier or the brand matcher.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import SimpleNamespace
from typing import cast

from app.engine.config import EngineConfig
from app.engine.facts import AccessoryHit, LineFacts, ManifestFacts
from app.engine.history import goods_signatures
from app.engine.prepared import prepare
from app.engine.text import description_key
from app.engine.types import (
    CONTRACT_CATEGORY_IDS,
    Channel,
    GoodsSignature,
    Manifest,
    ManifestLine,
    Party,
    PastShipment,
    ScreeningContext,
)
from app.matching.hits import BrandHit, MatchType
from app.reference.categories import CategoryRecord
from app.reference.knowledge import Knowledge
from app.reference.marks_vocabulary import load_vocabulary
from app.rules.base import RuleEnv

DAY = dt.date(2026, 11, 20)

# The contract's categories, all targeted by customs except food.
HIGH_RISK_CATEGORIES = CONTRACT_CATEGORY_IDS - {"food"}
ORDINARY_CATEGORIES = frozenset({"food", "furniture"})
CATEGORY_NAMES = {"bags_luggage": "Bags, wallets and luggage"}


class CategoryTableStub:
    """Answers `get` and `ids` like app.reference.categories.CategoryTable, from sets of ids; the
    facts of a test carry the categories and accessories of its lines themselves."""

    def __init__(self, high_risk: Iterable[str], ordinary: Iterable[str] = ()) -> None:
        self._records = {
            cid: CategoryRecord(
                id=cid,
                name=CATEGORY_NAMES.get(cid, cid.replace("_", " ").capitalize()),
                weight=1.0,
                high_risk=flag,
                hs_prefixes=(),
                keywords=(),
            )
            for ids, flag in ((high_risk, True), (ordinary, False))
            for cid in ids
        }

    def get(self, category_id: str) -> CategoryRecord | None:
        return self._records.get(category_id)

    def ids(self) -> frozenset[str]:
        return frozenset(self._records)


# The shipped marks vocabulary, loaded once for the stubs (the service loads it with the data).
SHIPPED_VOCABULARY = load_vocabulary()


def knowledge_stub(
    high_risk: Iterable[str] = HIGH_RISK_CATEGORIES, ordinary: Iterable[str] = ORDINARY_CATEGORIES
) -> Knowledge:
    """A Knowledge with only a category table: enough for the rules that ask what goods are."""
    stub = SimpleNamespace(
        categories=CategoryTableStub(high_risk, ordinary), marks_vocabulary=SHIPPED_VOCABULARY
    )
    return cast(Knowledge, stub)


def brand_hit(brand: str, matched_text: str | None = None) -> BrandHit:
    text = matched_text or brand
    return BrandHit(
        brand=brand,
        matched_text=text,
        match_type=MatchType.EXACT,
        similarity=100,
        reason=f"'{text}' names the recorded mark '{brand}'",
    )


def line_facts(
    line_id: str | int,
    description: str,
    *,
    quantity: int | None = 100,
    unit_value: float | None = 1.0,
    packages: int | None = None,
    hs_code: str | None = None,
    categories: Iterable[str] = (),
    hs_categories: Iterable[str] = (),
    brands: Iterable[str] = (),
    accessories: Iterable[AccessoryHit] = (),
    index: int | None = None,
) -> LineFacts:
    """One line's facts; `categories` are those its words point to, `hs_categories` its HS code's."""
    text_categories = frozenset(categories)
    hs_set = frozenset(hs_categories)
    line_id = str(line_id)
    line = ManifestLine(
        line_id=line_id,
        description=description,
        hs_code=hs_code,
        quantity=quantity,
        unit_value=unit_value,
        packages=packages,
    )
    return LineFacts(
        index=index if index is not None else (int(line_id) - 1 if line_id.isdigit() else 0),
        line=line,
        prepared=prepare(line),
        text_categories=text_categories,
        hs_categories=hs_set,
        category_hits=(),
        category=min(text_categories) if text_categories else (min(hs_set) if hs_set else None),
        brand_hits=tuple(brand_hit(brand) for brand in brands),
        unit_value_usd=unit_value,
        accessories=tuple(accessories),
    )


def manifest_facts(
    *lines: LineFacts,
    shipper_id: str = "SHP-1",
    consignee_id: str | None = "CNE-1",
    destination: str = "US",
    channel: Channel = Channel.EXPRESS,
    departure: dt.date = DAY,
) -> ManifestFacts:
    manifest = Manifest(
        reference="TEST-1",
        shipper=Party(id=shipper_id, name="Test Shipper Co.", country="CN"),
        consignee=Party(id=consignee_id, name="Test Consignee", country=destination),
        destination_country=destination,
        channel=channel,
        departure_date=departure,
        lines=tuple(line.line for line in lines),
    )
    return ManifestFacts(
        manifest=manifest, lines=tuple(lines), goods=goods_signatures(lines, knowledge_stub())
    )


def goods(
    description: str,
    *,
    quantity: int = 5,
    category: str | None = None,
    brand: str | None = None,
    unit_value: float = 8.0,
    high_risk: bool | None = None,
    packages: int = 1,
) -> GoodsSignature:
    """A history signature; high-risk by default when its category is (or when it has a brand)."""
    risky = high_risk if high_risk is not None else (brand is not None or category in HIGH_RISK_CATEGORIES)
    return GoodsSignature(
        description_key=description_key(description),
        category=category,
        brand=brand,
        quantity=quantity,
        value_usd=round(quantity * unit_value, 2),
        high_risk=risky,
        packages=packages,
    )


def past_shipment(
    screening_id: str,
    departure: dt.date,
    *items: GoodsSignature,
    consignee_id: str | None = "CNE-1",
    destination: str = "US",
    channel: Channel = Channel.EXPRESS,
) -> PastShipment:
    return PastShipment(
        screening_id=screening_id,
        departure_date=departure,
        consignee_id=consignee_id,
        destination_country=destination,
        channel=channel,
        goods=items,
    )


def rule_env(
    *history: PastShipment,
    on_date: dt.date = DAY,
    config: EngineConfig | None = None,
    knowledge: Knowledge | None = None,
) -> RuleEnv:
    return RuleEnv(
        context=ScreeningContext(on_date=on_date, history=history),
        knowledge=knowledge or knowledge_stub(),
        config=config or EngineConfig(),
    )
