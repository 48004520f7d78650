"""screen(manifest, context) -> result: the whole engine in one pure call."""

from __future__ import annotations

from app.engine import campaigns as campaign_scope
from app.engine import scoring
from app.engine.analyse import analyse
from app.engine.config import EngineConfig
from app.engine.facts import LineFacts
from app.engine.types import Flag, LineResult, Manifest, ScreeningContext, ScreeningResult
from app.reference.knowledge import Knowledge
from app.rules.base import RuleEnv
from app.rules.registry import LINE_RULES, MANIFEST_RULES


def screen(
    manifest: Manifest, context: ScreeningContext, knowledge: Knowledge, config: EngineConfig
) -> ScreeningResult:
    env = RuleEnv(context=context, knowledge=knowledge, config=config)
    facts = analyse(manifest, knowledge)
    campaigns = campaign_scope.applicable(context.campaigns, manifest)

    line_results: list[LineResult] = []
    for line in facts.lines:
        flags = _line_flags(line, env)
        factor = scoring.campaign_factor(line, campaigns, config.scoring)
        flags = scoring.amplify(flags, factor)
        score = scoring.capped(f.points for f in flags)
        line_results.append(
            LineResult(
                line_id=line.line_id,
                risk_score=score,
                risk_level=scoring.level(score, config.scoring),
                flags=flags,
            )
        )

    manifest_flags = tuple(flag for rule in MANIFEST_RULES for flag in rule(facts, env))
    top_line = max((r.risk_score for r in line_results), default=0)
    score = scoring.capped([top_line, *(f.points for f in manifest_flags)])
    risk_level = scoring.level(score, config.scoring)
    all_flags = (*manifest_flags, *(f for r in line_results for f in r.flags))
    return ScreeningResult(
        risk_score=score,
        risk_level=risk_level,
        decision=scoring.decision(risk_level),
        campaigns=tuple(
            c.id for c in campaigns if any(campaign_scope.goods_targeted(c, line) for line in facts.lines)
        ),
        flags=all_flags,
        lines=tuple(line_results),
        goods=facts.goods,
    )


def _line_flags(line: LineFacts, env: RuleEnv) -> tuple[Flag, ...]:
    return tuple(flag for rule in LINE_RULES for flag in rule(line, env))
