"""How flags become scores, levels and a decision (docs/scoring.md tells the same in prose).

- A flag's `points` are what it adds, campaign multipliers already applied, so anyone can
  recompute a score from the flags of a response.
- Line score: the sum of the line's flag points, capped at 100.
- Manifest score: the highest line score plus the points of the manifest-level flags, capped at 100,
  so it is never below its highest line.
- Levels follow the thresholds of `ScoringConfig`; decision: clear (low), review (medium, high),
  hold (critical).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.engine.campaigns import goods_targeted
from app.engine.config import ScoringConfig
from app.engine.facts import LineFacts
from app.engine.types import Campaign, Flag

MAX_SCORE = 100


def capped(points: Iterable[int]) -> int:
    return max(0, min(MAX_SCORE, sum(points)))


def level(score: int, config: ScoringConfig) -> str:
    if score >= config.critical_at:
        return "critical"
    if score >= config.high_at:
        return "high"
    if score >= config.medium_at:
        return "medium"
    return "low"


def decision(risk_level: str) -> str:
    return {"low": "clear", "critical": "hold"}.get(risk_level, "review")


def campaign_factor(line: LineFacts, campaigns: Sequence[Campaign], config: ScoringConfig) -> float:
    """1 + multiplier x weight for each applicable campaign that targets the line's goods."""
    factor = 1.0
    for campaign in campaigns:
        if goods_targeted(campaign, line):
            factor *= 1.0 + config.campaign_multiplier * campaign.weight
    return factor


def amplify(flags: Sequence[Flag], factor: float) -> tuple[Flag, ...]:
    """Scale the points of a line's flags by a campaign factor: rounded, never below the original,
    never above the 100 a score can reach."""
    if factor == 1.0:
        return tuple(flags)
    scaled = round(factor, 3)
    # Built field by field: dataclasses.replace costs several times more, on thousands of flags.
    return tuple(
        Flag(
            f.code,
            f.severity,
            f.line_id,
            f.reason,
            f.recommendation,
            min(MAX_SCORE, max(f.points, round(f.points * factor))),
            {**f.evidence, "campaign_factor": scaled},
        )
        if f.points
        else f
        for f in flags
    )
