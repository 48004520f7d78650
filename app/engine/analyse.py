"""The facts of each line: categories, brand hits, value in USD. Runs once per line."""

from __future__ import annotations

from app.engine.facts import LineFacts
from app.engine.text import description_key
from app.engine.types import ManifestLine
from app.reference.knowledge import Knowledge


def analyse_line(index: int, line: ManifestLine, knowledge: Knowledge) -> LineFacts:
    assessment = knowledge.categories.classify(line.description, line.hs_code)
    hits = knowledge.matcher.find(
        line.description,
        declared_brand=line.brand,
        categories=assessment.text_categories | assessment.hs_categories,
    )
    value_usd = (
        knowledge.rates.to_usd(line.unit_value, line.currency) if line.unit_value is not None else None
    )
    return LineFacts(
        index=index,
        line=line,
        text_key=description_key(line.description),
        text_categories=assessment.text_categories,
        hs_categories=assessment.hs_categories,
        category_hits=assessment.hits,
        category=assessment.primary,
        head_categories=assessment.head_categories,
        accessories=assessment.accessories,
        brand_hits=tuple(hits),
        unit_value_usd=value_usd,
    )
