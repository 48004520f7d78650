"""BRAND_MATCH and BRAND_AUTHORIZED on hand-built line facts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import cast

from app.engine.config import EngineConfig
from app.engine.types import Authorization, Flag, FlagCode, ScreeningContext, Severity
from app.matching.hits import BrandHit, MatchType
from app.reference.knowledge import Knowledge
from app.rules import brand_match
from app.rules.base import RuleEnv
from tests.matching.brand_factory import brand
from tests.rules.factories import line_facts

DAY = dt.date(2026, 11, 20)
RECORDS = {"rolex": brand("Rolex", ["watches"], rights_holder="Rolex SA")}


def hit(match_type: str = "exact", replica: str | None = None, name: str = "Rolex") -> BrandHit:
    reason = "'R0LEX' reads as the recorded mark 'Rolex'"
    return BrandHit(name, "R0LEX", MatchType(match_type), 100, reason, replica)


def env(*authorizations: Authorization) -> RuleEnv:
    catalog = SimpleNamespace(get=lambda name: RECORDS.get(name.casefold()))
    knowledge = cast(Knowledge, SimpleNamespace(catalog=catalog))
    return RuleEnv(ScreeningContext(on_date=DAY, authorizations=authorizations), knowledge, EngineConfig())


def flags(*hits: BrandHit, rule_env: RuleEnv | None = None) -> list[Flag]:
    records = {h.brand: r for h in hits if (r := RECORDS.get(h.brand.casefold())) is not None}
    facts = dataclasses.replace(line_facts("1", "R0LEX watch"), brand_hits=hits, brand_records=records)
    return list(brand_match.check(facts, rule_env or env()))


def authorization(valid_to: dt.date = DAY, name: str = "rolex") -> Authorization:
    return Authorization(name, "SHP-1", "AUTH-7", dt.date(2026, 1, 1), valid_to)


def test_plain_match_scores_brand_match_with_its_evidence() -> None:
    [flag] = flags(hit("exact"))
    scoring = EngineConfig().scoring
    assert (flag.code, flag.severity, flag.points) == (
        FlagCode.BRAND_MATCH,
        Severity.HIGH,
        scoring.brand_match,
    )
    assert flag.evidence == {
        "brand": "Rolex",
        "matched_text": "R0LEX",
        "match_type": "exact",
        "similarity": 100,
        "rights_holder": "Rolex SA",
    }
    assert flag.line_id == "1"
    assert flag.recommendation


def test_disguise_and_replica_wording_weigh_more() -> None:
    scoring = EngineConfig().scoring
    [disguised] = flags(hit("leet"))
    assert disguised.points == scoring.brand_match_disguised
    assert disguised.severity == Severity.CRITICAL
    [replica] = flags(hit("exact", replica="AAA"))
    assert replica.points == scoring.brand_match + scoring.replica_phrase
    assert replica.evidence["replica_phrase"] == "AAA"
    assert "AAA" in replica.reason


def test_one_flag_per_brand() -> None:
    assert len(flags(hit("exact"), hit("model"), hit("exact", name="Omega"))) == 2


def test_authorization_in_force_turns_the_match_informational() -> None:
    [flag] = flags(hit("leet"), rule_env=env(authorization()))
    assert flag.code == FlagCode.BRAND_AUTHORIZED
    assert flag.points == EngineConfig().scoring.brand_authorized
    assert flag.evidence["authorization"] == "AUTH-7"
    assert flag.evidence["brand"] == "Rolex"


def test_expired_or_other_brand_authorization_does_not_cover() -> None:
    expired = authorization(valid_to=DAY - dt.timedelta(days=1))
    assert [f.code for f in flags(hit(), rule_env=env(expired))] == [FlagCode.BRAND_MATCH]
    other = authorization(name="Omega")
    assert [f.code for f in flags(hit(), rule_env=env(other))] == [FlagCode.BRAND_MATCH]


def test_no_hits_no_flags() -> None:
    assert flags() == []


def test_a_mark_named_as_what_the_goods_fit_weighs_little_and_says_so() -> None:
    fitting = BrandHit("Rolex", "Rolex", MatchType.COMPATIBILITY, 100, "named as what the goods fit ('for')")
    [flag] = flags(fitting)
    assert (flag.code, flag.severity, flag.points) == (
        FlagCode.BRAND_MATCH,
        Severity.LOW,
        EngineConfig().scoring.brand_compatibility,
    )
    assert flag.points < EngineConfig().scoring.brand_match
    assert flag.evidence["match_type"] == "compatibility"
    assert "carry no mark" in flag.recommendation
