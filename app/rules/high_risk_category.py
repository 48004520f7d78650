"""HIGH_RISK_CATEGORY: the line's goods belong to a category customs target.

Points are the configured points times the category's risk weight (at least 1), so a line of
watches weighs more than one of small appliances; campaigns that target the category amplify them.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.engine.facts import LineFacts
from app.engine.types import Flag, FlagCode, Severity
from app.rules.base import RuleEnv


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    category = env.knowledge.categories.get(facts.category) if facts.category else None
    if category is None or not category.high_risk:
        return
    hit = next((h for h in facts.category_hits if h.category == category.id), None)
    source = hit.source if hit else "keyword"
    evidence: dict[str, object] = {"category": category.id, "weight": category.weight, "source": source}
    if source == "hs":
        evidence["hs_code"] = hit.evidence if hit else facts.line.hs_code
        why = f"its HS code {evidence['hs_code']} is among those of {category.name.lower()}"
    else:
        evidence["keyword"] = hit.evidence if hit else None
        why = f"its description names {category.name.lower()} ('{evidence['keyword']}')"
    yield Flag(
        code=FlagCode.HIGH_RISK_CATEGORY,
        severity=Severity.MEDIUM if category.weight >= 0.75 else Severity.LOW,
        line_id=facts.line_id,
        reason=f"Goods in a category customs target for counterfeits: {why}.",
        recommendation=(
            "Check that the goods carry no unauthorized marks and keep the supplier's invoice "
            "and product photos ready for inspection."
        ),
        points=max(1, round(env.config.scoring.high_risk_category * category.weight)),
        evidence=evidence,
    )
