"""The brand-reading scorecard on the labelled listing lines (run on purpose: pytest -m scorecard
tests/matching), and a check that the lines are what their script writes."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from tests.matching.data import make_listing_lines
from tests.matching.listing_scorecard import LINES, report, score


@pytest.mark.scorecard
def test_scorecard_on_the_listing_lines(capsys: pytest.CaptureFixture[str]) -> None:
    card = score()
    with capsys.disabled():
        print("\n" + report(card))  # noqa: T201
    assert card.share("named") >= 0.95
    assert card.share("model") >= 0.80
    assert card.share("compatibility") == 1.0, "a mark named as what the goods fit is never the goods' own"
    assert 1 - card.share("negative") <= 0.005


def test_the_listing_lines_are_what_their_script_writes() -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "brand", "kind", "name_source"])
    writer.writerows(make_listing_lines.rows())
    assert LINES.read_bytes().decode("utf-8") == out.getvalue()


def test_the_listing_lines_hold_every_kind_with_the_source_of_each_name() -> None:
    with LINES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= 2000
    assert min(kinds[k] for k in ("named", "model", "compatibility", "negative")) >= 200
    assert all(r["name_source"] for r in rows)
    assert all(r["brand"] for r in rows if r["kind"] != "negative")
