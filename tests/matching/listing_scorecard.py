"""The brand reading on the labelled listing lines (data/listing_lines.csv, make_listing_lines.py).

    .venv/bin/python -m tests.matching.listing_scorecard [--failures 20]   # the report
    .venv/bin/pytest -m scorecard tests/matching                           # the same, as a test

Each line is read as the engine reads a manifest line (app.engine.analyse: its goods categories,
then the matcher). A `named` or `model` line is found when its mark is among the marks the goods
carry; a `compatibility` line must never read its mark as carried (full points), and a
`negative` line must read no mark as carried: a compatibility reading on one is counted apart.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.engine.analyse import analyse_lines
from app.engine.types import ManifestLine
from app.reference.knowledge import Knowledge, load_knowledge
from app.settings import Settings
from tests.scorecards import Card, main

LINES = Path(__file__).with_name("data") / "listing_lines.csv"


@dataclass
class ListingCard(Card):
    fitting_on_negatives: int = 0  # negatives read as what their goods fit, not as a mark


@cache
def _knowledge() -> Knowledge:
    return load_knowledge(Settings().data_paths)


def score() -> ListingCard:
    with LINES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [(i, ManifestLine(str(i), r["line"], None, 1, None, "USD")) for i, r in enumerate(rows)]
    card = ListingCard()
    for row, facts in zip(rows, analyse_lines(lines, _knowledge()), strict=True):
        kind, label = row["kind"], row["brand"]
        carried = {h.brand for h in facts.marks}
        if kind in ("named", "model"):
            ok = label in carried
        elif kind == "compatibility":
            ok = label not in carried  # read as what the goods fit, or not at all
        else:
            ok = not carried
            card.fitting_on_negatives += bool(facts.brand_hits) and not carried
        card.add(kind, ok, f"{row['line']}  ->  {sorted(carried)}")
    return card


def report(card: ListingCard, failures: int = 0) -> str:
    out = [
        f"named: marks found {card.passed['named']}/{card.totals['named']} = {card.share('named'):.3f}",
        f"model only: marks found {card.passed['model']}/{card.totals['model']} = {card.share('model'):.3f}",
        "compatibility: never read as the goods' own mark "
        f"{card.passed['compatibility']}/{card.totals['compatibility']} = {card.share('compatibility'):.3f}",
        "negative: false alarms "
        f"{card.totals['negative'] - card.passed['negative']}/{card.totals['negative']} = "
        f"{1 - card.share('negative'):.4f} (compatibility readings apart: {card.fitting_on_negatives})",
    ]
    for kind, items in sorted(card.failures.items()):
        out += [f"  [{kind}] {item}" for item in items[:failures]]
    return "\n".join(out)


if __name__ == "__main__":
    main(__doc__ or "", lambda failures: report(score(), failures))
