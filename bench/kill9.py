"""kill -9 during a stream of screenings, on SQLite (WAL) and PostgreSQL: nothing answered 201 is lost.

    .venv/bin/python bench/kill9.py [--backend sqlite|postgresql|both] [--seconds 4] [--clients 4]

For each backend: starts the service as `make run` does, streams screenings from several clients
(each with its own Idempotency-Key), kills the server with SIGKILL mid-stream, starts it again on
the same database and checks that
- every screening answered 201 is stored whole: GET returns the very bytes first answered;
- nothing half-written is visible: every stored screening parses and has all its lines;
- a retry of every key, answered or not, returns 201: the stored result for a recorded one
  (Idempotent-Replayed, same id), a fresh screening for one that never committed.
PostgreSQL runs on a private throwaway cluster (bench/fault_tools.py). Exit status 1 on any loss.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from fault_tools import KEY, PrivateCluster, Service, manifest

from app.db.session import upgrade


def stream(
    base: str, stop: threading.Event, answered: dict[str, bytes], sent: list[str], lock: threading.Lock
) -> None:
    with httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=30) as client:
        while not stop.is_set():
            key = uuid.uuid4().hex
            with lock:
                sent.append(key)
            try:
                response = client.post(
                    "/v1/screenings", json=manifest(key, lines=5), headers={"Idempotency-Key": key}
                )
            except httpx.HTTPError:
                return  # the server died under this request
            if response.status_code == 201:
                with lock:
                    answered[key] = response.content


def run(label: str, url: str, port: int, seconds: float, clients: int) -> bool:
    service = Service(port, {"PRESCREEN_DATABASE_URL": url})
    answered: dict[str, bytes] = {}
    sent: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    service.start()
    threads = [
        threading.Thread(target=stream, args=(service.base, stop, answered, sent, lock))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    service.kill()  # SIGKILL, mid-request
    stop.set()
    for thread in threads:
        thread.join()

    service.start()
    lost = replayed = fresh = broken = 0
    try:
        with httpx.Client(base_url=service.base, headers={"X-API-Key": KEY}, timeout=30) as client:
            for body in answered.values():
                screening_id = json.loads(body)["screening_id"]
                stored = client.get(f"/v1/screenings/{screening_id}")
                if stored.status_code != 200 or stored.content != body:
                    lost += 1
            for page_cursor in _pages(client):
                for item in page_cursor:
                    full = client.get(f"/v1/screenings/{item['screening_id']}").json()
                    if len(full["lines"]) != item["line_count"] or item["line_count"] != 5:
                        broken += 1
            for key in sent:
                retry = client.post(
                    "/v1/screenings", json=manifest(key, lines=5), headers={"Idempotency-Key": key}
                )
                if retry.status_code != 201:
                    lost += 1
                elif key in answered:
                    same = retry.json()["screening_id"] == json.loads(answered[key])["screening_id"]
                    if retry.headers.get("idempotent-replayed") != "true" or not same:
                        lost += 1
                    replayed += 1
                else:
                    fresh += retry.headers.get("idempotent-replayed") != "true"
    finally:
        service.stop()
    ok = lost == 0 and broken == 0
    print(
        f"| {label} | {len(sent)} | {len(answered)} | {lost} | {broken} | {replayed} | "
        f"{len(sent) - len(answered)} ({fresh} screened afresh) | {'pass' if ok else 'FAIL'} |"
    )
    return ok


def _pages(client: httpx.Client):  # type: ignore[no-untyped-def]
    cursor = None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/screenings", params=params).json()
        yield page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=18760)
    parser.add_argument("--pg-port", type=int, default=18761)
    args = parser.parse_args()
    print(
        "| database | sent | answered 201 | lost or changed | half-written | replayed after restart "
        "| unanswered | result |"
    )
    print("|---|---|---|---|---|---|---|---|")
    results = []
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="prescreen-kill9-") as folder:
            url = f"sqlite:///{Path(folder) / 'prescreen.db'}"
            results.append(run("SQLite (WAL)", url, args.port, args.seconds, args.clients))
    if args.backend in ("postgresql", "both"):
        cluster = PrivateCluster(args.pg_port)
        try:
            cluster.create()
            upgrade(cluster.url)
            results.append(run("PostgreSQL", cluster.url, args.port, args.seconds, args.clients))
        finally:
            cluster.destroy()
    raise SystemExit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
