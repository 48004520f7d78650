"""HIGH_RISK_CATEGORY: the line's goods belong to a category customs target.

Points are the configured points times the category's risk weight (at least 1), so a line of
watches weighs more than one of small appliances; campaigns that target the category amplify them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from app.engine.facts import LineFacts
from app.engine.types import Flag, FlagCode, Severity
from app.rules.base import LineRuleSpec, Points, RuleEnv

_RECOMMENDATION = (
    "Check that the goods carry no unauthorized marks and keep the supplier's invoice "
    "and product photos ready for inspection."
)


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    category = env.knowledge.categories.get(facts.category) if facts.category else None
    if category is None or not category.high_risk:
        return
    source, value = _named_by(facts, category.id)
    yield Flag(
        code=FlagCode.HIGH_RISK_CATEGORY,
        severity=Severity.MEDIUM if category.weight >= 0.75 else Severity.LOW,
        line_id=facts.line_id,
        reason=_reason(category.name, source, value),
        recommendation=_RECOMMENDATION,
        points=max(1, round(env.config.scoring.high_risk_category * category.weight)),
        evidence={
            "category": category.id,
            "weight": category.weight,
            "source": source,
            "hs_code" if source == "hs" else "keyword": value,
        },
    )


def _named_by(facts: LineFacts, category: str) -> tuple[str, str | None]:
    """What put the line in the category: ("keyword", the keyword) or ("hs", the code)."""
    for hit in facts.category_hits:
        if hit.category == category:
            return hit.source, hit.evidence
    return "keyword", None


@lru_cache(maxsize=1024)  # one sentence per category and keyword or code, for many lines
def _reason(category_name: str, source: str, value: str | None) -> str:
    if source == "hs":
        why = f"its HS code {value} is among those of {category_name.lower()}"
    else:
        why = f"its description names {category_name.lower()} ('{value}')"
    return f"Goods in a category customs target for counterfeits: {why}."


RULE = LineRuleSpec(
    codes=(FlagCode.HIGH_RISK_CATEGORY,),
    explanation="The line's goods belong to a category customs target.",
    points=(
        Points(
            "high_risk_category",
            20,
            "`HIGH_RISK_CATEGORY`",
            amount="{default} x the category's weight",
            note="; weights in `app/data/categories/categories.yaml`",
        ),
    ),
    position=3,
    check=check,
)
