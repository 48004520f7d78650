"""Arbitrary Unicode descriptions never raise in the matcher and the line rules, and stay in budget.

The cost of a line is measured deterministically, not in wall time: the Python-level calls
(sys.setprofile events) its per-line stage makes. Compiled modules (mypyc) make fewer visible
calls than the uncompiled ones, so the budget is relative to the same build's ordinary lines:
a line may cost at most BUDGET times what an ordinary line of its length costs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
from functools import cache
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine.config import EngineConfig
from app.engine.lines import screen_lines
from app.engine.types import ManifestLine, ScreeningContext
from app.reference.knowledge import load_knowledge
from app.rules.base import RuleEnv
from app.rules.registry import RULES
from app.settings import Settings

BUDGET = 20
ORDINARY = (
    "Ceramic coffee mugs 350ml, white",
    "R0LEX Submariner automatic watch, AAA quality",
    "Men's cotton t-shirts, assorted sizes",
    "Plastic storage boxes with lids",
    "Nike Air Max running shoes replica",
    "LED desk lamp with USB charger",
    "Stainless steel kitchen knives set",
    "Wireless bluetooth earphones TWS",
    "Women's leather handbag Gucci style",
    "Children's plastic toy cars",
)
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0x300, 0x36F),  # combining marks
    (0x400, 0x4FF),  # Cyrillic (homoglyphs)
    (0x590, 0x5FF),  # Hebrew
    (0x600, 0x6FF),  # Arabic
    (0x200B, 0x200F),  # zero-width characters and direction marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0x4E00, 0x4E80),  # CJK
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0x1F300, 0x1F64F),  # emoji
)
WORDS = (
    "rolex",
    "R O L E X",
    "gucci",
    "r0lex",
    "n1ke",
    "Ｇｕｃｃｉ",
    "\u202eXELOR\u202c",
    "louis",
    "vuitton",
)
characters = st.one_of([st.characters(min_codepoint=lo, max_codepoint=hi) for lo, hi in RANGES])
descriptions = st.one_of(
    st.text(characters, min_size=1, max_size=1000),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(characters, min_size=1, max_size=8)),
        min_size=1,
        max_size=150,
    )
    .map(" ".join)
    .map(lambda text: text[:1000]),
)


@cache
def _env() -> RuleEnv:
    return RuleEnv(
        context=ScreeningContext(on_date=dt.date(2026, 6, 10)),
        knowledge=load_knowledge(Settings().data_paths),
        config=EngineConfig(),
    )


def cost(description: str) -> int:
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1

    line = ManifestLine("1", description, None, 10, 5.0, "USD")
    sys.setprofile(count)
    try:
        screen_lines([(0, line)], _env(), RULES)
    finally:
        sys.setprofile(None)
    return calls


@cache
def _ordinary_cost_per_char() -> float:
    for text in ORDINARY:
        cost(text)  # warm the matcher's word caches, as a running service has
    return statistics.median(cost(text) / len(text) for text in ORDINARY)


def budget(description: str) -> float:
    median_length = statistics.median(len(text) for text in ORDINARY)
    return BUDGET * _ordinary_cost_per_char() * max(len(description), median_length)


@given(descriptions)
@settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_any_description_screens_without_error_within_the_line_budget(description: str) -> None:
    allowed = budget(description)  # first: it warms the caches an ordinary line would
    spent = cost(description)
    assert spent <= allowed, (spent, allowed, description[:80])


def test_the_measure_sees_a_costly_line() -> None:
    # The budget is not vacuous: 1,000 characters of brand-like soup cost more than a short line.
    soup = " ".join(["rolex gucci prada nike omega cartier"] * 30)[:1000]
    allowed = budget(soup)
    assert cost(soup) > 5 * cost(ORDINARY[0])
    assert cost(soup) <= allowed
