"""Stage 3: candidates, each a recorded alias the line may write, where, and how (`MatchType`).

From the keys found (keys.py) on token boundaries or glued to ordinary words, the words near a mark
word (words.py) and many-word aliases anchored on one distinctive word. Nothing is judged in
context yet (acceptance.py does that); a further kind of reading (a compatibility mention, a
model number) is one more producer of candidates here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, count
from operator import attrgetter

from rapidfuzz.distance import OSA

from app.matching.fuzzy import max_edits, similarity
from app.matching.hits import MatchType
from app.matching.index import WHOLE, AliasEntry, Found, MarkIndex
from app.matching.levels import Level
from app.matching.normalize import CONFUSABLES, LEET, LEET_CHARS, Line, Token, is_fullwidth, squeeze
from app.matching.vocabulary import Vocabulary
from app.matching.words import Typo, WordReader

_SUSPENDED_HYPHEN = re.compile(r"-\s+")
_cstart = attrgetter("cstart")
_cend = attrgetter("cend")
_text = attrgetter("text")
_piece = attrgetter("piece")
_leet = attrgetter("leet")
# An alias other than the name, read as recorded: its kind is how the line writes the mark.
_KIND_TYPES = {kind: MatchType(kind) for kind in ("alias", "model", "translation", "abbreviation")}


@dataclass(slots=True)
class Candidate:
    entry: AliasEntry
    first: int  # token index
    last: int  # token index, exclusive
    cstart: int  # compact span
    cend: int
    match_type: MatchType
    similarity: int
    detail: str
    weak: bool = False  # a reading that needs context even for a distinctive alias


class CandidateReader:
    def __init__(self, index: MarkIndex, vocab: Vocabulary, words: WordReader) -> None:
        self._index = index
        self._dictionary = vocab.dictionary
        self._category_cues = vocab.category_cues
        self._words = words

    def read(self, line: Line, exact: list[Found], typo_words: list[str]) -> list[Candidate]:
        tokens = line.tokens
        cstarts = [*map(_cstart, tokens)]
        starts = dict(zip(cstarts, count()))
        ends = dict(zip(map(_cend, tokens), count()))
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
            typos = self._words.typos
            for i, token in enumerate(tokens):
                if token.text in wanted:
                    out.extend(self._typo_candidates(line, i, typos[token.text]))
        return out

    def _aligned(
        self, line: Line, entry: AliasEntry, first: int, last: int, cstart: int, cend: int
    ) -> Candidate | None:
        toks = line.tokens[first:last]
        pieces = (*map(_piece, toks),)
        weak = False
        if pieces != entry.words and not entry.cjk:
            if entry.level == Level.SHORT or entry.key.isdigit():
                return None  # short marks and numbers match whole tokens only ("9, 93" is no 993)
            weak = not self._spacing_is_deliberate(line, toks)
        match_type, detail = self._classify(line, toks, entry, pieces)
        if match_type == MatchType.TYPO and (entry.level != Level.DISTINCTIVE or len(entry.key) < 5):
            return None  # an l/i swap is a typo: same limits as any typo
        sim = similarity(_plain(toks), entry.folded) if match_type == MatchType.TYPO else 100
        return Candidate(entry, first, last, cstart, cend, match_type, sim, detail, weak)

    def _spacing_is_deliberate(self, line: Line, toks: tuple[Token, ...]) -> bool:
        """ "R O L E X", "G.U.C.C.I", "Lou-is", "Oak ley": not two ordinary words that happen to meet,
        nor joined by hyphens as compounds are ("on-the-go"), nor a suspended hyphen of plain prose
        ("mono-, di- or tri-")."""
        seps = [line.folded[a.end : b.start] for a, b in zip(toks, toks[1:], strict=False)]
        if any(map(_SUSPENDED_HYPHEN.fullmatch, seps)):
            return False
        if all(len(t.text) == 1 for t in toks):
            return True
        ordinary = all(t.text in self._dictionary for t in toks)
        compound = all(t.text in self._dictionary or (len(t.text) == 1 and t.text.isalpha()) for t in toks)
        if compound and all(s == "-" for s in seps):
            return False  # "on-the-go", "X-box", "e-book": how compound words are written
        return any(s.strip() for s in seps) or not ordinary

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
        dictionary = self._dictionary
        goods_fit = False
        for tok, rest in ((head, head.text[: cstart - head.cstart]), (tail, tail.text[cend - tail.cstart :])):
            if not rest:
                continue
            if not tok.text.isalpha() or self._words.is_word(tok.text):
                return None  # "Mandeville" is a name of its own, not "man" glued to De Ville
            if len(rest) < 3 or rest not in dictionary:
                return None
            if named and not self._index.brand_categories[entry.brand].isdisjoint(
                self._category_cues.get(rest, ())
            ):
                goods_fit = True
        if named:
            if not goods_fit:
                return None
            entry = entry._replace(level=Level.DISTINCTIVE)
        return Candidate(entry, first, last + 1, cstart, cend, MatchType.GLUED, 100, "")

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

    def anchored(self, line: Line) -> Iterable[Candidate]:
        """Many-word aliases with one distinctive word as recorded and a typo in the others."""
        tokens = line.tokens
        pieces = [t.piece for t in tokens]
        ends = [*accumulate(map(len, pieces), initial=0)]
        size = len(tokens)
        anchors = self._index.anchors
        for at, token in enumerate(tokens):
            for entry_id, position, words, key in anchors.get(token.text, ()):
                first = at - position
                last = first + len(words)
                if first < 0 or last > size:
                    continue
                limit = max_edits(len(key))
                if abs(ends[last] - ends[first] - len(key)) > limit:
                    continue  # too long or too short to be within its edits
                written = "".join(pieces[first:last])
                distance = OSA.distance(written, key, score_cutoff=limit)
                if not 0 < distance <= limit:
                    continue  # as recorded (the exact pass reads it), or too far
                near = [*zip(pieces[first:last], words, strict=True)]
                if any(OSA.distance(p, w, score_cutoff=2) > 1 for p, w in near):
                    continue
                if any(p != w and min(len(p), len(w)) <= 2 for p, w in near):
                    continue  # "Moto G" is no typo of "Moto E": a model's letter names another model
                if _digits(written) != _digits(key):
                    continue  # "iPhone 26" is no typo of "iPhone 16": numbers name other things
                kind = MatchType.DOUBLED if squeeze(written) == squeeze(key) else MatchType.TYPO
                sim = similarity(written, key)
                entry = self._index.entries[entry_id]
                cstart, cend = tokens[first].cstart, tokens[last - 1].cend
                yield Candidate(entry, first, last, cstart, cend, kind, sim, str(distance))

    def _classify(
        self, line: Line, toks: tuple[Token, ...], entry: AliasEntry, pieces: tuple[str, ...]
    ) -> tuple[MatchType, str]:
        surface = line.surface(toks[0].start, toks[-1].end)
        if not surface.isascii():
            if any(is_fullwidth(c) for c in surface):
                return MatchType.FULLWIDTH, ""
            swapped = [
                f"{c}→{CONFUSABLES[c]}"
                for c in dict.fromkeys(surface)
                if not c.isascii() and c in CONFUSABLES
            ]
            if swapped and not entry.cjk:
                return MatchType.HOMOGLYPH, ", ".join(swapped)
        if any(map(_leet, toks)) and _plain(toks) != entry.folded:  # "HERO11" as recorded is no leetspeak
            leet = [
                f"{c}→{c.translate(LEET)}"
                for t in toks
                if t.leet
                for c in dict.fromkeys(t.text)
                if c in LEET_CHARS
            ]
            return MatchType.LEET, ", ".join(leet)
        if pieces != entry.words and not entry.cjk:
            return MatchType.SPACING, ""
        if (written := _plain(toks)) != entry.folded and not entry.cjk:
            if len(written) == len(entry.folded) and not any(map(self._words.is_word, map(_text, toks))):
                # "Nlke": l written for i (or i for l), a look-alike letter, not a slip
                swaps = {f"{a}→{b}" for a, b in zip(written, entry.folded, strict=True) if a != b}
                return MatchType.HOMOGLYPH, ", ".join(sorted(swaps))
            return MatchType.TYPO, "1"
        if entry.kind == "name":
            return (MatchType.EXACT if surface == entry.text else MatchType.CASE), ""
        return _KIND_TYPES[entry.kind], ""


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _plain(toks: Iterable[Token]) -> str:
    return "".join(map(_text, toks))
