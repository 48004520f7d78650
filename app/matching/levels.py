"""How much a line must say before an alias counts as its mark: the `Level` of each alias, decided
from the record's flags and the word lists when the index is built (index.py); context.py says
what each level asks of a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from app.matching.vocabulary import Vocabulary


class Level(IntEnum):
    """How much the line must say before an alias counts as the mark (see context.py)."""

    DISTINCTIVE = 0  # "Rolex", "Submariner", "劳力士": the alias alone names the mark
    WORD = 1  # "Coach", "Omega", "New Balance", "苹果": also ordinary words
    SHORT = 2  # "LV", "3M", "YSL", any abbreviation: letters that occur by chance
    GOODS = 4  # a context model or Chinese name ("Bumblebee", 苹果): counts where the goods fit
    COMPANION = 3  # a model or alias the record calls distinctive that is an ordinary word or a
    # number ("Suede", "Classic", "327", "Air Max"): it counts beside the brand's name, not alone
    HEAD = 5  # the distinctive first word of a many-word name ("Audemars" of Audemars Piguet):
    # counts with another name of the brand, its goods or the declared brand


def alias_level(
    kind: str,
    words: Sequence[str],
    key: str,
    cjk: bool,
    needs_context: bool,
    categories: frozenset[str],
    vocab: Vocabulary,
    capitals: bool = False,
) -> Level:
    """The record's flags decide; the dictionaries add what the record does not say. A record with
    no goods categories cannot be checked against a line's goods, so only its flags count there.
    A model or alias made only of words that describe goods (materials, sizes, sales adjectives,
    shapes, colours: data/descriptive_words.txt) and numbers says nothing of a mark on its own,
    even where the record lists it as a context model: "suede skirt", "mini headphones". Nor does
    a word of three letters or fewer that the record writes as a word, not in capitals ("On",
    "Go", "Air"): "slip-on shoes", "on the go", "air conduction" are everyday wording of the very
    goods such brands sell, so the goods fitting is not enough ("HP", "CC" are initialisms). Nor
    does a one-word model that is an everyday word in English or another language
    (data/everyday_words.txt: "Office", "Marine", "Campus", "Classique"), wherever the record
    lists it."""
    has_categories = bool(categories)
    if cjk:
        if needs_context and kind != "name":
            return Level.GOODS
        if len(key) < 2:
            return Level.SHORT
        ordinary = has_categories and key in vocab.zh_common
        return Level.WORD if needs_context or ordinary else Level.DISTINCTIVE
    if kind in ("model", "alias") and has_categories:
        descriptive = vocab.descriptive
        if all(w.isdigit() or w in descriptive for w in words):
            return Level.COMPANION
        if _names_goods_with_a_word(words, categories, vocab):
            return Level.COMPANION
    if kind != "abbreviation" and has_categories and not capitals and len(key) <= 3 and len(words) == 1:
        if key.isalpha() and words[0] in vocab.dictionary:
            return Level.COMPANION
    if kind == "model" and has_categories and not capitals and len(words) == 1 and words[0] in vocab.everyday:
        return Level.COMPANION  # "Office", "Campus", "Classique": any seller's wording of any goods
    if needs_context and kind != "name":
        return Level.GOODS
    dictionary = vocab.dictionary
    ordinary = has_categories and all(w.isdigit() or len(w) <= 2 or w in dictionary for w in words)
    if kind in ("model", "alias") and has_categories and (key.isdigit() or ordinary):
        return Level.GOODS if _names_more_than_goods(words, vocab) else Level.COMPANION
    if kind == "abbreviation" or len(key) <= 3 or key.isdigit():
        return Level.SHORT
    return Level.WORD if needs_context or ordinary else Level.DISTINCTIVE


def _names_more_than_goods(words: Sequence[str], vocab: Vocabulary) -> bool:
    """Two or more ordinary words or single letters, none of which describes goods ("Royal Oak",
    "Air Force 1", "Mickey Mouse", "G-Shock"), or such a word beside a number of two digits or
    more ("Chuck 70", "Air Max 90", "Code 11.59"): together they name that model and little else,
    so where the goods fit they are the mark. One word ("Stark", "Diver"), a word and a digit
    ("Charge 5": a quantity may follow any word), or words that describe goods ("Air Max",
    "Ultra Power", "Vintage Check") could be any seller's wording: they need a cue. Two-letter
    words ("of", "no") name nothing on their own."""
    descriptive = vocab.descriptive
    named = [w for w in words if (len(w) > 2 or len(w) == 1) and not w.isdigit()]
    plain = [w for w in named if w not in descriptive]
    if len(named) >= 2 and len(plain) == len(named):
        return True
    return bool(plain) and any(w.isdigit() and len(w) >= 2 for w in words)


def _names_goods_with_a_word(words: Sequence[str], categories: frozenset[str], vocab: Vocabulary) -> bool:
    """Goods of the brand's own kind named last, after ordinary words that name nothing more
    ("Trucker Jacket", "Love bracelet", "Moisturizing Cream", "Lightning cable"): every maker
    describes its goods so, even where the record lists it as a model, so it needs what a one-word
    model needs. The last word is an accessory noun or a goods word of one of the brand's
    categories; "Mickey Mouse" (a mouse is no Disney goods), "Royal Oak" and "Air Force 1" are not."""
    *rest, last = words
    if not rest:
        return False
    if last not in vocab.accessory_nouns and categories.isdisjoint(vocab.category_cues.get(last, ())):
        return False
    ordinary, descriptive = vocab.dictionary, vocab.descriptive
    if not all(w.isdigit() or len(w) <= 2 or w in ordinary or w in descriptive for w in rest):
        return False  # "Cloudmonster shoes": a word of the brand's own
    return not _names_more_than_goods(rest, vocab)
