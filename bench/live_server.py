"""The service as `make run` starts it (one uvicorn process, SQLite in a temporary folder), on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

KEY = "bench-key-0000000000"
# The shipment form fields of the upload benchmarks.
SHIPMENT = {
    "destination_country": "US",
    "channel": "sea_freight",
    "departure_date": "2026-11-30",
    "shipper": '{"country": "CN"}',
    "consignee": '{"country": "US"}',
}


@dataclass(frozen=True)
class LiveServer:
    url: str
    pid: int

    def peak_rss_mb(self) -> float:
        """The server process's high-water resident memory (VmHWM)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server() -> Iterator[LiveServer]:
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {
            "PRESCREEN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
            "PRESCREEN_API_KEYS": f"bench:{KEY}",
        }
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        server = subprocess.Popen([*command, "--log-level", "warning"], env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            yield LiveServer(url, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
