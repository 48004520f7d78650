"""Lines per second of the per-line category work: classify plus the four category line rules.

    .venv/bin/python bench/category_bench.py [--runs 5] [--harness ../shared/eval/harness.py]

Two workloads of 10,000 lines each:
- `throughput`: the manifest the service's throughput is measured on (`throughput_manifest(7000)`
  of the acceptance harness: 24 goods templates with colours and lot numbers, 5 % branded);
- `distinct`: 10,000 distinct descriptions generated here (goods of every category and none,
  materials, sizes, accessories, purpose phrases, Chinese, vague ones, some wrong HS codes).

Each run loads fresh reference data, then times what the engine does per line, in its order:
`CategoryTable.classify` on every line (as `analyse` does), then PRICE_ANOMALY, HIGH_RISK_CATEGORY,
VAGUE_DESCRIPTION and HS_MISMATCH on every line's facts. Brand hits come from the shipped brand
lists, computed between the two timed phases (the brand matcher has its own benchmark). The best
of `--runs` runs is reported, in CPU µs a line (process time: other work on the machine inflates
wall time) and lines a second, with the flags raised as a check. The reference data is frozen out of
the garbage collector's scans during a run, as the service does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.engine.analyse import analyse_line  # noqa: E402
from app.engine.config import EngineConfig  # noqa: E402
from app.engine.types import ManifestLine, ScreeningContext  # noqa: E402
from app.reference.knowledge import Knowledge, load_knowledge  # noqa: E402
from app.rules import high_risk_category, hs_mismatch, price_anomaly, vague_description  # noqa: E402
from app.rules.base import RuleEnv  # noqa: E402
from app.settings import Settings  # noqa: E402

RULES = (price_anomaly.check, high_risk_category.check, vague_description.check, hs_mismatch.check)
Line = tuple[str, str | None, float]  # description, HS code, unit value (USD)

# (noun, HS code) of goods in many categories and none, English and Chinese.
GOODS = [
    ("quartz wrist watch", "9102.11"), ("automatic watch", "9102.21"), ("smart watch", "8517.62"),
    ("pocket watch", "9102.19"), ("necklace", "7117.19"), ("bracelet", "7117.19"), ("earrings", "7117.19"),
    ("handbag", "4202.22"), ("backpack", "4202.92"), ("wallet", "4202.31"), ("suitcase", "4202.12"),
    ("t-shirt", "6109.10"), ("hoodie", "6110.20"), ("down jacket", "6201.40"), ("jeans", "6203.42"),
    ("dress", "6204.42"), ("socks", "6115.95"), ("running shoes", "6404.11"), ("sneakers", "6404.19"),
    ("boots", "6403.91"), ("sandals", "6402.20"), ("baseball cap", "6505.00"), ("beanie", "6505.00"),
    ("plush toy", "9503.00"), ("building blocks", "9503.00"), ("doll", "9503.00"),
    ("bluetooth earbuds", "8518.30"), ("headphones", "8518.30"), ("power bank", "8507.60"),
    ("smartphone", "8517.13"), ("mobile phone", "8517.13"), ("tablet pc", "8471.30"),
    ("ic chips", "8542.31"), ("hair dryer", "8516.31"), ("electric kettle", "8516.79"),
    ("face masks", "6307.90"), ("blood pressure monitor", "9018.90"), ("vitamin tablets", "2106.90"),
    ("lipstick", "3304.10"), ("eau de parfum", "3303.00"), ("shampoo", "3305.10"),
    ("green tea", "0902.10"), ("cigarettes", "2402.20"), ("brake pads", "8708.30"),
    ("yoga mat", "9506.91"), ("football", "9506.62"), ("sunglasses", "9004.10"),
    ("cutting board", "4419.90"), ("dinner plates", "6912.00"), ("steel bolts", "7318.15"),
    ("led bulbs", "8539.52"), ("ballpoint pens", "9608.10"), ("storage boxes", "3923.10"),
    ("curtains", "6303.92"), ("garden hose", "3917.32"), ("door hinges", "8302.10"),
    ("notebooks", "4820.10"), ("picture frames", "4414.90"), ("ceramic vase", "6913.90"),
    ("office chair", "9401.30"), ("desk lamp", "9405.21"), ("paint brushes", "9603.40"),
    ("手表", "9102.11"), ("双肩包", "4202.92"), ("运动鞋", "6404.11"), ("毛绒玩具", "9503.00"),
    ("蓝牙耳机", "8518.30"), ("竹制砧板", "4419.90"), ("陶瓷餐盘", "6912.00"), ("不锈钢螺栓", "7318.15"),
]  # fmt: skip
ADJECTIVES = [
    "men's", "women's", "kids'", "ladies", "unisex", "classic", "sports", "outdoor", "casual", "vintage",
    "waterproof", "foldable", "portable", "premium", "lightweight", "handmade", "printed", "wireless",
]  # fmt: skip
MATERIALS = [
    "cotton", "polyester", "leather", "pu", "stainless steel", "aluminium", "plastic", "silicone",
    "bamboo", "ceramic", "glass", "wool", "nylon", "canvas", "zinc alloy", "wooden",
]  # fmt: skip
QUALIFIERS = [
    "black", "assorted colours", "size m", "size 42", "10 pcs", "500ml", "38x28cm", "new model",
    "export carton", "grade a", "with gift box", "oem", "2026 style", "1.5m", "pack of 6", "unbranded",
]  # fmt: skip
ACCESSORIES = [
    ("phone cases", "3926.90"), ("watch straps", "9113.90"), ("shoe laces", "6307.90"),
    ("watch boxes", "4819.50"), ("charging cables", "8544.42"), ("phone holder", "3926.90"),
    ("screen protector", "3919.90"), ("手机壳", "3926.90"), ("表带", "9113.90"), ("鞋带", "6307.90"),
]  # fmt: skip
PURPOSES = ["for", "compatible with", "suitable for", "fits"]
TARGETS = ["iphone", "mobile phones", "running shoes", "watches", "handbags", "laptops"]
VAGUE = ["gift items", "samples", "spare parts", "watch", "sneakers", "杂货", "样品", "general merchandise"]
BRANDS = ["Nike", "Rolex", "Gucci", "Apple", "Adidas", "Casio", "Chanel", "LEGO", "Ray-Ban", "Samsung"]
WRONG_CODES = ["8471.30", "6109.10", "9503.00", "3926.90", "4202.22", "8517.13", "6404.11"]


def distinct_lines(n: int, seed: int = 11) -> list[Line]:
    """n distinct real-looking descriptions with HS codes (some wrong) and unit values."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines: list[Line] = []
    while len(lines) < n:
        roll = rng.random()
        code: str | None
        if roll < 0.62:
            noun, code = rng.choice(GOODS)
            words = [rng.choice(ADJECTIVES), rng.choice(MATERIALS), noun]
            text = " ".join(words[rng.randrange(3) :])
            text += "".join(f", {q}" for q in rng.sample(QUALIFIERS, rng.randrange(0, 3)))
        elif roll < 0.74:
            noun, code = rng.choice(ACCESSORIES)
            text = f"{rng.choice(MATERIALS)} {noun}, {rng.choice(QUALIFIERS)}"
        elif roll < 0.82:
            text = f"{rng.choice(MATERIALS)} cases {rng.choice(PURPOSES)} {rng.choice(TARGETS)}"
            code = "3926.90"
        elif roll < 0.87:
            text, code = rng.choice(VAGUE), None
            text += rng.choice(["", f", {rng.randrange(2, 500)} pcs", f" x{rng.randrange(2, 99)}"])
        else:
            noun, code = rng.choice(GOODS)
            text = f"{rng.choice(BRANDS)} {noun}, {rng.choice(QUALIFIERS)}"
        if rng.random() < 0.05:
            code = rng.choice(WRONG_CODES)
        if rng.random() < 0.1:
            code = None
        if text in seen:
            continue
        seen.add(text)
        lines.append((text, code, round(rng.uniform(0.5, 80), 2)))
    return lines


def load_harness(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("prescreen_harness", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def throughput_lines(harness: Path) -> list[Line]:
    manifest = load_harness(harness).throughput_manifest(7000)
    return [(ln["description"], ln["hs_code"], ln["unit_value"]) for ln in manifest["lines"]]


def one_run(lines: list[Line], settings: Settings) -> tuple[float, float, Counter[str]]:
    """Seconds in classify and in the four rules for every line, and the flags they raised."""
    gc.unfreeze()
    gc.collect()  # the previous run's data
    knowledge: Knowledge = load_knowledge(settings.data_paths)
    gc.freeze()  # as the service does once its data is loaded (app/services/knowledge_store.py)
    table = knowledge.categories
    start = time.process_time()
    for description, code, _ in lines:
        table.classify(description, code)
    classify_s = time.process_time() - start
    facts = [
        analyse_line(i, ManifestLine(str(i), d, c, 100, v), knowledge) for i, (d, c, v) in enumerate(lines)
    ]
    context = ScreeningContext(on_date=dt.date(2026, 12, 10))
    env = RuleEnv(context=context, knowledge=knowledge, config=EngineConfig())
    start = time.process_time()
    found = [flag for line_facts in facts for rule in RULES for flag in rule(line_facts, env)]
    rules_s = time.process_time() - start
    return classify_s, rules_s, Counter(flag.code.value for flag in found)


def report(name: str, lines: list[Line], runs: int, settings: Settings) -> None:
    results = [one_run(lines, settings) for _ in range(runs)]
    classify_s = min(r[0] for r in results)
    rules_s = min(r[1] for r in results)
    n = len(lines)
    total = classify_s + rules_s
    print(
        f"{name:<11} {n} lines | classify {classify_s / n * 1e6:5.1f} µs | four rules "
        f"{rules_s / n * 1e6:5.1f} µs | together {total / n * 1e6:5.1f} µs a line = {n / total:,.0f} lines/s"
    )
    print(f"{'':<11} flags: {dict(sorted(results[0][2].items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--harness", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" / "harness.py"
    )
    args = parser.parse_args()
    settings = Settings()
    report("throughput", throughput_lines(args.harness), args.runs, settings)
    report("distinct", distinct_lines(10_000), args.runs, settings)


if __name__ == "__main__":
    main()
