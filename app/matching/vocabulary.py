"""The word lists the matcher reads (see data/SOURCES.md): loaded once, shared by every index."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

# Found through the package, not `__file__`: compiled by mypyc (setup.py), this module's `__file__`
# names a path inside the package that does not exist.
DATA_DIR = Path(str(files("app.matching") / "data"))
# Every file the vocabulary reads, in the order its version hashes them.
FILES = (
    "english_words.txt",
    "goods_words.txt",
    "hs_words.txt",
    "descriptive_words.txt",
    "zh_common_words.txt",
    "proper_nouns.txt",
    "frequent_words.txt",
    "everyday_words.txt",
    "context_cues.yaml",
    "nice_goods.yaml",
)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class ReplicaPhrase:
    words: tuple[str, ...]  # folded tokens, e.g. ("mirror", "quality"); ("1", "1") for "1:1"
    text: str  # as reported
    scope: str  # line, near or after


@dataclass(frozen=True)
class FittingWording:
    """How a line names a mark as what its goods fit (compatibility.py)."""

    before: tuple[tuple[tuple[str, ...], str], ...]  # (folded words, as reported), longest first
    after: frozenset[str]
    fillers: frozenset[str]
    goods: frozenset[str]  # goods made to fit other goods, the accessory nouns among them
    words: frozenset[str]  # every word of the above: a line with none of them fits nothing


@dataclass(frozen=True)
class Vocabulary:
    dictionary: frozenset[str]  # English and trade words: never fuzzed, never split as glue
    descriptive: frozenset[str]  # words that describe goods (materials, sizes, colours...): no mark alone
    zh_common: frozenset[str]  # Chinese mark names that are everyday words
    proper_nouns: frozenset[str]  # place and given names ("canada", "michael"): ordinary, not a mark's own
    frequent: frozenset[str]  # other words written often (wordfreq): never a misspelt or glued mark
    everyday: frozenset[str]  # words written very often ("office", "classique"): no model alone
    mark_cues: frozenset[str]
    negations: frozenset[str]
    cue_window: int
    unbranded: tuple[tuple[str, ...], ...]  # phrases saying the goods carry no mark
    replica_phrases: tuple[ReplicaPhrase, ...]
    replica_starts: frozenset[str]  # the first word of every replica phrase: a quick "none here"
    category_cues: dict[str, frozenset[str]]  # word -> category ids it points to
    name_goods_cues: dict[str, frozenset[str]]  # word -> category ids, beside a full many-word name only
    accessory_nouns: frozenset[str]  # goods made for other goods: "cable", "case", "strap"
    fitting: FittingWording  # "for", "compatible with", "car mat": a mark named as what goods fit
    goods_classes: dict[str, frozenset[int]]  # goods word or two-word phrase -> its Nice classes
    category_classes: dict[str, frozenset[int]]  # contract category id -> the Nice classes of its goods
    # sha256 of the files read: the matcher's answers move with it (part of the engine version)
    version: str


@cache
def vocabulary() -> Vocabulary:
    return load_vocabulary(DATA_DIR)


def load_vocabulary(directory: Path) -> Vocabulary:
    texts = {name: (directory / name).read_text("utf-8") for name in FILES}
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode("utf-8"))
    cues: dict[str, Any] = yaml.safe_load(texts["context_cues.yaml"])
    nice: dict[str, Any] = yaml.safe_load(texts["nice_goods.yaml"])
    category_cues = _by_word(cues["category_cues"])
    phrases = tuple(
        ReplicaPhrase(tuple(_phrase_words(str(p["phrase"]))), str(p["phrase"]), str(p["scope"]))
        for p in cues["replica_phrases"]
    )
    return Vocabulary(
        dictionary=frozenset().union(
            *[_words(texts[name]) for name in ("english_words.txt", "goods_words.txt", "hs_words.txt")]
        ),
        descriptive=_words(texts["descriptive_words.txt"]),
        zh_common=_words(texts["zh_common_words.txt"]),
        proper_nouns=_words(texts["proper_nouns.txt"]),
        frequent=_words(texts["frequent_words.txt"]),
        everyday=_words(texts["everyday_words.txt"]),
        mark_cues=frozenset(cues["mark_cues"]),
        negations=frozenset(cues["negations"]),
        cue_window=int(cues["cue_window"]),
        unbranded=tuple(tuple(_phrase_words(str(p))) for p in cues["unbranded"]),
        replica_phrases=phrases,
        replica_starts=frozenset(p.words[0] for p in phrases),
        category_cues=category_cues,
        name_goods_cues=_by_word(cues["name_goods_cues"]),
        accessory_nouns=(accessory := frozenset(str(w) for w in cues["accessory_nouns"])),
        fitting=_fitting(cues["compatibility"], accessory),
        goods_classes={w: frozenset(c) for w, c in _by_word(nice["classes"]).items()},
        category_classes={str(c): frozenset(int(n) for n in ns) for c, ns in nice["categories"].items()},
        version=digest.hexdigest(),
    )


def _fitting(cues: dict[str, list[Any]], accessory_nouns: frozenset[str]) -> FittingWording:
    before = sorted(
        ((tuple(_phrase_words(str(p))), str(p)) for p in cues["before"]), key=lambda p: -len(p[0])
    )
    after = frozenset(str(w) for w in cues["after"])
    goods = accessory_nouns | {str(w) for w in cues["goods"]}
    return FittingWording(
        before=tuple(before),
        after=after,
        fillers=frozenset(str(w) for w in cues["fillers"]),
        goods=goods,
        words=frozenset(w for words, _ in before for w in words) | after | goods,
    )


def _by_word(by_category: dict[Any, list[Any]]) -> dict[str, frozenset[Any]]:
    """{category: [word...]} turned round: word -> the categories (or classes) it points to."""
    found: dict[str, set[Any]] = {}
    for category, words in by_category.items():
        for word in words:
            found.setdefault(str(word), set()).add(category)
    return {w: frozenset(c) for w, c in found.items()}


def _phrase_words(phrase: str) -> list[str]:
    from app.matching.normalize import TOKEN_RE, fold

    return TOKEN_RE.findall(fold(phrase))
