"""Stage 2: the keys a line holds, where a mark may stand.

Long keys are searched anywhere in the line's compact form (one Aho-Corasick pass); short keys are
looked up as whole tokens, as runs of short tokens ("r o i e x", "za ra") and split off a
non-dictionary word ("zippoiighter"). What comes out is a list of `Found` (compact end, (length,
entry ids)), ordered as the automaton reports them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from app.matching.index import SHORT_KEY, Found, MarkIndex, found_order
from app.matching.vocabulary import Vocabulary
from app.matching.words import WordReader
from app.text import SKELETON

# Two adjacent tokens no longer than SHORT_KEY together, read on the bytes of the token lengths.
_SHORT_PAIR_RE = re.compile(rb"\x01[\x01-\x04]|\x02[\x01-\x03]|\x03[\x01\x02]|\x04\x01")
SHORT_PAIR_AT_RE = re.compile(rb"(?=[\x01-\x04])(?=\x01[\x01-\x04]|\x02[\x01-\x03]|\x03[\x01\x02]|\x04\x01)")


class KeyFinder:
    def __init__(self, index: MarkIndex, vocab: Vocabulary, words: WordReader) -> None:
        self._index = index
        self._words = words
        self._skeleton_words = frozenset(w.translate(SKELETON) for w in vocab.dictionary)

    def exact(
        self,
        tokens: list[str],
        pieces: list[str],
        compact: str,
        glued: list[str],
        *,
        quick: bool,
        long_keys: list[Found] | None = None,
    ) -> list[Found]:
        """Every key the line holds where a mark may stand (on a quick line, long keys only when
        one lies at a word boundary). `long_keys`: the long keys of the compact form, when a batch
        has searched them already."""
        index = self._index
        found = [*long_keys] if long_keys is not None else index.long_keys(compact) if compact else []
        if found and quick and not self.plausible(map(len, pieces), compact, found):
            found = []
        short = index.short_keys
        whole = not short.keys().isdisjoint(pieces)
        if not whole and not glued and not _has_short_run(pieces):
            return found  # the common case: no short key anywhere
        lens = [*map(len, pieces)]
        ends = [*accumulate(lens)]
        count = len(found)
        if whole:
            found += [(ends[i] - 1, short[p]) for i, p in enumerate(pieces) if p in short]
        last = len(pieces)
        for i in range(last - 1):
            if lens[i] + lens[i + 1] > SHORT_KEY:
                continue  # no run of short tokens starts here
            run, size, j = pieces[i], lens[i], i + 1
            while j < last and size + lens[j] <= SHORT_KEY:
                run += pieces[j]
                size += lens[j]
                if run in short:
                    found.append((ends[j] - 1, short[run]))
                j += 1
        if glued:
            wanted = set(glued)
            glues = self._words.glues
            for i, token in enumerate(tokens):
                if token in wanted:
                    start = ends[i] - lens[i]
                    for a, b in glues[token]:
                        found.append((start + b - 1, short[pieces[i][a:b]]))
        if len(found) > count:
            found.sort(key=found_order)  # as the automaton reports: by end, longest first
        return found

    def plausible(self, lengths: Iterable[int], compact: str, found: list[Found]) -> bool:
        """Whether any key found lies on token boundaries or is glued to a word (a quick test);
        `lengths` are the line's token lengths."""
        ordered = [*accumulate(lengths, initial=0)]
        bounds = set(ordered)
        words = self._skeleton_words
        for end, (length, _) in found:
            cend = end + 1
            cstart = cend - length
            at_start, at_end = cstart in bounds, cend in bounds
            if at_start and at_end:
                return True
            if at_start == at_end or length < 4:
                continue
            cut = cend if at_start else cstart
            i = bisect_right(ordered, cut)
            token = compact[ordered[i - 1] : ordered[i]]
            rest = compact[cut : ordered[i]] if at_start else compact[ordered[i - 1] : cut]
            if token not in words and len(rest) >= 3 and rest in words:
                return True
        return False


def _has_short_run(pieces: list[str]) -> bool:
    try:
        return _SHORT_PAIR_RE.search(bytes(map(len, pieces))) is not None
    except ValueError:  # a token of 256+ characters: it starts no run, the others may
        return any(len(a) + len(b) <= SHORT_KEY for a, b in zip(pieces, pieces[1:], strict=False))


def short_runs(pieces: list[str], *, first: bool = False) -> Iterable[str]:
    """Every run of two or more adjacent pieces no longer than SHORT_KEY together (those that
    start at the first piece, with `first`)."""
    for i in range(1 if first else len(pieces) - 1):
        run = pieces[i]
        for piece in pieces[i + 1 :]:
            run += piece
            if len(run) > SHORT_KEY:
                break
            yield run


def spellings(key: str) -> Iterable[str]:
    """Every way a key of the l/i skeleton may be written: each i an i or an l."""
    if "i" not in key:
        return (key,)
    head, tail = key[0], key[1:]
    heads = ("i", "l") if head == "i" else (head,)
    return tuple(h + t for h in heads for t in spellings(tail))
