"""Views of a stored screening body: the full one as recorded, or a summary for big manifests.

The summary is derived from the stored bytes at each answer, so the record itself (what GET returns
in the full view) never changes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import orjson


class View(StrEnum):
    full = "full"
    summary = "summary"


def render(body: bytes, view: View) -> bytes:
    return body if view is View.full else summary(body)


def summary(body: bytes) -> bytes:
    """The manifest-level result, its manifest-level flags, and only the lines that raised a flag.

    The full body repeats every line's flags in the top-level `flags`: a 10,000-line manifest
    would carry each of them twice. `line_count` says how many lines were screened in all."""
    data: dict[str, Any] = orjson.loads(body)
    lines = data.get("lines", [])
    data["flags"] = [flag for flag in data.get("flags", []) if flag.get("line_id") is None]
    data["lines"] = [line for line in lines if line.get("flags")]
    data["view"] = View.summary.value
    data["line_count"] = len(lines)
    return orjson.dumps(data)
