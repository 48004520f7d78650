"""The per-line stage of screening: analyse a line and run the line rules on it.

Lines are independent here, so this stage may run on several processes for large manifests
(app/services/line_workers.py); everything after it needs the whole manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.engine.analyse import analyse_lines
from app.engine.facts import LineFacts
from app.engine.ports import K, RuleSet, ScreeningEnv
from app.engine.types import Flag, ManifestLine

IndexedLine = tuple[int, ManifestLine]
LineOutcome = tuple[LineFacts, tuple[Flag, ...]]
# Screens a batch of lines with the line rules; the default runs them here, in order.
LineScreener = Callable[[Sequence[IndexedLine], ScreeningEnv[K], RuleSet[K]], list[LineOutcome]]


def screen_lines(lines: Sequence[IndexedLine], env: ScreeningEnv[K], rules: RuleSet[K]) -> list[LineOutcome]:
    return [
        (facts, tuple(flag for rule in rules.line for flag in rule(facts, env)))
        for facts in analyse_lines(lines, env.knowledge)
    ]
