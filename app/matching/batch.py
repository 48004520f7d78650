"""The batch's sieve: which lines of many may name a mark, in a few passes over all of them.

`BrandMatcher.find_many` reads the lines that fold to plain ASCII together: one tokenising pass
and one automaton pass over all of them, each new word read once (words.py). Only the lines
where that finds something (a key, a word near a mark word, a run of short tokens that spells a
short key, leetspeak, a short key whose goods may fit) go on through the stages `find` uses; the
others have no hit. Each step is one pass over the whole batch in C (`map`, `compress`,
`split`): a Python step per token would cost more than all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, chain, compress, count, repeat
from operator import add, not_

from app.matching.context import CODE_BOUND, CUE_BOUND, GOODS_BOUND, LineContext, code_after
from app.matching.index import NAME_KINDS, Found, MarkIndex
from app.matching.keys import SHORT_PAIR_AT_RE, KeyFinder, short_runs, spellings
from app.matching.normalize import fold
from app.matching.vocabulary import Vocabulary
from app.matching.words import WordReader
from app.text import SKELETON_BYTES

# A short key that needs the goods to fit: the categories and Nice classes that may fit, whether a
# cue must stand by, whether a product code after it counts instead (SHORT readings), and the
# words its brands' names end with, after which a model of theirs counts ("On Cloud").
GoodsBound = tuple[frozenset[str], frozenset[int], bool, bool, frozenset[str]]
# A line to read on: its folded text, its tokens and the long keys of its compact form.
ToRead = tuple[str, list[str], list[Found]]

_APART_RE = re.compile(r"[$@]")  # leetspeak symbols: such a line is read on its own
_match_start = re.Match.start
_next = (1).__add__
# Folded ASCII text to its tokens: separators to spaces, a line break to "|".
_SPACED = bytes([c if 48 <= c <= 57 or 97 <= c <= 122 else ord("|") if c == 10 else 32 for c in range(256)])
_NOT_TOKEN = bytes([c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122 or c == 10)])


class BatchSieve:
    def __init__(self, index: MarkIndex, vocab: Vocabulary, words: WordReader, keys: KeyFinder) -> None:
        self._index = index
        self._vocab = vocab
        self._words = words
        self._keys = keys
        self._short_prefixes = frozenset(k[:n] for k in index.short_keys for n in range(2, len(k) + 1))
        self._batch_words, self._goods_bound = self._short_key_words(index)

    def _short_key_words(self, index: MarkIndex) -> tuple[frozenset[str], dict[str, GoodsBound]]:
        """The words that always send a line on (anchors, and short keys with a reading that may
        count on its own), and the short keys whose every reading needs the line's goods to fit
        the brand's (SHORT, GOODS, COMPANION: "mini", "suede", "clip"), with the categories that
        would fit and whether a mark cue must stand in the line too (COMPANION readings only)."""
        entries = index.entries
        always: set[str] = set(index.anchors)
        bound: dict[str, GoodsBound] = {}
        name_ends: dict[int, set[str]] = {}  # brand -> every spelling of its names' last words
        for e in entries:
            if e.kind in NAME_KINDS and not e.cjk:
                name_ends.setdefault(e.brand, set()).update(spellings(e.words[-1]))
        for key, (_, entry_ids) in index.short_keys.items():
            readings = [entries[i] for i in entry_ids]
            if all(e.level in GOODS_BOUND for e in readings):
                fit = frozenset().union(*[index.brand_categories[e.brand] for e in readings])
                named = [index.brand_classes[e.brand] for e in readings if e.kind in NAME_KINDS]
                classes = frozenset[int]().union(*named)
                needs_cue = all(e.level in CUE_BOUND for e in readings)
                coded = any(e.level in CODE_BOUND for e in readings)
                makers = frozenset[str]().union(
                    *[name_ends.get(e.brand, ()) for e in readings if e.kind == "model"]
                )
                rule = (fit, classes, needs_cue, coded, makers)
                bound.update((spelling, rule) for spelling in spellings(key))
            else:
                always.update(spellings(key))
        return frozenset(always), {w: rule for w, rule in bound.items() if w not in always}

    def _fits_goods(self, tokens: list[str], categories: frozenset[str], bound: Iterable[str]) -> bool:
        """Whether a goods-bound short key of the line may count there: the line's categories or
        the Nice classes of its goods, as its context reads them, meet the brand's, and a mark cue
        stands in the line where the reading needs one; or a product code follows the key where a
        code counts for it; or the key, a model, follows a name of its brand."""
        ctx = LineContext(tokens, "", categories, None, self._vocab)
        for key in bound:
            fit, classes, needs_cue, coded, makers = self._goods_bound[key]
            fits = not ctx.categories.isdisjoint(fit) or (
                bool(classes) and not classes.isdisjoint(ctx.goods_classes)
            )
            if fits and (not needs_cue or ctx.has_cue):
                return True
            at = [i for i, word in enumerate(tokens) if word == key]
            if coded and any(code_after(tokens, i, i + 1) for i in at):
                return True
            if makers and any(i > 0 and tokens[i - 1] in makers for i in at):
                return True  # a model right after its maker's name
        return False

    @staticmethod
    def apart(folded: list[str]) -> set[int]:
        """The lines read on their own, as `find` reads them: another script, leetspeak symbols,
        a line break inside the text."""
        apart = set(compress(count(), map(not_, map(str.isascii, folded))))
        joined = "\n".join(folded)
        if "$" in joined or "@" in joined:
            starts = [*accumulate(map(_next, map(len, folded)), initial=0)]
            apart.update(bisect_right(starts, m.start()) - 1 for m in _APART_RE.finditer(joined))
        if joined.count("\n") >= len(folded):
            apart.update(i for i, text in enumerate(folded) if "\n" in text)
        return apart

    def lines_to_read(self, texts: list[str], categories: list[frozenset[str]]) -> dict[int, ToRead]:
        """Which of these plain ASCII lines may name a mark, each with its folded text, tokens and
        long keys, as `find` would read them."""
        if not texts:
            return {}
        raw = fold("\n".join(texts)).encode("ascii")
        lines = [*map(str.split, raw.translate(_SPACED).decode("ascii").split("|"))]  # tokens by line
        words = set(chain.from_iterable(lines))
        # words near a mark word, glued to a short mark, leetspeak, an anchor, a short key
        notes = self._words.notes(words)
        hot = {*notes.typos, *notes.glued, *(words & self._words.leet), *(words & self._batch_words)}
        found = set(compress(count(), map(not_, map(hot.isdisjoint, lines)))) if hot else set()
        # a short key that needs the goods to fit ("mini"): read where they may
        bound = words & self._goods_bound.keys()
        if bound:
            for i in compress(count(), map(not_, map(bound.isdisjoint, lines))):
                if i not in found and self._fits_goods(lines[i], categories[i], bound.intersection(lines[i])):
                    found.add(i)
        self._short_runs(lines, found)
        # long keys in the compact forms (tokens joined, l read as i, one line a row), kept where
        # one lies on token boundaries or is glued to a word, as `find` would judge them
        compact = raw.translate(SKELETON_BYTES, _NOT_TOKEN).decode("ascii")
        rows = compact.split("\n")
        starts = [*accumulate(map(_next, map(len, rows)), initial=0)]
        keys: dict[int, list[Found]] = {}
        for end, value in self._index.long_keys(compact):
            line = bisect_right(starts, end) - 1
            keys.setdefault(line, []).append((end - starts[line], value))
        for line, line_keys in keys.items():
            if line not in found and self._keys.plausible(map(len, lines[line]), rows[line], line_keys):
                found.add(line)
        folded = raw.decode("ascii").split("\n")
        return {line: (folded[line], lines[line], keys.get(line, [])) for line in sorted(found)}

    def _short_runs(self, lines: list[list[str]], found: set[int]) -> None:
        """Adds the lines with a run of short tokens that spells a short key ("r o l e x", "za
        ra"): a run starts with a pair of adjacent tokens of one line, no longer than a short key
        together, that spells the start of one."""
        flat = [*chain.from_iterable(lines)]
        ends = [*accumulate(map(len, lines))]  # where each line's tokens end in `flat`
        try:
            sizes = bytes(map(len, flat))
        except ValueError:  # a token of 256+ characters
            sizes = bytes([min(len(t), 255) for t in flat])
        pairs_at = [*map(_match_start, SHORT_PAIR_AT_RE.finditer(sizes))]
        pairs = map(add, map(flat.__getitem__, pairs_at), map(flat.__getitem__, map(_next, pairs_at)))
        spelt = map(str.replace, pairs, repeat("l"), repeat("i"))
        short = self._index.short_keys
        for at in compress(pairs_at, map(self._short_prefixes.__contains__, spelt)):
            line = bisect_right(ends, at)
            if line in found or at + 1 == ends[line]:
                continue  # read already, or the pair spans two lines
            run = [t.replace("l", "i") for t in flat[at : min(at + 5, ends[line])]]
            if any(r in short for r in short_runs(run, first=True)):
                found.add(line)
