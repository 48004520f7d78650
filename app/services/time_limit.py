"""A time limit on the per-line stage of one screening (PRESCREEN_SCREENING_TIME_LIMIT).

Lines are screened in chunks and the clock is read between chunks: a manifest whose lines cost
far more than ordinary ones (word soup of brand-like tokens, thousands of mixed-script lines)
answers 413 once the limit is spent, records nothing and frees the worker thread, instead of
holding it for minutes. A partial result is never returned: a decision on half the lines would
read as a decision on the shipment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from app.engine.lines import IndexedLine, LineOutcome, LineScreener
from app.engine.ports import RuleSet, ScreeningEnv
from app.errors import PayloadTooLarge
from app.reference.knowledge import Knowledge

# Small enough that the limit is overrun by at most one chunk's time, large enough to keep the
# matcher's per-batch caches useful.
CHUNK_LINES = 250


class ScreeningTimeLimitExceeded(PayloadTooLarge):
    title = "Screening time limit exceeded"


def within_time_limit(
    screener: LineScreener[Knowledge],
    limit_seconds: float,
    chunk_lines: int = CHUNK_LINES,
    clock: Callable[[], float] = time.monotonic,
) -> LineScreener[Knowledge]:
    def screen(
        lines: Sequence[IndexedLine], env: ScreeningEnv[Knowledge], rules: RuleSet[Knowledge]
    ) -> list[LineOutcome]:
        started = clock()
        outcomes: list[LineOutcome] = []
        for start in range(0, len(lines), chunk_lines):
            if start and clock() - started > limit_seconds:
                raise ScreeningTimeLimitExceeded(
                    f"screened {start:,} of {len(lines):,} lines in the "
                    f"{limit_seconds:g} s this service allows one screening "
                    "(PRESCREEN_SCREENING_TIME_LIMIT); nothing was recorded: split the manifest "
                    "into smaller screenings"
                )
            outcomes.extend(screener(lines[start : start + chunk_lines], env, rules))
        return outcomes

    return screen
