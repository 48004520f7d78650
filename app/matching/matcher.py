"""The disguise-tolerant, context-aware brand matcher.

`find` runs once per manifest line. Its common case, a line naming no mark, costs one fold, one
Aho-Corasick pass over the line's compact form and a dictionary look-up per unknown word; only a
line with a candidate is tokenised, checked at word boundaries, in context (context.py) and
explained. `search` serves the brand look-up: the same matching without context, plus the
closest marks by similarity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, chain, compress, count, filterfalse, repeat
from operator import add, itemgetter, not_

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from app.engine.facts import BrandHit
from app.matching.context import (
    CUE_BOUND,
    GOODS_BOUND,
    LineContext,
    evidence,
    inside_phrase,
    replica_phrase,
)
from app.matching.fuzzy import max_edits, similarity
from app.matching.index import (
    KIND_ORDER,
    SHORT_KEY,
    WHOLE,
    AliasEntry,
    Found,
    Level,
    MarkIndex,
    WordRef,
    found_order,
)
from app.matching.normalize import (
    CONFUSABLES,
    LEET,
    LEET_CHARS,
    Line,
    Token,
    fold,
    is_fullwidth,
    is_leet_token,
    skeleton,
    squeeze,
)
from app.matching.vocabulary import vocabulary
from app.reference.brands import BrandRecord

_SKELETON = str.maketrans({"l": "i"})
_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+")  # the tokens of a folded ASCII line without $ or @
_NO_BRAND = frozenset({"", "none", "nobrand", "unbranded", "generic", "na", "n/a", "oem", "nil", "null"})
_CACHE_LIMIT = 200_000  # unknown words remembered between lines


# A short key that needs the goods to fit: the categories that may fit, whether a cue must stand by.
GoodsBound = tuple[frozenset[str], bool]


@dataclass(frozen=True, slots=True)
class Typo:
    ref: WordRef
    match_type: str  # typo or doubled
    distance: int


@dataclass(slots=True)
class Candidate:
    entry: AliasEntry
    first: int  # token index
    last: int  # token index, exclusive
    cstart: int  # compact span
    cend: int
    match_type: str
    similarity: int
    detail: str
    weak: bool = False  # a reading that needs context even for a distinctive alias


class BrandMatcher:
    def __init__(self, index: MarkIndex) -> None:
        self._index = index
        self._vocab = vocabulary()
        # Every line word is read once (typos, glued short marks, leetspeak), then remembered.
        # Dictionary words and place and given names have nothing to read: they are never a
        # misspelt or glued mark ("made in Bulgaria" is no Bvlgari, "Malta" no Makita).
        self._ordinary = self._vocab.dictionary | self._vocab.proper_nouns
        self._known: set[str] = set(self._ordinary)  # words with nothing to read
        self._typos: dict[str, tuple[Typo, ...]] = {}  # words near some mark word
        self._glues: dict[str, tuple[tuple[int, int], ...]] = {}  # words with a short mark glued on
        self._leet: set[str] = set()  # leetspeak words: their line is parsed token by token
        self._cache_limit = len(self._known) + _CACHE_LIMIT
        self._declared: dict[str, int | None] = {}
        self._anchor_words = frozenset(index.anchors)
        self._short_prefixes = frozenset(k[:n] for k in index.short_keys for n in range(2, len(k) + 1))
        self._batch_words, self._goods_bound = self._short_key_words(index)
        self._skeleton_words = frozenset(w.translate(_SKELETON) for w in self._vocab.dictionary)

    def _short_key_words(self, index: MarkIndex) -> tuple[frozenset[str], dict[str, GoodsBound]]:
        """How a batch treats a line holding a short key as a word (find_many): the words that
        always send it to `find` (anchors, and short keys with a reading that may count on its
        own), and the short keys whose every reading needs the line's goods to fit the brand's
        (SHORT, GOODS, COMPANION: "mini", "suede", "clip"), with the categories that would fit
        and whether a mark cue must stand in the line too (COMPANION readings only)."""
        entries = index.entries
        always: set[str] = set(self._anchor_words)
        bound: dict[str, GoodsBound] = {}
        for key, (_, entry_ids) in index.short_keys.items():
            readings = [entries[i] for i in entry_ids]
            if all(e.level in GOODS_BOUND for e in readings):
                fit = frozenset().union(*[index.brand_categories[e.brand] for e in readings])
                needs_cue = all(e.level in CUE_BOUND for e in readings)
                bound.update((spelling, (fit, needs_cue)) for spelling in _spellings(key))
            else:
                always.update(_spellings(key))
        return frozenset(always), {w: rule for w, rule in bound.items() if w not in always}

    def _fits_goods(self, tokens: list[str], categories: frozenset[str], bound: Iterable[str]) -> bool:
        """Whether a goods-bound short key of the line (see _short_key_words) may count there: the
        line's categories, as its context reads them, meet the brand's, and a mark cue stands in
        the line where the reading needs one."""
        ctx = LineContext(tokens, "", categories, None, self._vocab)
        return any(
            not ctx.categories.isdisjoint(fit) and (not needs_cue or ctx.has_cue)
            for fit, needs_cue in map(self._goods_bound.__getitem__, bound)
        )

    @classmethod
    def build(cls, brands: Iterable[BrandRecord]) -> BrandMatcher:
        return cls(MarkIndex(list(brands)))

    @property
    def brands(self) -> tuple[BrandRecord, ...]:
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
            typos, glued, leet = self._word_notes(tokens)
            if leet:
                line = Line.parse(text, folded)  # leetspeak is read token by token
        else:
            line = Line.parse(text, folded)
        if line is None:
            assert tokens is not None
            spaced = " ".join(tokens).replace("l", "i")  # the l/i skeleton of every token
            pieces = spaced.split(" ") if spaced else []
            compact = spaced.replace(" ", "")
            exact = self._exact(tokens, pieces, compact, glued, quick=True, long_keys=long_keys)
        else:
            tokens = [t.text for t in line.tokens]
            typos, glued, _ = self._word_notes(tokens)
            exact = self._exact(tokens, [t.piece for t in line.tokens], line.compact, glued, quick=False)
        anchored = not self._anchor_words.isdisjoint(tokens)
        declared = self._declared_brand(declared_brand) if declared_brand else None
        if not exact and not typos and not anchored and declared is None:
            return []
        line = line or Line.parse(text, folded, tokens)
        candidates = self._candidates(line, exact, typos)
        if anchored:
            candidates += self._anchored(line)
        ctx = LineContext(tokens, text, categories, declared, self._vocab)
        hits = self._accept(line, candidates, ctx)
        if declared is not None and all(h.brand != self._index.brands[declared].name for h in hits):
            hits.append(self._declared_hit(declared, declared_brand or ""))
        return hits

    def find_many(
        self, items: Sequence[tuple[str, str | None, frozenset[str]]]
    ) -> list[tuple[BrandHit, ...]]:
        """`find` for many lines at once: (text, declared brand, categories) each, hits in order.

        The lines that fold to plain ASCII are read together: one tokenising pass and one
        automaton pass over all of them, each new word probed once. Only the lines where that
        finds something (a key, a word near a mark word, a run of short tokens that spells a
        short key, leetspeak) are read on, as `find` reads them; the answers are `find`'s, line
        by line. A line with no hit gets the one empty tuple: most lines of a batch have none."""
        texts = [*map(itemgetter(0), items)]
        folded = texts.copy()  # look-alike and fullwidth letters fold to ASCII: such lines join in
        for i in compress(count(), map(not_, map(str.isascii, texts))):
            folded[i] = fold(texts[i])
        # read on their own: a declared recorded brand, another script, leetspeak symbols, a line
        # break; a declared brand that names no recorded mark ("N/A", "no brand", the seller's
        # own) reads as none
        brands = [*map(itemgetter(1), items)]
        apart = {
            i
            for i in compress(count(), brands)
            if (brand := brands[i]) and self._declared_brand(brand) is not None
        }
        apart.update(compress(count(), map(not_, map(str.isascii, folded))))
        joined = "\n".join(folded)
        if "$" in joined or "@" in joined:
            starts = [*accumulate(map(_next, map(len, folded)), initial=0)]
            apart.update(bisect_right(starts, m.start()) - 1 for m in _APART_RE.finditer(joined))
        if joined.count("\n") >= len(texts):
            apart.update(i for i, text in enumerate(folded) if "\n" in text)
        results: list[tuple[BrandHit, ...]] = [()] * len(items)
        for i in apart:
            text, declared, categories = items[i]
            results[i] = tuple(self.find(text, declared_brand=declared, categories=categories))
        quick = [*filterfalse(apart.__contains__, range(len(items)))]
        to_read = self._lines_to_read([*map(folded.__getitem__, quick)], [items[i][2] for i in quick])
        for i, (line, tokens, long_keys) in to_read.items():
            text, _, categories = items[quick[i]]
            results[quick[i]] = tuple(self._read(text, line, tokens, long_keys, None, categories))
        return results

    def _lines_to_read(
        self, texts: list[str], categories: list[frozenset[str]]
    ) -> dict[int, tuple[str, list[str], list[Found]]]:
        """Which of these plain ASCII lines may name a mark (see find_many), each with its folded
        text, tokens and long keys, as `find` would read them. Each step is one pass over the
        whole batch in C (`map`, `compress`, `split`): a Python step per token would cost more
        than all of them."""
        if not texts:
            return {}
        raw = fold("\n".join(texts)).encode("ascii")
        lines = [*map(str.split, raw.translate(_SPACED).decode("ascii").split("|"))]  # tokens by line
        words = set(chain.from_iterable(lines))
        # words near a mark word, glued to a short mark, leetspeak, an anchor, a short key
        typos, glued, _ = self._word_notes(words)
        hot = {*typos, *glued, *(words & self._leet), *(words & self._batch_words)}
        found = set(compress(count(), map(not_, map(hot.isdisjoint, lines)))) if hot else set()
        # a short key that needs the goods to fit ("mini"): read where they may
        bound = words & self._goods_bound.keys()
        if bound:
            for i in compress(count(), map(not_, map(bound.isdisjoint, lines))):
                if i not in found and self._fits_goods(lines[i], categories[i], bound.intersection(lines[i])):
                    found.add(i)
        # runs of short tokens that spell a short key ("r o l e x", "za ra"): a run starts with a
        # pair of adjacent tokens of one line, no longer than a short key together, that spells
        # the start of one
        flat = [*chain.from_iterable(lines)]
        ends = [*accumulate(map(len, lines))]  # where each line's tokens end in `flat`
        try:
            sizes = bytes(map(len, flat))
        except ValueError:  # a token of 256+ characters
            sizes = bytes([min(len(t), 255) for t in flat])
        pairs_at = [*map(_match_start, _SHORT_PAIR_AT_RE.finditer(sizes))]
        pairs = map(add, map(flat.__getitem__, pairs_at), map(flat.__getitem__, map(_next, pairs_at)))
        spelt = map(str.replace, pairs, repeat("l"), repeat("i"))
        short = self._index.short_keys
        for at in compress(pairs_at, map(self._short_prefixes.__contains__, spelt)):
            line = bisect_right(ends, at)
            if line in found or at + 1 == ends[line]:
                continue  # read already, or the pair spans two lines
            run = [t.replace("l", "i") for t in flat[at : min(at + 5, ends[line])]]
            if any(r in short for r in _runs(run, first=True)):
                found.add(line)
        # long keys in the compact forms (tokens joined, l read as i, one line a row), kept where
        # one lies on token boundaries or is glued to a word, as `find` would judge them
        compact = raw.translate(_COMPACT, _NOT_TOKEN).decode("ascii")
        rows = compact.split("\n")
        starts = [*accumulate(map(_next, map(len, rows)), initial=0)]
        keys: dict[int, list[Found]] = {}
        for end, value in self._index.long_keys(compact):
            line = bisect_right(starts, end) - 1
            keys.setdefault(line, []).append((end - starts[line], value))
        for line, line_keys in keys.items():
            if line not in found and self._plausible(map(len, lines[line]), rows[line], line_keys):
                found.add(line)
        folded = raw.decode("ascii").split("\n")
        return {line: (folded[line], lines[line], keys.get(line, [])) for line in sorted(found)}

    def _exact(
        self,
        tokens: list[str],
        pieces: list[str],
        compact: str,
        glued: list[str],
        *,
        quick: bool,
        long_keys: list[Found] | None = None,
    ) -> list[Found]:
        """Every key the line holds where a mark may stand: long keys anywhere in the compact form
        (on a quick line only when one lies at a word boundary), short keys as whole tokens, as runs
        of short tokens ("r o i e x", "za ra") and split off a non-dictionary word ("zippoiighter").
        `long_keys`: the long keys of the compact form, when a batch has searched them already."""
        index = self._index
        found = [*long_keys] if long_keys is not None else index.long_keys(compact) if compact else []
        if found and quick and not self._plausible(map(len, pieces), compact, found):
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
            for i, token in enumerate(tokens):
                if token in wanted:
                    start = ends[i] - lens[i]
                    for a, b in self._glues[token]:
                        found.append((start + b - 1, short[pieces[i][a:b]]))
        if len(found) > count:
            found.sort(key=found_order)  # as the automaton reports: by end, longest first
        return found

    def _plausible(self, lengths: Iterable[int], compact: str, found: list[Found]) -> bool:
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

    def _word_notes(self, tokens: Iterable[str]) -> tuple[list[str], list[str], bool]:
        """The words of the line near a mark word, the words a short mark is glued to, and whether
        a word is leetspeak. Each word is read once, then remembered."""
        # numbers carry no typo, glue or leetspeak (and are not remembered: lot numbers are many)
        words = tokens if isinstance(tokens, set) else set(tokens)  # a batch passes its set
        unknown = [*filterfalse(str.isdigit, words.difference(self._known))]
        if not unknown:
            return [], [], False
        typo_words: list[str] = []
        glue_words: list[str] = []
        leet = False
        for word in unknown:
            if word in self._leet:
                leet = True
                continue
            typos = self._typos.get(word)
            glues = self._glues.get(word)
            if typos is None and glues is None:
                if len(self._known) + len(self._typos) + len(self._glues) > self._cache_limit:
                    self._forget()
                typos, glues = self._read_word(word)
                if word in self._leet:
                    leet = True
                    continue
            if typos:
                typo_words.append(word)
            if glues:
                glue_words.append(word)
        return typo_words, glue_words, leet

    def _read_word(self, word: str) -> tuple[tuple[Typo, ...], tuple[tuple[int, int], ...]]:
        """A word first seen: its typo readings and glued short marks, remembered."""
        if not word.isalpha():
            if not word.isdigit() and word.isascii() and is_leet_token(word):
                self._leet.add(word)
            else:
                self._known.add(word)
            return (), ()
        typos = self._probe(word) if len(word) >= 4 and word.isascii() else ()
        glues = self._glued_short(word) if word.isascii() else ()
        if typos:
            self._typos[word] = typos
        if glues:
            self._glues[word] = glues
        if not typos and not glues:
            self._known.add(word)
        return typos, glues

    def _glued_short(self, word: str) -> tuple[tuple[int, int], ...]:
        """Spans of short keys glued to a dictionary word of 3+ letters ("zippoiighter": zippo)."""
        short, dictionary = self._index.short_keys, self._vocab.dictionary
        sk = word.replace("l", "i")
        spans = []
        for size in range(4, SHORT_KEY + 1):
            rest = len(word) - size
            if rest < 3:
                break
            if sk[:size] in short and word[size:] in dictionary:
                spans.append((0, size))
            if sk[rest:] in short and word[:rest] in dictionary:
                spans.append((rest, len(word)))
        return tuple(spans)

    def _forget(self) -> None:
        self._known = set(self._ordinary)
        self._typos.clear()
        self._glues.clear()
        self._leet.clear()

    def _typo_words(self, tokens: Iterable[str]) -> list[str]:
        return self._word_notes(tokens)[0]

    def _probe(self, word: str) -> tuple[Typo, ...]:
        """Mark words nearest to an unknown word: a doubled letter, else the fewest edits."""
        index = self._index
        sk = word.translate(_SKELETON)
        if sk in index.word_ids:
            return ()  # the word is itself a mark word: the exact pass reads it
        refs = index.word_refs
        squeezed = squeeze(sk)
        doubled = tuple(
            Typo(ref, "doubled", 1)
            for word in (squeezed, *index.squeezed.get(squeezed, ()))
            if word != sk
            for ref in refs.get(word, ())
        )
        if doubled:
            return doubled
        words = index.fuzzy.words
        return tuple(
            Typo(ref, "typo", distance)
            for word_id, distance in index.fuzzy.nearest(sk)
            for ref in refs[words[word_id]]
        )

    # -- candidates -------------------------------------------------------------------------
    def _candidates(self, line: Line, exact: list[Found], typo_words: list[str]) -> list[Candidate]:
        tokens = line.tokens
        cstarts = [*map(_CSTART, tokens)]
        starts = dict(zip(cstarts, count()))
        ends = dict(zip(map(_CEND, tokens), count()))
        entries = self._index.entries
        out: list[Candidate] = []
        for end, (length, entry_ids) in exact:
            cstart, cend = end + 1 - length, end + 1
            first, last = starts.get(cstart), ends.get(cend)
            if first is None and last is None and not entries[entry_ids[0]].cjk:
                continue  # inside a word: no entry of this key can match here
            for entry_id in entry_ids:
                entry = entries[entry_id]
                if first is not None and last is not None:
                    cand = self._aligned(line, entry, first, last + 1, cstart, cend)
                else:
                    cand = self._glued(line, entry, cstart, cend, cstarts)
                if cand is not None:
                    out.append(cand)
        if typo_words:
            wanted = set(typo_words)
            for i, token in enumerate(tokens):
                if token.text in wanted:
                    out.extend(self._typo_candidates(line, i, self._typos[token.text]))
        return out

    def _aligned(
        self, line: Line, entry: AliasEntry, first: int, last: int, cstart: int, cend: int
    ) -> Candidate | None:
        toks = line.tokens[first:last]
        pieces = (*map(_PIECE, toks),)
        weak = False
        if pieces != entry.words and not entry.cjk:
            if entry.level == Level.SHORT or entry.key.isdigit():
                return None  # short marks and numbers match whole tokens only ("9, 93" is no 993)
            weak = not self._spacing_is_deliberate(line, toks)
        match_type, detail = self._classify(line, toks, entry, pieces)
        if match_type == "typo" and (entry.level != Level.DISTINCTIVE or len(entry.key) < 5):
            return None  # an l/i swap is a typo: same limits as any typo
        sim = similarity(_plain(toks), entry.folded) if match_type == "typo" else 100
        return Candidate(entry, first, last, cstart, cend, match_type, sim, detail, weak)

    def _spacing_is_deliberate(self, line: Line, toks: tuple[Token, ...]) -> bool:
        """ "R O L E X", "G.U.C.C.I", "Lou-is", "Oak ley": not two ordinary words that happen to meet,
        nor a suspended hyphen of plain prose ("mono-, di- or tri-")."""
        seps = [line.folded[a.end : b.start] for a, b in zip(toks, toks[1:], strict=False)]
        if any(map(_SUSPENDED_HYPHEN.fullmatch, seps)):
            return False
        if any(s.strip() for s in seps) or all(len(t.text) == 1 for t in toks):
            return True
        dictionary = self._vocab.dictionary
        return not all(t.text in dictionary for t in toks)

    def _glued(
        self, line: Line, entry: AliasEntry, cstart: int, cend: int, cstarts: list[int]
    ) -> Candidate | None:
        """A mark glued to ordinary words: "rolexwatch", "canadagoosejacket", "ZippoLighter". A
        name that is an ordinary word counts glued only to goods of its own kind ("coachbag",
        "pandorabracelet"; not "applejuice"): that goods word is the context it needs."""
        named = entry.level == Level.WORD and entry.kind == "name"
        if (entry.level != Level.DISTINCTIVE and not named) or entry.cjk or len(entry.key) < 4:
            return None
        first = bisect_right(cstarts, cstart) - 1
        last = bisect_right(cstarts, cend - 1) - 1
        head, tail = line.tokens[first], line.tokens[last]
        dictionary = self._vocab.dictionary
        goods_fit = False
        for tok, rest in ((head, head.text[: cstart - head.cstart]), (tail, tail.text[cend - tail.cstart :])):
            if not rest:
                continue
            if not tok.text.isalpha() or tok.text in dictionary or len(rest) < 3 or rest not in dictionary:
                return None
            if named and not self._index.brand_categories[entry.brand].isdisjoint(
                self._vocab.category_cues.get(rest, ())
            ):
                goods_fit = True
        if named:
            if not goods_fit:
                return None
            entry = entry._replace(level=Level.DISTINCTIVE)
        return Candidate(entry, first, last + 1, cstart, cend, "glued", 100, "")

    def _typo_candidates(self, line: Line, at: int, typos: tuple[Typo, ...]) -> Iterable[Candidate]:
        tokens = line.tokens
        for typo in typos:
            entry_id, position = typo.ref
            entry = self._index.entries[entry_id]
            whole = position == WHOLE
            first = at if whole else at - position
            last = first + (1 if whole else len(entry.words))
            if first < 0 or last > len(tokens):
                continue
            others = [] if whole else [j for j in range(len(entry.words)) if j != position]
            if any(tokens[first + j].piece != entry.words[j] for j in others):
                continue
            toks = tokens[first:last]
            sim = similarity("".join(t.piece for t in toks), entry.key)
            yield Candidate(
                entry, first, last, toks[0].cstart, toks[-1].cend, typo.match_type, sim, str(typo.distance)
            )

    def _anchored(self, line: Line) -> Iterable[Candidate]:
        """Many-word aliases with one distinctive word as recorded and a typo in the others."""
        tokens = line.tokens
        pieces = [t.piece for t in tokens]
        ends = [*accumulate(map(len, pieces), initial=0)]
        count = len(tokens)
        anchors = self._index.anchors
        for at, token in enumerate(tokens):
            for entry_id, position, words, key in anchors.get(token.text, ()):
                first = at - position
                last = first + len(words)
                if first < 0 or last > count:
                    continue
                limit = max_edits(len(key))
                if abs(ends[last] - ends[first] - len(key)) > limit:
                    continue  # too long or too short to be within its edits
                written = "".join(pieces[first:last])
                distance = OSA.distance(written, key, score_cutoff=limit)
                if not 0 < distance <= limit:
                    continue  # as recorded (the exact pass reads it), or too far
                near = zip(pieces[first:last], words, strict=True)
                if any(OSA.distance(p, w, score_cutoff=2) > 1 for p, w in near):
                    continue
                if _digits(written) != _digits(key):
                    continue  # "iPhone 26" is no typo of "iPhone 16": numbers name other things
                kind = "doubled" if squeeze(written) == squeeze(key) else "typo"
                sim = similarity(written, key)
                entry = self._index.entries[entry_id]
                cstart, cend = tokens[first].cstart, tokens[last - 1].cend
                yield Candidate(entry, first, last, cstart, cend, kind, sim, str(distance))

    def _classify(
        self, line: Line, toks: tuple[Token, ...], entry: AliasEntry, pieces: tuple[str, ...]
    ) -> tuple[str, str]:
        surface = self._surface(line, toks[0].start, toks[-1].end)
        if not surface.isascii():
            if any(is_fullwidth(c) for c in surface):
                return "fullwidth", ""
            swapped = [
                f"{c}→{CONFUSABLES[c]}"
                for c in dict.fromkeys(surface)
                if not c.isascii() and c in CONFUSABLES
            ]
            if swapped and not entry.cjk:
                return "homoglyph", ", ".join(swapped)
        if any(map(_LEET, toks)):
            leet = [
                f"{c}→{c.translate(LEET)}"
                for t in toks
                if t.leet
                for c in dict.fromkeys(t.text)
                if c in LEET_CHARS
            ]
            return "leet", ", ".join(leet)
        if pieces != entry.words and not entry.cjk:
            return "spacing", ""
        if _plain(toks) != entry.folded and not entry.cjk:
            return "typo", "1"
        if entry.kind == "name":
            return ("exact" if surface == entry.text else "case"), ""
        return entry.kind, ""

    @staticmethod
    def _surface(line: Line, start: int, end: int) -> str:
        a, b = line.original_span(start, end)
        return line.original[a:b]

    # -- context and the hits ---------------------------------------------------------------
    def _accept(self, line: Line, candidates: list[Candidate], ctx: LineContext) -> list[BrandHit]:
        index = self._index
        non_mark = index.non_mark
        if any(non_mark[c.entry.brand] for c in candidates):
            bounds = {*map(_CSTART, line.tokens), *map(_CEND, line.tokens)}
            candidates = [
                c
                for c in candidates
                if not inside_phrase(line.compact, (c.cstart, c.cend), non_mark[c.entry.brand], bounds)
            ]
        candidates = _not_inside_longer_names(candidates)
        if all(c.entry.level == Level.DISTINCTIVE and not c.weak for c in candidates):
            # the common case: each alias alone names its mark
            return [self._hit(line, cand, "", ctx) for cand, _ in _resolve([(c, "") for c in candidates])]
        # where each brand's distinctive names stand, read as written
        sure: dict[int, set[int]] = {}
        kin: dict[int, set[int]] = {}  # where any name or model of each brand stands
        for c in candidates:
            if c.entry.level == Level.DISTINCTIVE and not c.weak:
                sure.setdefault(c.entry.brand, set()).add(c.cstart)
            if not c.weak and c.entry.level != Level.HEAD:
                kin.setdefault(c.entry.brand, set()).add(c.cstart)
        kept: list[tuple[Candidate, str]] = []
        for cand in candidates:
            entry = cand.entry
            if entry.level == Level.DISTINCTIVE and not cand.weak:
                kept.append((cand, ""))  # the alias alone names the mark
                continue
            if cand.weak and entry.level != Level.DISTINCTIVE:
                continue  # two ordinary words that meet are no disguised ordinary-word mark
            starts = sure.get(entry.brand, ())
            why = evidence(
                Level.WORD if cand.weak else Level(entry.level),
                brand=entry.brand,
                brand_categories=index.brand_categories[entry.brand],
                span=(cand.first, cand.last),
                surface=partial(
                    self._surface, line, line.tokens[cand.first].start, line.tokens[cand.last - 1].end
                ),
                recorded=entry.text,
                has_companion=any(start != cand.cstart for start in starts),
                ctx=ctx,
                vocab=self._vocab,
                has_kin=any(start != cand.cstart for start in kin.get(entry.brand, ())),
                full_name=entry.kind == "name"
                and len(entry.words) > 1
                and cand.match_type in ("exact", "case"),
            )
            if why is not None:
                kept.append((cand, why))
        return [self._hit(line, cand, why, ctx) for cand, why in _resolve(kept)]

    def _hit(self, line: Line, cand: Candidate, why: str, ctx: LineContext) -> BrandHit:
        brand = self._index.brands[cand.entry.brand].name
        matched = self._matched_text(line, cand)
        reason = _reason(matched, brand, cand)
        if why:
            reason += f"; read as the mark because {why}"
        replica = replica_phrase(ctx, (cand.first, cand.last), self._vocab)
        return BrandHit(brand, matched, cand.match_type, cand.similarity, reason, replica)

    def _matched_text(self, line: Line, cand: Candidate) -> str:
        if cand.match_type != "glued":
            return self._surface(line, line.tokens[cand.first].start, line.tokens[cand.last - 1].end)
        head, tail = line.tokens[cand.first], line.tokens[cand.last - 1]
        return self._surface(
            line, head.start + cand.cstart - head.cstart, tail.start + cand.cend - tail.cstart
        )

    # -- declared brand -----------------------------------------------------------------------
    def _declared_brand(self, declared: str) -> int | None:
        if declared in self._declared:
            return self._declared[declared]
        brand = None
        if skeleton(declared) not in _NO_BRAND and fold(declared).strip() not in _NO_BRAND:
            best = self._trusting(declared)
            brand = best[0].entry.brand if best else None
        if len(self._declared) > _CACHE_LIMIT:
            self._declared.clear()
        self._declared[declared] = brand
        return brand

    def _trusting(self, text: str) -> list[Candidate]:
        """Candidates without any context check, best first (declared brands and searches)."""
        line = Line.parse(text)
        tokens = [t.text for t in line.tokens]
        typos, glued, _ = self._word_notes(tokens)
        exact = self._exact(tokens, [t.piece for t in line.tokens], line.compact, glued, quick=False)
        cands = self._candidates(line, exact, typos)
        whole = [c for c in cands if c.cstart == 0 and c.cend == len(line.compact)]
        rest = [c for c in cands if c not in whole]
        return sorted(whole, key=_rank) + sorted(rest, key=lambda c: (-(c.cend - c.cstart), *_rank(c)))

    def _declared_hit(self, brand_id: int, declared: str) -> BrandHit:
        brand = self._index.brands[brand_id].name
        reason = f"the declared brand '{declared}' is the recorded mark '{brand}'"
        sim = 100 if skeleton(declared) == skeleton(brand) else int(fuzz.ratio(fold(declared), fold(brand)))
        return BrandHit(brand, declared, "declared", sim, reason[0].upper() + reason[1:])

    # -- search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[BrandHit]:
        """The marks a free-text query names or resembles, one result per brand, best first
        (GET /v1/brands: the check a seller makes before listing a product).

        First every mark the query names, however disguised ("R0LEX" is Rolex), as `find` reads
        it but without asking the line for context: a seller asks about the words themselves.
        Then near misses of the words no mark was read in: each word, each pair of adjacent
        words and the whole query against the recorded names, kept when the edit distance over
        the longer length leaves a similarity of SEARCH_CUTOFF or more ("Submarlner" is close to
        Submariner; a query that merely contains "Marine" does not suggest Breguet's Marine)."""
        line = Line.parse(query)
        readings: dict[int, list[Candidate]] = {}
        for cand in self._trusting(query):
            readings.setdefault(cand.entry.brand, []).append(cand)
        hits: dict[str, BrandHit] = {}
        covered: set[int] = set()
        for brand_id, cands in readings.items():
            brand = self._index.brands[brand_id].name
            cands.sort(key=lambda c: (KIND_ORDER[c.entry.kind], *_rank(c)))
            reasons: list[str] = []
            for cand in cands:
                if not covered.isdisjoint(range(cand.first, cand.last)) and reasons:
                    continue
                covered.update(range(cand.first, cand.last))
                reasons.append(_reason(self._matched_text(line, cand), brand, cand))
            best = cands[0]
            hits[brand] = BrandHit(
                brand, self._matched_text(line, best), best.match_type, best.similarity, "; ".join(reasons)
            )
        close: dict[str, BrandHit] = {}
        for written, key in self._search_terms(line, covered):
            found = process.extract(
                key, self._index.entry_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=SEARCH_CUTOFF
            )
            for recorded, _, entry_id in found:
                score = similarity(key, recorded)
                entry = self._index.entries[entry_id]
                brand = self._index.brands[entry.brand].name
                old = close.get(brand)
                if score < SEARCH_CUTOFF or brand in hits or (old is not None and old.similarity >= score):
                    continue
                reason = f"'{written}' is close to {_describe(entry, brand)} (similarity {score})"
                close[brand] = BrandHit(brand, written, "similar", score, reason)
        suggestions = sorted(close.values(), key=lambda h: -h.similarity)
        return [*hits.values(), *suggestions][:limit]

    @staticmethod
    def _search_terms(line: Line, covered: set[int]) -> list[tuple[str, str]]:
        """(as written, compact key) of the query's words, pairs of adjacent words and the whole
        query, 4+ characters, leaving out the words already read as a mark."""
        tokens = line.tokens
        spans = [(i, i + 1) for i in range(len(tokens))] + [(i, i + 2) for i in range(len(tokens) - 1)]
        if len(tokens) > 2:
            spans.append((0, len(tokens)))
        terms: dict[str, str] = {}
        for first, last in spans:
            if not covered.isdisjoint(range(first, last)):
                continue
            key = "".join(t.piece for t in tokens[first:last])
            a, b = line.original_span(tokens[first].start, tokens[last - 1].end)
            if len(key) >= 4:
                terms.setdefault(key, line.original[a:b])
        return [(written, key) for key, written in terms.items()]


SEARCH_CUTOFF = 80  # similarity: "submarlner"/"submariner" 90, "marine"/"submariner" 60

# Two adjacent tokens no longer than SHORT_KEY together, read on the bytes of the token lengths.
_SHORT_PAIR_RE = re.compile(rb"\x01[\x01-\x04]|\x02[\x01-\x03]|\x03[\x01\x02]|\x04\x01")
_SHORT_PAIR_AT_RE = re.compile(rb"(?=[\x01-\x04])(?=\x01[\x01-\x04]|\x02[\x01-\x03]|\x03[\x01\x02]|\x04\x01)")


def _has_short_run(pieces: list[str]) -> bool:
    try:
        return _SHORT_PAIR_RE.search(bytes(map(len, pieces))) is not None
    except ValueError:  # a token of 256+ characters: it starts no run, the others may
        return any(len(a) + len(b) <= SHORT_KEY for a, b in zip(pieces, pieces[1:], strict=False))


_match_start = re.Match.start
_TEXT, _PIECE, _CSTART, _CEND, _LEET = (
    itemgetter(0),
    itemgetter(3),
    itemgetter(4),
    itemgetter(5),
    itemgetter(6),
)  # of a Token
_APART_RE = re.compile(r"[$@]")  # leetspeak symbols: such a line is read on its own
_next = (1).__add__

# Folded ASCII text to its compact form: separators dropped, l read as i, lines kept apart.
_COMPACT = bytes.maketrans(b"l", b"i")
_SUSPENDED_HYPHEN = re.compile(r"-\s+")
# Folded ASCII text to its tokens: separators to spaces, a line break to "|".
_SPACED = bytes([c if 48 <= c <= 57 or 97 <= c <= 122 else ord("|") if c == 10 else 32 for c in range(256)])
_NOT_TOKEN = bytes([c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122 or c == 10)])


def _runs(pieces: list[str], *, first: bool = False) -> Iterable[str]:
    """Every run of two or more adjacent pieces no longer than SHORT_KEY together (those that
    start at the first piece, with `first`)."""
    for i in range(1 if first else len(pieces) - 1):
        run = pieces[i]
        for piece in pieces[i + 1 :]:
            run += piece
            if len(run) > SHORT_KEY:
                break
            yield run


def _spellings(key: str) -> Iterable[str]:
    """Every way a key of the l/i skeleton may be written: each i an i or an l."""
    if "i" not in key:
        return (key,)
    head, tail = key[0], key[1:]
    heads = ("i", "l") if head == "i" else (head,)
    return tuple(h + t for h in heads for t in _spellings(tail))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _plain(toks: Iterable[Token]) -> str:
    return "".join(map(_TEXT, toks))


def _rank(cand: Candidate) -> tuple[int, int, int]:
    exactness = (
        0 if cand.match_type in {"exact", "case", "alias", "model", "translation", "abbreviation"} else 1
    )
    return (exactness, -cand.similarity, int(cand.entry.level))


_PLAIN_TYPES = frozenset({"exact", "case", "alias", "model", "translation", "abbreviation"})


def _preference(cand: Candidate) -> tuple[int, int, int, int]:
    """Which of a brand's hits to report: a disguise first (it weighs more), then the name."""
    return (
        0 if cand.match_type not in _PLAIN_TYPES else 1,
        KIND_ORDER[cand.entry.kind],
        -cand.similarity,
        cand.cstart,
    )


def _not_inside_longer_names(candidates: list[Candidate]) -> list[Candidate]:
    """A name inside a longer recorded name of another brand, written as recorded, is that name's
    word, whether or not the longer name is then accepted: "Royal" of "Royal Oak" is no Tudor Royal."""
    if len({c.entry.brand for c in candidates}) < 2:
        return candidates  # one brand: no other brand's name to stand inside
    spans = [
        (c.cstart, c.cend, c.entry.brand) for c in candidates if c.match_type in _PLAIN_TYPES and not c.weak
    ]
    return [
        c
        for c in candidates
        if not any(
            brand != c.entry.brand and start <= c.cstart and c.cend <= end and end - start > c.cend - c.cstart
            for start, end, brand in spans
        )
    ]


def _resolve(kept: list[tuple[Candidate, str]]) -> list[tuple[Candidate, str]]:
    """One hit per brand; a mark inside a longer mark of another brand gives way ("TAG" in "TAG Heuer")."""
    if len(kept) < 2:
        return kept
    if len({cand.entry.brand for cand, _ in kept}) < 2:
        survivors = kept  # one brand: nothing to give way to
    else:
        survivors = [
            (cand, why)
            for cand, why in kept
            if not any(
                other.entry.brand != cand.entry.brand
                and other.cstart <= cand.cstart
                and cand.cend <= other.cend
                and other.cend - other.cstart > cand.cend - cand.cstart
                for other, _ in kept
            )
        ]
    best: dict[int, tuple[Candidate, str]] = {}
    for cand, why in survivors:
        old = best.get(cand.entry.brand)
        if old is None or _preference(cand) < _preference(old[0]):
            best[cand.entry.brand] = (cand, why)
    return sorted(best.values(), key=lambda cw: (cw[0].cstart, cw[0].entry.brand))  # same order every run


def _describe(entry: AliasEntry, brand: str, quoted: bool = True) -> str:
    """What the alias is; `quoted` names it, which the reason skips when the line wrote it as is."""
    text = f"'{entry.text}', " if quoted else ""
    if entry.level == Level.HEAD:
        return f"{text}the first word of the recorded mark '{brand}'"
    if entry.kind == "name":
        return f"the recorded mark '{brand}'"
    if entry.kind == "translation":
        return f"{text}the Chinese name of '{brand}'"
    if entry.kind == "model":
        return f"{text}a model name of '{brand}'"
    if entry.kind == "abbreviation":
        return f"{text}the abbreviation of '{brand}'"
    return f"{text}a recorded name of '{brand}'"


def _reason(matched: str, brand: str, cand: Candidate) -> str:
    as_written = matched.casefold() == cand.entry.text.casefold()
    what = _describe(cand.entry, brand, quoted=not as_written)
    kind = cand.match_type
    if kind == "typo":
        return f"'{matched}' is {'one letter' if cand.detail == '1' else 'two letters'} from {what}"
    if kind == "doubled":
        return f"'{matched}' is {what} with a letter doubled"
    if kind == "leet":
        return f"'{matched}' reads as {what} (leetspeak {cand.detail})"
    if kind == "homoglyph":
        return f"'{matched}' reads as {what} (look-alike letters {cand.detail})"
    if kind == "fullwidth":
        return f"'{matched}' reads as {what} (fullwidth letters)"
    if kind == "spacing":
        return f"'{matched}' reads as {what} (separators inside the mark)"
    if kind == "glued":
        return f"'{matched}' is {what}, glued to the words around it"
    if kind == "case":
        return f"'{matched}' is {what}, in other letter case"
    if kind == "translation":
        return f"'{matched}' is the Chinese name of '{brand}'"
    return f"'{matched}' is {what}"
