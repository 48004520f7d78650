"""Properties of the scoring model (docs/scoring.md), checked with hypothesis.

- Monotone: adding a flag, or raising a flag's points, never lowers a line or manifest score.
- Campaigns: the same manifest inside a campaign's window and destinations scores strictly
  higher than outside it, unless the outside score is already at the cap of 100.

The screen-level properties run the real `screen()` with its rule registry replaced by rules
that emit generated flags, and a minimal in-memory stand-in for the reference data (the
category of each line is given, no brand list is needed). The campaign rules stay the real
ones. So these tests pin the scoring composition, not any one rule's judgement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine import scoring
from app.engine.config import EngineConfig, ScoringConfig
from app.engine.facts import LineFacts, ManifestFacts
from app.engine.screen import screen
from app.engine.types import (
    Campaign,
    Channel,
    Flag,
    FlagCode,
    Manifest,
    ManifestLine,
    Party,
    ScreeningContext,
    ScreeningResult,
    Severity,
)
from app.reference.categories import CategoryAssessment
from app.reference.knowledge import Knowledge
from app.reference.marks_vocabulary import MarksVocabulary, load_vocabulary
from app.rules import campaign_channel, campaign_destination
from app.rules.base import RuleEnv, Rules

FAST = settings(derandomize=True, max_examples=60, deadline=None)
DAY = dt.date(2026, 11, 30)
CATEGORIES = ("watches", "bags_luggage", "toys", "food")
LINE_CODES = (
    FlagCode.BRAND_MATCH,
    FlagCode.PRICE_ANOMALY,
    FlagCode.HIGH_RISK_CATEGORY,
    FlagCode.VAGUE_DESCRIPTION,
    FlagCode.HS_MISMATCH,
)
MANIFEST_CODES = (FlagCode.SEPARATED_MARKS, FlagCode.SPLIT_SHIPMENT, FlagCode.ANT_MOVING)


def flag(code: FlagCode, points: int, line_id: str | None) -> Flag:
    return Flag(code, Severity.MEDIUM, line_id, "generated", "none", points)


points = st.integers(min_value=0, max_value=70)
line_flags = st.lists(st.tuples(st.sampled_from(LINE_CODES), points), max_size=4)
manifest_flags = st.lists(st.tuples(st.sampled_from(MANIFEST_CODES), points), max_size=3)


@dataclass(frozen=True)
class LineSpec:
    category: str | None
    flags: tuple[tuple[FlagCode, int], ...]


line_specs = st.builds(
    LineSpec,
    category=st.sampled_from((*CATEGORIES, None)),
    flags=line_flags.map(tuple),
)


@dataclass(frozen=True)
class Case:
    lines: tuple[LineSpec, ...]
    manifest_flags: tuple[tuple[FlagCode, int], ...] = ()
    destination: str = "US"
    channel: Channel = Channel.SEA_FREIGHT
    campaigns: tuple[Campaign, ...] = field(default=())


cases = st.builds(
    Case,
    lines=st.lists(line_specs, min_size=1, max_size=4).map(tuple),
    manifest_flags=manifest_flags.map(tuple),
)


# --- a minimal stand-in for the reference data -------------------------------------------


class _Categories:
    """Each line's description is its category id (or 'misc')."""

    def classify(self, description: str, hs_code: str | None) -> CategoryAssessment:
        found = frozenset({description}) & frozenset(CATEGORIES)
        return CategoryAssessment(found, frozenset(), (), next(iter(found), None))

    def get(self, category_id: str) -> None:
        return None


class _Matcher:
    def find_many(self, items: list[object]) -> list[list[object]]:
        return [[] for _ in items]


class _Rates:
    def to_usd(self, value: float, currency: str) -> float:
        return value


class _Catalog:
    def get(self, name: str) -> None:
        return None  # the stub matcher finds no marks: no records are asked for


@dataclass(frozen=True)
class _Knowledge:
    catalog: _Catalog = _Catalog()
    categories: _Categories = _Categories()
    matcher: _Matcher = _Matcher()
    rates: _Rates = _Rates()
    marks_vocabulary: MarksVocabulary = field(default_factory=load_vocabulary)


KNOWLEDGE = cast(Knowledge, _Knowledge())


def manifest_of(case: Case) -> Manifest:
    return Manifest(
        reference="PROP",
        shipper=Party("S", "Shipper", "CN"),
        consignee=Party("C", "Consignee", case.destination),
        destination_country=case.destination,
        channel=case.channel,
        departure_date=DAY,
        lines=tuple(
            ManifestLine(line_id=str(i + 1), description=spec.category or "misc")
            for i, spec in enumerate(case.lines)
        ),
    )


def run(case: Case, config: EngineConfig | None = None) -> ScreeningResult:
    """screen() with rules that emit the case's flags, plus the real campaign rules."""
    by_line = {str(i + 1): spec.flags for i, spec in enumerate(case.lines)}

    def line_rule(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
        return (flag(code, p, facts.line_id) for code, p in by_line[facts.line_id])

    def manifest_rule(facts: ManifestFacts, env: RuleEnv) -> Iterable[Flag]:
        return [flag(code, p, None) for code, p in case.manifest_flags]

    rules = Rules(
        line=(line_rule,), manifest=(campaign_destination.check, campaign_channel.check, manifest_rule)
    )
    context = ScreeningContext(on_date=DAY, campaigns=case.campaigns)
    return screen(manifest_of(case), context, KNOWLEDGE, config or EngineConfig(), rules)


def campaign(categories: Sequence[str], weight: float, *, in_force: bool = True) -> Campaign:
    start = dt.date(2026, 3, 1) if in_force else dt.date(2027, 3, 1)
    return Campaign(
        id="prop-campaign",
        name="Property campaign",
        authority="test",
        starts_on=start,
        ends_on=start + dt.timedelta(days=300),
        channels=frozenset(),
        destinations=frozenset({"US", "CA"}),
        destination_labels=("north_america",),
        categories=frozenset(categories),
        weight=weight,
        source="test",
    )


# --- the scoring functions ----------------------------------------------------------------


@FAST
@given(st.lists(points, max_size=6), points)
def test_capped_never_drops_when_points_are_added(values: list[int], extra: int) -> None:
    assert scoring.capped([*values, extra]) >= scoring.capped(values)
    assert 0 <= scoring.capped(values) <= scoring.MAX_SCORE


@FAST
@given(line_flags, st.floats(min_value=1.0, max_value=6.0))
def test_amplify_never_lowers_points(raw: list[tuple[FlagCode, int]], factor: float) -> None:
    flags = [flag(code, p, "1") for code, p in raw]
    amplified = scoring.amplify(flags, factor)
    assert [a.points >= f.points for a, f in zip(amplified, flags, strict=True)] == [True] * len(flags)
    assert scoring.capped(a.points for a in amplified) >= scoring.capped(f.points for f in flags)


@FAST
@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=100))
def test_level_is_monotone_in_the_score(low: int, high: int) -> None:
    order = ["low", "medium", "high", "critical"]
    low, high = min(low, high), max(low, high)
    config = ScoringConfig()
    assert order.index(scoring.level(low, config)) <= order.index(scoring.level(high, config))


# --- screen(): monotone -------------------------------------------------------------------


@FAST
@given(cases, st.data())
def test_adding_a_line_flag_never_lowers_a_score(case: Case, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(case.lines) - 1))
    extra = data.draw(st.tuples(st.sampled_from(LINE_CODES), points))
    spec = case.lines[index]
    more = replace(spec, flags=(*spec.flags, extra))
    bigger = replace(case, lines=(*case.lines[:index], more, *case.lines[index + 1 :]))
    before, after = run(case), run(bigger)
    for old, new in zip(before.lines, after.lines, strict=True):
        assert new.risk_score >= old.risk_score
    assert after.risk_score >= before.risk_score


@FAST
@given(cases, st.tuples(st.sampled_from(MANIFEST_CODES), points))
def test_adding_a_manifest_flag_never_lowers_the_score(case: Case, extra: tuple[FlagCode, int]) -> None:
    bigger = replace(case, manifest_flags=(*case.manifest_flags, extra))
    assert run(bigger).risk_score >= run(case).risk_score


@FAST
@given(cases, st.sampled_from(CATEGORIES), st.floats(min_value=0.1, max_value=5.0))
def test_adding_a_campaign_never_lowers_a_score(case: Case, category: str, weight: float) -> None:
    with_campaign = replace(case, campaigns=(campaign([category], weight),))
    before, after = run(case), run(with_campaign)
    for old, new in zip(before.lines, after.lines, strict=True):
        assert new.risk_score >= old.risk_score
    assert after.risk_score >= before.risk_score


@FAST
@given(cases)
def test_manifest_score_is_at_least_its_highest_line(case: Case) -> None:
    result = run(case)
    assert result.risk_score >= max(line.risk_score for line in result.lines)
    assert result.decision == scoring.decision(result.risk_level)


# --- screen(): campaigns raise the score strictly -----------------------------------------


@FAST
@given(cases, st.sampled_from(CATEGORIES), st.floats(min_value=0.1, max_value=5.0), st.booleans())
def test_inside_a_campaign_scores_strictly_higher(
    case: Case, category: str, weight: float, shift_dates: bool
) -> None:
    """Same manifest, targeted goods: inside the window and destinations beats outside, below the cap.

    Outside is either the same destination after the campaign's dates or the same dates at a
    destination the campaign does not name.
    """
    targeted = replace(case, lines=(LineSpec(category, case.lines[0].flags), *case.lines[1:]))
    inside = run(replace(targeted, campaigns=(campaign([category], weight),)))
    if shift_dates:
        outside = run(replace(targeted, campaigns=(campaign([category], weight, in_force=False),)))
    else:
        outside = run(replace(targeted, destination="JP", campaigns=(campaign([category], weight),)))
    assert any(f.code is FlagCode.CAMPAIGN_DESTINATION for f in inside.flags)
    assert not any(f.code is FlagCode.CAMPAIGN_DESTINATION for f in outside.flags)
    if outside.risk_score < scoring.MAX_SCORE:
        assert inside.risk_score > outside.risk_score
    else:
        assert inside.risk_score == scoring.MAX_SCORE


def test_plain_goods_rise_with_a_campaign_only_to_the_ceiling() -> None:
    def flag(code: FlagCode, points: int) -> Flag:
        return Flag(code, Severity.LOW, None, "r", "do", points, {})

    campaign = [flag(FlagCode.CAMPAIGN_DESTINATION, 10), flag(FlagCode.CAMPAIGN_CHANNEL, 5)]
    assert scoring.plain_goods([flag(FlagCode.HIGH_RISK_CATEGORY, 19), *campaign])
    assert not scoring.plain_goods([flag(FlagCode.HIGH_RISK_CATEGORY, 19), flag(FlagCode.HS_MISMATCH, 20)])
    trimmed = scoring.fit_under(campaign, 24 - 19, 24)
    assert [f.points for f in trimmed] == [4, 1]  # 19 + 5 = 24: each campaign still counts
    assert all(f.evidence["plain_goods_ceiling"] == 24 for f in trimmed)
    assert [f.points for f in scoring.fit_under(campaign, 0, 24)] == [1, 1]  # never to nothing
    assert [f.points for f in scoring.fit_under(campaign, 30, 24)] == [10, 5]  # room enough: unchanged
