"""Stage 1 of reading a line: its words, each read once against the mark words, then remembered.

A word may be near a mark word (a typo or a doubled letter), have a short mark glued on
("zippolighter"), or be leetspeak ("r0lex": its line is then parsed token by token). Dictionary
words and place and given names have nothing to read: they are never a misspelt or glued mark
("made in Bulgaria" is no Bvlgari, "Malta" no Makita), nor is a word written often in everyday
text (data/frequent_words.txt: "Moda" is no Omoda, "ebook" no HP). A gate on which words may be read as a
disguise belongs here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import filterfalse

from app.matching.hits import MatchType
from app.matching.index import SHORT_KEY, MarkIndex, WordRef
from app.matching.normalize import is_leet_token, squeeze
from app.matching.vocabulary import Vocabulary
from app.text import SKELETON

_CACHE_LIMIT = 200_000  # unknown words remembered between lines


@dataclass(frozen=True, slots=True)
class Typo:
    ref: WordRef
    match_type: MatchType  # TYPO or DOUBLED
    distance: int


@dataclass(frozen=True, slots=True)
class WordNotes:
    """What the words of one line (or one batch) hold: the words near a mark word, the words a
    short mark is glued to, and whether a word is leetspeak."""

    typos: list[str]
    glued: list[str]
    leet: bool


_NOTHING = WordNotes([], [], False)


class WordReader:
    def __init__(self, index: MarkIndex, vocab: Vocabulary) -> None:
        self._index = index
        self._dictionary = vocab.dictionary
        self._ordinary = vocab.dictionary | vocab.proper_nouns
        # read on first sight, not copied in: the set every batch is compared with stays small
        self._frequent = vocab.frequent
        self._known: set[str] = set(self._ordinary)  # words with nothing to read
        self.typos: dict[str, tuple[Typo, ...]] = {}  # words near some mark word
        self.glues: dict[str, tuple[tuple[int, int], ...]] = {}  # words with a short mark glued on
        self.leet: set[str] = set()  # leetspeak words: their line is parsed token by token
        self._cache_limit = len(self._known) + _CACHE_LIMIT

    def is_word(self, word: str) -> bool:
        """A dictionary word, place or given name, or a word written often: never a disguised mark."""
        return word in self._ordinary or word in self._frequent

    def notes(self, tokens: Iterable[str]) -> WordNotes:
        """What the words hold (see WordNotes). Each word is read once, then remembered."""
        # numbers carry no typo, glue or leetspeak (and are not remembered: lot numbers are many)
        words = tokens if isinstance(tokens, set) else set(tokens)  # a batch passes its set
        unknown = [*filterfalse(str.isdigit, words.difference(self._known))]
        if not unknown:
            return _NOTHING
        typo_words: list[str] = []
        glue_words: list[str] = []
        leet = False
        for word in unknown:
            if word in self.leet:
                leet = True
                continue
            typos = self.typos.get(word)
            glues = self.glues.get(word)
            if typos is None and glues is None:
                if len(self._known) + len(self.typos) + len(self.glues) > self._cache_limit:
                    self._forget()
                typos, glues = self._read_word(word)
                if word in self.leet:
                    leet = True
                    continue
            if typos:
                typo_words.append(word)
            if glues:
                glue_words.append(word)
        return WordNotes(typo_words, glue_words, leet)

    def _read_word(self, word: str) -> tuple[tuple[Typo, ...], tuple[tuple[int, int], ...]]:
        """A word first seen: its typo readings and glued short marks, remembered."""
        if word in self._frequent:
            self._known.add(word)
            return (), ()
        if not word.isalpha():
            if not word.isdigit() and word.isascii() and is_leet_token(word):
                self.leet.add(word)
            else:
                self._known.add(word)
            return (), ()
        typos = self._probe(word) if len(word) >= 4 and word.isascii() else ()
        glues = self._glued_short(word) if word.isascii() else ()
        if typos:
            self.typos[word] = typos
        if glues:
            self.glues[word] = glues
        if not typos and not glues:
            self._known.add(word)
        return typos, glues

    def _glued_short(self, word: str) -> tuple[tuple[int, int], ...]:
        """Spans of short keys glued to a dictionary word of 3+ letters ("zippoiighter": zippo)."""
        short, dictionary = self._index.short_keys, self._dictionary
        sk = word.translate(SKELETON)
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
        self.typos.clear()
        self.glues.clear()
        self.leet.clear()

    def _probe(self, word: str) -> tuple[Typo, ...]:
        """Mark words nearest to an unknown word: a doubled letter, else the fewest edits."""
        index = self._index
        sk = word.translate(SKELETON)
        if sk in index.word_ids:
            return ()  # the word is itself a mark word: the exact pass reads it
        refs = index.word_refs
        squeezed = squeeze(sk)
        doubled = tuple(
            Typo(ref, MatchType.DOUBLED, 1)
            for word in (squeezed, *index.squeezed.get(squeezed, ()))
            if word != sk
            for ref in refs.get(word, ())
        )
        if doubled:
            return doubled
        words = index.fuzzy.words
        return tuple(
            Typo(ref, MatchType.TYPO, distance)
            for word_id, distance in index.fuzzy.nearest(sk)
            for ref in refs[words[word_id]]
        )
