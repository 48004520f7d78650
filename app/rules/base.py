"""The shape every rule has: read typed facts, return flags with points and a reason.

The engine defines the shape generically (app/engine/ports.py); here it is bound to the concrete
knowledge the rules read (brand catalog, HS nomenclature, geography...). Each rule module declares
itself as `RULE`: its codes, scope, default points, check and explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.engine.ports import LineCheck, ManifestCheck, RuleSet, ScreeningEnv
from app.engine.types import FlagCode
from app.reference.knowledge import Knowledge

# What a rule may consult besides the facts: the tenant's context, the data and the config.
RuleEnv = ScreeningEnv[Knowledge]
# A rule that looks at one line at a time.
LineRule = LineCheck[Knowledge]
# A rule that looks at the whole manifest (and the shipper's history).
ManifestRule = ManifestCheck[Knowledge]
Rules = RuleSet[Knowledge]


@dataclass(frozen=True)
class Points:
    """Points a rule's flags add: a `ScoringConfig` setting, its default and how docs/scoring.md says it."""

    setting: str  # the ScoringConfig field (PRESCREEN_SCORING__<SETTING>)
    default: int
    label: str  # the flag column of the points table
    amount: str = "{default}"  # the points column: "{default} x the category's weight"
    note: str = ""  # more of the setting column: "; ratio `PRICE__ANOMALY_RATIO`"


@dataclass(frozen=True)
class RuleSpec:
    """What a rule module declares as `RULE`: the registry (app/rules/registry.py) finds it there."""

    codes: tuple[FlagCode, ...]  # the flags it emits
    explanation: str  # one sentence: what it finds
    points: tuple[Points, ...]
    position: int  # its flags' place in a response, among the rules of its scope
    scope: ClassVar[str]  # "line" or "manifest"


@dataclass(frozen=True)
class LineRuleSpec(RuleSpec):
    check: LineRule
    scope: ClassVar[str] = "line"


@dataclass(frozen=True)
class ManifestRuleSpec(RuleSpec):
    check: ManifestRule
    scope: ClassVar[str] = "manifest"
