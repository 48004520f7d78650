"""`make run`, the image and `prescreen serve` start uvicorn with the same limits (app/server.py)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from app.server import UVICORN_FLAGS

REPO = Path(__file__).resolve().parents[1]


def _makefile_flags() -> list[str]:
    text = (REPO / "Makefile").read_text().replace("\\\n", " ")
    match = re.search(r"^UVICORN_FLAGS \?= (.*)$", text, re.M)
    assert match, "the Makefile names uvicorn's flags in UVICORN_FLAGS"
    return shlex.split(match.group(1))


def test_make_run_passes_the_servers_limits() -> None:
    assert _makefile_flags() == list(UVICORN_FLAGS)
    assert "$(UVICORN_FLAGS)" in (REPO / "Makefile").read_text()


def test_the_image_passes_the_servers_limits() -> None:
    cmd = re.search(r"^CMD (\[.*\])$", (REPO / "Dockerfile").read_text(), re.M)
    assert cmd
    args = json.loads(cmd.group(1))
    assert args[-len(UVICORN_FLAGS) :] == list(UVICORN_FLAGS)


def test_the_head_limit_reads_no_header_of_unbounded_size() -> None:
    flags = dict(zip(UVICORN_FLAGS[::2], UVICORN_FLAGS[1::2], strict=False))
    assert flags["--http"] == "h11"  # httptools has no limit on a request head
    assert 16 * 1024 < int(flags["--h11-max-incomplete-event-size"]) <= 1024 * 1024
