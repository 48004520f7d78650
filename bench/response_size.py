"""Size of a big screening's answer: full, summary view, and gzip-compressed on the wire.

    .venv/bin/python bench/response_size.py [--lines 10000]

Screens the OpenAPI example's lines repeated to --lines in an app on a temporary SQLite file, then
reads the record back in each form through the app's own middleware.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from app.schemas.screening import EXAMPLE_REQUEST
from app.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    request = copy.deepcopy(EXAMPLE_REQUEST)
    lines = request["lines"]
    request["lines"] = [dict(lines[i % len(lines)], line_id=str(i + 1)) for i in range(args.lines)]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'bench.db'}",
            api_keys="bench:bench-key",
            auto_migrate=True,
            line_workers=0,
            max_lines=max(args.lines, 10_000),
            log_level="WARNING",
        )
        with TestClient(create_app(settings), headers={"X-API-Key": "bench-key"}) as client:
            created = client.post("/v1/screenings", json=request)
            created.raise_for_status()
            url = created.headers["location"]
            full = client.get(url).content
            summary = client.get(url, params={"view": "summary"}).content
            started = time.perf_counter()
            with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as answer:
                wire = b"".join(answer.iter_raw())
            zipped_in = time.perf_counter() - started
    print(f"lines: {args.lines:,}")
    print(f"full:             {len(full):>12,} bytes")
    ratio = len(full) / len(wire)
    print(f"full, gzip:       {len(wire):>12,} bytes ({ratio:.0f}x smaller; GET in {zipped_in:.2f} s)")
    print(f"summary:          {len(summary):>12,} bytes")
    print(f"summary, gzip:    {len(gzip.compress(summary, 6)):>12,} bytes")


if __name__ == "__main__":
    main()
