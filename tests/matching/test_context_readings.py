"""Readings that lean on the line around them: a name's first word alone, an ordinary-word name
in lower case beside its goods, an ordinary word describing other goods, fixed non-mark phrases."""

from __future__ import annotations

from functools import cache

import pytest

from app.matching.index import MarkIndex
from app.matching.levels import Level
from app.matching.matcher import BrandMatcher
from tests.matching.brand_factory import brand

BRANDS = [
    brand("Breitling Montbrillant", ["watches"], models=["Navitimer"], context_models=["Superocean"]),
    brand("Girard Perregaux", ["watches"], models=["Laureato"]),
    brand("Hermeno Quilvaro", ["bags_luggage"], models=["Golden Saddle"]),
    brand("Paris Hilton", ["perfume"]),  # a place name first
    brand("Brick Lane", ["clothing"]),  # a dictionary word first
    brand("Garnet Trellis", ["jewellery"]),
    brand("Ostrakov Holm", ["clothing"]),
    brand("Ostrakov Bay", ["footwear"]),  # shares its first word: read by neither alone
    brand("Play Doh", ["toys"]),
    brand("Little Tikes", ["toys"]),
    brand("Polar Sound", ["consumer_electronics"], context_models=["Kestrel", "Wavelet"]),
    brand("Sunny", ["food"], common_word=True),
    brand("Maserati", ["clothing", "toys"], non_mark_phrases=["maserati blue"]),
]


@cache
def matcher() -> BrandMatcher:
    return BrandMatcher.build(BRANDS)


def brands_in(text: str, categories: frozenset[str] = frozenset()) -> list[str]:
    return [h.brand for h in matcher().find(text, categories=categories)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breitling navitimer steel 43mm", "Breitling Montbrillant"),  # with a distinctive model
        ("Breitling superocean 42", "Breitling Montbrillant"),  # with a context model
        ("Girard wristwatch automatic", "Girard Perregaux"),  # in a line of the brand's goods
        ("Hermeno golden saddle", "Hermeno Quilvaro"),  # with an ordinary-word model
        ("Ostrakov Holm parka", "Ostrakov Holm"),  # the full name still reads
    ],
)
def test_a_names_distinctive_first_word_reads_with_its_models_or_goods(text: str, expected: str) -> None:
    assert brands_in(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Breitling 2024 calendar print",  # no goods of the brand, no model
        "Girard street sign",
        "Paris souvenir perfume 50ml",  # a place name is no mark's head
        "Brick wall cladding",  # a dictionary word is no mark's head
        "Ostrakov fleece jacket",  # the head of two names tells neither
        "unbranded Girard watch strap",  # declared without a mark
    ],
)
def test_a_first_word_alone_without_the_brands_goods_is_no_mark(text: str) -> None:
    assert brands_in(text) == []


def test_heads_are_indexed_only_where_distinctive() -> None:
    heads = {e.text for e in MarkIndex(BRANDS).entries if e.level == Level.HEAD}
    assert heads == {"Breitling", "Girard", "Hermeno"}  # not Paris, Brick, Garnet, Ostrakov...
    reason = matcher().find("Girard wristwatch")[0].reason
    assert "first word of the recorded mark 'Girard Perregaux'" in reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("play doh trucks 3 pack", ["Play Doh"]),
        ("little tikes racers bundle", ["Little Tikes"]),
        ("little tikes toy kitchen", ["Little Tikes"]),  # a plain category cue, as before
    ],
)
def test_a_full_ordinary_word_name_reads_beside_goods_of_its_kind(text: str, expected: list[str]) -> None:
    assert brands_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "little tikes",  # the name alone: two ordinary words
        "play cars for little ones",  # not the whole name
        "tikes little racers",  # the words out of order
        "brick lane track lighting",  # loose goods words of another kind
    ],
)
def test_loose_goods_words_need_the_whole_name(text: str) -> None:
    assert brands_in(text) == []


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Kestrel cable 1m braided", frozenset({"consumer_electronics"})),  # an accessory noun follows
        ("Wavelet 2 adapter usb", frozenset()),  # numbers skipped
        ("Wavelet ring earrings silver", frozenset({"consumer_electronics"})),  # goods of another kind
        ("Kestrel strap for watch", frozenset({"consumer_electronics"})),
    ],
)
def test_an_ordinary_word_before_other_goods_describes_them(text: str, categories: frozenset[str]) -> None:
    assert brands_in(text, categories) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kestrel 3 speaker portable", ["Polar Sound"]),
        ("Wavelet earbuds with charging cable", ["Polar Sound"]),
        ("Polar Sound Kestrel cable", ["Polar Sound"]),  # the brand's name beside it still counts
        ("Sunny juice box", ["Sunny"]),  # juice: the brand's own goods
        ("SUNNY lipstick coral", ["Sunny"]),  # a brand's own name is put on goods of any kind
    ],
)
def test_an_ordinary_word_before_the_brands_goods_still_reads(text: str, expected: list[str]) -> None:
    assert brands_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("Maserati blue car wax", []), ("Maserati cap navy", ["Maserati"])]
)
def test_a_fixed_colour_phrase_is_no_mark(text: str, expected: list[str]) -> None:
    assert brands_in(text) == expected


def test_a_name_inside_a_longer_name_of_another_brand_is_that_names_word() -> None:
    crown = BrandMatcher.build(
        [
            brand("Vexmor", ["watches"], context_models=["Coronet"]),
            brand("Aldrane Sorel", ["watches"], models=["Coronet Garden"]),
        ]
    )
    watches = frozenset({"watches"})
    # "Coronet" alone, with watches, is Vexmor's model...
    assert [h.brand for h in crown.find("Coronet automatic watch", categories=watches)] == ["Vexmor"]
    # ...but inside "Coronet Garden" it is a word of Aldrane Sorel's model, whether or not that one counts.
    assert "Vexmor" not in [h.brand for h in crown.find("Coronet Garden chronograph", categories=watches)]
    assert [h.brand for h in crown.find("Aldrane Coronet Garden watch", categories=watches)] == [
        "Aldrane Sorel"
    ]


def test_a_non_mark_phrase_must_stand_on_word_bounds() -> None:
    finch = BrandMatcher.build(
        [brand("Finch", ["personal_care"], common_word=True, non_mark_phrases=["finches", "finch cage"])]
    )
    care = frozenset({"personal_care"})
    assert [h.brand for h in finch.find("Finch shampoo 400ml", categories=care)] == ["Finch"]
    # "finch" + "essential" runs into "finches" only across a word bound
    assert [h.brand for h in finch.find("Finch essential oil 30ml", categories=care)] == ["Finch"]
    assert finch.find("Finches figurine set", categories=care) == []
    assert finch.find("Finch cage, bamboo", categories=care) == []


def test_a_dotted_alias_does_not_override_the_brands_own_name_or_abbreviation() -> None:
    kolt = BrandMatcher.build(
        [
            brand(
                "KLT Beauty",
                ["cosmetics"],
                abbreviations=["KLT"],
                aliases=["K.L.T", "K.L.T Beauty"],
                non_mark_phrases=["klt adapter"],
            )
        ]
    )
    cosmetics = frozenset({"cosmetics"})
    assert [h.brand for h in kolt.find("KLT lipstick, matte", categories=cosmetics)] == ["KLT Beauty"]
    assert [h.brand for h in kolt.find("KLT Beauty lipstick", categories=cosmetics)] == ["KLT Beauty"]
