"""The general rules that make the brand reading hold on real listing titles (docs/brand-reading.md).

Each test names a rule and checks it on marks made up for the test, so that no rule is fitted to
one shipped mark or one listing: an everyday word as a model, a frequent word read as a typo, a
misspelt model, a model letter, a compound word, a mark named as what the goods fit, a product
code, the goods classes a mark is recorded in, a co-branded line, and screening and search
reading a spelling alike.
"""

from __future__ import annotations

from functools import cache

import pytest

from app.matching.hits import BrandHit, MatchType
from app.matching.matcher import BrandMatcher
from tests.matching.brand_factory import brand

BRANDS = [
    # models that are everyday words in English ("office", "marine") or another language ("classique")
    brand(
        "Quorvex",
        ["consumer_electronics", "watches"],
        context_models=["Office", "Marine"],
        models=["Classique"],
    ),
    brand("Omoda", ["auto_parts"]),  # one letter from "moda", a word written often
    brand("Quenlor", ["eyewear"], models=["Sutrovix"]),
    brand("Motrana", ["mobile_phones"], models=["Vexaphone E"]),
    brand("Lumora", ["bags_luggage"], models=["Onthego"]),
    brand("Pomelo", ["mobile_phones", "consumer_electronics"], models=["Pomphone"], common_word=True),
    brand("Grapix", ["mobile_phones"]),
    brand("Maple", ["consumer_electronics"], common_word=True),
    brand(
        "Canyon",
        ["consumer_electronics"],
        common_word=True,
        nice_classes=[2, 9, 24],
        context_models=["Ridgeline"],
    ),
    brand("Brixo", ["toys"], models=["Brixo Galaxy Raiders"]),
    brand("Galaxy Raiders", ["toys"]),
    brand("Nike", ["footwear"]),
    brand("Fratelli Orvanzi", ["perfume"]),  # "fratelli": an everyday word of Italian
    brand("Tessor", ["watches"]),
    brand("Corvane", ["clothing"], aliases=["Halvic"], common_word=True),
    brand("QX", ["consumer_electronics"], abbreviations=["QX"]),
    brand("Off-Ivory", ["clothing"], common_word=True),  # a shade of a colour
    brand("Zelgo", ["toys"]),
    brand("Zetabox", ["consumer_electronics"], models=["Zbox"]),
    brand("Vo", ["footwear"], common_word=True, context_models=["Cloud"]),  # short name, everyday model
]


@cache
def matcher() -> BrandMatcher:
    return BrandMatcher.build(BRANDS)


def hits(text: str, declared: str | None = None) -> list[BrandHit]:
    return matcher().find(text, declared_brand=declared)


def brands_in(text: str) -> list[str]:
    return [h.brand for h in hits(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Wireless earset for the office",
        "Marine star mens watch, steel",
        "Classique designer bangle watch set",
    ],
)
def test_a_model_that_is_an_everyday_word_is_no_mark_alone(text: str) -> None:
    assert brands_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Quorvex Office headset",  # the brand's name beside it
        "Office headset with original logo",  # goods of the brand's kind and a mark cue
    ],
)
def test_a_model_that_is_an_everyday_word_reads_with_the_brand_or_a_cue(text: str) -> None:
    assert brands_in(text) == ["Quorvex"]


def test_a_word_written_often_is_never_read_as_a_misspelt_mark() -> None:
    assert brands_in("Vero Moda regular fit trousers") == []
    [typo] = hits("Omda brake pads, front axle")  # no word of its own: a misspelt mark
    assert (typo.brand, typo.match_type) == ("Omoda", MatchType.TYPO)


def test_a_misspelt_model_needs_its_brand_beside_it() -> None:
    assert brands_in("Sutrovik sunglasses, polarised") == []
    [found] = hits("Quenlor Sutrovik sunglasses, polarised")
    assert (found.brand, found.match_type) == ("Quenlor", MatchType.TYPO)
    assert brands_in("Quenlorr sunglasses") == ["Quenlor"]  # the brand's own name misspelt still reads


def test_another_letter_of_a_model_names_another_model_not_a_typo() -> None:
    # beside the brand's name a misspelt model would count (and a disguise is the reading reported)
    assert [h.match_type for h in hits("Motrana Vexaphone G phone")] == [MatchType.EXACT]
    assert [h.match_type for h in hits("Motrana Vexaphonne E phone")] == [MatchType.DOUBLED]


def test_ordinary_words_joined_by_hyphens_are_a_compound_not_a_spaced_mark() -> None:
    assert brands_in("Portable charger for on-the-go use") == []
    # a letter joined so is written so too ("X-box"): what it fits, not a disguised mark
    [fitting] = hits("Replacement adapter for Z-box console")
    assert fitting.match_type == MatchType.COMPATIBILITY
    assert brands_in("Lumora Onthego tote") == ["Lumora"]


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("Silicone case for Pomphone 15", "for"),
        ("Screen protector compatible with Pomphone", "compatible with"),
        ("Pomelo compatible fast charger", "compatible"),
        ("Autofit car mat Pomelo Pomphone", "mat"),  # goods made to fit other goods, the mark not leading
        ("Case for the Pomphone and Grapix", "for"),
        ("Leather sleeve for tablet Pomphone", "for"),  # the goods it fits between
    ],
)
def test_a_mark_named_as_what_the_goods_fit_is_a_compatibility_reading(text: str, wording: str) -> None:
    found = [h for h in hits(text) if h.brand == "Pomelo"]
    assert [h.match_type for h in found] == [MatchType.COMPATIBILITY]
    assert f"named as what the goods fit ('{wording}')" in found[0].reason
    assert not found[0].carried


def test_a_cut_of_the_goods_is_no_fitting_wording() -> None:
    assert [h.match_type for h in hits("Slim fit jeans, Quenlor, black")] == [MatchType.EXACT]


def test_a_part_number_with_its_region_suffix_names_the_maker() -> None:
    [found] = hits("Maple 8x DVDRW drive - MB397G/A")
    assert "a product code ('mb397g') follows it" in found.reason


def test_goods_that_describe_the_marks_own_goods_are_no_fitting_goods() -> None:
    # a strap of a watch is the watch's: no model it fits follows the mark
    assert [h.match_type for h in hits("Quartz watch leather strap, Quorvex, black")] == [MatchType.EXACT]


def test_a_second_mention_after_fitting_wording_fits() -> None:
    [found] = hits("Pomelo Pomphone tempered glass for Pomelo Pomphone")
    assert found.match_type == MatchType.COMPATIBILITY


def test_a_first_word_that_is_an_everyday_word_of_another_language_is_not_read_alone() -> None:
    assert brands_in("Fratelli eau de parfum 100ml") == []
    assert brands_in("Fratelli Orvanzi eau de parfum 100ml") == ["Fratelli Orvanzi"]


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Mathey-Tessor mens watch", "Tessor"),  # another maker's double-barrelled name
        ("Steve Halvic poster", "Corvane"),  # a person's name: a given name before a surname alias
        ("whr-qx-g300n wireless router", "QX"),  # letters of another maker's model code
        ("TomTom XL 330 navigator - Z3LG0.052.00", "Zelgo"),  # leetspeak digits of a part number
    ],
)
def test_a_name_written_as_part_of_another_name_or_code_is_not_the_mark(text: str, brand: str) -> None:
    assert brand not in brands_in(text)


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Tessor Aqualine mens watch", "Tessor"),
        ("Halvic hoodie, grey", "Corvane"),
        ("QX wireless router", "QX"),
        ("Z3LG0 building bricks", "Zelgo"),
    ],
)
def test_the_same_names_written_alone_are_the_mark(text: str, brand: str) -> None:
    assert brand in brands_in(text)


def test_a_name_that_is_a_colour_is_the_colour_unless_written_as_a_mark() -> None:
    assert brands_in("Cotton kurta, Off-Ivory") == []
    assert brands_in("OFF-IVORY cotton hoodie") == ["Off-Ivory"]
    assert brands_in("Off-Ivory logo hoodie") == ["Off-Ivory"]


def test_every_mark_named_after_fitting_wording_fits() -> None:
    found = hits("Case for the Pomphone and Grapix")
    assert {(h.brand, h.match_type) for h in found} == {
        ("Pomelo", MatchType.COMPATIBILITY),
        ("Grapix", MatchType.COMPATIBILITY),
    }


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Pomelo Pomphone charger", None),  # the mark leads the line: its maker's own goods
        ("Original Pomelo charger for phones", None),  # a mark cue: the goods are the mark's
        ("OEM for Pomphone case", None),  # replica wording
        ("Case for P0mphone", None),  # a disguised spelling hides the mark
        ("Case for Pomphone", "Pomelo"),  # the shipper declared the brand
    ],
)
def test_a_mark_the_line_says_the_goods_carry_stays_the_mark(text: str, declared: str | None) -> None:
    found = [h for h in hits(text, declared) if h.brand == "Pomelo"]
    assert found
    assert all(h.carried for h in found)


def test_a_product_code_after_an_ordinary_word_name_reads_as_the_maker() -> None:
    [found] = hits("Maple MD199HN/A")
    assert "a product code ('md199hn') follows it" in found.reason
    assert brands_in("Maple 2kg carton") == []  # a size is no product code
    assert brands_in("maple syrup 250ml") == []


def test_a_name_reads_on_goods_of_any_class_its_brand_is_recorded_in() -> None:
    [toner] = hits("Canyon toner cartridge black")  # toner: Nice class 2, not a contract category
    assert "Nice class 2" in toner.reason
    assert brands_in("Canyon cotton bath towel") == ["Canyon"]  # class 24
    assert brands_in("Canyon trail hiking map") == []  # no goods of its classes


def test_a_model_reads_only_on_goods_of_its_brands_categories() -> None:
    # a model names one line of goods: the record's categories tell it, not every class
    assert brands_in("Ridgeline bath towel") == []


def test_a_brands_name_inside_another_brands_co_branded_model_names_both() -> None:
    assert sorted(brands_in("Brixo Galaxy Raiders starfighter set")) == ["Brixo", "Galaxy Raiders"]


def test_screening_and_search_read_a_look_alike_spelling_alike() -> None:
    [screened] = hits("Nlke running shoes")
    [searched] = matcher().search("Nlke")
    assert (screened.brand, screened.match_type) == ("Nike", MatchType.HOMOGLYPH)
    assert (searched.brand, searched.match_type) == (screened.brand, screened.match_type)
    assert "look-alike letters l→i" in screened.reason


@pytest.mark.parametrize(
    "text",
    [
        "Vo Cloud grey mesh",  # the model right after its maker's name, nothing else said
        "Cloud grey mesh",  # the model alone: no mark
        "Canyon toner cartridge black",  # a goods class of the name
        "Maple MD199HN/A",  # a product code
        "Case for Pomphone 15",  # what the goods fit
    ],
)
def test_a_batch_reads_these_lines_as_one_line_is_read(text: str) -> None:
    assert matcher().find_many([(text, None, frozenset())]) == [tuple(matcher().find(text))]
