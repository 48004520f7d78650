"""Light text normalisation for comparing descriptions (not for brand matching)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    """NFKC, case-folded, punctuation as single spaces."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def description_key(text: str) -> str:
    """A key under which two lines declaring the same goods compare equal.

    Word order and tokens with digits (lot numbers, sizes, model numbers) are left out: "Quartz watch,
    lot 4411" and "quartz watch lot 9120" are the same goods for the history rules.
    """
    words = {w for w in fold(text).split() if not _HAS_DIGIT.search(w)}
    return " ".join(sorted(words)) or fold(text)
