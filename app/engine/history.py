"""The compact trace a manifest leaves in its shipper's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.engine.facts import LineFacts
from app.engine.ports import EngineData
from app.engine.types import GoodsSignature


def goods_signatures(lines: Sequence[LineFacts], knowledge: EngineData) -> tuple[GoodsSignature, ...]:
    """One signature per kind of goods: lines with the same description key, category and brand add up."""
    merged: dict[tuple[str, str | None, str | None], GoodsSignature] = {}
    for line in lines:
        brand = line.marks[0].brand if line.marks else None
        key = (line.text_key, line.category, brand)
        quantity = line.line.quantity or 1
        value = (line.unit_value_usd or 0.0) * quantity
        packages = line.line.packages or 1
        category = knowledge.categories.get(line.category) if line.category else None
        high_risk = bool(brand) or (category is not None and category.high_risk)
        previous = merged.get(key)
        if previous is None:
            merged[key] = GoodsSignature(
                description_key=line.text_key,
                category=line.category,
                brand=brand,
                quantity=quantity,
                value_usd=round(value, 2),
                high_risk=high_risk,
                packages=packages,
            )
        else:
            merged[key] = GoodsSignature(
                description_key=previous.description_key,
                category=previous.category,
                brand=previous.brand,
                quantity=previous.quantity + quantity,
                value_usd=round(previous.value_usd + value, 2),
                high_risk=previous.high_risk or high_risk,
                packages=previous.packages + packages,
            )
    return tuple(merged.values())


def window_start(day: dt.date, days: int) -> dt.date:
    """The first day of a history window of `days` days ending on `day`, not before the calendar's first."""
    return day - min(dt.timedelta(days=days), day - dt.date.min)
