"""What a line says about marks: is it a label, tag, box or plate, does it bear a mark, for what goods.

"Printed perfume boxes with logo" reads as a box (the head noun of its first phrase) bearing a
logo and naming perfume; "Perfume in gift boxes" and "Box of 12 logo pens" are goods, whatever
noun comes later. Read only for lines a cheap pattern pre-selects, so large manifests stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.engine.facts import LineFacts
from app.engine.prepared import PreparedLine
from app.reference.marks_vocabulary import MarksVocabulary, is_number_like
from app.text import has_cjk, words


@dataclass(frozen=True, slots=True)
class MarksReading:
    """A line headed by a carrier noun (label, tag, box, nameplate...)."""

    carrier: str  # the carrier noun, singular ("box")
    bears_mark: bool  # a recorded mark, a logo/brand word, or a carrier that is a mark by nature
    brand: str | None  # the recorded mark found on the line, if any
    goods_words: frozenset[str]  # the goods the marks are for ("perfume"), empty when none named


def may_bear_marks(facts: LineFacts, v: MarksVocabulary) -> bool:
    """A cheap test every line passes through (set look-ups on its description key): a carrier
    noun and a sign of a mark. "Glass jars, 6 per box" fails it and is never read in full."""
    words_ = facts.text_key.split()
    if not any(word in v.carrier_forms for word in words_):
        key = facts.text_key
        if key.isascii() or not any(term in key for term in v.cjk_carriers):
            return False
    if facts.brand_hits or any(word in v.signal_forms for word in words_):
        return True
    key = facts.text_key
    return not key.isascii() and any(term in key for term in v.cjk_mark_words)


def goods_words(
    text_words: Sequence[str], v: MarksVocabulary, ignore: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The words of a description that name goods: no carriers, materials, counts or sizes.

    Chinese runs are left out: unspaced, they never equal another line's words (the category
    classifier reads them instead).
    """
    excluded = v.not_goods
    # after "for" come the goods the carrier is made for, named by any noun ("plates for bags")
    made_for = text_words.index("for") + 1 if "for" in text_words else len(text_words)
    counted = v.quantity_nouns | frozenset(v.qualified_carriers)
    return frozenset(
        word
        for i, word in enumerate(text_words)
        if len(word) > 1
        and (word not in excluded or (i >= made_for and word in counted))
        and word not in ignore
        and not is_number_like(word)
        and not has_cjk(word)
    )


def read_marks(facts: LineFacts, vocabulary: MarksVocabulary) -> MarksReading | None:
    """The marks reading of a line headed by a carrier noun that speaks of marks (bearing one or
    saying it bears none); None for goods and for plain carriers ("shipping cartons")."""
    if not may_bear_marks(facts, vocabulary):
        return None
    hits = tuple((hit.brand, hit.matched_text) for hit in facts.brand_hits)
    return _read(facts.prepared, hits, vocabulary)


@lru_cache(maxsize=20_000)
def _read(
    prepared: PreparedLine, hits: tuple[tuple[str, str], ...], v: MarksVocabulary
) -> MarksReading | None:
    """Cached on the text: packing lists repeat their descriptions, and so do a tenant's manifests."""
    folded = prepared.description.casefold()
    brand_words = frozenset(w for _, matched in hits for w in words(matched))
    carrier = _head_carrier(prepared.segments, brand_words, v)
    if carrier is None:
        carrier = next((term for term in v.cjk_carriers if term in folded), None)
    if carrier is None:
        return None
    all_words = prepared.singular_words
    brand = hits[0][0] if hits else None
    return MarksReading(
        carrier=carrier,
        bears_mark=brand is not None or _says_marked(carrier, all_words, folded, v),
        brand=brand,
        goods_words=goods_words(all_words, v, ignore=brand_words),
    )


def _says_marked(carrier: str, text_words: Sequence[str], folded: str, v: MarksVocabulary) -> bool:
    pairs = zip(text_words, text_words[1:], strict=False)
    negated = (
        any((word,) in v.negations for word in text_words)
        or any(pair in v.negations for pair in pairs)
        or any(term in folded for term in v.cjk_negations)
    )
    if negated:
        return False
    intrinsic = carrier in v.intrinsic_carriers or (
        carrier in v.qualified_carriers and v.qualified_carriers[carrier].intrinsic
    )
    return (
        intrinsic
        or any(word in v.mark_words for word in text_words)
        or any(term in folded for term in v.cjk_mark_words)
    )


def _phrases(
    description_segments: Sequence[Sequence[str]], v: MarksVocabulary
) -> list[tuple[list[str], str | None]]:
    """Segments cut again at connectors, each with the connector that ended it."""
    phrases: list[tuple[list[str], str | None]] = []
    for segment in description_segments:
        current: list[str] = []
        for word in segment:
            if word in v.connectors:
                phrases.append((current, word))
                current = []
            else:
                current.append(word)
        phrases.append((current, None))
    return [(words_, ender) for words_, ender in phrases if any(w.isalpha() for w in words_)]


def _head_carrier(
    description_segments: Sequence[Sequence[str]], brand_words: frozenset[str], v: MarksVocabulary
) -> str | None:
    """The carrier noun heading the first phrase ("watch boxes"), not one after it ("pens in boxes")."""
    phrases = _phrases(description_segments, v)
    if not phrases:
        return None
    head, ender = phrases[0]
    alpha = [w for w in head if w.isalpha()]
    if ender == "of" and len(phrases) > 1 and alpha and alpha[-1] in v.quantity_nouns:
        head = phrases[1][0]  # "rolls of labels", "box of 12 pens": the goods follow "of"
    found: str | None = None
    for index, word in enumerate(head):
        if _is_carrier(word, head[max(0, index - 2) : index], v) and _only_modifiers(
            head[index + 1 :], brand_words, v
        ):
            found = word
    return found


def _is_carrier(word: str, before: list[str], v: MarksVocabulary) -> bool:
    if word in v.intrinsic_carriers or word in v.potential_carriers:
        return True
    spec = v.qualified_carriers.get(word)
    return spec is not None and any(previous in spec.after for previous in before)


def _only_modifiers(trailing: list[str], brand_words: frozenset[str], v: MarksVocabulary) -> bool:
    """True when the words after a carrier only describe it ("labels printed", "tags 3x5cm")."""
    return all(
        is_number_like(word)
        or len(word) == 1
        or word in brand_words
        or word in v.descriptive_words
        or word in v.mark_words
        or word in v.variant_words
        or word in v.stop_words
        or word in v.intrinsic_carriers
        or word in v.potential_carriers
        or word in v.qualified_carriers
        or (word,) in v.negations
        for word in trailing
    )
