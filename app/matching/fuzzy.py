"""Typo lookup: the mark words within a few edits of a token, without scanning every mark.

A symmetric-deletion index (as in SymSpell): two words within one edit share a variant made by
deleting at most one letter from each. The index keeps every mark word and its one-letter
deletions as 64-bit keys (42 bits of the variant's hash, 22 bits of the word id) in one sorted
array, so 50,000 marks cost tens of megabytes rather than a dictionary of millions of strings.
A token of 7 letters or more is also probed with two deletions, which finds marks of 8+ letters
written with two inserted letters, or an inserted and a changed one. Every candidate is then
verified with an optimal-string-alignment distance (a swap of two letters is one edit).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import OSA

_HASH_BITS = 42
_ID_BITS = 22
_HASH_MASK = (1 << _HASH_BITS) - 1
MAX_WORDS = 1 << _ID_BITS


def max_edits(length: int) -> int:
    """Edits a mark word of this length tolerates: none under 5 letters, 1 up to 7, 2 from 8."""
    if length < 5:
        return 0
    return 1 if length <= 7 else 2


def deletions(word: str, depth: int) -> set[str]:
    """The word and every variant with up to `depth` letters deleted."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class DeletionIndex:
    def __init__(self, words: Sequence[str]) -> None:
        if len(words) >= MAX_WORDS:
            raise ValueError(f"too many words for the typo index: {len(words)}")
        self.words = tuple(words)
        mask, shift = _HASH_MASK, _ID_BITS
        keys = array("Q")  # 8 bytes a key, where a list would hold a 32-byte int object
        for word_id, word in enumerate(self.words):
            # the word and its one-letter deletions; a repeated variant ("rolls": "rols" twice)
            # costs one duplicate key, cheaper than a set per word
            keys.append(((hash(word) & mask) << shift) | word_id)
            keys.extend(
                [((hash(word[:i] + word[i + 1 :]) & mask) << shift) | word_id for i in range(len(word))]
            )
        self._keys = _sorted(keys)

    def _ids_for(self, variant: str) -> Iterator[int]:
        keys = self._keys
        h = hash(variant) & _HASH_MASK
        i = bisect_left(keys, h << _ID_BITS)
        while i < len(keys) and keys[i] >> _ID_BITS == h:
            yield keys[i] & (MAX_WORDS - 1)
            i += 1

    def lookup(self, token: str) -> list[tuple[int, int]]:
        """(word id, edit distance) of every word within its own edit budget of `token`."""
        return self._lookup(token, 2 if len(token) >= 7 else 1)

    def nearest(self, token: str) -> list[tuple[int, int]]:
        """The words of `lookup` at the least distance. One deletion a side finds every word one
        edit away, so the two-deletion probe (quadratic in the token's length) runs only when
        none is that close."""
        found = self._lookup(token, 1)
        if len(token) >= 7 and min((d for _, d in found), default=2) >= 2:
            found = self._lookup(token, 2)
        least = min((d for _, d in found), default=0)
        return [(word_id, d) for word_id, d in found if d == least]

    def _lookup(self, token: str, depth: int) -> list[tuple[int, int]]:
        seen: set[int] = set()
        out: list[tuple[int, int]] = []
        for variant in deletions(token, depth):
            for word_id in self._ids_for(variant):
                if word_id in seen:
                    continue
                seen.add(word_id)
                word = self.words[word_id]
                budget = max_edits(len(word))
                if budget and (dist := OSA.distance(token, word, score_cutoff=budget)) <= budget:
                    out.append((word_id, dist))
        return out


def _sorted(keys: array[int]) -> array[int]:
    """The keys sorted, a sixteenth at a time (by their top bits): sorting needs them as int
    objects, and a million of those at once would cost more memory than the whole index."""
    top = _HASH_BITS + _ID_BITS - 4
    parts: list[array[int]] = [array("Q") for _ in range(16)]
    for key in keys:
        parts[key >> top].append(key)
    del keys
    out = array("Q")
    for part in parts:
        out.extend(sorted(part))
        del part[:]
    return out


def similarity(a: str, b: str) -> int:
    """0-100, from the edit distance relative to the longer word."""
    longest = max(len(a), len(b)) or 1
    return round(100 * (1 - OSA.distance(a, b) / longest))
