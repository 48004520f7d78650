"""VAGUE_DESCRIPTION: the description does not say what the goods are ("gift items", "samples", "Watch").

Customs reject such declarations and target them, because they hide what is shipped. The
vocabulary (generic words, filler to ignore) is data: categories.yaml, section `vague`.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.engine.facts import LineFacts
from app.engine.types import Flag, FlagCode, Severity
from app.rules.base import LineRuleSpec, Points, RuleEnv

_WHY = {
    "generic": "it uses only generic words ({words}) that do not identify the goods",
    "bare_category": "it names only a kind of goods ({words}) with nothing that says what they are "
    "(material, type, model)",
    "empty": "once quantities, packaging and colours are set aside, nothing describes the goods",
}


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    vagueness = facts.vagueness
    if vagueness is None:
        return
    words = ", ".join(f"'{w}'" for w in vagueness.words)
    yield Flag(
        code=FlagCode.VAGUE_DESCRIPTION,
        severity=Severity.LOW,
        line_id=facts.line_id,
        reason=f"The description '{facts.line.description}' is too vague: "
        + _WHY[vagueness.kind].format(words=words)
        + ".",
        recommendation=(
            "Describe the goods as customs expect: what they are, material, model or type, "
            "e.g. 'men's quartz wrist watch, stainless steel case'."
        ),
        points=env.config.scoring.vague_description,
        evidence={"kind": vagueness.kind, "words": list(vagueness.words)},
    )


RULE = LineRuleSpec(
    codes=(FlagCode.VAGUE_DESCRIPTION,),
    explanation="The description does not say what the goods are.",
    points=(Points("vague_description", 15, "`VAGUE_DESCRIPTION`"),),
    position=4,
    check=check,
)
