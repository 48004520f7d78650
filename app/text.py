"""The text rules every layer shares: what counts as CJK, the l/i skeleton, the plural rule (both
ways), the light fold of descriptions and their phrases. A leaf: it imports nothing of the
application, so the matcher, the reference data, the rules and the engine all read text one way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK: the radicals, kana, CJK symbols and unified ideographs (U+2E80-U+9FFF, extension A among
# them), Hangul syllables and the compatibility ideographs. Chinese, Japanese and Korean names
# are read without word boundaries.
_CJK_CLASS = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")


def is_cjk_char(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"


def is_cjk(text: str) -> bool:
    """Every character of a non-empty text CJK."""
    return bool(text) and not text.isascii() and all(map(is_cjk_char, text))


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_CHAR.search(text) is not None


# l, I and 1 read alike: both sides of every mark comparison use this skeleton ("phiiips").
SKELETON = str.maketrans({"l": "i"})
SKELETON_BYTES = bytes.maketrans(b"l", b"i")

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """NFKC, case-folded, punctuation as single spaces (descriptions; marks fold in app/matching)."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


# Punctuation that ends a phrase ("Labels, woven, with logo"); other punctuation joins words.
_SEGMENT_BREAK = re.compile(r"[,;:()\[\]{}/|+&]|\s[-–—]\s")


def segments(text: str) -> list[list[str]]:
    """The text's phrases, each a list of singular lower-case words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    phrases = (_NON_WORD.sub(" ", part).split() for part in _SEGMENT_BREAK.split(folded))
    return [[singular(word) for word in phrase] for phrase in phrases if phrase]


def words(text: str) -> list[str]:
    """The text's singular words, phrase after phrase."""
    return [word for phrase in segments(text) for word in phrase]


@lru_cache(maxsize=65_536)
def singular(word: str) -> str:
    """A plain English plural rule, enough to compare goods nouns ("watches" and "watch")."""
    if len(word) < 4 or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def plurals(phrase: str) -> list[str]:
    """English plural forms of a phrase's last word ("watch" -> "watches", "battery" -> "batteries")."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    if not (last.isascii() and last.isalpha()) or len(last) < 3:
        return []
    if last.endswith("s") and not last.endswith("ss"):
        return []  # already plural ("jeans", "boots")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        forms = [last + "es"]
    elif last.endswith("y") and last[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith("fe"):
        forms = [last + "s", last[:-2] + "ves"]
    elif last.endswith("f"):
        forms = [last + "s", last[:-1] + "ves"]
    else:
        forms = [last + "s"]
    return [prefix + form for form in forms]
