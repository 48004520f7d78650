"""A 10,000-row packing list uploaded end to end over HTTP, and /healthz answered meanwhile.

Starts the service as `make run` does (one uvicorn process, SQLite in a temporary folder) on a free
loopback port, uploads the same 10,000 lines as a GB18030 CSV and as an XLSX several times, and polls
/healthz from another thread while each upload runs. Prints the median and worst upload times and the
worst /healthz latency.

    .venv/bin/python bench/upload_bench.py [--rows 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import threading
import time

import httpx
from live_server import KEY, SHIPMENT, live_server
from openpyxl import Workbook

GOODS = [
    ("劳力士 R0LEX Submariner 手表", "9102.21", 18.0),
    ("陶瓷咖啡杯 350ml 白色", "6912.00", 0.8),
    ("Wireless earbuds, Bluetooth 5.3", "8518.30", 4.2),
    ("Men's cotton T-shirts, printed", "6109.10", 1.9),
    ("Stainless steel kitchen knives set", "8211.91", 3.1),
]
HEADER = ["序号", "品名", "商品编码", "数量", "单价(美元)", "箱数"]


def rows(count: int) -> list[list[object]]:
    return [
        [i + 1, GOODS[i % 5][0] + f" #{i}", GOODS[i % 5][1], 10 + i % 90, GOODS[i % 5][2], 1 + i % 7]
        for i in range(count)
    ]


def as_csv(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows(count))
    return out.getvalue().encode("gb18030")


def as_xlsx(count: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Packing list")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with live_server() as server, httpx.Client(base_url=server.url, timeout=120) as client:
        for name, data in (("CSV (GB18030)", as_csv(args.rows)), ("XLSX", as_xlsx(args.rows))):
            run(client, server.url, name, data, args.runs)
        run_json(client, args.rows, args.runs)
        print(f"server peak RSS {server.peak_rss_mb():.0f} MB")


def run(client: httpx.Client, base: str, name: str, data: bytes, runs: int) -> None:
    times, health = [], []
    for _ in range(runs):
        done = threading.Event()
        worst = [0.0]

        def poll(done: threading.Event = done, worst: list[float] = worst) -> None:
            with httpx.Client(base_url=base, timeout=30) as probe:
                while not done.is_set():
                    started = time.perf_counter()
                    probe.get("/healthz")
                    worst[0] = max(worst[0], time.perf_counter() - started)
                    time.sleep(0.02)

        poller = threading.Thread(target=poll)
        poller.start()
        started = time.perf_counter()
        response = client.post(
            "/v1/screenings/upload", headers={"X-API-Key": KEY}, files={"file": ("list", data)}, data=SHIPMENT
        )
        times.append(time.perf_counter() - started)
        done.set()
        poller.join()
        health.append(worst[0])
        assert response.status_code == 201, response.text[:300]
    print(
        f"{name}: {len(data) / 1e6:.2f} MB, upload median {statistics.median(times):.2f} s, "
        f"worst {max(times):.2f} s; /healthz worst during it {max(health) * 1000:.0f} ms"
    )


def run_json(client: httpx.Client, count: int, runs: int) -> None:
    """The same lines as a JSON manifest: what the upload adds is the difference."""
    fields = ("line_id", "description", "hs_code", "quantity", "unit_value", "packages")
    lines = [dict(zip(fields, [str(r[0]), r[1], r[2], r[3], r[4], r[5]], strict=True)) for r in rows(count)]
    body = {
        **{k: v for k, v in SHIPMENT.items() if k not in ("shipper", "consignee")},
        "shipper": {"country": "CN"},
        "consignee": {"country": "US"},
        "lines": lines,
    }
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.post("/v1/screenings", headers={"X-API-Key": KEY}, json=body)
        times.append(time.perf_counter() - started)
        assert response.status_code == 201, response.text[:300]
    print(f"JSON, the same lines: median {statistics.median(times):.2f} s, worst {max(times):.2f} s")


if __name__ == "__main__":
    main()
