"""Text in the order a reader sees it: explicit bidirectional overrides applied, controls dropped.

"\\u202eXELOR\\u202c" is stored X-E-L-O-R but shown as ROLEX: a right-to-left override (RLO)
lays out the characters up to its pop (PDF) in reverse. Screening reads what the officer and
the buyer read, so overrides are applied (nested ones too) and every bidi control character is
removed. Embeddings and isolates (RLE, RLI, ...) do not reverse the letters of a left-to-right
word, only the order of runs, which does not change what a mark reads as; they are dropped.
"""

from __future__ import annotations

import re

RLO, LRO, PDF = "\u202e", "\u202d", "\u202c"
_OPENERS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI
PDI = "\u2069"
# Bidi controls and marks: ALM, LRM, RLM, the embeddings, overrides and isolates.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PARAGRAPH_END = re.compile("[\n\r\u2029]")


def has_bidi_controls(text: str) -> bool:
    return BIDI_CONTROLS.search(text) is not None


def displayed_text(text: str) -> str:
    """The text as displayed; text without bidi controls is returned unchanged."""
    if not has_bidi_controls(text):
        return text
    # Explicit levels end with their paragraph (UAX #9, X8).
    return "\n".join(_display(paragraph) for paragraph in _PARAGRAPH_END.split(text))


def _display(text: str) -> str:
    out, _ = _read(text, 0, reverse=False, closer=None)
    return out


def _read(text: str, start: int, *, reverse: bool, closer: str | None) -> tuple[str, int]:
    """Reads from start up to the closer of the current level; returns its display and the end."""
    parts: list[str] = []
    i = start
    while i < len(text):
        char = text[i]
        if char == closer or (closer == PDF and char == PDI):
            return _join(parts, reverse), i + 1
        if char in _OPENERS or char in _ISOLATES:
            # An override sets the direction of what it holds; an embedding or isolate keeps it.
            inner_reverse = {RLO: True, LRO: False}.get(char, reverse)
            inner_closer = PDF if char in _OPENERS else PDI
            inner, i = _read(text, i + 1, reverse=inner_reverse, closer=inner_closer)
            parts.append(inner)
            continue
        if not BIDI_CONTROLS.match(char):
            parts.append(char)
        i += 1
    return _join(parts, reverse), i


def _join(parts: list[str], reverse: bool) -> str:
    return "".join(reversed(parts)) if reverse else "".join(parts)
