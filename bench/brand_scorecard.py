"""Brand-match scorecard on labelled screening cases, offline (no server).

    .venv/bin/python bench/brand_scorecard.py CASES.jsonl [--lists brand_lists/core.yaml ...]
        [--csv PATH] [--failures]

Runs `BrandMatcher.find` on every line of the cases whose suite is "brand", with the categories
the category classifier gives the line, and reports recall per disguise type and the share of
negatives flagged per difficulty. A case passes as the acceptance harness judges it: a positive
when some hit names `expect_brand` (case-, accent- and width-insensitive), a negative when no line
has any hit. Brands come from the shipped lists (default) or from a reference CSV (--csv).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.matching.matcher import BrandMatcher  # noqa: E402
from app.reference.brands import BrandRecord, load_catalog  # noqa: E402
from app.reference.categories import CategoryTable  # noqa: E402


def _key(name: str) -> str:
    return (
        unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
        .encode("ascii", "ignore")
        .decode()
        .casefold()
    )


def load_brands(lists: list[Path], csv_path: Path | None) -> tuple[BrandRecord, ...]:
    if csv_path is not None:
        sys.path.insert(0, str(ROOT / "tests" / "matching"))
        from tests.matching.brand_factory import reference_brands

        return reference_brands()
    return load_catalog(lists).brands


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", type=Path)
    parser.add_argument(
        "--lists", type=Path, nargs="*", default=sorted((ROOT / "brand_lists").glob("core*.yaml"))
    )
    parser.add_argument("--csv", type=Path, default=None, help="build brands from the reference CSV instead")
    parser.add_argument("--categories", type=Path, default=ROOT / "app/data/categories/categories.yaml")
    parser.add_argument("--failures", action="store_true", help="print every failed case")
    args = parser.parse_args()

    matcher = BrandMatcher.build(load_brands(args.lists, args.csv))
    table = CategoryTable.load(args.categories)
    cases = [json.loads(line) for line in args.cases.read_text("utf-8").splitlines() if line.strip()]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    for case in (c for c in cases if c["suite"] == "brand"):
        found: list[Any] = []
        for line in case["request"]["lines"]:
            assessment = table.classify(line["description"], line.get("hs_code"))
            cats = assessment.text_categories | assessment.hs_categories
            found += matcher.find(line["description"], declared_brand=line.get("brand"), categories=cats)
        expected = case.get("expect_brand")
        if expected:
            group = f"positive/{case.get('disguise', '?')}"
            ok = any(_key(h.brand) == _key(expected) for h in found)
        else:
            group = f"negative/{case.get('difficulty', '?')}"
            ok = not found
        tally[group][0] += ok
        tally[group][1] += 1
        if not ok:
            got = [(h.brand, h.matched_text, h.match_type) for h in found]
            failures.append(
                f"{case['id']} {group} expect={expected} got={got} :: "
                + case["request"]["lines"][0]["description"]
            )
    print(f"{'group':34} {'pass':>5} {'of':>4}  rate")
    for polarity in ("positive", "negative"):
        groups = sorted(g for g in tally if g.startswith(polarity))
        ok_sum = sum(tally[g][0] for g in groups)
        n_sum = sum(tally[g][1] for g in groups)
        for g in groups:
            ok, n = tally[g]
            print(f"{g:34} {ok:5} {n:4}  {ok / n:.3f}")
        if n_sum:
            label = "recall" if polarity == "positive" else "clean (1 - false-hit rate)"
            print(f"{polarity + ' overall (' + label + ')':34} {ok_sum:5} {n_sum:4}  {ok_sum / n_sum:.3f}")
    if args.failures:
        print("\n".join(failures))


if __name__ == "__main__":
    main()
