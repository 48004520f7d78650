"""BrandMatcher.find on labelled lines: each disguise type and each context rule, both ways."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.matching.hits import BrandHit
from app.matching.matcher import BrandMatcher
from tests.matching.brand_factory import brand


@cache
def matcher() -> BrandMatcher:
    return BrandMatcher.build(
        [
            brand("Rolex", ["watches"], models=["Submariner", "Daytona"], chinese_names=["劳力士"]),
            brand("Omega", ["watches"], common_word=True, non_mark_phrases=["omega-3", "omega 3"]),
            brand("Coach", ["bags_luggage", "clothing"], common_word=True, non_mark_phrases=["coach bus"]),
            brand(
                "Apple",
                ["consumer_electronics", "mobile_phones"],
                common_word=True,
                models=["iPhone"],
                context_chinese_names=["苹果"],
            ),
            brand("Louis Vuitton", ["bags_luggage"], abbreviations=["LV"]),
            brand("3M", ["masks_ppe"]),
            brand("MAC Cosmetics", ["cosmetics"], abbreviations=["MAC"]),
            brand("Nike", ["footwear", "clothing"]),
            brand("Bose", ["consumer_electronics"]),
            brand("Casio", ["watches"]),
            brand("Dior", ["perfume", "bags_luggage"]),
            brand("Canon", ["consumer_electronics"], common_word=True),
            brand("Chanel", ["perfume"], models=["N°5"]),
            brand("Moncler", ["clothing"]),
            brand("Canada Goose", ["clothing"]),
            brand("Zippo", ["tobacco"]),
            brand("Philips", ["small_appliances"]),
            brand("Hublot", ["watches"]),
            brand("Audemars Piguet", ["watches"]),
            brand("Richard Mille", ["watches"]),
            brand("Oakley", ["eyewear"]),
            brand("Estée Lauder", ["cosmetics"]),
            brand("Dasheng", ["masks_ppe"]),
            brand("Prada", ["bags_luggage"]),
            brand("Bottega Veneta", ["bags_luggage"]),
            brand("Marvel", ["toys"]),
            brand("Transformers", ["toys"], context_models=["Bumblebee"]),
            brand("Dove", ["personal_care"], common_word=True, non_mark_phrases=["dove-shaped"]),
            brand("Tiffany & Co.", ["jewellery"], aliases=["Tiffany"]),
        ]
    )


def only_hit(text: str, **kwargs: object) -> BrandHit:
    hits = matcher().find(text, **kwargs)  # type: ignore[arg-type]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("text", "brand", "match_type", "matched"),
    [
        ("Rolex Submariner men's watch", "Rolex", "exact", "Rolex"),
        ("rolex watch steel", "Rolex", "case", "rolex"),
        ("Daytona chronograph 40mm", "Rolex", "model", "Daytona"),
        ("劳力士手表 男款", "Rolex", "translation", "劳力士"),
        ("R0LEX wrist watch", "Rolex", "leet", "R0LEX"),
        ("Phi1ip5 beard trimmer, rechargeable", "Philips", "leet", "Phi1ip5"),
        ("M@RVEL collectible figure PVC 25cm", "Marvel", "leet", "M@RVEL"),
        ("Ladies clutch Βοttega Veneta evening", "Bottega Veneta", "homoglyph", "Βοttega Veneta"),
        ("Ｐｒａｄａ bucket bag with drawstring", "Prada", "fullwidth", "Ｐｒａｄａ"),
        ("Oak ley optical frames, acetate", "Oakley", "spacing", "Oak ley"),
        ("R O L E X watch", "Rolex", "spacing", "R O L E X"),
        ("Est-ee Lau-der facial toner 200ml", "Estée Lauder", "spacing", "Est-ee Lau-der"),
        ("Dash-eng disposable face mask 50 pcs", "Dasheng", "spacing", "Dash-eng"),
        ("Winter coat canadagoosejacket long", "Canada Goose", "glued", "canadagoose"),
        ("ZippoLighter lighter brass, refillable", "Zippo", "glued", "Zippo"),
        ("Men wristwatch Hblot, calendar", "Hublot", "typo", "Hblot"),
        ("Rihcard Mille sport watch silicone strap", "Richard Mille", "typo", "Rihcard Mille"),
        ("Necklace Tiffny heart pendant", "Tiffany & Co.", "typo", "Tiffny"),
        ("Winter coat Monncler long style", "Moncler", "doubled", "Monncler"),
        ("Men wristwatch Audeemars Piguet, calendar", "Audemars Piguet", "doubled", "Audeemars Piguet"),
    ],
)
def test_disguises_are_read_as_the_mark(text: str, brand: str, match_type: str, matched: str) -> None:
    hit = only_hit(text)
    assert (hit.brand, hit.match_type, hit.matched_text) == (brand, match_type, matched)
    assert hit.reason.startswith(f"'{matched}'")
    assert 0 < hit.similarity <= 100


def test_reasons_name_the_disguise() -> None:
    assert only_hit("R0LEX watch").reason == "'R0LEX' reads as the recorded mark 'Rolex' (leetspeak 0→o)"
    assert only_hit("Rolx watch steel").reason == "'Rolx' is one letter from the recorded mark 'Rolex'"
    assert only_hit("劳力士").reason == "'劳力士' is the Chinese name of 'Rolex'"


@pytest.mark.parametrize(
    "text",
    [
        "Nice quality cotton socks, plain",  # Nike
        "Rose gold plated ring, unbranded",  # Bose
        "Casino chips set, 300 pcs",  # Casio
        "Role-play costume for kids",  # Rolex
        "Diorama kit, miniature railway scenery",  # Dior
        "Macaroni pasta, elbow shape, 500g bags",  # MAC
        "Pachelbel Canon in D, piano sheet music book",  # Canon
        "4-channel car audio amplifier",  # Chanel
        "Omega-3 fish oil capsules 1000mg",  # Omega, a non-mark phrase
        "Coach bus die-cast model 1:50, alloy",  # Coach, a non-mark phrase
        "Dove-shaped ceramic candle holder",  # Dove, a non-mark phrase
        "Fresh apples, Red Delicious, 18kg cartons",  # Apple
        "Apple tree seedlings, grafted",  # Apple, no category fit
        "苹果干 dried apple chips",  # 苹果, a context-only Chinese name
        "PE tarpaulin 3m x 4m, blue",  # 3M as a size
        "Stainless steel nails 50mm, 25kg",
    ],
)
def test_ordinary_words_are_no_marks(text: str) -> None:
    assert matcher().find(text) == []


@pytest.mark.parametrize(
    ("text", "categories", "brand"),
    [
        ("Coach handbag leather", frozenset({"bags_luggage"}), "Coach"),  # category fit
        ("Omega automatic watch", frozenset(), "Omega"),  # category cue word "watch"
        ("Coach logo keyring", frozenset(), "Coach"),  # mark cue
        ("OMEGA keyring metal", frozenset(), "Omega"),  # mark-like casing
        ("Apple iPhone case", frozenset(), "Apple"),  # a model of the brand in the line
        ("LV monogram canvas bag", frozenset(), "Louis Vuitton"),  # abbreviation with a category fit
        ("3M 8210 respirator masks", frozenset(), "3M"),
        ("MAC lipstick ruby woo", frozenset(), "MAC Cosmetics"),
        ("Bumblebee transforming robot toy", frozenset(), "Transformers"),  # context model
        ("N°5 eau de parfum 100ml spray", frozenset(), "Chanel"),
    ],
)
def test_context_lets_a_word_be_a_mark(text: str, categories: frozenset[str], brand: str) -> None:
    assert brand in [h.brand for h in matcher().find(text, categories=categories)]


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Coach keyring metal", frozenset()),  # no fit, no cue
        ("Coach keyring metal, no logo", frozenset()),  # a negated cue
        ("LV logo keyring", frozenset()),  # an abbreviation needs a category fit, a cue is not enough
        ("MAC address label printer", frozenset()),
        ("Bumblebee garden ornament", frozenset()),
    ],
)
def test_without_context_a_word_is_no_mark(text: str, categories: frozenset[str]) -> None:
    assert matcher().find(text, categories=categories) == []


@pytest.mark.parametrize(
    ("text", "categories", "expected"),
    [
        ("Omgea automatic watch", frozenset({"watches"}), [("Omega", "typo")]),  # transposition
        ("Cocah leather handbag", frozenset({"bags_luggage"}), [("Coach", "typo")]),
        ("Coachh leather handbag", frozenset({"bags_luggage"}), [("Coach", "doubled")]),
        ("Omgea fish oil capsules", frozenset({"food"}), []),  # a misspelt word needs the goods too
        ("Cocah tour tickets", frozenset[str](), []),
        ("Coaches and buses, die-cast", frozenset({"toys"}), []),  # a dictionary word is never fuzzed
    ],
)
def test_a_misspelt_ordinary_word_name_reads_with_the_context_the_name_needs(
    text: str, categories: frozenset[str], expected: list[tuple[str, str]]
) -> None:
    hits = matcher().find(text, categories=categories)
    assert [(h.brand, h.match_type) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coachbag leather, women", ["Coach"]),  # glued to goods of the brand's kind
        ("Omegawatch automatic", ["Omega"]),
        ("applejuice concentrate 1L", []),  # glued to goods that are not the brand's
        ("coachbus die-cast model", []),
    ],
)
def test_a_glued_ordinary_word_name_needs_goods_of_its_kind_glued_on(text: str, expected: list[str]) -> None:
    hits = matcher().find(text)
    assert [h.brand for h in hits] == expected
    assert all(h.match_type == "glued" for h in hits)
    assert matcher().find_many([(text, None, frozenset())]) == [tuple(hits)]


def test_declared_brand_gives_context_and_a_hit_of_its_own() -> None:
    assert [h.brand for h in matcher().find("Coach keyring metal", declared_brand="Coach")] == ["Coach"]
    hit = only_hit("Men's quartz wrist watch", declared_brand="ROLEX")
    assert (hit.brand, hit.match_type, hit.matched_text) == ("Rolex", "declared", "ROLEX")
    assert matcher().find("Men's quartz wrist watch", declared_brand="no brand") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Coach dupe handbag, top grade", "dupe"),
        ("Rolex replica watch AAA", "replica"),
        ("Moncler style down jacket", "style"),
        ("Philips-look beard trimmer", "look"),
        ("Rolex Submariner 1:1 automatic", "1:1"),
    ],
)
def test_replica_wording_is_reported(text: str, phrase: str) -> None:
    assert only_hit(text).replica_phrase == phrase


def test_plain_lines_have_no_replica_phrase_and_one_hit_per_brand() -> None:
    hits = matcher().find("Rolex Submariner Rolex Daytona watch")
    assert [(h.brand, h.replica_phrase) for h in hits] == [("Rolex", None)]


def test_a_mark_inside_a_longer_mark_gives_way() -> None:
    hits = matcher().find("Canada Goose parka")
    assert [h.brand for h in hits] == ["Canada Goose"]


def test_search_finds_exact_and_close_marks() -> None:
    found = matcher().search("rolx")
    assert found
    assert found[0].brand == "Rolex"
    assert matcher().search("Submariner")[0].brand == "Rolex"
    assert all(h.reason for h in matcher().search("canon"))


@pytest.mark.parametrize(
    ("text", "brand", "match_type"),
    [
        ("Ni ke running sneakers", "Nike", "spacing"),  # a short mark split into short tokens
        ("Brass lighterzippo, refillable", "Zippo", "glued"),  # a short mark glued after a word
        ("Casio-watch digital, resin strap", "Casio", "exact"),  # a short mark as a whole token
    ],
)
def test_short_marks_are_read_by_token(text: str, brand: str, match_type: str) -> None:
    assert [(h.brand, h.match_type) for h in matcher().find(text)] == [(brand, match_type)]


def test_a_short_mark_inside_an_ordinary_word_is_no_mark() -> None:
    assert matcher().find("Ceramic casino chips and a diorama of nikel mines") == []


def test_find_many_answers_as_find_does() -> None:
    items = [
        ("R O L E X watch", None, frozenset[str]()),
        ("Plain cotton socks, 10 pairs", None, frozenset[str]()),
        ("Leather handbag", "Coach", frozenset({"bags_luggage"})),
    ]
    expected = [tuple(matcher().find(t, declared_brand=d, categories=c)) for t, d, c in items]
    assert matcher().find_many(items) == expected
    assert [bool(hits) for hits in expected] == [True, False, True]


def test_find_many_reads_a_declared_brand_that_names_no_mark_as_none() -> None:
    """ "N/A", "no brand" or a seller's own name declare no recorded mark: such lines are read
    with the batch, a declared recorded brand on its own; the answers are find's either way."""
    items = [
        ("Leather handbag", "N/A", frozenset({"bags_luggage"})),
        ("Leather handbag, Coach logo", "Acme Trading", frozenset({"bags_luggage"})),
        ("Leather handbag", "Coach", frozenset({"bags_luggage"})),
        ("ROLEX watch", "no brand", frozenset({"watches"})),
        ("Steel watch", "Rolex", frozenset({"watches"})),
    ]
    expected = [tuple(matcher().find(t, declared_brand=d, categories=c)) for t, d, c in items]
    assert matcher().find_many(items) == expected
    assert [[h.brand for h in hits] for hits in expected] == [[], ["Coach"], ["Coach"], ["Rolex"], ["Rolex"]]


def test_find_many_reads_each_line_of_a_mixed_batch_on_its_own() -> None:
    """Lines read apart (another script, leetspeak symbols, a line break inside the text) keep
    their place, and no run of short tokens or key joins the end of one line to the next."""
    items = [
        ("Steel watch r o", None, frozenset[str]()),
        ("l e x strap, 20 mm", None, frozenset[str]()),
        ("Gift box Sub", None, frozenset[str]()),
        ("mariner strap", None, frozenset[str]()),
        ("Р0LEX Submariner", None, frozenset[str]()),  # Cyrillic Р
        ("Ch@nel bag", None, frozenset[str]()),
        ("Gift box\nROLEX watch", None, frozenset[str]()),
        ("Plain cotton socks", None, frozenset[str]()),
        ("DAYTONA watch", None, frozenset[str]()),
        ("Ｒｏｌｅｘ watch", None, frozenset[str]()),  # fullwidth: folds to ASCII, read in the batch
        ("Große ROLEX Uhr, 40 mm", None, frozenset[str]()),  # ß folds to two letters
        ("劳力士 手表", None, frozenset[str]()),  # stays Chinese: read on its own
    ]
    expected = [tuple(matcher().find(t, categories=c)) for t, _, c in items]
    assert matcher().find_many(items) == expected
    assert [sorted({h.brand for h in hits}) for hits in expected] == [
        [],
        [],
        [],
        [],
        ["Rolex"],
        ["Chanel"],
        ["Rolex"],
        [],
        ["Rolex"],
        ["Rolex"],
        ["Rolex"],
        ["Rolex"],
    ]


@cache
def descriptive_matcher() -> BrandMatcher:
    return BrandMatcher.build(
        [
            brand("Puma", ["footwear", "clothing"], context_models=["Suede", "Mayze"]),
            brand("New Balance", ["footwear"], common_word=True, context_models=["327", "Fresh Foam"]),
            brand("Transformers", ["toys"], context_models=["Bumblebee"]),
            brand("The North Face", ["clothing"], models=["Denali"]),
            brand("Audemars Piguet", ["watches"], models=["Royal Oak"]),
            brand("Nike", ["footwear", "clothing"], models=["Air Force 1", "Air Max", "Air Max 90"]),
            brand("JBL", ["consumer_electronics"], models=["Charge 5"]),
            brand("Ray-Ban", ["eyewear"], models=["Aviator"]),
            brand("Ulysse Nardin", ["watches"], context_models=["Diver"]),
            brand("On", ["footwear"], common_word=True, models=["Cloudmonster"]),
            brand("Levi's", ["clothing"], context_models=["Trucker Jacket"]),
            brand("Pokemon", ["toys"], models=["Poke Ball"]),
            brand("Chanel", ["bags_luggage", "perfume"], abbreviations=["CC"]),
            brand("Disney", ["toys", "clothing"], models=["Mickey Mouse"]),
            brand("MCM", ["bags_luggage"], models=["Stark"]),
            brand("Casio", ["watches"], models=["G-Shock"]),
            brand("Apple", ["mobile_phones"], common_word=True, models=["iPhone"]),
        ]
    )


@pytest.mark.parametrize(
    "text",
    [
        "Women's suede skirt, knee length",  # a material
        "Running shoes, 327 pairs",  # a bare number
        "Fresh foam insoles for shoes",  # words that describe goods, nothing else
        "Aviator sunglasses, polarized, metal frame",  # a style of the goods
        "Diver watch 200m, rubber strap",
    ],
)
def test_a_model_made_of_descriptive_words_is_no_mark_alone(text: str) -> None:
    categories = frozenset({"footwear", "clothing", "eyewear", "watches"})
    assert descriptive_matcher().find(text, categories=categories) == []


@pytest.mark.parametrize(
    ("text", "categories", "brand"),
    [
        ("Puma Suede sneakers", frozenset({"footwear"}), "Puma"),  # beside the brand's name
        ("Suede sneakers with original logo", frozenset({"footwear"}), "Puma"),  # goods fit and a cue
        ("Mayze sneakers", frozenset({"footwear"}), "Puma"),  # a context model that is no such word
        ("Bumblebee robot toy", frozenset({"toys"}), "Transformers"),
        ("Denali fleece jacket", frozenset({"clothing"}), "The North Face"),
    ],
)
def test_other_models_keep_their_reading(text: str, categories: frozenset[str], brand: str) -> None:
    assert [h.brand for h in descriptive_matcher().find(text, categories=categories)] == [brand]


def test_a_batch_reads_a_goods_bound_key_only_where_the_goods_may_fit() -> None:
    """ "Suede" (a model that counts only with the goods and a cue) sends a line of a batch on
    only where the line's goods, or its own words, point to the brand's: the answers stay find's."""
    items = [
        ("Suede sneakers with original logo", None, frozenset({"footwear"})),  # Puma: fits, cue
        ("Suede sneakers with original logo", None, frozenset[str]()),  # "sneakers" points to footwear
        ("Suede skirt with original logo", None, frozenset({"clothing"})),  # fits, cue
        ("Suede cushion cover, brown", None, frozenset[str]()),  # no goods of Puma's
        ("Suede low tops, logo", None, frozenset({"footwear"})),  # the given goods fit
        ("Suede low tops, logo", None, frozenset[str]()),  # nothing says what the goods are
        ("Suede sneakers, brown", None, frozenset({"footwear"})),  # the goods fit, no mark cue
    ]
    expected = [tuple(descriptive_matcher().find(t, categories=c)) for t, _, c in items]
    assert descriptive_matcher().find_many(items) == expected
    assert [[h.brand for h in hits] for hits in expected] == [
        ["Puma"],
        ["Puma"],
        ["Puma"],
        [],
        ["Puma"],
        [],
        [],
    ]


@pytest.mark.parametrize(
    ("text", "categories", "expected"),
    [
        # Two or more ordinary words, none describing goods: the whole phrase names the model.
        ("Royal Oak automatic watch, steel", frozenset({"watches"}), ["Audemars Piguet"]),
        ("Air Force 1 white sneakers", frozenset({"footwear"}), ["Nike"]),
        ("Mickey Mouse plush toy 30cm", frozenset({"toys"}), ["Disney"]),
        ("G-Shock watch, black resin", frozenset({"watches"}), ["Casio"]),  # a letter and a word
        ("Air Max 90 sneakers, size 42", frozenset({"footwear"}), ["Nike"]),  # a word and a number
        ("Fast charge 5 port USB hub", frozenset({"consumer_electronics"}), []),  # a digit: a quantity
        # ...but only where the goods fit the brand's.
        ("Royal Oak dining table, solid wood", frozenset({"furniture"}), []),
        ("Mickey Mouse shaped cookie cutter", frozenset[str](), []),
        # One ordinary word, or a phrase with a word that describes goods ("max"), needs a cue too.
        ("Stark backpack, black", frozenset({"bags_luggage"}), []),
        ("Air Max running shoes", frozenset({"footwear"}), []),
        ("Air Max running shoes, original logo", frozenset({"footwear"}), ["Nike"]),
    ],
)
def test_an_ordinary_word_model_of_several_words_counts_where_the_goods_fit(
    text: str, categories: frozenset[str], expected: list[str]
) -> None:
    assert [h.brand for h in descriptive_matcher().find(text, categories=categories)] == expected


def test_a_model_that_also_names_the_goods_is_still_the_mark() -> None:
    """ "iphone" is a goods word of the category cues (it says the goods are phones), but unlike
    "capsules" it is no dictionary word: it names the mark too."""
    hits = descriptive_matcher().find("iPhone smartphone 8GB+256GB", categories=frozenset({"mobile_phones"}))
    assert [(h.brand, h.matched_text) for h in hits] == [("Apple", "iPhone")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Suede sneakers, original logo", ["Puma"]),  # a cue next to the model
        ("Suede sneakers, custom logo", []),  # the buyer's own logo is no recorded mark's cue
        ("Suede sneakers, OEM logo printed", []),
        ("Suede sneakers, genuine leather lining", []),  # "genuine" qualifies the leather
        ("Suede sneakers, brand new, boxed", []),  # "brand" qualifies "new"
        ("Suede sneakers, genuine product", ["Puma"]),
    ],
)
def test_a_cue_counts_only_where_it_speaks_of_a_mark(text: str, expected: list[str]) -> None:
    hits = descriptive_matcher().find(text, categories=frozenset({"footwear"}))
    assert [h.brand for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Slip-on canvas shoes", []),  # a short everyday word: the goods fitting is not enough
        ("Shoes ON, size 42", []),
        ("On Cloudmonster running shoes", ["On"]),  # beside a model of the brand
        ("On sneakers with original logo", ["On"]),  # the goods fit and a cue
    ],
)
def test_a_name_of_three_letters_or_fewer_that_is_a_word_needs_more_than_the_goods(
    text: str, expected: list[str]
) -> None:
    hits = descriptive_matcher().find(text, categories=frozenset({"footwear"}))
    assert [h.brand for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perfume spray 100 cc, glass bottle", []),  # a unit after its number
        ("CC perfume 100ml", ["Chanel"]),
        ("Quilted bag with CC logo", ["Chanel"]),
        ("2 CC bags, quilted", []),  # read as a unit too: the rule does not tell a count from a size
    ],
)
def test_an_initialism_that_is_a_unit_after_a_number_is_no_mark(text: str, expected: list[str]) -> None:
    hits = descriptive_matcher().find(text, categories=frozenset({"perfume", "bags_luggage"}))
    assert [h.brand for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denim trucker jacket, men", []),  # a kind of the brand's goods, named as anyone would
        ("Trucker jacket with original logo", ["Levi's"]),  # ...which a cue makes the mark
        ("Poke Ball plush toy", ["Pokemon"]),  # a ball is no goods of the brand's: the name stands
    ],
)
def test_a_model_that_names_its_own_kind_of_goods_needs_a_cue(text: str, expected: list[str]) -> None:
    hits = descriptive_matcher().find(text, categories=frozenset({"clothing", "toys"}))
    assert [h.brand for h in hits] == expected


def test_a_descriptive_model_counts_on_the_declared_brand() -> None:
    hits = descriptive_matcher().find("Suede low-top shoes", declared_brand="Puma")
    assert [h.brand for h in hits] == ["Puma"]


@given(
    st.lists(
        st.sampled_from(
            [
                "rolex",
                "R O L E X",
                "ni ke",
                "r0lex",
                "subrnariner",
                "Zippolighter",
                "casino",
                "watch",
                "lv",
                "3m",
                "10 pcs",
                "a",
                "Bumblebee",
                "for d",
                "omega",
                "coach",
                "x",
                "zara",
                "-",
                "/",
            ]
        ),
        min_size=1,
        max_size=6,
    ).map(" ".join)
)
@settings(max_examples=150)
def test_find_many_answers_as_find_does_on_any_line(line: str) -> None:
    items = [
        (line, None, frozenset[str]()),
        ("plain cotton socks", None, frozenset[str]()),
        (line, None, frozenset({"watches"})),
    ]
    assert matcher().find_many(items) == [tuple(matcher().find(t, categories=c)) for t, _, c in items]
