"""PRICE_ANOMALY: a branded line declared far below what the genuine article sells for.

The floor is the named model's where the line names one the brand list prices (`model_floors`:
"AirPods Pro", "Speedmaster"; the longest name named wins), else the brand's own
(`floor_price_usd`), else a conservative floor of branded goods of the line's category
(categories.yaml `branded_floor_usd`, by keyword or stated specification where listed: "laptop",
"512GB"). A brand floor stated for part of
the range only ("outerwear only") holds for the goods it names and yields to a lower category
floor for the rest.
Lines whose currency has no rate in the table have no USD value: the rule cannot judge them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from app.engine.facts import LineFacts, RecordedMark
from app.engine.types import Flag, FlagCode, Severity
from app.matching.hits import BrandHit
from app.matching.normalize import fold
from app.rules.base import LineRuleSpec, Points, RuleEnv

_PARTIAL_BASIS = ("only", "not apply", "does not")
_WORD = re.compile(r"[^\W_]+")  # folded letters and digits: "wh-1000xm5" is "wh 1000xm5"


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    value = facts.unit_value_usd
    if value is None or not facts.marks:
        return  # a compatibility mention prices nothing: the goods are not the mark's
    seen: set[str] = set()
    for hit in facts.marks:
        if hit.brand.casefold() in seen:
            continue
        seen.add(hit.brand.casefold())
        floor = _floor(hit, facts, env)
        if floor is None:
            continue
        floor_usd, basis = floor
        if floor_usd <= 0 or value >= env.config.price.anomaly_ratio * floor_usd:
            continue
        yield _flag(facts, env, hit, value, floor_usd, basis)
        return  # one price anomaly per line: the lowest-priced reading says it all


def _floor(hit: BrandHit, facts: LineFacts, env: RuleEnv) -> tuple[float, str] | None:
    record = facts.brand_records.get(hit.brand)
    if record is not None and record.model_floors and (model := _model_floor(record, facts)):
        return model
    category = _category_floor(facts, env)
    if record is None or record.floor_price_usd is None:
        return category
    basis = record.floor_basis or f"lowest genuine retail price of {record.name}"
    folded = basis.casefold()
    partial = any(word in folded for word in _PARTIAL_BASIS)
    # A floor stated for part of the range holds for the goods it names ("down jackets"), else
    # the lower category floor does.
    named = any(h.evidence in folded for h in facts.category_hits if h.source == "keyword")
    if partial and not named and category is not None and category[0] < record.floor_price_usd:
        return category
    return record.floor_price_usd, basis


def _model_floor(record: RecordedMark, facts: LineFacts) -> tuple[float, str] | None:
    """The floor of the most specific priced model the line names ("AirPods Pro" over "AirPods")."""
    words = facts.prepared.words
    line = f" {' '.join(words)} "
    named = [
        (len(model), floor)
        for floor in record.model_floors
        if (model := _WORD.findall(fold(floor.model))) and f" {' '.join(model)} " in line
    ]
    if not named:
        return None
    _, floor = max(named, key=lambda found: found[0])
    return floor.floor_price_usd, floor.floor_basis


def _category_floor(facts: LineFacts, env: RuleEnv) -> tuple[float, str] | None:
    """The floor of branded goods of the line's category, the most specific its words name: a goods
    keyword ("laptop") or a specification the line states ("512GB")."""
    if facts.category is None:
        return None
    keywords = [h.evidence for h in facts.category_hits if h.category == facts.category]
    return env.knowledge.categories.branded_floor(facts.category, [*keywords, *facts.prepared.words])


def _flag(facts: LineFacts, env: RuleEnv, hit: BrandHit, value: float, floor: float, basis: str) -> Flag:
    line = facts.line
    rate = env.knowledge.rates.rate(line.currency)
    ratio = value / floor
    declared = f"{line.unit_value:g} {line.currency}" if line.unit_value is not None else "?"
    in_usd = "" if line.currency.upper() == "USD" else f" (USD {value:.2f})"
    return Flag(
        code=FlagCode.PRICE_ANOMALY,
        severity=Severity.HIGH,
        line_id=facts.line_id,
        reason=(
            f"{hit.brand} goods declared at {declared}{in_usd} a unit, {percent(ratio)} of the genuine "
            f"floor of USD {floor:g} ({basis}); below {env.config.price.anomaly_ratio:.0%} of it, "
            "genuine goods are implausible."
        ),
        recommendation=(
            "Verify the goods are genuine (rights holder's invoice or authorization) and that the "
            "declared value is the real transaction value."
        ),
        points=env.config.scoring.price_anomaly,
        evidence={
            "brand": hit.brand,
            "floor_usd": floor,
            "floor_basis": basis,
            "unit_value": line.unit_value,
            "currency": line.currency,
            "unit_value_usd": round(value, 4),
            "ratio": round(ratio, 4),
            "anomaly_ratio": env.config.price.anomaly_ratio,
            "rate_units_per_usd": rate.units_per_usd if rate else None,
            "rate_as_of": rate.as_of.isoformat() if rate else None,
        },
    )


def percent(ratio: float) -> str:
    """A share as people read it: two significant digits below 10 % ("0.36%", "4.4%"), whole
    percents above ("27%"); never "0%" for a price that is not nothing."""
    if ratio <= 0:
        return "0%"
    if ratio >= 0.1:
        return f"{ratio:.0%}"
    digits = max(1, 1 - math.floor(math.log10(ratio * 100)))  # two significant digits
    return f"{ratio * 100:.{digits}f}%"


RULE = LineRuleSpec(
    codes=(FlagCode.PRICE_ANOMALY,),
    explanation="A branded line declared far below the genuine article's floor price.",
    points=(
        Points(
            "price_anomaly",
            30,
            "`PRICE_ANOMALY` (unit value in USD below `anomaly_ratio` x the brand's genuine floor, 0.3)",
            note="; ratio `PRICE__ANOMALY_RATIO`",
        ),
    ),
    position=2,
    check=check,
)
