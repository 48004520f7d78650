"""The disguise-tolerant, context-aware brand matcher: a facade over the reading stages.

A line goes through words.py (each word read once against the mark words), keys.py (the keys it
holds where a mark may stand), candidates.py (the aliases it may write, and how), acceptance.py
(which of them name their mark in the line's context), compatibility.py (which name a mark as
what the goods fit) and explanation.py (the hits and their reasons). `find` reads one line;
`find_many` many, with batch.py's sieve sending on only the lines that may name a mark; `search`
reads a query through the same stages without context (search.py); a declared brand is read the
same way.

The common case, a line naming no mark, costs one fold, one Aho-Corasick pass over the line's
compact form and a dictionary look-up per unknown word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, count, filterfalse
from operator import itemgetter, not_

from rapidfuzz import fuzz

from app.matching.acceptance import accept, rank
from app.matching.batch import BatchSieve
from app.matching.candidates import Candidate, CandidateReader
from app.matching.context import LineContext
from app.matching.explanation import hit
from app.matching.hits import BrandHit, MatchType
from app.matching.index import Found, MarkIndex
from app.matching.keys import KeyFinder
from app.matching.normalize import Line, fold, skeleton
from app.matching.records import MarkRecord
from app.matching.search import search
from app.matching.vocabulary import vocabulary
from app.matching.words import WordReader
from app.text import SKELETON

_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+")  # the tokens of a folded ASCII line without $ or @
_NO_BRAND = frozenset({"", "none", "nobrand", "unbranded", "generic", "na", "n/a", "oem", "nil", "null"})
_CACHE_LIMIT = 200_000  # declared brands remembered


class BrandMatcher:
    def __init__(self, index: MarkIndex) -> None:
        self._index = index
        self._vocab = vocab = vocabulary()
        self._words = WordReader(index, vocab)
        self._keys = KeyFinder(index, vocab, self._words)
        self._candidates = CandidateReader(index, vocab, self._words)
        self._sieve = BatchSieve(index, vocab, self._words, self._keys)
        self._anchor_words = frozenset(index.anchors)
        self._declared: dict[str, int | None] = {}

    @classmethod
    def build(cls, brands: Iterable[MarkRecord]) -> BrandMatcher:
        return cls(MarkIndex(list(brands)))

    @property
    def brands(self) -> tuple[MarkRecord, ...]:
        return self._index.brands

    # -- per line ---------------------------------------------------------------------------
    def find(
        self, text: str, *, declared_brand: str | None = None, categories: frozenset[str] = frozenset()
    ) -> list[BrandHit]:
        """Every recorded mark the text names; `categories` are the line's goods categories (may be empty)."""
        folded = fold(text)
        plain = folded.isascii() and "$" not in folded and "@" not in folded
        tokens = _ASCII_TOKEN_RE.findall(folded) if plain else None
        return self._read(text, folded, tokens, None, declared_brand, categories)

    def _read(
        self,
        text: str,
        folded: str,
        tokens: list[str] | None,
        long_keys: list[Found] | None,
        declared_brand: str | None,
        categories: frozenset[str],
    ) -> list[BrandHit]:
        """`find` on a folded line: `tokens` when the line is plain ASCII, and the long keys in
        its compact form when a batch has searched them already."""
        line = None
        if tokens is not None:
            notes = self._words.notes(tokens)
            if notes.leet:
                line = Line.parse(text, folded)  # leetspeak is read token by token
        else:
            line = Line.parse(text, folded)
        if line is None:
            assert tokens is not None
            spaced = " ".join(tokens).translate(SKELETON)  # the l/i skeleton of every token
            pieces = spaced.split(" ") if spaced else []
            compact = spaced.replace(" ", "")
            exact = self._keys.exact(tokens, pieces, compact, notes.glued, quick=True, long_keys=long_keys)
        else:
            tokens = [t.text for t in line.tokens]
            notes = self._words.notes(tokens)
            pieces = [t.piece for t in line.tokens]
            exact = self._keys.exact(tokens, pieces, line.compact, notes.glued, quick=False)
        anchored = not self._anchor_words.isdisjoint(tokens)
        declared = self._declared_brand(declared_brand) if declared_brand else None
        if not exact and not notes.typos and not anchored and declared is None:
            return []
        line = line or Line.parse(text, folded, tokens)
        candidates = self._candidates.read(line, exact, notes.typos)
        if anchored:
            candidates += self._candidates.anchored(line)
        ctx = LineContext(tokens, text, categories, declared, self._vocab)
        names = self._index.brands
        hits = [
            hit(names[cand.entry.brand].name, line, cand, why, ctx, self._vocab, candidates)
            for cand, why in accept(self._index, self._vocab, line, candidates, ctx)
        ]
        if declared is not None and all(h.brand != names[declared].name for h in hits):
            hits.append(self._declared_hit(declared, declared_brand or ""))
        return hits

    def find_many(
        self, items: Sequence[tuple[str, str | None, frozenset[str]]]
    ) -> list[tuple[BrandHit, ...]]:
        """`find` for many lines at once: (text, declared brand, categories) each, hits in order.

        The lines that fold to plain ASCII go through the batch's sieve (batch.py) together; the
        lines it sends on, and the lines read apart, are read as `find` reads them: the answers
        are `find`'s, line by line. A line with no hit gets the one empty tuple: most lines of a
        batch have none."""
        texts = [*map(itemgetter(0), items)]
        folded = texts.copy()  # look-alike and fullwidth letters fold to ASCII: such lines join in
        for i in compress(count(), map(not_, map(str.isascii, texts))):
            folded[i] = fold(texts[i])
        # a declared brand that names no recorded mark ("N/A", "no brand", the seller's own) reads
        # as none; one that does is read with its line, apart
        brands = [*map(itemgetter(1), items)]
        apart = self._sieve.apart(folded)
        apart.update(
            i
            for i in compress(count(), brands)
            if (brand := brands[i]) and self._declared_brand(brand) is not None
        )
        results: list[tuple[BrandHit, ...]] = [()] * len(items)
        for i in apart:
            text, declared, categories = items[i]
            results[i] = tuple(self.find(text, declared_brand=declared, categories=categories))
        quick = [*filterfalse(apart.__contains__, range(len(items)))]
        to_read = self._sieve.lines_to_read([*map(folded.__getitem__, quick)], [items[i][2] for i in quick])
        for i, (line, tokens, long_keys) in to_read.items():
            text, _, categories = items[quick[i]]
            results[quick[i]] = tuple(self._read(text, line, tokens, long_keys, None, categories))
        return results

    # -- without context: declared brands and searches ----------------------------------------
    def _trusting(self, line: Line) -> list[Candidate]:
        """The line's candidates without any context check, best first: a reading of the whole
        line, then the longest."""
        tokens = [t.text for t in line.tokens]
        notes = self._words.notes(tokens)
        pieces = [t.piece for t in line.tokens]
        exact = self._keys.exact(tokens, pieces, line.compact, notes.glued, quick=False)
        cands = self._candidates.read(line, exact, notes.typos)
        whole = [c for c in cands if c.cstart == 0 and c.cend == len(line.compact)]
        rest = [c for c in cands if c not in whole]
        return sorted(whole, key=rank) + sorted(rest, key=lambda c: (-(c.cend - c.cstart), *rank(c)))

    def _declared_brand(self, declared: str) -> int | None:
        if declared in self._declared:
            return self._declared[declared]
        brand = None
        if skeleton(declared) not in _NO_BRAND and fold(declared).strip() not in _NO_BRAND:
            best = self._trusting(Line.parse(declared))
            brand = best[0].entry.brand if best else None
        if len(self._declared) > _CACHE_LIMIT:
            self._declared.clear()
        self._declared[declared] = brand
        return brand

    def _declared_hit(self, brand_id: int, declared: str) -> BrandHit:
        brand = self._index.brands[brand_id].name
        reason = f"the declared brand '{declared}' is the recorded mark '{brand}'"
        sim = 100 if skeleton(declared) == skeleton(brand) else int(fuzz.ratio(fold(declared), fold(brand)))
        return BrandHit(brand, declared, MatchType.DECLARED, sim, reason[0].upper() + reason[1:])

    def search(self, query: str, limit: int = 20) -> list[BrandHit]:
        """The marks a free-text query names or resembles, one result per brand, best first
        (GET /v1/brands: the check a seller makes before listing a product); see search.py."""
        line = Line.parse(query)
        return search(self._index, line, self._trusting(line), limit)
