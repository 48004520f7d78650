"""One pass over a description finds every category keyword, accessory word and purpose word.

Latin terms must stand on word boundaries, Chinese ones match as substrings; overlaps resolve
leftmost-longest, so "smart watch" wins over "watch" and "面包" (bread) over "包" (bag). Text without
CJK (nearly all) is matched token by token against a dict of terms; text with CJK goes through one
Aho-Corasick automaton of all terms (ahocorasick-rs). No term spans a clause (commas, semicolons,
brackets...), so each clause is read on its own and its reading kept: lines of a manifest repeat
their goods clauses far more than their whole text. Within a clause, in reading order:
- a goods keyword directly followed by an accessory word ("phone case", "watch boxes") names an
  accessory of those goods, not the goods;
- a goods keyword after a purpose word in the same clause ("labels for socks") names what an
  article is for; with an accessory word before it ("cases for mobile phones") it is an accessory;
- a goods keyword is a *head* when nothing but filler, a measure or the end of a clause follows it
  ("quartz watch, steel"), as opposed to a modifier ("clothes pegs"); HS_MISMATCH trusts heads only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

import ahocorasick_rs

from app.reference.category_file import CategoryFile
from app.text import is_cjk_char, plurals

_CLAUSE = re.compile(r"[,;:()\[\]|!?，；：（）、。！？]")
_NON_WORD = re.compile(r"[^\w,]+|_")
_MEASURE = re.compile(r"\d")
_CLAUSE_LIMIT = 20_000  # clause readings kept; the store starts afresh when full
# A character a Latin keyword may not touch is a letter or digit below U+3040 (see _wordish); a
# normalised text with none at or above it has its Latin keywords on whole tokens only.
_HIGH = re.compile("[\u3040-\U0010ffff]")


def _ascii_fold_table() -> bytes:
    """Clause punctuation to ",", any other ASCII non-word character (and "_") to a space."""
    table = bytearray(range(256))
    for code in range(128):
        ch = chr(code)
        if _CLAUSE.match(ch):
            table[code] = ord(",")
        elif not ch.isalnum() and ch != ",":
            table[code] = ord(" ")
    return bytes(table)


_ASCII_FOLD = _ascii_fold_table()


def normalise(text: str) -> str:
    """NFKC, case-folded; clause punctuation as " , ", any other punctuation as one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold()
        if not text.isascii():
            return " ".join(_NON_WORD.sub(" ", _CLAUSE.sub(" , ", text)).split())
    # ASCII (most descriptions): one byte-table pass instead of two regex passes.
    return " ".join(text.lower().encode().translate(_ASCII_FOLD).decode().replace(",", " , ").split())


@dataclass
class _Term:
    text: str
    categories: list[str] = field(default_factory=list)
    accessory: str | None = None
    accessory_of: list[str] = field(default_factory=list)
    not_goods: bool = False
    purpose: bool = False
    left_bounded: bool = True  # Latin ends must stand on word boundaries; set in build()
    right_bounded: bool = True


class GoodsMatch(NamedTuple):
    text: str  # the keyword as normalised
    categories: tuple[str, ...]
    clause: int  # 0-based, counting only the clauses of the description that name goods
    head: bool


class ScanResult(NamedTuple):
    goods: tuple[GoodsMatch, ...]
    accessories: tuple[tuple[str, str, str], ...]  # (category, accessory group, text)


_NOTHING = ScanResult((), ())


class _Match(NamedTuple):
    start: int
    end: int
    term: _Term


class KeywordScanner:
    def __init__(self, terms: dict[str, _Term], head_followers: frozenset[str]) -> None:
        self._terms = terms
        self._head_followers = head_followers
        for text, term in terms.items():
            term.left_bounded, term.right_bounded = not is_cjk_char(text[0]), not is_cjk_char(text[-1])
        self._automaton_terms = tuple(terms.values())
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(terms), implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )
        # Texts without CJK (nearly all) are matched token by token: a term is looked up only
        # when its first word is in the text, as the longest phrase first.
        sizes: dict[str, set[int]] = {}  # first word -> numbers of words of the terms it starts
        for text in terms:
            if not _HIGH.search(text):
                first, *rest = text.split(" ")
                sizes.setdefault(first, set()).add(len(rest) + 1)
        self._lead = {first: tuple(sorted(n, reverse=True)) for first, n in sizes.items()}
        self._clauses: dict[str, ScanResult] = {}  # clause -> its reading

    @classmethod
    def build(cls, spec: CategoryFile) -> KeywordScanner:
        """Index every term of the file; raises ValueError when one phrase has conflicting roles."""
        explicit: dict[str, _Term] = {}

        def term(raw: str) -> _Term:
            text = normalise(raw)
            if not text:
                raise ValueError(f"empty keyword {raw!r}")
            if "," in text:  # clauses are read apart: such a term could never be found
                raise ValueError(f"keyword {raw!r} contains clause punctuation")
            return explicit.setdefault(text, _Term(text))

        for cid, category in spec.categories.items():
            for raw in (*category.keywords.en, *category.keywords.zh):
                t = term(raw)
                if cid not in t.categories:
                    t.categories.append(cid)
        for gid, group in spec.accessories.items():
            for raw in (*group.words, *group.zh):
                term(raw).accessory = gid
        for raw in (*spec.purpose_words.en, *spec.purpose_words.zh):
            term(raw).purpose = True
        for raw in (*spec.not_goods.en, *spec.not_goods.zh):
            term(raw).not_goods = True
        for t in explicit.values():
            _check_roles(t)
        terms = dict(explicit)
        for t in explicit.values():  # plurals, unless a phrase of that spelling is listed itself
            if (t.categories or t.accessory) and not is_cjk_char(t.text[-1]):
                for form in plurals(t.text):
                    terms.setdefault(form, _Term(form, list(t.categories), t.accessory))
        for t in terms.values():  # "手机壳" is an accessory of the goods it starts with
            if t.accessory and is_cjk_char(t.text[0]):
                t.accessory_of = [
                    c
                    for k in terms.values()
                    if k.categories and t.text.startswith(k.text)
                    for c in k.categories
                ]
        followers = frozenset(
            normalise(w)
            for w in (*spec.vague.ignore.en, *spec.purpose_words.en, "with", "without", "in", "for")
        )
        return cls(terms, followers)

    def goods_keyword(self, text: str) -> bool:
        """Whether a normalised word or phrase is a goods keyword (or the plural of one)."""
        term = self._terms.get(text)
        return term is not None and bool(term.categories)

    def scan(self, description: str) -> ScanResult:
        return self.scan_normalised(normalise(description))

    def scan_normalised(self, norm: str) -> ScanResult:
        """`scan` of a text already through `normalise`, clause by clause.

        No term spans a comma and every rule above looks within one clause, so a clause reads the
        same wherever it stands; lines repeat their goods clauses ("quartz watch") far more than
        their whole text (colours, sizes, lot numbers), so the readings of clauses are kept.
        """
        goods: tuple[GoodsMatch, ...] = ()
        accessories: tuple[tuple[str, str, str], ...] = ()
        ordinal = 0  # clauses with goods so far: what GoodsMatch.clause counts
        for piece in norm.split(","):
            clause = piece.strip()
            found = self._clauses.get(clause)
            if found is None:
                found = self._scan_clause(clause)
                if len(self._clauses) >= _CLAUSE_LIMIT:
                    self._clauses.clear()
                self._clauses[clause] = found
            if found.goods:
                goods += tuple(g._replace(clause=ordinal) for g in found.goods) if ordinal else found.goods
                ordinal += 1
            accessories += found.accessories
        return ScanResult(goods, accessories) if goods or accessories else _NOTHING

    def _scan_clause(self, clause: str) -> ScanResult:
        """The goods (as of the first clause) and accessories one clause names."""
        if not clause:
            return _NOTHING
        if clause.isascii() or not _HIGH.search(clause):
            matches = self._token_matches(clause.split(" "))
        else:
            matches = self._matches(clause)
        if not matches:
            return _NOTHING
        goods: list[GoodsMatch] = []
        accessories: list[tuple[str, str, str]] = []
        purpose_at: int | None = None  # start of the clause's first purpose word
        accessory_before: tuple[int, str] | None = None  # the clause's first accessory word
        for i, m in enumerate(matches):
            term = m.term
            if term.not_goods:
                continue
            if term.purpose:
                if purpose_at is None:
                    purpose_at = m.start
                continue
            if term.accessory and purpose_at is None and accessory_before is None:
                accessory_before = (m.start, term.accessory)
            if term.accessory_of:
                accessories.extend((c, term.accessory or "", term.text) for c in term.accessory_of)
                continue
            if not term.categories:
                continue
            following = matches[i + 1] if i + 1 < len(matches) else None
            adjacent = following if following and _adjacent(clause, m, following) else None
            if purpose_at is not None and purpose_at < m.start:
                if accessory_before and accessory_before[0] < purpose_at:
                    accessories.extend((c, accessory_before[1], term.text) for c in term.categories)
                continue
            if adjacent and adjacent.term.accessory and not adjacent.term.not_goods:
                text = clause[m.start : adjacent.end]
                accessories.extend((c, adjacent.term.accessory, text) for c in term.categories)
                continue
            head = not (adjacent and adjacent.term.categories) and self._is_head(clause, m)
            goods.append(GoodsMatch(term.text, tuple(term.categories), 0, head))
        if not goods and not accessories:
            return _NOTHING
        return ScanResult(tuple(goods), tuple(accessories))

    def _token_matches(self, tokens: list[str]) -> list[_Match]:
        """Leftmost-longest terms on whole tokens: what `_matches` finds in a text without CJK."""
        lead = self._lead
        if lead.keys().isdisjoint(tokens):
            return []  # most words of most clauses start no term: one set operation decides
        terms, count = self._terms, len(tokens)
        lengths = list(accumulate(map(len, tokens)))  # offsets: token i starts at lengths[i-1] + i
        found: list[_Match] = []
        reached = 0  # the first token not inside a term already found
        for i, word in enumerate(tokens):
            if i < reached or (sizes := lead.get(word)) is None:
                continue
            for n in sizes:
                if i + n > count:
                    continue
                term = terms.get(word if n == 1 else " ".join(tokens[i : i + n]))
                if term is not None:
                    start = lengths[i - 1] + i if i else 0
                    found.append(_Match(start, start + len(term.text), term))
                    reached = i + n
                    break
        return found

    def _matches(self, norm: str) -> list[_Match]:
        found: list[_Match] = []
        for index, start, end in self._automaton.find_matches_as_indexes(norm, overlapping=True):
            term = self._automaton_terms[index]
            if term.left_bounded and start > 0 and _wordish(norm[start - 1]):
                continue
            if term.right_bounded and end < len(norm) and _wordish(norm[end]):
                continue
            found.append(_Match(start, end, term))
        if len(found) < 2:
            return found
        found.sort(key=lambda m: (m.start, m.start - m.end))
        chosen: list[_Match] = []
        reached = 0
        for m in found:
            if m.start >= reached:
                chosen.append(m)
                reached = m.end
        return chosen

    def _is_head(self, norm: str, m: _Match) -> bool:
        if not m.term.right_bounded:
            return True  # Chinese: the head noun comes last, and a longer compound would have won
        rest = norm[m.end :].split(" ", 2)
        token = rest[1] if len(rest) > 1 else ""
        return token in ("", ",") or token in self._head_followers or bool(_MEASURE.search(token))


def _wordish(ch: str) -> bool:
    """A letter or digit of an alphabetic script (every CJK block starts at U+3040 or later)."""
    return ch.isalnum() and ord(ch) < 0x3040


def _adjacent(norm: str, first: _Match, second: _Match) -> bool:
    gap = norm[first.end : second.start]
    return gap in ("", " ")


def _check_roles(term: _Term) -> None:
    roles = [
        name
        for name, on in (
            ("a goods keyword", bool(term.categories) or bool(term.accessory)),
            ("a purpose word", term.purpose),
            ("not goods", term.not_goods),
        )
        if on
    ]
    if len(roles) > 1:
        raise ValueError(f"{term.text!r} is listed both as {' and as '.join(roles)}")
