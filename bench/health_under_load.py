"""/healthz and a one-line screening while another tenant's hostile 10,000-line manifest is screened.

    .venv/bin/python bench/health_under_load.py [--lines 10000] [--port 18780]

Starts the service as `make run` does (SQLite), posts a manifest of brand-like word soup, and
meanwhile probes /healthz every 50 ms and screens a one-line manifest every 500 ms. Prints the
big screening's status and time, and the probes' median and worst latency.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
from fault_tools import KEY, Service, manifest

WORDS = (
    "rolex",
    "gucci",
    "prada",
    "nike",
    "louis",
    "vuitton",
    "chanel",
    "omega",
    "cartier",
    "dior",
    "hermes",
)


def soup(lines: int) -> dict[str, object]:
    rng = random.Random(4242)
    body = manifest("SOUP", lines=1)
    body["lines"] = [
        {
            "description": " ".join(rng.choice(WORDS) + rng.choice(("", "0", "x", "-")) for _ in range(120))[
                :1000
            ],
            "quantity": 5,
            "unit_value": 3.0,
            "line_id": str(i),
        }
        for i in range(lines)
    ]
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=18780)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prescreen-health-") as folder:
        service = Service(args.port, {"PRESCREEN_DATABASE_URL": f"sqlite:///{Path(folder) / 'p.db'}"})
        service.start()
        big: dict[str, object] = {}
        done = threading.Event()

        def post_big() -> None:
            started = time.perf_counter()
            response = httpx.post(
                f"{service.base}/v1/screenings",
                json=soup(args.lines),
                headers={"X-API-Key": KEY},
                timeout=600,
            )
            big.update(
                status=response.status_code,
                seconds=time.perf_counter() - started,
                detail=response.text[:200] if response.status_code != 201 else "",
            )
            done.set()

        health: list[float] = []
        single: list[float] = []
        try:
            with httpx.Client(base_url=service.base, headers={"X-API-Key": KEY}, timeout=60) as client:
                client.post("/v1/screenings", json=manifest("warm"))
                thread = threading.Thread(target=post_big)
                thread.start()
                next_single = time.perf_counter()
                while not done.is_set():
                    started = time.perf_counter()
                    client.get("/healthz")
                    health.append(time.perf_counter() - started)
                    if started >= next_single:
                        begun = time.perf_counter()
                        client.post("/v1/screenings", json=manifest(f"one-{len(single)}"))
                        single.append(time.perf_counter() - begun)
                        next_single = begun + 0.5
                    time.sleep(0.05)
                thread.join()
        finally:
            service.stop()
    print(
        f"big manifest ({args.lines:,} lines of word soup): {big['status']} "
        f"in {big['seconds']:.1f} s {big['detail']}"
    )
    print(
        f"/healthz during it: {len(health)} probes, median {statistics.median(health) * 1000:.0f} ms, "
        f"worst {max(health) * 1000:.0f} ms"
    )
    print(
        f"one-line screening during it: {len(single)} requests, "
        f"median {statistics.median(single) * 1000:.0f} ms, "
        f"worst {max(single) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
