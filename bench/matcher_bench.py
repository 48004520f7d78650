"""Speed, memory and recall of the brand matcher on the synthetic workload of gen.py.

    python ../shared/bench/gen.py --marks 50000 --lines 100000 --out /tmp/benchdata
    .venv/bin/python bench/matcher_bench.py --data /tmp/benchdata --marks 50000 --lines 100000
    .venv/bin/python bench/matcher_bench.py --data /tmp/benchdata --marks 50000 --lines 100000 \
        --lists brand_lists/core.yaml --gen ../shared/bench/gen.py

The first form matches the generated marks; the second builds the matcher from the shipped lists
and plants their own marks (names, aliases, models, Chinese names) into lines made by gen.py's
templates and disguises, with the same seed. One process, one core; `find` is called once per
line as the engine calls it (no categories, no declared brand), or in one `find_many` call per
1,000 lines with --batch; --gc-freeze moves everything built so far out of the garbage
collector's sight (`gc.freeze()`), as a server does once its reference data is loaded; --passes 2
matches the lines a second time, as a running server meets words it has read before. Reports
the index build time, lines per second, peak RSS and the matcher's share of it (peak RSS minus
the RSS before the build: the brand records and the manifest are the benchmark's own), the
machine's speed before and after (`sum(range(1000))` in µs: figures compare only at a similar
speed), recall on planted marks (overall and per disguise) and the share of clean lines with any
hit. With --lists,
clean lines whose hits all come from a gen.py filler phrase that names a recorded mark by itself
("for samsung") are real mentions and are counted apart.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import resource
import sys
import time
import timeit
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.matching import COMPILED  # noqa: E402
from app.matching.hits import BrandHit  # noqa: E402
from app.matching.matcher import BrandMatcher  # noqa: E402
from app.reference.brands import BrandRecord, load_catalog  # noqa: E402
from app.text import is_cjk  # noqa: E402

# The workspace's shared folder, beside the checkout (../shared).
SHARED = Path(__file__).resolve().parents[2] / "shared"

Row = tuple[int, str, str, str]  # brand id (-1 clean), disguise, alias used, text
Item = tuple[str, None, frozenset[str]]  # a line as find_many takes it


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


def load_gen(gen_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen", gen_path)
    assert spec is not None
    assert spec.loader is not None
    gen: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen


def planted_rows(brands: tuple[BrandRecord, ...], gen: ModuleType, lines: int, seed: int) -> list[Row]:
    """gen.py's lines and disguises around the shipped marks."""
    marks = [
        {"id": i, "name": b.name, "aliases": [*b.aliases, *b.models, *b.chinese_names]}
        for i, b in enumerate(brands)
    ]
    return [(bid, kind, alias, text) for bid, kind, alias, text in gen.make_manifest(marks, lines, seed)]


def filler_marks(matcher: BrandMatcher, gen: ModuleType) -> dict[str, set[str]]:
    """gen.py's filler phrases that name a recorded mark on their own ("for samsung"), folded."""
    found: dict[str, set[str]] = {}
    for phrase in gen.WORDS2:
        hits = matcher.find(phrase)
        if hits:
            found[phrase.casefold()] = {h.brand for h in hits}
    return found


def rss_mb() -> float:
    """The current resident set size (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run(matcher: BrandMatcher, items: list[Item], *, batch: bool) -> list[Sequence[BrandHit]]:
    if not batch:
        return [matcher.find(text) for text, _, _ in items]
    batches = (items[i : i + 1000] for i in range(0, len(items), 1000))
    return [hits for part in batches for hits in matcher.find_many(part)]


def machine_speed() -> float:
    """µs for `sum(range(1000))`, best of 5, as `python -m timeit` gives it: the shared machine's
    speed moves by half from one minute to the next, so each figure comes with this one."""
    return min(timeit.repeat("sum(range(1000))", number=20000, repeat=5)) / 20000 * 1e6


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
    parser.add_argument("--gen", type=Path, default=SHARED / "bench" / "gen.py")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", action="store_true", help="find_many over 1,000 lines at a time")
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after the build")
    parser.add_argument(
        "--passes", type=int, default=1, help="match the lines again (later passes know every word)"
    )
    args = parser.parse_args()
    calibration = [machine_speed()]

    gen = load_gen(args.gen) if args.lists else None
    if gen is not None:
        brands = load_catalog(args.lists).brands
        rows = planted_rows(brands, gen, args.lines, args.seed)
    else:
        brands = tuple(generated_brands(args.data / f"brands_{args.marks}.jsonl"))
        rows = read_manifest(args.data / f"manifest_{args.marks}_{args.lines}.tsv")

    items: list[Item] = [(text, None, frozenset[str]()) for _, _, _, text in rows]  # made before timing
    rss_before = rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    matcher = BrandMatcher.build(brands)
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    if args.gc_freeze:
        gc.freeze()

    timings = []
    for _ in range(max(1, args.passes)):
        started, cpu = time.perf_counter(), time.process_time()
        results = run(matcher, items, batch=args.batch)
        timings.append((time.perf_counter() - started, time.process_time() - cpu))
    calibration.append(machine_speed())

    fillers = filler_marks(matcher, gen) if gen is not None else {}
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean_flagged = clean = filler_mentions = 0
    for (bid, kind, _, text), hits in zip(rows, results, strict=True):
        if bid < 0:
            clean += 1
            named = {b for phrase, marks in fillers.items() if phrase in text.casefold() for b in marks}
            if hits and all(h.brand in named for h in hits):
                filler_mentions += 1
            else:
                clean_flagged += bool(hits)
            continue
        named_ok = any(_key(h.brand) == _key(brands[bid].name) for h in hits)
        for group in ("all", kind):
            found[group][0] += named_ok
            found[group][1] += 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"marks {len(brands)}, lines {len(rows)} ({found['all'][1]} planted)")
    print(f"matcher          {'compiled (mypyc)' if COMPILED else 'plain Python'}")
    print(f"index build      {build_s:8.2f} s wall, {build_cpu:.2f} s CPU")
    for number, (match_s, match_cpu) in enumerate(timings, 1):
        what = "matching" if len(timings) == 1 else f"matching, pass {number}"
        print(f"{what:17}{len(rows) / match_s:8.0f} lines/s wall, {len(rows) / match_cpu:.0f} lines/s CPU")
    speeds = " / ".join(f"{c:.1f}" for c in calibration)
    print(f"machine speed    {speeds} µs before / after (sum(range(1000)))")
    print(f"peak RSS         {peak_mb:8.0f} MB ({peak_mb - rss_before:.0f} MB over the pre-build RSS)")
    for group in ["all", *sorted(g for g in found if g != "all")]:
        ok, n = found[group]
        print(f"recall {group:10} {ok / n:8.3f} ({ok}/{n})")
    print(f"clean flagged    {clean_flagged / clean:8.4f} ({clean_flagged}/{clean})")
    if fillers:
        phrases = ", ".join(sorted(fillers))
        print(f"filler mentions  {filler_mentions / clean:8.4f} ({filler_mentions}/{clean}: {phrases})")


if __name__ == "__main__":
    main()
