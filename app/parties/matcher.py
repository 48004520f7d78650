"""Matching a party against the loaded party lists: identifiers first, then company names.

An identifier (USCC, EORI, LEI ...) given with the party and recorded on an entry in the same
scheme decides alone: equal values match whatever the names say, and different values rule the
entry out, however alike the names. Names are compared on their distinctive words first
(app/parties/names.py): the score is 75 % how alike those are (word order ignored, words run
together or split alike; two Chinese names compare their characters) and 25 % how alike the trade
words and the place words are (the lower of the two), less a penalty when both sides name
different countries. Candidates come from an inverted index of the distinctive
words and their prefixes, so a screening reads a few dozen names, not the whole list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from app.gc_pause import collector_paused
from app.parties.names import CompanyName, NameReader, default_reader
from app.parties.records import PartyEntry, PartyListFile, catalog_version

DISTINCTIVE_WEIGHT = 0.75
# The trade words' similarity when only one name says its trade ('Moumou' and 'Moumou Trading').
ONE_SIDED_TRADE = 85.0
# Candidates are gathered from the query's rarest keys first, until this many names are found
# (the rarest key is always read whole); the likeliest of them are scored in full.
MAX_POSTINGS_READ = 2_000
MAX_CANDIDATES = 32


@dataclass(frozen=True, slots=True)
class PartyMatch:
    entry: PartyEntry
    matched_name: str  # the entry's name, alias or Chinese name that matched
    score: int  # 0-100
    match_type: Literal["identifier", "name"]
    identifiers: tuple[tuple[str, str], ...]  # the (scheme, value) pairs both sides carry
    parts: dict[str, Any]  # which parts of the names matched, and how well


@dataclass(frozen=True, slots=True)
class NameQuery:
    name: str | None
    country: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()


def name_similarity(query: CompanyName, entry: CompanyName, threshold: int = 0) -> tuple[int, int, int]:
    """(score, distinctive, generic) similarity, each 0-100; (0, 0, 0) when a score at `threshold`
    or above is out of reach (the distinctive words too unlike for the rest to make up)."""
    if query.distinctive and entry.distinctive:
        cutoff = max(0.0, (threshold - 100 * (1 - DISTINCTIVE_WEIGHT)) / DISTINCTIVE_WEIGHT - 0.5)
        if query.hanzi and entry.hanzi:
            # Both written in Chinese: the characters decide (永盛 and 永胜 are both 'yongsheng').
            distinctive = fuzz.ratio(query.hanzi, entry.hanzi, score_cutoff=cutoff)
        else:
            distinctive = max(
                fuzz.token_sort_ratio(query.spaced, entry.spaced, score_cutoff=cutoff),
                fuzz.ratio(query.key, entry.key, score_cutoff=cutoff),
            )
        if not distinctive:
            return 0, 0, 0
        generic = min(
            _words_alike(query.trade, entry.trade, ONE_SIDED_TRADE),
            _words_alike(query.places, entry.places, 100),
        )
        score = DISTINCTIVE_WEIGHT * distinctive + (1 - DISTINCTIVE_WEIGHT) * generic
        return round(score), round(distinctive), round(generic)
    generic_words = (*query.trade, *query.places), (*entry.trade, *entry.places)
    if not query.distinctive and not entry.distinctive and all(generic_words):
        # Names made only of trade and place words ('China Trading Co.'): all of it must agree.
        generic = fuzz.token_sort_ratio(
            " ".join(sorted(generic_words[0])), " ".join(sorted(generic_words[1]))
        )
        return round(generic), 0, round(generic)
    return 0, 0, 0


def _words_alike(left: tuple[str, ...], right: tuple[str, ...], one_sided: float) -> float:
    """How alike two sets of trade (or place) words are; one side naming none is `one_sided`."""
    if left and right:
        return fuzz.token_set_ratio(" ".join(left), " ".join(right))
    return 100.0 if not left and not right else one_sided


def _keys(name: CompanyName) -> set[str]:
    keys = set()
    for token in name.distinctive:
        if len(token) >= 2:
            keys.add(token)
        if len(token) >= 5:
            keys.add("p:" + token[:4])
    if len(name.key) >= 4:
        keys.add("k:" + name.key[:6])
    if not name.distinctive and (name.trade or name.places):
        keys.add("g:" + " ".join(sorted((*name.trade, *name.places))))
    return keys


@dataclass(frozen=True)
class PartyIndex:
    """The loaded party lists, indexed for matching."""

    files: tuple[PartyListFile, ...] = ()
    reader: NameReader = field(default_factory=default_reader)
    _entries: list[PartyEntry] = field(init=False, repr=False, compare=False)
    _names: list[tuple[int, str, CompanyName]] = field(init=False, repr=False, compare=False)
    _postings: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    _by_identifier: dict[tuple[str, str], list[int]] = field(init=False, repr=False, compare=False)
    _by_key: dict[tuple[str, str], PartyEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        with collector_paused():
            self._build()

    def _build(self) -> None:
        entries = [entry for f in self.files for entry in f.entries]
        names: list[tuple[int, str, CompanyName]] = []
        postings: dict[str, list[int]] = {}
        by_identifier: dict[tuple[str, str], list[int]] = {}
        read = self.reader.read
        for i, entry in enumerate(entries):
            for text in entry.all_names:
                form = read(text, legal_forms=False)  # read again, whole, for a match's evidence
                n = len(names)
                names.append((i, text, form))
                for key in _keys(form):
                    postings.setdefault(key, []).append(n)
            for pair in entry.identifiers:
                by_identifier.setdefault(pair, []).append(i)
        object.__setattr__(self, "_entries", entries)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_postings", postings)
        object.__setattr__(self, "_by_identifier", by_identifier)
        object.__setattr__(self, "_by_key", {(e.list_id, e.id): e for e in entries})

    @property
    def version(self) -> str:
        return catalog_version(self.files)

    def entry(self, list_id: str, entry_id: str) -> PartyEntry | None:
        return self._by_key.get((list_id, entry_id))

    @property
    def entry_count(self) -> int:
        return len(self._entries)

    def match(
        self,
        query: NameQuery,
        *,
        threshold: int,
        on: dt.date | None = None,
        country_penalty: int = 0,
        limit: int = 5,
    ) -> list[PartyMatch]:
        """The entries the party matches at `threshold` or above, best first; on a date if given."""
        found: dict[int, PartyMatch] = {}
        given_schemes = {scheme for scheme, _ in query.identifiers}
        for pair in query.identifiers:
            for i in self._by_identifier.get(pair, ()):
                entry = self._entries[i]
                if on is None or entry.listed(on):
                    shared = tuple(p for p in query.identifiers if p in entry.identifiers)
                    found[i] = PartyMatch(entry, entry.name, 100, "identifier", shared, {"identifier": True})
        if query.name:
            form = self.reader.read(query.name)
            for n in self._candidates(form, threshold):
                i, text, entry_form = self._names[n]
                entry = self._entries[i]
                if i in found and found[i].match_type == "identifier":
                    continue
                if on is not None and not entry.listed(on):
                    continue
                if any(scheme in given_schemes for scheme, _ in entry.identifiers):
                    continue  # the same kind of identifier on both sides, and they differ: another company
                score, distinctive, generic = name_similarity(form, entry_form, threshold)
                country = _country(query.country, entry.country)
                if country == "different":
                    score -= country_penalty
                if score < threshold or (i in found and found[i].score >= score):
                    continue
                parts = _parts(form, self.reader.read(text), distinctive, generic, country)
                found[i] = PartyMatch(entry, text, max(0, score), "name", (), parts)
        ranked = sorted(found.values(), key=lambda m: (-m.score, m.entry.list_id, m.entry.id))
        return ranked[:limit]

    def _candidates(self, form: CompanyName, threshold: int) -> Iterable[int]:
        """Names sharing a key with the query, the likeliest first by their distinctive words."""
        postings = sorted((self._postings[k] for k in _keys(form) if k in self._postings), key=len)
        found: set[int] = set()
        for posting in postings:
            if found and len(found) + len(posting) > MAX_POSTINGS_READ:
                break
            found.update(posting)
        ids = list(found)
        if len(ids) <= MAX_CANDIDATES or not form.distinctive:
            return ids[:MAX_CANDIDATES] if not form.distinctive else ids
        # Many names share the key ('dedor' of a thousand 'Dedor ...' companies): rank them all
        # by their distinctive words in one pass of rapidfuzz, and score the best in full.
        cutoff = max(0.0, (threshold - 100 * (1 - DISTINCTIVE_WEIGHT)) / DISTINCTIVE_WEIGHT - 10)
        names = self._names
        picked = process.extract(
            form.spaced,
            [names[n][2].spaced for n in ids],
            scorer=fuzz.token_sort_ratio,
            limit=MAX_CANDIDATES,
            score_cutoff=cutoff,
        )
        return [ids[i] for _, _, i in picked]


def _country(query: str | None, entry: str | None) -> str:
    if not query or not entry:
        return "unknown"
    return "same" if query == entry else "different"


def _parts(
    query: CompanyName, entry: CompanyName, distinctive: int, generic: int, country: str
) -> dict[str, Any]:
    return {
        "distinctive": {
            "party": list(query.distinctive),
            "entry": list(entry.distinctive),
            "similarity": distinctive,
        },
        "generic": {
            "party": [*query.trade, *query.places],
            "entry": [*entry.trade, *entry.places],
            "similarity": generic,
        },
        "legal_forms": {"party": list(query.legal_forms), "entry": list(entry.legal_forms)},
        "country": country,
    }


def build_index(files: Sequence[PartyListFile], reader: NameReader | None = None) -> PartyIndex:
    return PartyIndex(tuple(files), reader or default_reader())
