"""The shipped brand lists with the matcher, as the engine reads a line: labelled lines for the
readings that lean on the lists' own data (models of ordinary words, misspelt ordinary-word names,
styles and phrases that are no marks), each with the categories the classifier gives it."""

from __future__ import annotations

import csv
from functools import cache

import pytest

from app.reference.knowledge import Knowledge, load_knowledge
from app.settings import Settings


@cache
def knowledge() -> Knowledge:
    return load_knowledge(Settings().data_paths)


def brands_in(text: str) -> list[str]:
    assessment = knowledge().categories.classify(text, None)
    categories = assessment.text_categories | assessment.hs_categories
    return [h.brand for h in knowledge().matcher.find(text, categories=categories)]


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Royal Oak automatic watch, steel case", "Audemars Piguet"),  # ordinary words, goods fit
        ("Air Max 90 sneakers, men's size 42", "Nike"),  # a word and a model number
        ("G-Shock watch, black resin", "Casio"),
        ("Mickey Mouse plush toy 30cm", "Disney"),
        ("iPhone smartphone 8GB+256GB, refurbished", "Apple"),
        ("Conevrse canvas sneakers, high top", "Converse"),  # a misspelt ordinary-word name
        ("Omgea automatic watch, steel case", "Omega"),
        ("coachbag leather, women", "Coach"),  # glued to goods of its kind
        ("Under Armor compression t-shirt", "Under Armour"),
        ("On running shoes, mesh upper, size 42", "On"),  # the company's own two words
        ("On Cloud 5 running shoes", "On"),  # a model beside the everyday-word name
        ("CC quilted bag, gold chain", "Chanel"),  # an initialism where the goods fit
        ("HP laptop 15 inch, 8GB", "HP"),
        ("Restock order, goods: Intel processors, packed 12 per box", "Intel"),  # a plural goods word
    ],
)
def test_a_shipped_mark_is_read(text: str, brand: str) -> None:
    assert brands_in(text) == [brand]


@pytest.mark.parametrize(
    "text",
    [
        "Aviator sunglasses, polarized, metal frame",  # styles of the goods
        "Diver watch 200m, rubber strap",
        "Pilot watch with big crown, leather strap",
        "Men's quartz watch with day-date display, steel",
        "Genuine leather wallet, brown, RFID blocking",  # a cue that qualifies the goods
        "Custom logo baseball caps, embroidered, 500 pcs",  # the buyer's own logo
        "Tiffany style stained glass table lamp, 16 inch",  # non-mark phrases
        "Puma print leggings, animal pattern",
        "Michelin star chef knife set",
        "applejuice concentrate 1L",  # glued to goods that are not the brand's
        "Slip-on canvas shoes, women",  # a word of three letters or fewer, in its brand's goods
        "Slip-on running shoes",
        "Running shoes on sale, mesh",
        "Portable power bank for on the go, 10000mAh",
        "Wireless earbuds with air conduction",
        "Perfume spray 100 cc, glass bottle",  # a unit after its number
        "Air compressor 5 hp motor",
        "Twine; binder or baler twine, of polyethylene",  # HS goods words are no misspelt marks
        "Nuts, edible; areca nuts, fresh or dried",
        "Acids; mono-, di- or trichloroacetic acids",  # a suspended hyphen is no spaced mark
        "Track suits; of cotton, knitted or crocheted",  # styles
        "Saddle bag for bicycle, waterproof",
        "Belt bag, nylon, 100 pcs",  # every maker's name for the kind of goods
        "Smart band fitness tracker, 100 pcs",
        "Men's blazer, wool, navy",
        "Moisturizing cream 50ml, aloe vera",  # a kind of the brand's goods, as anyone names it
        "Denim trucker jacket, men",
        "Couple love bracelet, stainless steel",
        "Lightning cable 1m, fast charging",
    ],
)
def test_a_shipped_word_that_is_no_mark_is_left_alone(text: str) -> None:
    assert brands_in(text) == []


def test_no_goods_description_of_the_hs_nomenclature_reads_as_a_mark() -> None:
    """6,940 descriptions of goods that name no mark, each with its own code's categories."""
    with Settings().data_paths.hs_codes.open(encoding="utf-8", newline="") as file:
        rows = [(row["hscode"], row["description"]) for row in csv.DictReader(file)]
    flagged = []
    for code, description in rows:
        assessment = knowledge().categories.classify(description, code)
        categories = assessment.text_categories | assessment.hs_categories
        hits = knowledge().matcher.find(description, categories=categories)
        if hits:
            flagged.append((code, description, [h.brand for h in hits]))
    assert len(rows) > 5000
    assert flagged == []


def test_no_country_of_origin_reads_as_a_mark() -> None:
    """Every country name of the geography data in a line of goods of many kinds ("made in Bulgaria" is
    no misspelt Bvlgari, "Marshall Islands" no PAW Patrol pup)."""
    path = Settings().data_paths.geography_dir / "countries_regions.csv"
    with path.open(encoding="utf-8", newline="") as file:
        countries = [row["name"] for row in csv.DictReader(file)]
    flagged = [
        (line, brands)
        for name in countries
        for line in (f"Cotton t-shirts, made in {name}, 200 pcs", f"{name} souvenir keychain, metal")
        if (brands := brands_in(line))
    ]
    assert len(countries) > 200
    assert flagged == []
