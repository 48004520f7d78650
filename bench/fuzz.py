"""schemathesis over every route of the running service, at 200 examples per operation (`make fuzz`).

    .venv/bin/python bench/fuzz.py [--max-examples 200] [--seed 4242] [--port 18770] [-- extra st args]

Starts the service as `make run` does (uvicorn with the limits of app/server.py) on a fresh SQLite
file, with an operator key for tenant A, a user key for tenant B and a metrics token, and runs
`schemathesis run` with every check and every phase (examples, coverage, fuzzing, stateful),
seed 4242. Exit status is schemathesis's: 0 when no check failed. Its JUnit report goes to bench/results/.
bench/schemathesis.toml names the operations whose input is also checked against the reference
data, where a 422 answers data the schema allows but the data does not hold.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from fault_tools import KEY, REPO, Service

METRICS_TOKEN = "bench-metrics-token-0123456789"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--port", type=int, default=18770)
    parser.add_argument("--workers", default="1")
    args, extra = parser.parse_known_args()
    results = REPO / "bench" / "results"
    results.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="prescreen-fuzz-") as folder:
        service = Service(
            args.port,
            {
                "PRESCREEN_DATABASE_URL": f"sqlite:///{Path(folder) / 'prescreen.db'}",
                "PRESCREEN_API_KEYS": f"tenant-a:{KEY}:operator,tenant-b:bench-key-tenant-b-0002",
                # Set, so GET /metrics is checked as its schema declares it: a bearer token required.
                "PRESCREEN_METRICS_TOKEN": METRICS_TOKEN,
            },
        )
        service.start()
        try:
            command = [
                str(Path(sys.executable).with_name("schemathesis")),
                "--config-file",
                str(REPO / "bench" / "schemathesis.toml"),
                "run",
                f"{service.base}/openapi.json",
                "--checks",
                "all",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                str(args.max_examples),
                "--seed",
                str(args.seed),
                "--workers",
                args.workers,
                "--header",
                f"X-API-Key: {KEY}",
                "--header",
                f"Authorization: Bearer {METRICS_TOKEN}",
                "--suppress-health-check",
                "all",
                "--continue-on-failure",
                "--request-timeout",
                "60",
                "--report",
                "junit",
                "--report-dir",
                str(results),
                *[arg for arg in extra if arg != "--"],
            ]
            status = subprocess.run(command, check=False).returncode
        finally:
            service.stop()
    raise SystemExit(status)


if __name__ == "__main__":
    main()
