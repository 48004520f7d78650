"""The worked examples of docs/scoring.md, screened with the shipped data: the page runs as written."""

from __future__ import annotations

import datetime as dt
from functools import cache

from app.engine.config import EngineConfig
from app.engine.screen import screen
from app.engine.types import Channel, Manifest, ManifestLine, Party, ScreeningContext, ScreeningResult
from app.reference.knowledge import Knowledge, load_knowledge
from app.rules.registry import RULES
from app.services.campaigns import in_force
from app.settings import Settings


@cache
def _knowledge() -> Knowledge:
    return load_knowledge(Settings().data_paths)


def _screen(line: ManifestLine, destination: str, day: dt.date) -> ScreeningResult:
    knowledge = _knowledge()
    manifest = Manifest(
        reference="DOC",
        shipper=Party("SHP-DOC", "Doc Exporter", "CN"),
        consignee=Party("CNE-DOC", "Doc Importer", destination),
        destination_country=destination,
        channel=Channel.SEA_FREIGHT,
        departure_date=day,
        lines=(line,),
    )
    context = ScreeningContext(
        on_date=day, campaigns=in_force(dict(knowledge.shipped_campaigns), knowledge, day)
    )
    return screen(manifest, context, knowledge, EngineConfig(), RULES)


def _points(result: ScreeningResult) -> dict[str, int]:
    return {f.code.value: f.points for f in result.flags}


ROLEX = ManifestLine("1", "R0LEX Submariner automatic watch")
HANDBAGS = ManifestLine("1", "Women's PU handbags, unbranded", "420222", 500, 4.2, "USD")
MISDECLARED = ManifestLine("1", "Women's PU handbags, unbranded", "481920", 500, 4.2, "USD")


def test_example_a_a_disguised_rolex_inside_the_longteng_window() -> None:
    inside = _screen(ROLEX, "US", dt.date(2026, 11, 30))
    assert _points(inside) == {"BRAND_MATCH": 82, "HIGH_RISK_CATEGORY": 30, "CAMPAIGN_DESTINATION": 10}
    assert inside.lines[0].risk_score == 100
    assert (inside.risk_score, inside.risk_level, inside.decision) == (100, "critical", "hold")

    after = _screen(ROLEX, "US", dt.date(2027, 1, 15))
    assert _points(after) == {"BRAND_MATCH": 55, "HIGH_RISK_CATEGORY": 20}
    assert (after.risk_score, after.risk_level, after.decision) == (75, "critical", "hold")


def test_example_b_unbranded_handbags_outside_and_inside_a_campaign() -> None:
    japan = _screen(HANDBAGS, "JP", dt.date(2026, 11, 30))
    assert _points(japan) == {"HIGH_RISK_CATEGORY": 19}
    assert (japan.risk_score, japan.risk_level, japan.decision) == (19, "low", "clear")

    # plain goods: the campaign raises them, to the plain-goods ceiling at most
    us = _screen(HANDBAGS, "US", dt.date(2026, 11, 30))
    assert _points(us) == {"HIGH_RISK_CATEGORY": 19, "CAMPAIGN_DESTINATION": 5}
    assert (us.risk_score, us.risk_level, us.decision) == (24, "low", "clear")


def test_example_b_the_same_handbags_under_a_code_of_their_packaging() -> None:
    # another risk than the category: the campaign multiplies and adds its full points
    japan = _screen(MISDECLARED, "JP", dt.date(2026, 11, 30))
    assert _points(japan) == {"HIGH_RISK_CATEGORY": 19, "HS_MISMATCH": 20}
    assert (japan.risk_score, japan.risk_level, japan.decision) == (39, "medium", "review")

    us = _screen(MISDECLARED, "US", dt.date(2026, 11, 30))
    assert _points(us) == {"HIGH_RISK_CATEGORY": 28, "HS_MISMATCH": 30, "CAMPAIGN_DESTINATION": 10}
    assert (us.risk_score, us.risk_level, us.decision) == (68, "high", "review")
