"""screen(manifest, context) -> result: the whole engine in one pure call."""

from __future__ import annotations

from app.engine import campaigns as campaign_scope
from app.engine import scoring
from app.engine.config import EngineConfig
from app.engine.facts import ManifestFacts
from app.engine.history import goods_signatures
from app.engine.lines import LineScreener, screen_lines
from app.engine.ports import K, RuleSet, ScreeningEnv
from app.engine.types import LineResult, Manifest, ScreeningContext, ScreeningResult


def screen(
    manifest: Manifest,
    context: ScreeningContext,
    knowledge: K,
    config: EngineConfig,
    rules: RuleSet[K],
    line_screener: LineScreener[K] = screen_lines,
) -> ScreeningResult:
    env = ScreeningEnv(context=context, knowledge=knowledge, config=config)
    outcomes = line_screener(list(enumerate(manifest.lines)), env, rules)
    lines = tuple(facts for facts, _ in outcomes)
    facts = ManifestFacts(manifest=manifest, lines=lines, goods=goods_signatures(lines, knowledge))
    campaigns = campaign_scope.applicable(context.campaigns, manifest)
    manifest_flags = tuple(flag for rule in rules.manifest for flag in rule(facts, env))
    # plain goods: campaigns raise them, but only to where they still ship (scoring.py)
    plain = scoring.plain_goods([*manifest_flags, *(f for _, flags in outcomes for f in flags)])

    line_results: list[LineResult] = []
    for line, raw_flags in outcomes:
        factor = 1.0 if plain else scoring.campaign_factor(line, campaigns, config.scoring)
        flags = scoring.amplify(raw_flags, factor)
        score = scoring.capped(f.points for f in flags)
        line_results.append(
            LineResult(
                line_id=line.line_id,
                risk_score=score,
                risk_level=scoring.level(score, config.scoring),
                flags=flags,
            )
        )

    top_line = max((r.risk_score for r in line_results), default=0)
    if plain:
        ceiling = config.scoring.plain_goods_ceiling
        manifest_flags = scoring.fit_under(manifest_flags, ceiling - top_line, ceiling)
    score = scoring.capped([top_line, *(f.points for f in manifest_flags)])
    risk_level = scoring.level(score, config.scoring)
    return ScreeningResult(
        risk_score=score,
        risk_level=risk_level,
        decision=scoring.decision(risk_level),
        campaigns=tuple(
            c.id for c in campaigns if any(campaign_scope.goods_targeted(c, line) for line in lines)
        ),
        flags=(*manifest_flags, *(f for r in line_results for f in r.flags)),
        lines=tuple(line_results),
        goods=facts.goods,
    )
