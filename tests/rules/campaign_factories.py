"""Hand-built campaigns, line facts and rule environments for the campaign rule tests."""

from __future__ import annotations

import datetime as dt
from typing import cast

from app.engine.config import EngineConfig, ScoringConfig
from app.engine.facts import LineFacts, ManifestFacts
from app.engine.prepared import prepare
from app.engine.types import Campaign, Channel, Manifest, ManifestLine, Party, ScreeningContext
from app.reference.knowledge import Knowledge
from app.rules.base import RuleEnv

DAY = dt.date(2026, 11, 30)
WATCH = frozenset({"watches"})
TOYS = frozenset({"toys"})


def campaign(**overrides: object) -> Campaign:
    values: dict[str, object] = {
        "id": "longteng-test",
        "name": "Longteng test",
        "authority": "China Customs (GACC)",
        "starts_on": dt.date(2026, 3, 1),
        "ends_on": dt.date(2026, 12, 31),
        "channels": frozenset(),
        "destinations": frozenset({"US", "CA"}),
        "destination_labels": ("north_america",),
        "categories": WATCH,
        "weight": 1.0,
        "source": "test",
    }
    values.update(overrides)
    return Campaign(**values)  # type: ignore[arg-type]


def line(line_id: str, categories: frozenset[str]) -> LineFacts:
    manifest_line = ManifestLine(line_id=line_id, description="goods")
    return LineFacts(
        index=int(line_id) - 1,
        line=manifest_line,
        prepared=prepare(manifest_line),
        text_categories=categories,
        hs_categories=frozenset(),
        category_hits=(),
        category=next(iter(sorted(categories)), None),
        brand_hits=(),
        unit_value_usd=None,
    )


def facts(
    *lines: LineFacts, destination: str = "US", channel: Channel = Channel.SEA_FREIGHT
) -> ManifestFacts:
    manifest = Manifest(
        reference="REF",
        shipper=Party("S1", "Shipper", "CN"),
        consignee=Party("C1", "Consignee", destination),
        destination_country=destination,
        channel=channel,
        departure_date=DAY,
        lines=tuple(item.line for item in lines),
    )
    return ManifestFacts(manifest=manifest, lines=lines, goods=())


def env(*campaigns: Campaign, scoring: ScoringConfig | None = None) -> RuleEnv:
    # These rules read no reference data, so no Knowledge is built.
    return RuleEnv(
        context=ScreeningContext(on_date=DAY, campaigns=campaigns),
        knowledge=cast(Knowledge, None),
        config=EngineConfig(scoring=scoring or ScoringConfig()),
    )
