"""The party-matching scorecard (run on purpose: pytest -m scorecard tests/parties), and checks
that its labelled pairs and the FtM fixture are what their scripts write."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.engine.config import PartyConfig
from tests.parties.data import make_ftm_sample, make_pairs
from tests.parties.scorecard import PAIRS, report, score_pairs


@pytest.mark.scorecard
def test_scorecard_at_the_default_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    threshold = PartyConfig().threshold
    card = score_pairs(threshold)
    with capsys.disabled():
        print("\n" + report(card, threshold))  # noqa: T201
    assert card.overall.tp + card.overall.fn >= 150, "the pairs hold at least 150 true matches"
    assert card.overall.precision >= 0.95
    assert card.bridgeable.recall >= 0.95


def test_the_labelled_pairs_are_what_their_script_writes() -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["left", "right", "label", "kind"])
    writer.writerows(make_pairs.rows())
    assert PAIRS.read_bytes().decode("utf-8") == out.getvalue()
    assert len(make_pairs.rows()) >= 300


def test_the_ftm_fixture_is_what_its_script_writes() -> None:
    written = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in make_ftm_sample.entities())
    assert make_ftm_sample.OUT.read_text(encoding="utf-8") == written
