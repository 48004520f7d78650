"""The facts of each line: categories, brand hits, value in USD.

Lines are analysed in batches: the category table reads each line first (the brand matcher's
context checks need the line's goods), then the matcher reads the whole batch at once, which
lets it skip in one pass the many lines that name no mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.engine.facts import LineFacts, RecordedMark
from app.engine.ports import EngineData, GoodsAssessment
from app.engine.prepared import prepare
from app.engine.types import ManifestLine
from app.matching.hits import BrandHit

_NO_RECORDS: Mapping[str, RecordedMark] = {}  # most lines name no mark: one empty mapping, never written


def analyse_lines(lines: Sequence[tuple[int, ManifestLine]], knowledge: EngineData) -> list[LineFacts]:
    assessments = [knowledge.categories.classify(line.description, line.hs_code) for _, line in lines]
    hits = knowledge.matcher.find_many(
        [
            (line.description, line.brand, a.text_categories | a.hs_categories)
            for (_, line), a in zip(lines, assessments, strict=True)
        ]
    )
    return [
        _facts(index, line, assessment, line_hits, knowledge)
        for (index, line), assessment, line_hits in zip(lines, assessments, hits, strict=True)
    ]


def analyse_line(index: int, line: ManifestLine, knowledge: EngineData) -> LineFacts:
    """One line alone (the batch of one)."""
    return analyse_lines([(index, line)], knowledge)[0]


def _facts(
    index: int,
    line: ManifestLine,
    assessment: GoodsAssessment,
    hits: Sequence[BrandHit],
    knowledge: EngineData,
) -> LineFacts:
    value_usd = (
        knowledge.rates.to_usd(line.unit_value, line.currency) if line.unit_value is not None else None
    )
    catalog = knowledge.catalog
    records = {h.brand: r for h in hits if (r := catalog.get(h.brand)) is not None} if hits else _NO_RECORDS
    return LineFacts(
        index=index,
        line=line,
        prepared=prepare(line),
        text_categories=assessment.text_categories,
        hs_categories=assessment.hs_categories,
        category_hits=assessment.hits,
        category=assessment.primary,
        head_categories=assessment.head_categories,
        accessories=assessment.accessories,
        brand_hits=tuple(hits),
        brand_records=records,
        vagueness=assessment.vagueness,
        unit_value_usd=value_usd,
    )
