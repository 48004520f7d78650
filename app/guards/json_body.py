"""JSON bodies the parser would read wrongly: a key given twice, a lone surrogate escape.

Python's parser keeps the last of two equal keys, so '"description": "R0LEX watch", "description":
"mug"' would screen the mug with no word said; RFC 8259 leaves such objects undefined and I-JSON
(RFC 7493) forbids them and lone surrogates alike. Both answer 422 naming the key.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Where the middleware leaves the body it parsed, so the route reads it without parsing it again
# (app/routers/parsed_json.py).
PARSED_BODY_KEY = "prescreen.parsed_json_body"

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonBodyProblem(Exception):
    def __init__(self, loc: list[str | int], msg: str) -> None:
        super().__init__(msg)
        self.loc = loc
        self.msg = msg


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonBodyProblem(
                ["body", key], f"the key {key!r} appears twice in one object; send each key once"
            )
        out[key] = value
    return out


def check_json_body(body: bytes) -> tuple[Any] | None:
    """The parsed body (in a 1-tuple: JSON null is a value), or None for malformed JSON, which is
    left to the route's own parser to say where it breaks. Raises JsonBodyProblem for a duplicate
    key or a lone surrogate."""
    try:
        parsed = json.loads(body, object_pairs_hook=_refuse_duplicates)
    except (ValueError, RecursionError):
        return None
    if _SURROGATE_ESCAPE.search(body):
        _refuse_lone_surrogates(parsed, ["body"])
    return (parsed,)


def _refuse_lone_surrogates(value: Any, loc: list[str | int]) -> None:
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise JsonBodyProblem(
                loc, "holds a lone UTF-16 surrogate escape (\\ud800-\\udfff): send valid Unicode"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(key):
                raise JsonBodyProblem(loc, "a key holds a lone UTF-16 surrogate escape: send valid Unicode")
            _refuse_lone_surrogates(item, [*loc, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_lone_surrogates(item, [*loc, index])
