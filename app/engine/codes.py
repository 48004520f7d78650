"""Declared HS codes, normalised once: the engine's preparation and the HS data read them one way."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[\s.\-]")


@lru_cache(maxsize=4096)  # a manifest declares few distinct codes; several rules ask for each
def normalise_code(raw: str) -> str | None:
    """Digits of a declared code ("9503.00", "6109 10") or None if it is not 4-10 digits."""
    code = raw.replace(".", "").replace(" ", "").replace("-", "")
    if not code.isdecimal():  # isdecimal is the regex's \d; other white space is rare
        code = _SEPARATORS.sub("", code)
        if not _DIGITS.fullmatch(code):
            return None
    return code if 4 <= len(code) <= 10 else None
