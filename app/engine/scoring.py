"""How flags become scores, levels and a decision (docs/scoring.md tells the same in prose).

- A flag's `points` are what it adds, campaign multipliers already applied, so anyone can
  recompute a score from the flags of a response.
- Line score: the sum of the line's flag points, capped at 100.
- Manifest score: the highest line score plus the points of the manifest-level flags, capped at 100,
  so it is never below its highest line.
- Levels follow the thresholds of `ScoringConfig`; decision: clear (low), review (medium, high),
  hold (critical).
- Plain goods (a manifest whose only flags are its goods' category and the campaigns targeting
  it): campaigns do not multiply their points, and their campaign flags are trimmed so the score
  stays at `plain_goods_ceiling` at most, below medium: a forwarder ships them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.engine.campaigns import goods_targeted
from app.engine.config import ScoringConfig
from app.engine.facts import LineFacts
from app.engine.types import Campaign, Flag, FlagCode

MAX_SCORE = 100
# The flags a manifest of plain goods carries: their category, and the campaigns that target it.
PLAIN_GOODS_FLAGS = frozenset(
    {FlagCode.HIGH_RISK_CATEGORY, FlagCode.CAMPAIGN_DESTINATION, FlagCode.CAMPAIGN_CHANNEL}
)


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


def plain_goods(flags: Iterable[Flag]) -> bool:
    """Whether the only risk the flags tell is the category of the goods: no mark, price, marks
    shipped apart, split, party, vague or misdeclared goods."""
    return all(f.code in PLAIN_GOODS_FLAGS or not f.points for f in flags)


def fit_under(flags: Sequence[Flag], room: int, ceiling: int) -> tuple[Flag, ...]:
    """The campaign flags of plain goods, their points trimmed to fit `room` (each keeps one at
    least: a campaign still raises the score), with why."""
    out: list[Flag] = []
    left = room
    for i, f in enumerate(flags):
        if f.code not in PLAIN_GOODS_FLAGS or not f.points:
            out.append(f)
            continue
        later = sum(1 for g in flags[i + 1 :] if g.code in PLAIN_GOODS_FLAGS and g.points)
        points = min(f.points, max(1, left - later))
        left -= points
        if points == f.points:
            out.append(f)
            continue
        reason = f"{f.reason}; the goods carry no other risk, so campaigns lift them to {ceiling} at most"
        out.append(
            Flag(
                f.code,
                f.severity,
                f.line_id,
                reason,
                f.recommendation,
                points,
                {**f.evidence, "plain_goods_ceiling": ceiling},
            )
        )
    return tuple(out)


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
