"""The shape every rule has: read typed facts, return flags with points and a reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from app.engine.config import EngineConfig
from app.engine.facts import LineFacts, ManifestFacts
from app.engine.types import Flag, ScreeningContext
from app.reference.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class RuleEnv:
    """What a rule may consult besides the facts: the tenant's context, the data and the config."""

    context: ScreeningContext
    knowledge: Knowledge
    config: EngineConfig


class LineRule(Protocol):
    """A rule that looks at one line at a time."""

    def __call__(self, facts: LineFacts, env: RuleEnv) -> Iterable[Flag]: ...


class ManifestRule(Protocol):
    """A rule that looks at the whole manifest (and the shipper's history)."""

    def __call__(self, facts: ManifestFacts, env: RuleEnv) -> Iterable[Flag]: ...
