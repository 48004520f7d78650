"""Speed, memory and recall of the brand matcher on the synthetic workload of gen.py.

    python /work/shared/bench/gen.py --marks 50000 --lines 100000 --out /tmp/benchdata
    .venv/bin/python bench/matcher_bench.py --data /tmp/benchdata --marks 50000 --lines 100000
    .venv/bin/python bench/matcher_bench.py --data /tmp/benchdata --marks 50000 --lines 100000 \
        --lists brand_lists/core.yaml --gen /work/shared/bench/gen.py

The first form matches the generated marks; the second builds the matcher from the shipped lists
and plants their own marks (names, aliases, models, Chinese names) into lines made by gen.py's
templates and disguises, with the same seed. One process, one core; `find` is called once per
line as the engine calls it (no categories, no declared brand). Reports the index build time,
lines per second, peak RSS, recall on planted marks (overall and per disguise) and the share of
clean lines with any hit.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.matching.matcher import BrandMatcher  # noqa: E402
from app.matching.normalize import is_cjk  # noqa: E402
from app.reference.brands import BrandRecord, load_catalog  # noqa: E402

Row = tuple[int, str, str, str]  # brand id (-1 clean), disguise, alias used, text


def generated_brands(path: Path) -> list[BrandRecord]:
    brands = []
    for line in path.read_text("utf-8").splitlines():
        mark = json.loads(line)
        aliases = mark["aliases"]
        brands.append(
            BrandRecord(
                name=mark["name"],
                rights_holder="synthetic",
                home_country="ZZ",
                aliases=[a for a in aliases if not is_cjk(a)],
                chinese_names=[a for a in aliases if is_cjk(a)],
                source="gen.py",
            )
        )
    return brands


def read_manifest(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        bid, kind, alias, text = line.split("\t", 3)
        rows.append((int(bid), kind, alias, text))
    return rows


def planted_rows(brands: tuple[BrandRecord, ...], gen_path: Path, lines: int, seed: int) -> list[Row]:
    """gen.py's lines and disguises around the shipped marks."""
    spec = importlib.util.spec_from_file_location("gen", gen_path)
    assert spec is not None
    assert spec.loader is not None
    gen: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    marks = [
        {"id": i, "name": b.name, "aliases": [*b.aliases, *b.models, *b.chinese_names]}
        for i, b in enumerate(brands)
    ]
    return [(bid, kind, alias, text) for bid, kind, alias, text in gen.make_manifest(marks, lines, seed)]


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("/tmp/benchdata"))
    parser.add_argument("--marks", type=int, default=50000)
    parser.add_argument("--lines", type=int, default=100000)
    parser.add_argument("--lists", type=Path, nargs="*", help="match the shipped lists instead")
    parser.add_argument("--gen", type=Path, default=Path("/work/shared/bench/gen.py"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if args.lists:
        brands = load_catalog(args.lists).brands
        rows = planted_rows(brands, args.gen, args.lines, args.seed)
    else:
        brands = tuple(generated_brands(args.data / f"brands_{args.marks}.jsonl"))
        rows = read_manifest(args.data / f"manifest_{args.marks}_{args.lines}.tsv")

    started, cpu = time.perf_counter(), time.process_time()
    matcher = BrandMatcher.build(brands)
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu

    started, cpu = time.perf_counter(), time.process_time()
    results = [matcher.find(text) for _, _, _, text in rows]
    match_s, match_cpu = time.perf_counter() - started, time.process_time() - cpu

    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean_flagged = clean = 0
    for (bid, kind, _, _), hits in zip(rows, results, strict=True):
        if bid < 0:
            clean += 1
            clean_flagged += bool(hits)
            continue
        ok = any(_key(h.brand) == _key(brands[bid].name) for h in hits)
        for group in ("all", kind):
            found[group][0] += ok
            found[group][1] += 1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"marks {len(brands)}, lines {len(rows)} ({found['all'][1]} planted)")
    print(f"index build      {build_s:8.2f} s wall, {build_cpu:.2f} s CPU")
    print(
        f"matching         {len(rows) / match_s:8.0f} lines/s wall, {len(rows) / match_cpu:.0f} lines/s CPU"
    )
    print(f"peak RSS         {rss_mb:8.0f} MB")
    for group in ["all", *sorted(g for g in found if g != "all")]:
        ok, n = found[group]
        print(f"recall {group:10} {ok / n:8.3f} ({ok}/{n})")
    print(f"clean flagged    {clean_flagged / clean:8.4f} ({clean_flagged}/{clean})")


if __name__ == "__main__":
    main()
