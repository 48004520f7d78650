"""PostgreSQL stopped, then hung (SIGSTOP), under a running service: how soon it answers, how soon it resumes.

    .venv/bin/python bench/db_outage.py [--pg-port 18750] [--port 18751]

Starts a private PostgreSQL cluster (bench/fault_tools.py) and the service as `make run` starts it
(uvicorn, the limits of app/server.py, default PRESCREEN_DB_* settings), then for each fault: the
time and status of POST /v1/screenings and GET /readyz while the database is down, and the time
from the database's return to the first 201. Prints a Markdown table (docs/performance.md).
"""

from __future__ import annotations

import argparse
import signal
import time
import uuid

from fault_tools import PrivateCluster, Service, manifest, timed

from app.db.session import upgrade


def first_success(base: str, limit: float = 120.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        _, status, _ = timed("POST", f"{base}/v1/screenings", json=manifest(uuid.uuid4().hex), timeout=10)
        if status == 201:
            return time.perf_counter() - started
        time.sleep(0.05)
    return float("inf")


def probe(base: str, label: str) -> list[str]:
    rows = []
    for name, method, path in (
        ("POST /v1/screenings", "POST", "/v1/screenings"),
        ("GET /readyz", "GET", "/readyz"),
    ):
        body = {"json": manifest(uuid.uuid4().hex)} if method == "POST" else {}
        seconds, status, text = timed(method, f"{base}{path}", timeout=60, **body)
        detail = text.split('"detail":')[-1][:90] if status != 201 else ""
        rows.append(f"| {label} | {name} | {status} | {seconds:.2f} s | {detail} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-port", type=int, default=18750)
    parser.add_argument("--port", type=int, default=18751)
    args = parser.parse_args()

    cluster = PrivateCluster(args.pg_port)
    cluster.create()
    upgrade(cluster.url)
    service = Service(args.port, {"PRESCREEN_DATABASE_URL": cluster.url})
    rows = ["| fault | request | status | time | detail |", "|---|---|---|---|---|"]
    try:
        service.start()
        assert first_success(service.base) < 10, "the service does not screen with the database up"
        rows += probe(service.base, "none")

        cluster.stop("fast")
        rows += probe(service.base, "PostgreSQL stopped")
        cluster.start()
        rows.append(
            f"| PostgreSQL started again | first 201 after | | {first_success(service.base):.2f} s | |"
        )

        cluster.signal_all(signal.SIGSTOP)
        rows += probe(service.base, "PostgreSQL hung (SIGSTOP)")
        cluster.signal_all(signal.SIGCONT)
        rows.append(
            f"| PostgreSQL resumed (SIGCONT) | first 201 after | | {first_success(service.base):.2f} s | |"
        )
    finally:
        service.stop()
        cluster.destroy()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
