"""CAMPAIGN_CHANNEL on hand-built facts: campaigns that name the manifest's channel."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from app.engine.config import EngineConfig, ScoringConfig
from app.engine.facts import LineFacts, ManifestFacts
from app.engine.types import (
    Campaign,
    Channel,
    Flag,
    FlagCode,
    Manifest,
    ManifestLine,
    Party,
    ScreeningContext,
)
from app.reference.knowledge import Knowledge
from app.rules import campaign_channel
from app.rules.base import RuleEnv

DAY = dt.date(2026, 11, 30)


def campaign(**overrides: object) -> Campaign:
    values: dict[str, object] = {
        "id": "longteng-test",
        "name": "Longteng test",
        "authority": "China Customs (GACC)",
        "starts_on": dt.date(2026, 3, 1),
        "ends_on": dt.date(2026, 12, 31),
        "channels": frozenset({Channel.POSTAL, Channel.EXPRESS}),
        "destinations": frozenset({"US", "CA"}),
        "destination_labels": ("north_america",),
        "categories": frozenset({"watches"}),
        "weight": 1.0,
        "source": "test",
    }
    values.update(overrides)
    return Campaign(**values)  # type: ignore[arg-type]


def line(line_id: str, categories: frozenset[str]) -> LineFacts:
    return LineFacts(
        index=int(line_id) - 1,
        line=ManifestLine(line_id=line_id, description="goods"),
        text_key="goods",
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


def run(manifest_facts: ManifestFacts, rule_env: RuleEnv) -> list[Flag]:
    return list(campaign_channel.check(manifest_facts, rule_env))


WATCH = frozenset({"watches"})


def test_flags_a_campaign_that_names_the_channel() -> None:
    flags = run(facts(line("1", WATCH), channel=Channel.POSTAL), env(campaign()))
    assert len(flags) == 1
    flag = flags[0]
    assert flag.code is FlagCode.CAMPAIGN_CHANNEL
    assert flag.line_id is None
    assert flag.points == ScoringConfig().campaign_channel
    assert flag.evidence["campaign"] == "longteng-test"
    assert flag.evidence["channel"] == "postal"
    assert flag.evidence["channels"] == ["express", "postal"]
    assert flag.evidence["line_ids"] == ["1"]
    assert "postal" in flag.reason


def test_no_flag_in_another_channel() -> None:
    assert run(facts(line("1", WATCH), channel=Channel.SEA_FREIGHT), env(campaign())) == []


def test_no_flag_for_a_campaign_on_every_channel() -> None:
    assert run(facts(line("1", WATCH), channel=Channel.POSTAL), env(campaign(channels=frozenset()))) == []


def test_no_flag_outside_the_destinations_or_dates() -> None:
    assert run(facts(line("1", WATCH), channel=Channel.POSTAL, destination="JP"), env(campaign())) == []
    ended = campaign(ends_on=dt.date(2026, 6, 30))
    assert run(facts(line("1", WATCH), channel=Channel.POSTAL), env(ended)) == []


def test_a_campaign_on_every_destination_still_flags_its_channel() -> None:
    everywhere = campaign(destinations=frozenset(), destination_labels=())
    assert len(run(facts(line("1", WATCH), channel=Channel.EXPRESS, destination="JP"), env(everywhere))) == 1


def test_no_flag_without_targeted_goods() -> None:
    assert run(facts(line("1", frozenset({"toys"})), channel=Channel.POSTAL), env(campaign())) == []


@pytest.mark.parametrize(("weight", "expected"), [(2.0, 10), (1.0, 5), (0.05, 1)])
def test_points_scale_with_the_weight(weight: float, expected: int) -> None:
    flags = run(facts(line("1", WATCH), channel=Channel.POSTAL), env(campaign(weight=weight)))
    assert [f.points for f in flags] == [expected]
