"""CAMPAIGN_CHANNEL on hand-built facts: campaigns that name the manifest's channel."""

from __future__ import annotations

import datetime as dt

import pytest

from app.engine.config import ScoringConfig
from app.engine.facts import ManifestFacts
from app.engine.types import Campaign, Channel, Flag, FlagCode
from app.rules import campaign_channel
from app.rules.base import RuleEnv
from tests.rules.campaign_factories import WATCH, env, facts, line
from tests.rules.campaign_factories import campaign as shared_campaign


def campaign(**overrides: object) -> Campaign:
    """A campaign that names the postal and express channels."""
    values: dict[str, object] = {"channels": frozenset({Channel.POSTAL, Channel.EXPRESS})}
    values.update(overrides)
    return shared_campaign(**values)


def run(manifest_facts: ManifestFacts, rule_env: RuleEnv) -> list[Flag]:
    return list(campaign_channel.check(manifest_facts, rule_env))


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
