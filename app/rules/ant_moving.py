"""ANT_MOVING: the same shipper sending small quantities of similar high-risk goods, again and again.

"Ants moving house" (蚂蚁搬家): counterfeits sent a few pieces at a time over days or weeks, each
parcel too small to draw attention. Goods are similar when they share a category or a recorded
mark. The rule counts this shipment and the shipper's earlier ones within the window that carry
at most a few pieces of such goods; large shipments and ordinary goods never count, so a repeated
B2B order or unrelated sea freight stays quiet, and the first parcel of a series cannot flag.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.engine.facts import ManifestFacts
from app.engine.history import window_start
from app.engine.types import Flag, FlagCode, GoodsSignature, Severity
from app.rules.base import ManifestRuleSpec, Points, RuleEnv
from app.rules.goods_risk import category_label

RECOMMENDATION = (
    "Review the shipper's recent parcels together: small repeated shipments of the same high-risk "
    "goods add up to a consignment; verify the goods and the brand rights."
)

# Goods are compared as ("category", id), ("brand", name) or, with neither, ("goods", description key).
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Shipment:
    screening_id: str | None  # None: this one
    departure_date: dt.date
    quantity: int
    value_usd: float


def keys_of(sig: GoodsSignature) -> list[Key]:
    keys: list[Key] = []
    if sig.category:
        keys.append(("category", sig.category))
    if sig.brand:
        keys.append(("brand", sig.brand))
    return keys or [("goods", sig.description_key)]


def small_high_risk_totals(
    goods: Iterable[GoodsSignature], max_quantity: int
) -> dict[Key, tuple[int, float]]:
    """Pieces and value of each kind of high-risk goods in one shipment, if at most max_quantity."""
    totals: dict[Key, tuple[int, float]] = {}
    for sig in goods:
        if not sig.high_risk:
            continue
        for key in keys_of(sig):
            quantity, value = totals.get(key, (0, 0.0))
            totals[key] = (quantity + sig.quantity, value + sig.value_usd)
    return {key: total for key, total in totals.items() if 0 < total[0] <= max_quantity}


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    patterns = env.config.patterns
    today = facts.manifest.departure_date
    since = window_start(today, patterns.ant_window_days)
    window = [past for past in env.context.history if since <= past.departure_date <= today]
    if len(window) + 1 < patterns.ant_min_shipments:
        return  # a new shipper, or a first parcel: nothing to add up, and no need to read the lines
    mine = small_high_risk_totals(facts.goods, patterns.ant_max_quantity)
    if not mine:
        return
    series: dict[Key, list[Shipment]] = defaultdict(list)
    for key, (quantity, value) in mine.items():
        series[key].append(Shipment(None, today, quantity, value))
    for past in window:
        for key, (quantity, value) in small_high_risk_totals(past.goods, patterns.ant_max_quantity).items():
            if key in mine:
                series[key].append(Shipment(past.screening_id, past.departure_date, quantity, value))
    key, shipments = max(series.items(), key=lambda item: (len(item[1]), _priority(item[0])))
    if len(shipments) < patterns.ant_min_shipments:
        return
    yield _flag(key, shipments, env)


def _priority(key: Key) -> int:
    """On equal counts, report the most specific likeness: a mark, then the same goods, then a category."""
    return {"brand": 2, "goods": 1}.get(key[0], 0)


def _label(key: Key, env: RuleEnv) -> str:
    kind, value = key
    if kind == "category":
        return category_label(value, env)
    if kind == "brand":
        return f"goods bearing the mark '{value}'"
    return f"'{value}'"


def _flag(key: Key, shipments: list[Shipment], env: RuleEnv) -> Flag:
    patterns = env.config.patterns
    shipments.sort(key=lambda s: (s.departure_date, s.screening_id or "~"))
    first, last = shipments[0].departure_date, shipments[-1].departure_date
    quantity = sum(s.quantity for s in shipments)
    value = round(sum(s.value_usd for s in shipments), 2)
    reason = (
        f"{len(shipments)} small shipments of {_label(key, env)} by the same shipper from "
        f"{first.isoformat()} to {last.isoformat()} (this one included), at most "
        f"{patterns.ant_max_quantity} pieces each: "
        f"{quantity:,} pieces worth USD {value:,.2f} in all"
    )
    evidence: dict[str, object] = {
        "screening_ids": [s.screening_id for s in shipments if s.screening_id is not None],
        "shipments": len(shipments),
        "first_date": first.isoformat(),
        "last_date": last.isoformat(),
        "window_days": patterns.ant_window_days,
        "total_quantity": quantity,
        "total_value_usd": value,
        key[0]: key[1],
    }
    return Flag(
        code=FlagCode.ANT_MOVING,
        severity=Severity.MEDIUM,
        line_id=None,
        reason=reason,
        recommendation=RECOMMENDATION,
        points=env.config.scoring.ant_moving,
        evidence=evidence,
    )


RULE = ManifestRuleSpec(
    codes=(FlagCode.ANT_MOVING,),
    explanation="The same shipper sending small quantities of similar high-risk goods again and again.",
    points=(Points("ant_moving", 30, "`ANT_MOVING`"),),
    position=5,
    check=check,
)
