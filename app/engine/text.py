"""The description key: how the history rules compare the goods of two lines."""

from __future__ import annotations

import re

from app.text import fold

_HAS_DIGIT = re.compile(r"\d")
# ASCII letters and digits and "_" stay, everything else becomes a space: the same as _NON_WORD on
# ASCII text, in one pass.
_ASCII_WORDS = bytes(c if (chr(c).isalnum() or c == 95) and c < 128 else 32 for c in range(256))
_DIGITS = frozenset("0123456789")


def description_key(text: str) -> str:
    """A key under which two lines declaring the same goods compare equal.

    Word order and tokens with digits (lot numbers, sizes, model numbers) are left out: "Quartz watch,
    lot 4411" and "quartz watch lot 9120" are the same goods for the history rules.
    """
    if text.isascii():  # most manifest lines: skip Unicode normalisation
        tokens = text.lower().encode().translate(_ASCII_WORDS).decode().split()
        ascii_words = {w for w in tokens if _DIGITS.isdisjoint(w)}
        return " ".join(sorted(ascii_words)) or " ".join(tokens)
    folded = fold(text)
    words = {w for w in folded.split() if not _HAS_DIGIT.search(w)}
    return " ".join(sorted(words)) or folded
