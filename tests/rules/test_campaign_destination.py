"""CAMPAIGN_DESTINATION on hand-built facts: which campaigns raise it, with what points and evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from app.engine.config import ScoringConfig
from app.engine.facts import ManifestFacts
from app.engine.types import Channel, Flag, FlagCode
from app.rules import campaign_destination
from app.rules.base import RuleEnv
from tests.rules.campaign_factories import TOYS, WATCH, campaign, env, facts, line


def run(manifest_facts: ManifestFacts, rule_env: RuleEnv) -> list[Flag]:
    return list(campaign_destination.check(manifest_facts, rule_env))


def test_flags_a_campaign_on_the_destination_and_goods() -> None:
    flags = run(facts(line("1", WATCH), line("2", TOYS)), env(campaign()))
    assert len(flags) == 1
    flag = flags[0]
    assert flag.code is FlagCode.CAMPAIGN_DESTINATION
    assert flag.line_id is None
    assert flag.points == ScoringConfig().campaign_destination
    assert flag.evidence["campaign"] == "longteng-test"
    assert flag.evidence["campaign_name"] == "Longteng test"
    assert flag.evidence["country"] == "US"
    assert flag.evidence["destinations"] == ["north_america"]
    assert flag.evidence["categories"] == ["watches"]
    assert flag.evidence["line_ids"] == ["1"]
    assert "Longteng test" in flag.reason


def test_no_flag_outside_the_destinations() -> None:
    assert run(facts(line("1", WATCH), destination="JP"), env(campaign())) == []


def test_no_flag_outside_the_dates() -> None:
    ended = campaign(starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 11, 29))
    assert run(facts(line("1", WATCH)), env(ended)) == []


def test_no_flag_when_no_line_has_targeted_goods() -> None:
    assert run(facts(line("1", TOYS), line("2", frozenset())), env(campaign())) == []


def test_no_flag_for_a_campaign_without_destinations() -> None:
    everywhere = campaign(destinations=frozenset(), destination_labels=())
    assert run(facts(line("1", WATCH)), env(everywhere)) == []


def test_no_flag_when_the_channel_is_not_targeted() -> None:
    by_post = campaign(channels=frozenset({Channel.POSTAL}))
    assert run(facts(line("1", WATCH)), env(by_post)) == []
    assert len(run(facts(line("1", WATCH), channel=Channel.POSTAL), env(by_post))) == 1


def test_a_campaign_without_categories_targets_every_line() -> None:
    flags = run(facts(line("1", TOYS), line("2", frozenset())), env(campaign(categories=frozenset())))
    assert [f.evidence["line_ids"] for f in flags] == [["1", "2"]]


@pytest.mark.parametrize(("weight", "expected"), [(2.0, 20), (0.5, 5), (0.01, 1)])
def test_points_scale_with_the_weight_and_never_vanish(weight: float, expected: int) -> None:
    flags = run(facts(line("1", WATCH)), env(campaign(weight=weight)))
    assert [f.points for f in flags] == [expected]


def test_points_follow_the_configuration() -> None:
    scoring = ScoringConfig(campaign_destination=7)
    assert [f.points for f in run(facts(line("1", WATCH)), env(campaign(), scoring=scoring))] == [7]
    off = ScoringConfig(campaign_destination=0)
    assert [f.points for f in run(facts(line("1", WATCH)), env(campaign(), scoring=off))] == [0]


def test_one_flag_per_campaign() -> None:
    second = campaign(id="blue-net-test", name="Blue Net test", categories=TOYS)
    flags = run(facts(line("1", WATCH), line("2", TOYS)), env(campaign(), second))
    assert sorted((f.evidence["campaign"], tuple(f.evidence["line_ids"])) for f in flags) == [
        ("blue-net-test", ("2",)),
        ("longteng-test", ("1",)),
    ]
