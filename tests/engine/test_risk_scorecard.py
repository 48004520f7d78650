"""The risk-rule scorecard on the labelled manifests (run on purpose: pytest -m scorecard
tests/engine), and a check that the manifests are what their script writes."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.engine.data import make_risk_manifests
from tests.engine.risk_scorecard import MANIFESTS, report, score

# The classes the rules read the goods for; `goods_floor` and `catch_all_code` are open work
# (docs/scoring.md): reported, not held to a goal.
HELD = {
    "packaging_code": 0.9,  # handbags under 3923 and 6305: the category table lists them as declared there
    "packaging_itself": 1.0,
    "bulk_trade_units": 1.0,
    "cheap_in_parcels": 1.0,
    "plain_goods": 1.0,
    "branded_goods": 1.0,
    "mark_carriers": 1.0,
    "plain_trims": 1.0,
    "tiny_ratio": 1.0,
}


@pytest.mark.scorecard
def test_scorecard_on_the_labelled_manifests(capsys: pytest.CaptureFixture[str]) -> None:
    card = score()
    with capsys.disabled():
        print("\n" + report(card))  # noqa: T201
    assert {cls: card.share(cls) >= goal for cls, goal in HELD.items()} == dict.fromkeys(HELD, True)


def test_the_manifests_are_what_their_script_writes() -> None:
    written = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in make_risk_manifests.cases())
    assert MANIFESTS.read_text(encoding="utf-8") == written


def test_the_manifests_hold_every_class_and_at_least_300() -> None:
    classes = Counter(
        json.loads(line)["class"] for line in MANIFESTS.read_text(encoding="utf-8").splitlines()
    )
    assert sum(classes.values()) >= 300
    assert set(HELD) | {"goods_floor", "catch_all_code"} == set(classes)
