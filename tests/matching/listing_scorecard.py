"""The brand reading on the labelled listing lines (data/listing_lines.csv, make_listing_lines.py).

    .venv/bin/python -m tests.matching.listing_scorecard [--failures 20]   # the report
    .venv/bin/pytest -m scorecard tests/matching                           # the same, as a test

Each line is read as the engine reads a manifest line (app.engine.analyse: its goods categories,
then the matcher). A `named` or `model` line is found when its mark is among the marks the goods
carry; a `compatibility` line must never read its mark as carried (full points), and a
`negative` line must read no mark as carried: a compatibility reading on one is counted apart.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.engine.analyse import analyse_lines
from app.engine.types import ManifestLine
from app.reference.knowledge import Knowledge, load_knowledge
from app.settings import Settings

LINES = Path(__file__).with_name("data") / "listing_lines.csv"


@dataclass
class Card:
    totals: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    fitting_on_negatives: int = 0
    failures: dict[str, list[str]] = field(default_factory=dict)

    def share(self, kind: str) -> float:
        return self.passed[kind] / max(1, self.totals[kind])


@cache
def _knowledge() -> Knowledge:
    return load_knowledge(Settings().data_paths)


def score() -> Card:
    with LINES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [(i, ManifestLine(str(i), r["line"], None, 1, None, "USD")) for i, r in enumerate(rows)]
    card = Card()
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
        card.totals[kind] += 1
        card.passed[kind] += ok
        if not ok:
            card.failures.setdefault(kind, []).append(f"{row['line']}  ->  {sorted(carried)}")
    return card


def report(card: Card, failures: int = 0) -> str:
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--failures", type=int, default=0, help="print this many failures of each kind")
    args = parser.parse_args()
    print(report(score(), args.failures))  # noqa: T201


if __name__ == "__main__":
    main()
