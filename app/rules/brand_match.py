"""PLACEHOLDER: replaced by the rule's real implementation."""

from __future__ import annotations

from collections.abc import Iterator

from app.engine.facts import LineFacts
from app.engine.types import Flag
from app.rules.base import RuleEnv


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    return iter(())
