"""Folding text for mark matching: one char-to-text table, tokens, and the compact form searched.

Every character is folded once through a cached table (NFKC, confusable homoglyphs to Latin,
case-fold, accents dropped), so a line folds with one `str.translate`. The compact form joins the
tokens with no separators ("R O L E X", "G.U.C.C.I", "Oak ley" all read "rolex"/"gucci"/"oakiey")
and folds the letters a seller swaps for one another: leetspeak digits inside tokens that mix
letters and digits, and the l/i/1 skeleton ("Phi1ip5" and "Philips" both read "phiiips").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, count, repeat
from operator import not_, or_
from pathlib import Path
from typing import NamedTuple

import confusable_homoglyphs

from app.text import SKELETON, is_cjk_char

# Separators a seller puts inside a mark are whatever is not a token character.
TOKEN_RE = re.compile(r"[a-z0-9$@]+|[^\W_]")
_LEET_PAIR_RE = re.compile(r"[a-z][013457]|[013457][a-z]")
# Sizes and codes mix letters and digits too ("50ml", "3xl", "a1034", "gt5"): never leetspeak.
_UNIT_OR_CODE_RE = re.compile(
    r"\d+(?:mm|cm|m|km|ml|l|g|kg|mg|oz|lb|lbs|w|kw|v|a|mah|ah|gb|tb|mb|hz|khz|mhz|ghz|k|p|x|xl|xxl|xxxl"
    r"|xs|pcs|pc|ft|in|inch|d|t|h|s|mp|st|nd|rd|th|gsm|ply)"
)

# Letters and leetspeak characters only, at least two letters.
_LEET_WORD_RE = re.compile(r"(?=[013457$@]*[a-z][013457$@]*[a-z])[a-z013457$@]+")
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"})
LEET_CHARS = frozenset("013457$@")
# l, I and 1 read alike; both sides of every comparison use this skeleton.
_SKELETON_DROP = {**SKELETON, ord("$"): None, ord("@"): None}


def _load_confusables() -> dict[str, str]:
    """Non-ASCII characters that look like one ASCII letter or digit (Unicode confusables data)."""
    path = Path(confusable_homoglyphs.__file__).with_name("confusables.json")
    data: dict[str, list[dict[str, str]]] = json.loads(path.read_text("utf-8"))

    def direct(char: str) -> str | None:
        for entry in data.get(char, ()):
            target = entry["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                return target
        return None

    table: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii() or is_cjk_char(char):
            continue
        target = direct(char)
        if target is None:  # one step further: a look-alike of a look-alike
            target = next(
                (t for e in entries if len(e["c"]) == 1 and (t := direct(e["c"])) is not None), None
            )
        if target is None and len(char.upper()) == 1 and char.upper() != char:
            # Greek small kappa, chi, tau: their capitals are the look-alikes of K, X, T
            upper = direct(char.upper())
            target = upper.lower() if upper is not None else None
        if target is not None:
            table[char] = target
    return table


CONFUSABLES = _load_confusables()


def is_fullwidth(char: str) -> bool:
    return "\uff01" <= char <= "\uff5e" or char == "\u3000"


def fold_char(char: str) -> str:
    """NFKC, homoglyph to Latin, case-fold, accents dropped: what one character reads as."""
    out = []
    for c in unicodedata.normalize("NFKC", char):
        c = CONFUSABLES.get(c, c).casefold()
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.category(d) != "Mn":
                out.append(d)
    return "".join(out).replace("°", "o").replace("'", "").replace("’", "")


class _FoldTable(dict[int, str]):
    """Code point -> folded text, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


# Apostrophes join a word ("men's" -> "mens", "Levi's" -> "levis"): "s watch" is no Swatch.
FOLD = _FoldTable({code: chr(code).lower() for code in range(128)} | {ord("'"): ""})


def fold(text: str) -> str:
    if text.isascii():
        return text.lower().replace("'", "") if "'" in text else text.lower()
    return text.translate(FOLD)


def is_leet_token(token: str) -> bool:
    """A token mixing letters with leetspeak characters that reads as a word ("r0lex", "m@rvel")."""
    return (
        _LEET_WORD_RE.fullmatch(token) is not None
        and not token.isalpha()
        and _UNIT_OR_CODE_RE.fullmatch(token) is None
    )


def is_product_code(token: str) -> bool:
    """A folded token that reads as a maker's model or part code ("md199hn", "h61", "g470ah"):
    letters and digits mixed, neither a size or unit ("50ml", "3xl") nor a leetspeak word (three
    digits or more are a code's, whatever its letters)."""
    return (
        len(token) >= 3
        and not token.isalpha()
        and not token.isdigit()
        and token.isalnum()
        and token.isascii()
        and _UNIT_OR_CODE_RE.fullmatch(token) is None
        and (sum(map(str.isdigit, token)) >= 3 or not is_leet_token(token))
    )


def token_piece(token: str) -> tuple[str, bool]:
    """The compact skeleton of one folded token, and whether leetspeak was read in it."""
    if token.isalpha():
        return token.translate(SKELETON), False
    if is_leet_token(token):
        return token.translate(LEET).translate(SKELETON), True
    return token.translate(_SKELETON_DROP), False


def skeleton(text: str) -> str:
    """The compact skeleton of a whole text (used for marks, phrases and queries)."""
    return "".join(token_piece(t)[0] for t in TOKEN_RE.findall(fold(text)))


_RUN_RE = re.compile(r"(.)\1+")


def squeeze(word: str) -> str:
    """Runs of one letter as one letter ("monncler" -> "moncler")."""
    if _RUN_RE.search(word) is None:
        return word  # most words have no run; `sub` with a template is slow
    return _RUN_RE.sub(_first_of_run, word)


def _first_of_run(match: re.Match[str]) -> str:
    return match.group(1)


class Token(NamedTuple):
    """One token of a line. A tuple: a line with a candidate makes a dozen of them."""

    text: str  # folded
    start: int  # in the folded text
    end: int
    piece: str  # compact skeleton
    cstart: int  # in the compact text
    cend: int
    leet: bool


@dataclass(frozen=True, slots=True)
class Line:
    """A line folded and tokenised, with the way back from the folded text to the original."""

    original: str
    folded: str
    tokens: tuple[Token, ...]
    compact: str
    aligned: bool  # folded offsets are original offsets (plain ASCII that folding kept in length)

    @classmethod
    def parse(cls, original: str, folded: str | None = None, words: list[str] | None = None) -> Line:
        """`words`: the folded text's tokens, when the caller has split a plain ASCII text
        already (a batch has)."""
        folded = fold(original) if folded is None else folded
        # Built column by column, in C where it can be: a batch reads thousands of such lines.
        matches = [*TOKEN_RE.finditer(folded)]
        if words is None or len(words) != len(matches):
            texts = [*map(_GROUP, matches)]
        else:
            texts = words
        pieces = [*map(str.replace, texts, repeat("l"), repeat("i"))]  # the l/i skeleton
        leet = [False] * len(texts)
        # a token of letters only or digits only is its skeleton; the others may be leetspeak,
        # which in plain ASCII needs a letter beside a leetspeak digit
        if folded.isascii() and "$" not in folded and "@" not in folded and not _LEET_PAIR_RE.search(folded):
            mixed = []
        else:
            letters_or_digits = map(or_, map(str.isalpha, texts), map(str.isdigit, texts))
            mixed = [*compress(count(), map(not_, letters_or_digits))]
        for i in mixed:
            pieces[i], leet[i] = token_piece(texts[i])
        if mixed and not all(pieces):  # "$$": symbols only, no token
            kept = [i for i, piece in enumerate(pieces) if piece]
            matches = [matches[i] for i in kept]
            texts = [texts[i] for i in kept]
            pieces = [pieces[i] for i in kept]
            leet = [leet[i] for i in kept]
        bounds = [*accumulate(map(len, pieces), initial=0)]  # in the compact text
        columns = zip(
            texts,
            map(_START, matches),
            map(_END, matches),
            pieces,
            bounds[:-1],
            bounds[1:],
            leet,
            strict=True,
        )
        tokens = (*map(_new_token, columns),)
        aligned = len(original) == len(folded) and original.isascii()
        return cls(original, folded, tokens, "".join(pieces), aligned)

    def surface(self, start: int, end: int) -> str:
        """The original text a folded-text span comes from."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Folded-text span -> original-text span (folding may change lengths: "ß" -> "ss")."""
        if self.aligned:
            return start, end
        origin = _origin_map(self.original)
        if end <= start:
            return origin[start], origin[start]
        # through the original character the last folded one comes from ("½" folds to "1⁄2")
        return origin[start], origin[end - 1] + 1


_new_token = partial(tuple.__new__, Token)  # a Token from an iterable of its fields, in C
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


@lru_cache(maxsize=64)
def _origin_map(original: str) -> tuple[int, ...]:
    """For each folded character, the original character it comes from; then the end."""
    folded_lengths = map(len, map(FOLD.__getitem__, map(ord, original)))
    return (*chain.from_iterable(map(repeat, count(), folded_lengths)), len(original))
