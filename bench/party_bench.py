"""Party screening cost with a large party list: load, index build, and the added cost per manifest.

    .venv/bin/python bench/party_bench.py --entries 100000 --manifests 5000

Writes a party list of generated companies (a third Chinese names, the rest Latin names of many
legal forms and countries; some with a USCC) as FollowTheMoney JSON lines, as an OpenSanctions
export would come, then measures, in one process on one core:
- load: reading and validating the file (app/parties/loaders.py);
- build: reading every name and indexing it (app/parties/matcher.py), the part that happens at
  start-up and on every reload;
- per manifest: the PARTY_LISTED rule for a shipper and a consignee (two look-ups), over
  generated parties of which one in ten is a listed company written another way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import statistics
import tempfile
import time
import timeit
from pathlib import Path

from pypinyin import lazy_pinyin
from stdnum.cn import uscc

from app.engine.config import EngineConfig
from app.engine.facts import ManifestFacts
from app.engine.types import Channel, Manifest, Party, ScreeningContext
from app.parties.loaders import load_party_list
from app.parties.matcher import build_index
from app.reference.knowledge import DataPaths, load_knowledge
from app.rules import party_listed
from app.rules.base import RuleEnv
from app.settings import Settings

HANZI = "华鑫达宏盛泰恒通永昌金龙鹏天力瑞丰凯越百汇美晨中东方富联创星辉光海德佳和嘉禾新源"
CITIES = [
    ("深圳", "Shenzhen"),
    ("广州", "Guangzhou"),
    ("义乌", "Yiwu"),
    ("东莞", "Dongguan"),
    ("宁波", "Ningbo"),
]
TRADES = [
    ("贸易", "Trading"),
    ("电子", "Electronics"),
    ("进出口", "Import and Export"),
    ("科技", "Technology"),
]
SYLLABLES = "ka ro mi ne ta vo li sa de gu ber tan mor ven cal dor fin gal hex ion jul kor lum nor".split()
# The unlisted parties of the manifests are made of other syllables: any match they get is false.
OTHER_SYLLABLES = "pe bu zo qua wim sep yal oth bri fle gno pha".split()
FORMS = ["GmbH", "Ltd", "LLC", "S.A.", "OOO", "Co., Ltd.", "AG", "B.V.", "Inc.", "S.r.l.", "Sp. z o.o."]
COUNTRIES = ["CN", "HK", "RU", "DE", "AE", "TR", "US", "IR", "SG", "GB"]


def chinese_name(rng: random.Random) -> tuple[str, str]:
    zh_city, city = rng.choice(CITIES)
    zh_trade, trade = rng.choice(TRADES)
    shop = "".join(rng.sample(HANZI, 3))
    return (
        f"{zh_city}市{shop}{zh_trade}有限公司",
        f"{city} {''.join(lazy_pinyin(shop)).title()} {trade} Co., Ltd.",
    )


def latin_name(rng: random.Random, syllables: list[str] = SYLLABLES) -> str:
    words = ["".join(rng.sample(syllables, rng.randint(2, 3))).title() for _ in range(rng.randint(1, 3))]
    trade = rng.choice(["Trading", "Logistics", "Holding", "Industrial", ""])
    return f"{' '.join(words)} {trade} {rng.choice(FORMS)}"


def write_list(path: Path, entries: int, rng: random.Random) -> list[tuple[str, str | None]]:
    """The list file; returns, for some entries, a name as a manifest would write it."""
    samples: list[tuple[str, str | None]] = []
    with path.open("w", encoding="utf-8") as out:
        for n in range(entries):
            props: dict[str, list[str]] = {"country": [rng.choice(COUNTRIES).lower()]}
            if n % 3 == 0:
                zh, en = chinese_name(rng)
                props["name"], props["alias"] = [en], [zh]
                written = zh if n % 2 else en.upper().replace(",", "")
                if n % 5 == 0:
                    body = f"91440300MA5{n:06d}"
                    props["uscCode"] = [body + uscc.calc_check_digit(body)]
            else:
                props["name"] = [latin_name(rng).strip()]
                written = props["name"][0].lower()
            entity = {"id": f"gen-{n}", "schema": "Company", "properties": props, "datasets": ["bench"]}
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
            if n % 97 == 0:
                samples.append((written, None))
    return samples


def machine_speed() -> float:
    """sum(range(1000)) in µs, as `python -m timeit` gives it: how busy the shared machine is."""
    return min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--manifests", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    speed_before = machine_speed()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.jsonl"
        listed = write_list(path, args.entries, rng)
        size = path.stat().st_size

        started = time.process_time()
        loaded = load_party_list(path)
        load_s = time.process_time() - started
        started = time.process_time()
        index = build_index([loaded])
        build_s = time.process_time() - started

    shipped = Settings().data_paths
    knowledge = load_knowledge(DataPaths(**{**shipped.__dict__, "party_lists": ()}))
    knowledge = type(knowledge)(**{**knowledge.__dict__, "parties": index})
    gc.freeze()
    env = RuleEnv(
        context=ScreeningContext(on_date=dt.date(2026, 6, 1)), knowledge=knowledge, config=EngineConfig()
    )
    parties = [latin_name(rng, OTHER_SYLLABLES).strip() for _ in range(args.manifests * 2)]
    for i in range(0, len(parties), 20):  # one party in ten is a listed company written another way
        parties[i] = listed[(i // 20) % len(listed)][0]
    timings, flagged = [], 0
    for m in range(args.manifests):
        manifest = Manifest(
            reference=None,
            shipper=Party(id="S", name=parties[2 * m], country="CN"),
            consignee=Party(id="C", name=parties[2 * m + 1], country="DE"),
            destination_country="DE",
            channel=Channel.SEA_FREIGHT,
            departure_date=dt.date(2026, 6, 1),
            lines=(),
        )
        facts = ManifestFacts(manifest=manifest, lines=(), goods=())
        started = time.perf_counter()
        flags = list(party_listed.check(facts, env))
        timings.append(time.perf_counter() - started)
        flagged += bool(flags)
    ms = sorted(t * 1000 for t in timings)
    print(f"machine speed {speed_before:.1f} µs before, {machine_speed():.1f} µs after")  # noqa: T201
    print(f"entries {index.entry_count:,} ({size / 1e6:.1f} MB of FtM JSON lines)")  # noqa: T201
    print(f"load + validate {load_s:.2f} s CPU; index build {build_s:.2f} s CPU")  # noqa: T201
    print(  # noqa: T201
        f"per manifest (shipper + consignee): mean {statistics.fmean(ms):.3f} ms, "
        f"p50 {ms[len(ms) // 2]:.3f} ms, p99 {ms[int(len(ms) * 0.99)]:.3f} ms; "
        f"{flagged} of {args.manifests} manifests flagged (about {args.manifests // 10} planted)"
    )


if __name__ == "__main__":
    main()
