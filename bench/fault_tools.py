"""What the fault scripts share: a throwaway PostgreSQL cluster, a service process, a timed request.

The cluster is private (its own data directory under /tmp and its own port, run as the postgres
user): the scripts stop, hang (SIGSTOP) and kill it without touching any other database.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.server import UVICORN_FLAGS  # noqa: E402

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), Path("/usr/bin"))
KEY = "bench-key-0123456789abcdef"


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


@dataclass
class PrivateCluster:
    port: int
    data: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="prescreen-pg-")))

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/prescreen"

    def create(self) -> None:
        if os.geteuid() == 0:  # initdb refuses to run as root: the cluster belongs to postgres
            shutil.chown(self.data, "postgres")
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.data / "db"), "-A", "trust", "-U", "postgres"
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            _as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "prescreen"),
            check=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data}"
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data / "db"),
                "-o",
                options,
                "-l",
                str(self.data / "log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data / "db"), "-m", mode, "-w", "stop"),
            check=False,
            capture_output=True,
        )

    def pids(self) -> list[int]:
        """The postmaster and every process it started."""
        postmaster = int((self.data / "db" / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    def signal_all(self, sig: signal.Signals) -> None:
        for pid in self.pids():
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def destroy(self) -> None:
        self.signal_all(signal.SIGCONT)
        self.stop("immediate")
        shutil.rmtree(self.data, ignore_errors=True)


@dataclass
class Service:
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: float = 120.0) -> None:
        env = {**os.environ, "PRESCREEN_API_KEYS": f"bench:{KEY}:operator", **self.env}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                *UVICORN_FLAGS,
            ],
            cwd=REPO,
            env=env,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the service did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def timed(method: str, url: str, timeout: float = 60.0, **kwargs: Any) -> tuple[float, int | str, str]:
    """(seconds, status or the client error, body's start)."""
    headers = {"X-API-Key": KEY, **kwargs.pop("headers", {})}
    started = time.perf_counter()
    try:
        response = httpx.request(method, url, timeout=timeout, headers=headers, **kwargs)
    except httpx.HTTPError as exc:
        return time.perf_counter() - started, type(exc).__name__, ""
    return time.perf_counter() - started, response.status_code, response.text[:160]


def manifest(reference: str, lines: int = 1) -> dict[str, Any]:
    return {
        "reference": reference,
        "shipper": {"id": "SHP-BENCH", "name": "Bench Trading Co.", "country": "CN"},
        "consignee": {"id": "CNE-BENCH", "name": "Bench Imports GmbH", "country": "DE"},
        "destination_country": "DE",
        "channel": "sea_freight",
        "departure_date": "2026-06-10",
        "lines": [
            {
                "description": f"R0LEX Submariner watch, lot {i}",
                "hs_code": "9102.11",
                "quantity": 5,
                "unit_value": 18.0,
                "currency": "USD",
            }
            for i in range(lines)
        ],
    }
