"""What the scorecards beside the tests share: a tally by kind of case, and their command line."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Card:
    """Cases passed of each kind, and what the failing ones read."""

    totals: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, ok: bool, failure: str) -> None:
        self.totals[kind] += 1
        if ok:
            self.passed[kind] += 1
        else:
            self.failures.setdefault(kind, []).append(failure)

    def share(self, kind: str) -> float:
        return self.passed[kind] / max(1, self.totals[kind])


def main(doc: str, report: Callable[[int], str]) -> None:
    """`report(failures)`: the scorecard with that many failures of each kind."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--failures", type=int, default=0, help="print this many failures of each kind")
    print(report(parser.parse_args().failures))  # noqa: T201
