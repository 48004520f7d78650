"""Time large manifests end to end over HTTP against a uvicorn started here (not part of the suite).

    .venv/bin/python bench/http_manifest.py --lines 10000 --runs 5
    .venv/bin/python bench/http_manifest.py --lines 1,100,10000,100000 --runs 3 --max-lines 100000
    .venv/bin/python bench/http_manifest.py --checkout /tmp/old --lines 10000   # another checkout

The server is the README's (`uvicorn app.main:app`, one process) on a fresh SQLite file in a
temporary folder, or `--database-url` (PostgreSQL); it listens on a free loopback port and is
stopped by its process id at the end. The manifests are those of the acceptance throughput check
(5 % branded lines among ordinary goods, seeded). One warm-up request, then the median of `--runs`,
in wall time and in the server's own CPU time (the steadier figure on a shared machine).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The goods, branded lines and adjectives of the acceptance throughput check.
GOODS = [
    ("Men's quartz wrist watch, unbranded", "9102.11"),
    ("Women's PU handbag, unbranded", "4202.22"),
    ("Running shoes, mesh, unbranded", "6404.11"),
    ("TWS earbuds, unbranded", "8518.30"),
    ("Paper napkins 33x33cm", "4818.30"),
    ("Bath towels 70x140cm", "6302.60"),
    ("Silicone baking mats", "3924.10"),
    ("Aluminium foil rolls 30cm", "7607.19"),
]
BRANDED = [
    ("Rolex Submariner automatic watch", "9102.21"),
    ("Nike Air Max 90 sneakers", "6404.11"),
    ("Apple AirPods Pro 2", "8518.30"),
    ("Louis Vuitton Neverfull tote", "4202.22"),
    ("G U C C I belt, leather", "4203.30"),
    ("Samsung Galaxy S24 Ultra", "8517.13"),
    ("R0LEX Daytona chronograph", "9102.21"),
    ("Adidas Ultraboost running shoes", "6404.11"),
    ("LEGO Technic building set", "9503.00"),
    ("Chanel Coco Mademoiselle 100ml", "3303.00"),
    ("乐高积木 拼装玩具", "9503.00"),
    ("Ray-Ban Wayfarer sunglasses", "9004.10"),
]
ADJECTIVES = [
    "black",
    "white",
    "blue",
    "grey",
    "red",
    "assorted",
    "size M",
    "size L",
    "2026 model",
    "export carton",
]
KEY = "bench-key-0123456789"


def manifest(seed: int, lines: int, branded_share: float = 0.05) -> dict[str, object]:
    rnd = random.Random(seed)
    rows = []
    for i in range(lines):
        description, hs_code = rnd.choice(BRANDED if rnd.random() < branded_share else GOODS)
        quantity = rnd.randrange(50, 2000)
        rows.append(
            {
                "line_id": str(i + 1),
                "description": f"{description}, {rnd.choice(ADJECTIVES)}, lot {rnd.randrange(1000, 9999)}",
                "hs_code": hs_code,
                "quantity": quantity,
                "unit_value": round(rnd.uniform(0.2, 40), 2),
                "currency": "USD",
                "packages": max(1, quantity // 25),
            }
        )
    return {
        "reference": f"BENCH-{seed}-{lines}",
        "shipper": {"id": f"SHP-{seed}", "name": "Ningbo Hengtai Trading Co., Ltd.", "country": "CN"},
        "consignee": {"id": f"CNE-{seed}", "name": "Westfield Wholesale GmbH", "country": "DE"},
        "destination_country": "DE",
        "channel": "sea_freight",
        "departure_date": "2026-12-10",
        "lines": rows,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    checkout: Path, python: str, env: dict[str, str], port: int, workers: int = 1
) -> tuple[subprocess.Popen[bytes], float]:
    """uvicorn on 127.0.0.1:port, and the seconds it took to answer /healthz."""
    command = [python, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=checkout, env=env)
    deadline = started + 180
    while time.perf_counter() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process, time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """User and system CPU seconds of the server so far: on a shared machine, its own cost."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post(port: int, body: bytes) -> tuple[int, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    conn.request("POST", "/v1/screenings", body, {"Content-Type": "application/json", "X-API-Key": KEY})
    response = conn.getresponse()
    payload = response.read()
    return response.status, time.perf_counter() - started, len(payload)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--lines", default="10000", help="comma-separated manifest sizes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--max-lines", type=int, default=10_000)
    args = parser.parse_args()
    sizes = [int(part) for part in args.lines.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env["PRESCREEN_API_KEYS"] = f"bench:{KEY}:admin"
        env["PRESCREEN_DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.db"
        env["PRESCREEN_MAX_LINES"] = str(max(args.max_lines, *sizes))
        env["PRESCREEN_MAX_BODY_BYTES"] = str(512 * 1024 * 1024)
        port = free_port()
        process, startup_s = start_server(args.checkout, args.python, env, port)
        try:
            print(f"checkout {args.checkout}  start-up {startup_s:.2f} s  RSS {rss_mb(process.pid):.0f} MB")
            for size in sizes:
                bodies = [
                    json.dumps(manifest(7000 + k, size), ensure_ascii=False).encode()
                    for k in range(args.runs + 1)
                ]
                status, warm_s, answer_bytes = post(port, bodies[0])
                times, cpus = [], []
                for body in bodies[1:]:
                    cpu_before = cpu_s(process.pid)
                    status, elapsed, answer_bytes = post(port, body)
                    if status != 201:
                        raise SystemExit(f"status {status}")
                    times.append(elapsed)
                    cpus.append(cpu_s(process.pid) - cpu_before)
                median = statistics.median(times)
                print(
                    f"lines {size:>7}  warm-up {warm_s:.3f} s  median {median:.3f} s  "
                    f"({size / median:,.0f} lines/s)  server CPU {statistics.median(cpus):.3f} s  "
                    f"runs {[round(t, 3) for t in times]}  "
                    f"answer {answer_bytes / 1e6:.1f} MB  RSS {rss_mb(process.pid):.0f} MB"
                )
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
