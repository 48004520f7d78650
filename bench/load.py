"""Single-line screenings at fixed offered rates, wrk in its own process on loopback (not in the suite).

    apt-get install -y wrk
    .venv/bin/python bench/load.py --rates 50,100,200 --seconds 20 --workers 1
    .venv/bin/python bench/load.py --rates 50,100,200 --seconds 20 --workers 2 \\
        --database-url postgresql+psycopg://root@127.0.0.1:5432/perf   # migrated first

The server is uvicorn with `--workers` processes on a fresh SQLite file (or `--database-url`),
on a free loopback port, stopped by its process id at the end. wrk (bench/wrk/screening.lua) keeps
`--connections` connections, each pausing 1000 * connections / rate ms between requests, so the
offered rate is the target less what the latency takes (wrk reports the rate it held). wrk waits
for each answer before the next on a connection, so a server that falls behind lowers the rate it
is offered: read the held rate beside the percentiles.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from http_manifest import KEY, cpu_s, free_port, rss_mb, start_server  # noqa: E402


def server_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(int(child) for child in children)]


def server_cpu_s(pid: int) -> float:
    """CPU seconds of uvicorn and its worker processes (the spawn helper's share is noise)."""
    total = 0.0
    for one in server_pids(pid):
        try:
            total += cpu_s(one)
        except FileNotFoundError:
            pass
    return total


def run_wrk(port: int, rate: int, seconds: int, connections: int) -> dict[str, float]:
    delay_ms = max(0, round(1000 * connections / rate))
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "wrk" / "screening.lua"),
            f"http://127.0.0.1:{port}",
            "--",
            KEY,
            str(delay_ms),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"^RESULT (.*)$", out, re.M)
    if match is None:
        raise SystemExit(out)
    return {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkout", type=Path, default=HERE.parent)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--rates", default="50,100,200")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env["PRESCREEN_API_KEYS"] = f"bench:{KEY}:admin"
        env["PRESCREEN_DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.db"
        # Migrated once here (`prescreen db upgrade`), not by each worker at its start-up.
        subprocess.run(
            [str(Path(args.python).parent / "prescreen"), "db", "upgrade"],
            cwd=args.checkout,
            env=env,
            check=True,
        )
        port = free_port()
        process, _ = start_server(args.checkout, args.python, env, port, args.workers)
        try:
            run_wrk(port, 50, 3, args.connections)  # warm-up: every worker has screened
            database = "PostgreSQL" if args.database_url else "SQLite"
            shape = f"{args.workers} worker(s), {args.connections} connections, {args.seconds} s a rate"
            print(f"{database}, {shape}")
            for rate in (int(part) for part in args.rates.split(",")):
                cpu_before = server_cpu_s(process.pid)
                r = run_wrk(port, rate, args.seconds, args.connections)
                cpu_ms = 1000 * (server_cpu_s(process.pid) - cpu_before) / max(1.0, r["requests"])
                print(
                    f"offered {rate:>4}/s  held {r['rate']:7.1f}/s  p50 {r['p50_ms']:7.2f} ms  "
                    f"p90 {r['p90_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms  max {r['max_ms']:8.2f} ms  "
                    f"errors {int(r['errors'])}  server CPU {cpu_ms:.2f} ms/request  "
                    f"RSS {sum(rss_mb(pid) for pid in server_pids(process.pid)):.0f} MB"
                )
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
