"""The search structures built once from the brand records: every alias, its level, its keys.

Each alias of each brand becomes an `AliasEntry` keyed by its compact skeleton (see normalize.py).
Keys longer than `SHORT_KEY` characters, and Chinese keys, go into one Aho-Corasick automaton
searched over a line's compact form: at that length a key rarely occurs inside ordinary words by
chance. With tens of thousands of marks, shorter Latin keys ("zara", "rolex") occur inside almost
every line's compact form ("leatherstrap" holds "ther", "hers", "erst"...), and each occurrence
would need a boundary test; so they sit in a table looked up by whole tokens, by runs of short
tokens ("R O L E X", "Za ra") and by the split of one non-dictionary word ("zippolighter").
A deletion index over the distinctive alias words, and the words of names that are ordinary
words, finds typos; a squeezed-word table finds doubled letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from typing import NamedTuple, overload

import ahocorasick_rs

from app.gc_pause import collector_paused
from app.matching.fuzzy import DeletionIndex, max_edits
from app.matching.levels import Level, alias_level
from app.matching.normalize import TOKEN_RE, fold, is_leet_token, skeleton, squeeze, token_piece
from app.matching.records import MarkRecord
from app.matching.vocabulary import Vocabulary, vocabulary
from app.text import SKELETON, is_cjk

SHORT_KEY = 5  # Latin keys this long or shorter are looked up by token, not searched in the text

# Preference when one brand records the same key twice.
KIND_ORDER = {"name": 0, "alias": 1, "model": 2, "translation": 3, "abbreviation": 4}
HEAD_MIN = 4  # letters of a name's first word read alone ("Dr", "Li", "Jo" are too short)


class AliasEntry(NamedTuple):
    """One way a brand is written. A tuple: 180,000 of them for 50,000 marks are cheap to build,
    and the one-word aliases (most of them) share one string for key, words and folded text."""

    brand: int  # index into MarkIndex.brands
    text: str  # as recorded
    kind: str  # name, alias, model, translation, abbreviation
    key: str  # compact skeleton
    words: tuple[str, ...]  # skeleton words
    folded: str  # folded words joined, before the l/i skeleton (tells "exact" from "typo")
    plain_words: tuple[str, ...]  # folded words, for dictionary look-ups
    level: int  # a Level; kept as its plain int value (see Entries)
    cjk: bool


_new_entry = partial(tuple.__new__, AliasEntry)  # an AliasEntry from a tuple of its fields, in C


class Entries(Sequence[AliasEntry]):
    """The alias entries kept as plain tuples, each handed out as an `AliasEntry` when asked for.
    The garbage collector stops tracking a plain tuple of strings and numbers after one look,
    where it walks every named tuple again at every full collection (180,000 of them for
    50,000 marks, a full collection being what a server pays now and then while it runs). The
    level is kept as a plain int for that: an enum member would keep its tuple tracked."""

    def __init__(self, entries: Iterable[AliasEntry]) -> None:
        self._rows = tuple((*e[:7], int(e.level), e.cjk) for e in entries)

    @overload
    def __getitem__(self, index: int) -> AliasEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[AliasEntry]: ...
    def __getitem__(self, index: int | slice) -> AliasEntry | Sequence[AliasEntry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        return _new_entry(self._rows[index])

    def __len__(self) -> int:
        return len(self._rows)


# What a key gives (key length, entry ids), and a key found in a text: (end offset, what it gives).
KeyValue = tuple[int, tuple[int, ...]]
Found = tuple[int, KeyValue]


def found_order(found: Found) -> tuple[int, int]:
    """Keys found, in the order they are read: by end offset, longest first."""
    return found[0], -found[1][0]


# The kinds of alias that name the brand itself, not one of its models.
NAME_KINDS = frozenset({"name", "alias", "translation", "abbreviation"})

WHOLE = -1  # a WordRef position: the whole alias as one word

# (entry id, which word of the entry or WHOLE). A plain tuple of ints: the collector stops
# tracking those after one look, where a named tuple would be walked at every full collection.
WordRef = tuple[int, int]
# A distinctive word of a many-word alias: (entry id, the word's position, the entry's words, key).
Anchor = tuple[int, int, tuple[str, ...], str]


def _aliases(record: MarkRecord) -> Iterable[tuple[str, str, bool]]:
    """(text, kind, needs context) for every way the record writes the mark."""
    context_only = {
        fold(a)
        for field in ("context_models", "context_chinese_names", "context_aliases")
        for a in getattr(record, field, None) or ()
    }
    yield record.name, "name", record.common_word
    for kind, field in (
        ("alias", "aliases"),
        ("model", "models"),
        ("translation", "chinese_names"),
        ("abbreviation", "abbreviations"),
        ("model", "context_models"),
        ("translation", "context_chinese_names"),
        ("alias", "context_aliases"),
    ):
        for text in getattr(record, field, None) or ():
            yield text, kind, fold(text) in context_only


_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")


def _entry(
    brand: int, text: str, kind: str, needs_context: bool, categories: frozenset[str], vocab: Vocabulary
) -> AliasEntry | None:
    folded = fold(text)
    if folded.isascii() and "$" not in folded and "@" not in folded:
        # the common case: the words are their own pieces but for the l/i skeleton
        plain_words = tuple(_ASCII_WORD_RE.findall(folded))
        if "l" in folded:
            words = tuple(w.translate(SKELETON) for w in plain_words)
        else:
            words = plain_words
        if not folded.isalpha() and any(not w.isalpha() and is_leet_token(w) for w in plain_words):
            words = tuple(p for w in plain_words if (p := token_piece(w)[0]))
    else:
        plain_words = tuple(TOKEN_RE.findall(folded))
        words = tuple(p for w in plain_words if (p := token_piece(w)[0]))
    if not words:
        return None
    if kind != "name" and all(w in vocab.category_cues and w in vocab.dictionary for w in plain_words):
        return None  # a goods noun ("capsules", "polo") names the goods; "iPhone" is no dictionary word
    key = words[0] if len(words) == 1 else "".join(words)
    joined = plain_words[0] if len(plain_words) == 1 else "".join(plain_words)
    cjk = not key.isascii() and is_cjk(key)
    capitals = text.isupper()  # "HP", "CC", "3M": an initialism, not a word
    level = alias_level(kind, plain_words, key, cjk, needs_context, categories, vocab, capitals)
    return AliasEntry(brand, text, kind, key, words, joined, plain_words, level, cjk)


def _reading_order(entry: AliasEntry) -> tuple[bool, int, int]:
    """Which of a brand's entries with one key is read: the brand's own name or abbreviation (a
    dotted alias "M.A.C" is the abbreviation "MAC" written otherwise, not a stricter reading of
    it), else the most cautious reading, then the most specific kind."""
    return (entry.kind in ("name", "abbreviation"), entry.level, -KIND_ORDER[entry.kind])


def _goods_classes(record: MarkRecord, vocab: Vocabulary) -> frozenset[int]:
    own = {int(n) for n in getattr(record, "nice_classes", None) or ()}
    return frozenset(own.union(*(vocab.category_classes.get(c, ()) for c in record.categories)))


class MarkIndex:
    def __init__(self, brands: Sequence[MarkRecord]) -> None:
        with collector_paused():
            self._build(brands, vocabulary())

    def _build(self, brands: Sequence[MarkRecord], vocab: Vocabulary) -> None:
        self.brands = tuple(brands)
        shared: dict[frozenset[str], frozenset[str]] = {}  # one set for brands of the same goods
        self.brand_categories = tuple(
            shared.setdefault(frozenset(b.categories), frozenset(b.categories)) for b in self.brands
        )
        # the Nice classes of each brand's goods: its own, and those of its categories' goods
        by_classes: dict[frozenset[int], frozenset[int]] = {}
        self.brand_classes = tuple(
            by_classes.setdefault(classes, classes)
            for classes in (_goods_classes(b, vocab) for b in self.brands)
        )
        self.non_mark = tuple(tuple(k for p in b.non_mark_phrases if (k := skeleton(p))) for b in self.brands)
        chosen: dict[tuple[int, str], AliasEntry] = {}
        for brand_id, record in enumerate(self.brands):
            categories = self.brand_categories[brand_id]
            for text, kind, needs_context in _aliases(record):
                entry = _entry(brand_id, text, kind, needs_context, categories, vocab)
                if entry is None:
                    continue
                old = chosen.get((brand_id, entry.key))
                if old is None or _reading_order(entry) > _reading_order(old):
                    chosen[(brand_id, entry.key)] = entry
        self.entries: Sequence[AliasEntry] = (*chosen.values(), *self._heads(chosen, vocab))
        self._automaton, self._long_values, self.short_keys = self._keys()
        self.word_ids = frozenset(w for e in self.entries for w in e.words)  # every mark word
        self.fuzzy, self.word_refs, self.squeezed = self._fuzzy_words(vocab)
        self.anchors = self._anchors(vocab)
        self.entry_keys = [e.key for e in self.entries]  # by entry id, for the brand search
        self.entries = Entries(self.entries)

    def _heads(self, chosen: dict[tuple[int, str], AliasEntry], vocab: Vocabulary) -> list[AliasEntry]:
        """The first word of each many-word name, read alone at Level.HEAD ("Audemars royal oak",
        "Jaeger reverso"), where it is distinctive: alphabetic, HEAD_MIN letters or more, neither a
        dictionary word ("Stone" Island), nor a place or given name ("Canada" Goose, "Michael" Kors,
        "Giorgio" Armani: an everyday word of another language), nor a goods or descriptive word;
        not a key of any brand already; the head of one name only."""
        taken = {key for _, key in chosen}
        heads: dict[str, list[AliasEntry]] = {}
        for (brand_id, _), entry in chosen.items():
            if entry.kind != "name" or entry.cjk or len(entry.plain_words) < 2:
                continue
            word = entry.plain_words[0]
            head = entry.words[0]
            if len(word) < HEAD_MIN or not word.isalpha() or head in taken:
                continue
            ordinary = (vocab.dictionary, vocab.proper_nouns, vocab.descriptive, vocab.everyday)
            if any(word in words for words in ordinary):
                continue
            if word in vocab.category_cues:
                continue
            text = entry.text.split()[0].split("-")[0]
            heads.setdefault(head, []).append(
                AliasEntry(brand_id, text, "alias", head, (head,), word, (word,), Level.HEAD, False)
            )
        return [found[0] for found in heads.values() if len(found) == 1]

    def _keys(self) -> tuple[ahocorasick_rs.AhoCorasick, tuple[KeyValue, ...], dict[str, KeyValue]]:
        """The automaton of long and Chinese keys with what each gives, and the table of short
        Latin keys; both give (key length, entry ids), as the matcher reports a key found. The
        contiguous NFA builds as fast as a trie and searches about three times faster than
        pyahocorasick here; a DFA would search little faster at 35 times the memory."""
        by_key: dict[str, list[int]] = {}
        for entry_id, entry in enumerate(self.entries):
            by_key.setdefault(entry.key, []).append(entry_id)
        long_keys: list[str] = []
        values: list[KeyValue] = []
        short: dict[str, KeyValue] = {}
        for key, ids in by_key.items():
            value = (len(key), tuple(ids))
            if len(key) <= SHORT_KEY and not self.entries[ids[0]].cjk:
                short[key] = value
            else:
                long_keys.append(key)
                values.append(value)
        automaton = ahocorasick_rs.AhoCorasick(
            long_keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )
        return automaton, tuple(values), short

    def long_keys(self, text: str) -> list[Found]:
        """Every long or Chinese key in a compact text, overlaps included, by end offset and
        longest first."""
        values = self._long_values
        found = [
            (end - 1, values[key])
            for key, _, end in self._automaton.find_matches_as_indexes(text, overlapping=True)
        ]
        if len(found) > 1:
            found.sort(key=found_order)
        return found

    def _anchors(self, vocab: Vocabulary) -> dict[str, tuple[Anchor, ...]]:
        """Distinctive words of many-word aliases, by folded text: with one of them written as
        recorded, the rest of the alias may carry the typo ("Kathaus Cllection", "Lurtyi Prc").
        Each gives (entry id, its position, the entry's words, its key): a word that many names
        share ("Milano") is compared with all of them without fetching their entries."""
        anchors: dict[str, list[Anchor]] = {}
        for entry_id, entry in enumerate(self.entries):
            if entry.level != Level.DISTINCTIVE or entry.cjk or len(entry.plain_words) < 2:
                continue
            if len(entry.plain_words) != len(entry.words) or max_edits(len(entry.key)) == 0:
                continue
            for position, word in enumerate(entry.plain_words):
                if len(word) >= 4 and word.isalpha() and word not in vocab.dictionary:
                    anchors.setdefault(word, []).append((entry_id, position, entry.words, entry.key))
        return {k: tuple(v) for k, v in anchors.items()}

    def _fuzzy_words(
        self, vocab: Vocabulary
    ) -> tuple[DeletionIndex, dict[str, tuple[WordRef, ...]], dict[str, tuple[str, ...]]]:
        """Alias words that may be misspelt (alphabetic, 4+ letters) and where they stand: the
        distinctive ones that are no dictionary words, and the words of a brand name that is an
        ordinary word ("Converse", "Omega", "Swatch"), whose misspellings ("Conevrse") then need
        the context the name itself needs; the deletion index over those of 5+ letters (shorter
        words get no typo allowance); the words with a doubled letter by their squeezed form (a
        word without one is its own squeezed form)."""
        refs: dict[str, list[WordRef]] = {}
        dictionary = vocab.dictionary
        distinctive, ordinary = Level.DISTINCTIVE, Level.WORD
        for entry_id, entry in enumerate(self.entries):
            words = entry.words
            if entry.cjk or len(words) != len(entry.plain_words):
                continue
            named = entry.level == ordinary and entry.kind == "name"
            if entry.level != distinctive and not named:
                continue
            for position, (word, plain) in enumerate(zip(words, entry.plain_words, strict=True)):
                if len(word) < 4 or not word.isalpha() or not word.isascii():
                    continue
                if named or plain not in dictionary:
                    refs.setdefault(word, []).append((entry_id, position))
            key = entry.key
            # the whole alias written as one word: "XeijirHirsox"
            if len(words) > 1 and key.isalpha() and key.isascii() and entry.folded not in dictionary:
                refs.setdefault(key, []).append((entry_id, WHOLE))
        runs: dict[str, list[str]] = {}
        for word in refs:
            if (squeezed := squeeze(word)) != word:
                runs.setdefault(squeezed, []).append(word)
        return (
            DeletionIndex([w for w in refs if max_edits(len(w))]),
            {k: tuple(v) for k, v in refs.items()},
            {k: tuple(v) for k, v in runs.items()},
        )
