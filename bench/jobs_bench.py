"""Background work, measured against a real service process (uvicorn) on SQLite or PostgreSQL.

    async      one async screening of N lines end to end (POST to done), and the service's peak RSS
    rescreen   N stored screenings departing after today, a campaign PUT, time until the backlog is 0
    webhooks   delivery latency of job.finished notifications to a receiver on loopback

Run from the repository root; see bench/README.md for the figures and the exact commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.jobs.receiver import receiver  # noqa: E402

KEY = "bench-key-0123456789abcdef"
HEADERS = {"X-API-Key": KEY}
KINDS = [
    ("Ceramic coffee mugs 350ml, white", "6912.00", 0.8),
    ("R0LEX Submariner automatic watch", "9102.21", 18.0),
    ("Woven logo labels for watch straps", "5807.10", 0.02),
    ("Cotton T-shirts, plain, assorted sizes", "6109.10", 2.5),
    ("Wireless earbuds, Bluetooth 5.3, unbranded", "8518.30", 4.2),
    ("Plush toys, teddy bears", "9503.00", 3.0),
    ("Stainless steel kitchen knives, set of 5", "8211.91", 6.0),
    ("Nike Air Max running shoes", "6404.11", 9.0),
]


def manifest(lines: int, shipper: str, day: dt.date) -> dict[str, Any]:
    return {
        "reference": f"BENCH-{shipper}",
        "shipper": {"id": shipper, "name": "Bench Trading Co.", "country": "CN"},
        "consignee": {"id": f"C-{shipper}", "name": "Bench Imports", "country": "NZ"},
        "destination_country": "NZ",
        "channel": "sea_freight",
        "departure_date": day.isoformat(),
        "lines": [
            {
                "line_id": str(i + 1),
                "description": f"{KINDS[i % len(KINDS)][0]} #{i // len(KINDS)}",
                "hs_code": KINDS[i % len(KINDS)][1],
                "quantity": 10 + i % 90,
                "unit_value": KINDS[i % len(KINDS)][2],
                "currency": "USD",
                "packages": 1 + i % 4,
            }
            for i in range(lines)
        ],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_kib(pid: int, field: str) -> int:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1])
    return 0


@contextmanager
def service(database_url: str, **settings: str) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESCREEN_")}
    env.update(PRESCREEN_DATABASE_URL=database_url, PRESCREEN_API_KEYS=f"bench:{KEY}:admin")
    env.update({f"PRESCREEN_{k.upper()}": v for k, v in settings.items()})
    log = open(Path(tempfile.gettempdir()) / f"jobs_bench_{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--log-level", "warning"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the service did not start: see {log.name}")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_job(base: str, location: str) -> dict[str, Any]:
    while True:
        body: dict[str, Any] = httpx.get(f"{base}{location}", headers=HEADERS, timeout=60).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)


def bench_async(database_url: str, lines: int) -> None:
    body = json.dumps(manifest(lines, "SHP-ASYNC", dt.date.today() + dt.timedelta(days=5))).encode()
    with service(database_url, auto_migrate="true") as (base, pid):
        httpx.post(f"{base}/v1/screenings", json=manifest(5, "SHP-WARM", dt.date.today()), headers=HEADERS)
        idle = _rss_kib(pid, "VmRSS")
        started = time.perf_counter()
        response = httpx.post(
            f"{base}/v1/screenings?mode=async",
            content=body,
            headers=HEADERS | {"Content-Type": "application/json"},
            timeout=300,
        )
        accepted = time.perf_counter() - started
        assert response.status_code == 202, response.text
        done = _wait_job(base, response.headers["location"])
        total = time.perf_counter() - started
        peak = _rss_kib(pid, "VmHWM")
    assert done["status"] == "done", done
    print(
        f"async {lines:,} lines ({len(body) / 1e6:.1f} MB body): 202 after {accepted:.1f} s, done after "
        f"{total:.1f} s ({lines / total:,.0f} lines/s); service RSS idle {idle / 1024:.0f} MiB, "
        f"peak {peak / 1024:.0f} MiB"
    )


def _seed(database_url: str, count: int) -> None:
    """Record `count` screenings departing after today straight through the service layer."""
    from app.db.session import make_engine, make_sessionmaker, upgrade
    from app.schemas.screening import ScreeningRequest
    from app.services.knowledge_store import KnowledgeStore
    from app.services.screening import ScreeningLimits, run_screening
    from app.settings import Settings

    upgrade(database_url)
    settings = Settings(database_url=database_url, line_workers=0)
    store = KnowledgeStore(settings.data_paths)
    store.load()
    assert store.current is not None
    engine = make_engine(database_url)
    sessions = make_sessionmaker(engine)
    today = dt.date.today()
    for n in range(count):
        request = ScreeningRequest.model_validate(
            manifest(3, f"SHP-{n % 500}", today + dt.timedelta(days=1 + n % 60))
        )
        with sessions() as session:
            run_screening(
                session, store.current, settings.engine_config, ScreeningLimits(10), "bench", request, None
            )
    engine.dispose()


def _metric(base: str, name: str) -> float:
    for row in httpx.get(f"{base}/metrics", timeout=30).text.splitlines():
        if row.startswith(name + " "):
            return float(row.split()[1])
    return 0.0


def _stored(database_url: str) -> int:
    from sqlalchemy import create_engine, func, inspect, select

    from app.db.models import ScreeningInput

    engine = create_engine(database_url)
    try:
        if "screening_inputs" not in inspect(engine).get_table_names():
            return 0
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(ScreeningInput)) or 0)
    finally:
        engine.dispose()


def bench_rescreen(database_url: str, count: int) -> None:
    stored = _stored(database_url)
    if stored < count:  # a database seeded by an earlier run is used again
        started = time.perf_counter()
        _seed(database_url, count - stored)
        print(f"seeded {count - stored:,} screenings in {time.perf_counter() - started:.0f} s")
    campaign = {
        "name": "Bench campaign: toys and watches to New Zealand",
        "starts_on": dt.date.today().isoformat(),
        "ends_on": (dt.date.today() + dt.timedelta(days=120)).isoformat(),
        "channels": [],
        "destinations": ["NZ"],
        "categories": ["toys", "watches"],
        # A weight of its own each run, so the campaigns' version changes on an already seeded database.
        "weight": round(1.0 + (time.time() % 1000) / 10_000, 4),
    }
    with service(database_url, auto_migrate="true") as (base, _):
        put = httpx.put(f"{base}/v1/campaigns/bench-nz", json=campaign, headers=HEADERS, timeout=30)
        assert put.status_code == 200, put.text
        changed = time.perf_counter()
        stored_now = max(count, stored)
        first_seen = None
        while True:
            backlog = _metric(base, "prescreen_rescreen_backlog")
            if first_seen is None and backlog:
                first_seen = backlog
            if _metric(base, "prescreen_rescreenings_total") >= stored_now and backlog == 0:
                break
            time.sleep(0.5)
        took = time.perf_counter() - changed
    print(
        f"re-screened {stored_now:,} stored screenings in {took:.1f} s after the campaign PUT "
        f"({stored_now / took:,.0f} screenings/s; backlog first read {first_seen or 0:,.0f})"
    )


def bench_webhooks(database_url: str, count: int) -> None:
    latencies: list[float] = []
    with (
        receiver() as endpoint,
        service(database_url, auto_migrate="true", webhooks_allow_private="true") as (base, _),
    ):
        hook = {"url": endpoint.url, "secret": "bench-secret-0123456789", "events": ["job.finished"]}
        assert httpx.post(f"{base}/v1/webhooks", json=hook, headers=HEADERS).status_code == 201
        for n in range(count):
            before = len(endpoint.received)
            response = httpx.post(
                f"{base}/v1/screenings?mode=async",
                json=manifest(3, f"SHP-H{n}", dt.date.today()),
                headers=HEADERS,
            )
            assert response.status_code == 202
            while len(endpoint.received) <= before:
                time.sleep(0.005)
            got = endpoint.received[-1]
            created = dt.datetime.fromisoformat(json.loads(got.body)["created_at"].replace("Z", "+00:00"))
            latencies.append(got.at - created.timestamp())
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"webhook delivery latency over {count} job.finished events (event recorded -> received): "
        f"median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["async", "rescreen", "webhooks"])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    parser.add_argument("--count", type=int, help="lines (async), screenings (rescreen), events (webhooks)")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='prescreen-bench-')}/bench.db"
    if args.what == "async":
        bench_async(url, args.count or 100_000)
    elif args.what == "rescreen":
        bench_rescreen(url, args.count or 10_000)
    else:
        bench_webhooks(url, args.count or 100)


if __name__ == "__main__":
    main()
