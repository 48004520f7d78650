"""Whether goods are of the kind counterfeiters ship: a recorded mark or a high-risk category.

The same test app.engine.history applies when it writes a shipment's trace, so a line of this
manifest and a signature of the shipper's history are judged alike.
"""

from __future__ import annotations

from app.engine.facts import LineFacts
from app.rules.base import RuleEnv


def high_risk_category(category: str | None, env: RuleEnv) -> bool:
    if category is None:
        return False
    record = env.knowledge.categories.get(category)
    return record is not None and record.high_risk


def high_risk_line(facts: LineFacts, env: RuleEnv) -> bool:
    return bool(facts.marks) or any(high_risk_category(c, env) for c in facts.categories)


def category_label(category: str, env: RuleEnv) -> str:
    """A category as a reason names it: "bags, wallets and luggage" rather than "bags_luggage"."""
    record = env.knowledge.categories.get(category)
    return record.name.casefold() if record is not None else category.replace("_", " ")


def quoted(text: str, limit: int = 60) -> str:
    """A description as a reason quotes it: in quotes, long ones cut with an ellipsis."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"
