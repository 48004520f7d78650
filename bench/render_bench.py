"""CPU time of rendering a 10,000-line screening body (app/services/render.py), not part of the suite.

    .venv/bin/python bench/render_bench.py            # this checkout
    .venv/bin/python bench/render_bench.py /tmp/old   # another checkout's app/ (same interpreter)

One line in 20 carries a brand flag, as in the throughput manifests; process CPU time, so other
work on a shared machine moves it little. Prints the best and median of `--runs`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("checkout", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout))
    from app.engine.types import Flag, FlagCode, LineResult, ScreeningResult, Severity
    from app.services.render import screening_body

    versions = {"engine": "1.0.0+abc", "brand_list": "2026.11.27", "campaigns": "c0ffee"}
    lines, flags = [], []
    for i in range(args.lines):
        line_flags: tuple[Flag, ...] = ()
        if i % 20 == 0:
            evidence = {"brand": "Rolex", "similarity": 92.5, "matched_text": "R0LEX"}
            hit = Flag(
                FlagCode.BRAND_MATCH, Severity.HIGH, str(i), "Recorded mark «Rolex»", "Hold it.", 40, evidence
            )
            line_flags = (hit,)
            flags.append(hit)
        lines.append(LineResult(str(i), 40 if line_flags else 0, "high" if line_flags else "low", line_flags))
    result = ScreeningResult(90, "critical", "hold", ("longteng",), tuple(flags), tuple(lines), ())
    now = dt.datetime.now(dt.UTC)
    times = []
    for _ in range(args.runs):
        started = time.process_time()
        body = screening_body("scr_1", "ref", now, result, versions)
        times.append(time.process_time() - started)
    print(
        f"{args.checkout}: {args.lines} lines, {len(body):,} bytes, CPU best {min(times) * 1000:.1f} ms, "
        f"median {statistics.median(times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
