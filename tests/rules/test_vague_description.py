"""VAGUE_DESCRIPTION with the shipped vocabulary."""

from __future__ import annotations

import pytest

from app.engine.types import FlagCode
from app.rules import vague_description
from tests.rules.reference_env import env, facts


@pytest.mark.parametrize("description", ["Items", "samples", "杂货", "Gift items", "Watch", "样品", "Parts"])
def test_generic_descriptions_are_flagged(description: str) -> None:
    found = list(vague_description.check(facts(description), env()))
    assert [f.code for f in found] == [FlagCode.VAGUE_DESCRIPTION]
    assert description in found[0].reason
    assert found[0].points == env().config.scoring.vague_description


@pytest.mark.parametrize(
    "description",
    [
        "Washing machine drain pump 220V, replacement",
        "竹制砧板 bamboo cutting board, 38x28cm",
        "Gift wrapping paper rolls, 70cm x 5m",
        "Men's quartz wrist watch, steel",
        "Ceramic dinner plates 27cm, white",
    ],
)
def test_specific_descriptions_are_not_flagged(description: str) -> None:
    assert list(vague_description.check(facts(description), env())) == []


def test_evidence_says_which_words_were_generic() -> None:
    flag = next(vague_description.check(facts("Gift items, 10 pcs"), env()))
    assert flag.evidence == {"kind": "generic", "words": ["gift", "items"]}
