"""Brand reading on real product titles: any CSV with a title column and a brand column.

    .venv/bin/python bench/listing_scorecard.py TITLES.csv --title product_name --brand brand
        [--price retail_price] [--failures N] [--json OUT]

Each title is screened as one line of a manifest, in process, on the shipped data and the whole
engine (the BRAND_MATCH rule, not the matcher alone). The catalogue's own brand column is the
label: a title whose brand is a recorded mark (its name, an alias or a Chinese name) is a
positive, split by whether the mark's name stands in the title or only a model or line name
does; any other title is a negative, and a BRAND_MATCH on it is a false alarm unless it reads a
compatibility mention ("case for iPhone"), which is counted apart with its points. The false
alarms whose every reading is a recorded name of the mark as recorded are counted apart too: the
title names the mark ("Swarovski crystal" on another maker's ring), which the brand column does
not say.

Catalogues used for the figures in docs/brand-reading.md (public entity-resolution benchmarks and
a public retail sample; not shipped with the repository):
  Abt-Buy and Amazon-Google, Database Group, Leipzig University,
    https://dbs.uni-leipzig.de/research/projects/benchmark-datasets-for-entity-resolution
  Flipkart products sample (20,000 titles), PromptCloud via Kaggle,
    https://www.kaggle.com/datasets/PromptCloudHQ/flipkart-products
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.engine.config import EngineConfig  # noqa: E402
from app.engine.screen import screen  # noqa: E402
from app.engine.types import ScreeningContext  # noqa: E402
from app.reference.knowledge import Knowledge, load_knowledge  # noqa: E402
from app.rules.registry import RULES  # noqa: E402
from app.schemas.screening import ScreeningRequest  # noqa: E402
from app.services.screening import to_manifest  # noqa: E402
from app.settings import Settings  # noqa: E402

BATCH = 500  # titles a manifest: BRAND_MATCH is a line rule, so lines do not meet
COMPATIBILITY = "compatibility"
# a recorded name of the mark written as recorded: on a negative, a mention the catalogue's brand
# column does not tell ("Swarovski crystal" on another maker's ring, a licensed print)
AS_RECORDED = frozenset({"exact", "case", "alias", "translation", "abbreviation"})
# a title that may mention another maker's goods it fits: "case for iPhone", "compatible with HP"
COMPATIBLE_WORDING = re.compile(r"\b(for|compatible|fits|replacement|replaces)\b", re.IGNORECASE)


def key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text)).casefold()
    return "".join(c for c in folded.encode("ascii", "ignore").decode() if c.isalnum())


def recorded_names(knowledge: Knowledge) -> dict[str, str]:
    """key of every name a mark is recorded under (name, aliases, Chinese names) -> the mark."""
    names: dict[str, str] = {}
    for brand in knowledge.catalog.brands:
        for name in (brand.name, *brand.aliases, *brand.chinese_names):
            if k := key(name) or name:
                names.setdefault(k, brand.name)
    return names


_LEGAL = re.compile(
    r"\b(inc|corp|corporation|co|company|ltd|llc|gmbh|international|intl|software|usa)\b\.?", re.I
)


def labelled_mark(label: str, names: dict[str, str]) -> str | None:
    """The recorded mark a catalogue's brand column names: "Microsoft Corp." and "Apple Computer"
    are Microsoft and Apple."""
    if found := names.get(key(label)):
        return found
    words = _LEGAL.sub(" ", label).split()
    for n in range(len(words), 0, -1):
        if len(head := key(" ".join(words[:n]))) >= 3 and (found := names.get(head)):
            return found
    return None


def screen_titles(knowledge: Knowledge, titles: list[str], prices: list[float]) -> list[list[dict[str, Any]]]:
    """The BRAND_MATCH flags of each title, as the API reports them."""
    config = EngineConfig()
    context = ScreeningContext(on_date=dt.date(2026, 6, 10), campaigns=())
    out: list[list[dict[str, Any]]] = []
    for start in range(0, len(titles), BATCH):
        chunk = titles[start : start + BATCH]
        request = ScreeningRequest.model_validate(
            {
                "shipper": {"name": "Example Trading Co., Ltd.", "country": "CN"},
                "consignee": {"name": "Example Imports Ltd", "country": "GB"},
                "destination_country": "GB",
                "channel": "sea_freight",
                "departure_date": "2026-06-10",
                "lines": [
                    {"description": t[:500] or "-", "quantity": 10, "unit_value": p, "currency": "USD"}
                    for t, p in zip(chunk, prices[start : start + BATCH], strict=True)
                ],
            }
        )
        result = screen(to_manifest(request, knowledge), context, knowledge, config, RULES)
        for line in result.lines:
            out.append(
                [
                    {"points": f.points, **f.evidence, "reason": f.reason}
                    for f in line.flags
                    if f.code == "BRAND_MATCH"
                ]
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("csv", type=Path)
    parser.add_argument("--title", default="product_name")
    parser.add_argument("--brand", default="brand")
    parser.add_argument("--price", default=None, help="a price column (USD); 100 when absent")
    parser.add_argument("--failures", type=int, default=0, help="print this many failures of each kind")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    knowledge = load_knowledge(Settings().data_paths)
    names = recorded_names(knowledge)
    with args.csv.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get(args.title) or "").strip()]
    titles = [r[args.title].strip() for r in rows]
    prices = []
    for r in rows:
        try:
            prices.append(max(0.01, float(str(r.get(args.price) or "100").replace("$", "").replace(",", ""))))
        except ValueError:
            prices.append(100.0)
    flags = screen_titles(knowledge, titles, prices)

    counts: Counter[str] = Counter()
    failures: dict[str, list[str]] = {"named": [], "model": [], "false": [], "compat_full": []}
    for row, title, found in zip(rows, titles, flags, strict=True):
        label_text = (row.get(args.brand) or "").strip()
        if not key(label_text):
            counts["unlabelled"] += 1
            continue  # no brand column: nothing to judge by
        label = labelled_mark(label_text, names)
        marks = {f.get("brand") for f in found if f.get("match_type") != COMPATIBILITY}
        if label is not None:
            kind = (
                "named"
                if key(label) in key(title)
                or any(key(n) in key(title) for n, b in names.items() if b == label and len(n) > 2)
                else "model"
            )
            counts[kind] += 1
            if label in marks or label in {f.get("brand") for f in found}:
                counts[f"{kind}_found"] += 1
            else:
                failures[kind].append(title)
            continue
        counts["negative"] += 1
        if marks:
            counts["false"] += 1
            failures["false"].append(f"{title}  ->  {sorted(m or '' for m in marks)}")
            carried = [f for f in found if f.get("match_type") != COMPATIBILITY]
            if all(f.get("match_type") in AS_RECORDED for f in carried):
                counts["false_as_recorded"] += 1  # "Swarovski crystal", "Barbie print": the mark itself
        if any(f.get("match_type") == COMPATIBILITY for f in found):
            counts["compat"] += 1
        if marks and COMPATIBLE_WORDING.search(title):
            counts["compat_full"] += 1
            failures["compat_full"].append(f"{title}  ->  {sorted(m or '' for m in marks)}")

    def share(part: str, whole: str) -> str:
        return f"{counts[part]}/{counts[whole]} = {counts[part] / max(1, counts[whole]):.3f}"

    summary = {
        "titles": len(titles),
        "unlabelled (not judged)": str(counts["unlabelled"]),
        "recall_named": share("named_found", "named"),
        "recall_model_only": share("model_found", "model"),
        "false_alarm_share_of_negatives": share("false", "negative"),
        "  of which the mark's name as recorded": share("false_as_recorded", "negative"),
        "compatibility_readings_on_negatives": share("compat", "negative"),
        "full_points_with_compatible_wording": share("compat_full", "negative"),
    }
    for name, value in summary.items():
        print(f"{name:40} {value}")
    for kind, items in failures.items():
        for item in items[: args.failures]:
            print(f"  [{kind}] {item}")
    if args.json:
        args.json.write_text(
            json.dumps({"summary": summary, "failures": failures}, indent=1, ensure_ascii=False)
        )


if __name__ == "__main__":
    main()
