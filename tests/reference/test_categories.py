"""The category table: its file, keyword and HS classification, accessories, vagueness, speed."""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.reference.categories import CategoryDataError, CategoryTable
from app.reference.keyword_scan import normalise
from app.reference.vagueness import _split
from app.text import plurals
from tests.reference.data_files import CATEGORIES_FILE, categories, hs

FAST = settings(derandomize=True, max_examples=300, deadline=None)

CONTRACT_IDS = {
    "watches", "jewellery", "bags_luggage", "clothing", "footwear", "headwear", "toys",
    "consumer_electronics", "mobile_phones", "integrated_circuits", "small_appliances", "masks_ppe",
    "medical_devices", "medicine", "cosmetics", "perfume", "personal_care", "food", "tobacco",
    "auto_parts", "sporting_goods", "eyewear",
}  # fmt: skip


def test_every_contract_category_is_defined_with_a_weight() -> None:
    table = categories()
    assert CONTRACT_IDS <= table.ids()
    for cid in CONTRACT_IDS:
        record = table.get(cid)
        assert record is not None
        assert 0 < record.weight <= 1
        assert record.hs_prefixes
        assert record.keywords
        assert record.sections


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Men's quartz wrist watch, stainless steel", "watches"),
        ("Ladies quartz watches, mesh strap", "watches"),
        ("Knitted beanie hats, acrylic", "headwear"),
        ("Kids' canvas shoes, no brand", "footwear"),
        ("Sneakers", "footwear"),
        ("Women's PU handbags", "bags_luggage"),
        ("小猪佩奇卡通书包 儿童", "bags_luggage"),
        ("Paracetamol tablets 500mg, 20 per blister box", "medicine"),
        ("Electric kettles 1.7L", "small_appliances"),
        ("Portable bluetooth speaker 10W", "consumer_electronics"),
        ("Badminton rackets, aluminium", "sporting_goods"),
        ("Plush unicorn toy 30cm", "toys"),
        ("三星手机 翻新机", "mobile_phones"),
        ("运动鞋 男款", "footwear"),
        ("Cotton t-shirts, knitted, short sleeve", "clothing"),
        ("Oak ley optical frames, acetate", "eyewear"),
    ],
)
def test_keywords_name_the_category(description: str, expected: str) -> None:
    assessment = categories().classify(description, None)
    assert expected in assessment.text_categories
    assert assessment.primary == expected
    assert any(h.category == expected and h.source == "keyword" for h in assessment.hits)


@pytest.mark.parametrize(
    "description",
    [
        "Steel nails 50mm, bright finish",
        "Plastic buckets 10L with handle",
        "Cardboard shipping boxes, plain brown",
        "Wooden clothes pegs, 50 pcs",  # "clothes" as a modifier of other goods
        "Fabric swatch book, 60 cotton colours",  # "watch" inside a word
        "面包 500g",  # bread, not a bag (包)
        "Watchmaker loupe",
    ],
)
def test_ordinary_goods_have_no_text_category(description: str) -> None:
    assert categories().classify(description, None).text_categories == frozenset()


@pytest.mark.parametrize(
    ("description", "goods", "group"),
    [
        ("Phone cases, silicone, 6.1 inch", "mobile_phones", "case"),
        ("Watch boxes with printed logo", "watches", "packaging"),
        ("Replacement watch straps, leather", "watches", "strap"),
        ("Shoe laces, flat, 120cm", "footwear", "laces"),
        ("Protective cases for mobile phones", "mobile_phones", "case"),
        ("手机壳 硅胶", "mobile_phones", "case"),
        ("Glass wine bottles 750ml", "food", "packaging"),
    ],
)
def test_accessories_are_not_the_goods_they_go_with(description: str, goods: str, group: str) -> None:
    assessment = categories().classify(description, None)
    assert goods not in assessment.text_categories
    assert (goods, group) in {(a.category, a.group) for a in assessment.accessories}


def test_labels_for_goods_are_not_the_goods() -> None:
    assert categories().classify("Woven logo labels for socks", None).text_categories == frozenset()


def test_hs_code_gives_categories_by_longest_prefix() -> None:
    table = categories()
    assert table.classify("Items", "9102.11").hs_categories == {"watches"}
    assert table.classify("Items", "8517.62").hs_categories == {"consumer_electronics"}
    assert table.classify("Items", "8517.13").hs_categories == {"mobile_phones"}
    assert table.classify("Items", "7317.00").hs_categories == frozenset()
    assert table.classify("Items", "9102.11").primary == "watches"


def test_primary_prefers_the_text_and_the_category_the_code_agrees_with() -> None:
    table = categories()
    assert table.classify("Cotton t-shirts", "8517.13").primary == "clothing"
    smart = table.classify("Unbranded smart watches, 1.7 inch", "8517.62")
    assert {"watches", "consumer_electronics"} <= smart.text_categories
    assert smart.primary == "consumer_electronics"


def test_head_nouns_are_told_from_modifiers() -> None:
    table = categories()
    assert table.classify("Quartz wrist watch, ladies", None).head_categories == {"watches"}
    assert table.classify("Computer desk oak veneer", None).head_categories == frozenset()


def test_plurals() -> None:
    assert plurals("watch") == ["watches"]
    assert plurals("battery") == ["batteries"]
    assert plurals("knife") == ["knifes", "knives"]
    assert plurals("jeans") == []
    assert plurals("dress") == ["dresses"]
    assert plurals("tote bag") == ["tote bags"]


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Items", "generic"),
        ("samples", "generic"),
        ("Gift items", "generic"),
        ("杂货", "generic"),
        ("礼品 一批", "generic"),
        ("Spare parts, 3 cartons", "generic"),
        ("Watch", "bare_category"),
        ("手表", "bare_category"),
        ("Assorted, 10 pcs", "empty"),
    ],
)
def test_vague_descriptions(description: str, kind: str) -> None:
    vagueness = categories().vagueness(description)
    assert vagueness is not None
    assert vagueness.kind == kind


@pytest.mark.parametrize(
    "description",
    [
        "Gift wrapping paper rolls, 70cm x 5m",
        "Men's quartz wrist watch, steel",
        "竹制砧板 bamboo cutting board, 38x28cm",
        "Washing machine drain pump 220V, replacement",
        "Giv3nchy perfume 50ml",
        "Handbag, PU",
    ],
)
def test_specific_descriptions_are_not_vague(description: str) -> None:
    assert categories().vagueness(description) is None


def test_branded_floor_prefers_the_keyword_floor() -> None:
    table = categories()
    floor = table.branded_floor("consumer_electronics", ["headphones"])
    generic = table.branded_floor("consumer_electronics", ["mouse"])
    assert floor is not None
    assert generic is not None
    assert floor[0] > generic[0]
    assert table.branded_floor("nothing", []) is None


def _with(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))
    for dotted, value in change.items():
        node = data
        *path, last = dotted.split(".")
        for key in path:
            node = node[key]
        node[last] = value
    out = tmp_path / "categories.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"categories.watches.hs": ["9199"]}, r"categories.watches.hs: '9199' is not"),
        ({"categories.watches.also_declared_under": ["123"]}, "not an HS chapter"),
        ({"categories.watches.weight": 1.5}, "weight"),
        ({"not_goods.en": ["watch"]}, "'watch' is listed both"),
        ({"categories.watches.colour": "red"}, "colour"),
        ({"categories.watches.keywords.en": ["watch (men)"]}, "clause punctuation"),
    ],
)
def test_bad_files_are_refused_with_the_reason(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    with pytest.raises(CategoryDataError, match=message):
        CategoryTable.load(_with(tmp_path, change), hs())


@pytest.mark.benchmark
def test_classify_throughput_benchmark() -> None:
    """Lines per second of classify on distinct descriptions (run with -m benchmark -rP)."""
    table = CategoryTable.load(CATEGORIES_FILE, hs())
    base = [
        "Men's quartz wrist watch, stainless steel case", "Cotton t-shirts, knitted, short sleeve",
        "Phone cases, silicone, 6.1 inch", "Steel nails 50mm, bright finish, 25kg carton",
        "小猪佩奇卡通书包 儿童", "Sony WH-1000XM5 noise cancelling headphones", "Plastic buckets 10L",
        "Gucci GG Marmont shoulder bag", "Glass wine bottles 750ml, amber", "Electric kettles 1.7L",
    ]  # fmt: skip
    lines = [(f"{base[i % len(base)]} #{i}", "9102.11" if i % 3 else None) for i in range(10_000)]
    start = time.perf_counter()
    for description, code in lines:
        table.classify(description, code)
    rate = round(len(lines) / (time.perf_counter() - start))
    sys.stdout.write(f"classify: {rate} lines/s on 10,000 distinct descriptions\n")
    assert rate > 0


# What `normalise` is defined as: its ASCII path takes a byte table instead of these two passes.
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]|!?，；：（）、。！？]")
_OTHER_PUNCTUATION = re.compile(r"[^\w,]+|_")


def _normalise_by_definition(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_OTHER_PUNCTUATION.sub(" ", _CLAUSE_PUNCTUATION.sub(" , ", folded)).split())


_TRICKY = list(" ,;:()[]|!?_-./'&%#\t\n") + list("Aa1Zz9ÉéßİŞﬁＷ６，、。（手表包")


@FAST
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(codec="utf-8"), max_size=30))
def test_normalise_keeps_its_definition(text: str) -> None:
    assert normalise(text) == _normalise_by_definition(text)


@cache
def _vocabulary() -> tuple[list[str], list[str]]:
    """The file's Latin and Chinese terms, with filler, generic words and other words around them."""
    data = yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))
    words = [w for c in data["categories"].values() for w in c["keywords"].get("en", [])]
    words += [w for g in data["accessories"].values() for w in g.get("words", [])]
    sections = (data["purpose_words"], data["not_goods"], data["vague"]["generic"], data["vague"]["ignore"])
    words += [w for section in sections for w in section.get("en", [])]
    chinese = [w for c in data["categories"].values() for w in c["keywords"].get("zh", [])]
    chinese += [w for g in data["accessories"].values() for w in g.get("zh", [])]
    chinese += data["vague"]["generic"].get("zh", []) + data["vague"]["ignore"].get("zh", [])
    others = ["steel", "bamboo", "board", "50ml", "10pcs", "38x28cm", "6", "n95", "swatch", "café"]
    return [str(w) for w in words] + others, [str(w) for w in chinese]


def _descriptions(chinese: bool) -> st.SearchStrategy[str]:
    latin, zh = _vocabulary()
    words = st.sampled_from(latin) | st.sampled_from(zh) if chinese else st.sampled_from(latin)
    separators = st.sampled_from([" ", " ", " ", ", ", "; ", " (", ") ", "-", "/", "", " & "])
    return st.lists(st.tuples(words, separators), min_size=1, max_size=7).map(
        lambda parts: "".join(w + sep for w, sep in parts)
    )


@FAST
@given(_descriptions(chinese=False))
def test_token_matching_finds_what_the_automaton_finds(description: str) -> None:
    """Text without CJK is matched token by token; the automaton (kept for CJK) is the reference."""
    scanner = categories()._scanner
    norm = normalise(description)
    by_tokens = [(m.start, m.end, m.term.text) for m in scanner._token_matches(norm.split(" "))]
    assert by_tokens == [(m.start, m.end, m.term.text) for m in scanner._matches(norm)]


@FAST
@given(_descriptions(chinese=True))
def test_the_quick_vagueness_answer_agrees_with_the_full_judgement(description: str) -> None:
    judge = categories()._judge
    tokens, runs = _split(normalise(description))
    if judge._surely_specific(tokens, runs):
        assert judge._judge_fully(tokens, runs) is None


def test_the_quick_vagueness_answer_is_taken_for_specific_descriptions_only() -> None:
    judge = categories()._judge
    for description, quick in [
        ("Men's quartz wrist watch, steel", True),
        ("陶瓷餐盘 ceramic", True),
        ("竹制砧板 bamboo", False),  # 板 is in 样板 (sample board): the full judgement decides
        ("Watch, 10 pcs", False),
        ("Gift items", False),
        ("样品 一批", False),
    ]:
        assert judge._surely_specific(*_split(normalise(description))) is quick


def test_readings_do_not_depend_on_the_order_of_lines() -> None:
    lines = [
        ("Quartz watch, steel, lot 1", "9102.11"),
        ("Steel, quartz watch, lot 2", None),
        ("Quartz watch straps, leather", "9113.90"),
        ("Quartz watch, leather strap", "9102.11"),
        ("Phone cases for iphone, quartz watch", "3926.90"),
        ("手表, 手机壳, 10 pcs", None),
        ("Watch", None),
        ("Gift items, watch", "9102.11"),
    ]
    forward, backward = CategoryTable.load(CATEGORIES_FILE, hs()), CategoryTable.load(CATEGORIES_FILE, hs())
    first = [forward.classify(d, c) for d, c in lines]
    second = [backward.classify(d, c) for d, c in reversed(lines)]
    assert first == second[::-1]
    assert first[0].primary == first[1].primary == "watches"
    assert [(a.category, a.group) for a in first[2].accessories] == [("watches", "strap")]
    assert first[3].primary == "watches"


def test_vagueness_is_the_same_before_and_after_classify() -> None:
    table = CategoryTable.load(CATEGORIES_FILE, hs())
    descriptions = ["Watch", "Gift items, 10 pcs", "Men's quartz wrist watch", "样品", "Handbag, PU", ""]
    before = [table.vagueness(d) for d in descriptions]
    assessed = [table.classify(d, None).vagueness for d in descriptions]
    assert before == assessed == [table.vagueness(d) for d in descriptions]
    assert [v.kind if v else None for v in before] == [
        "bare_category", "generic", None, "generic", None, "empty",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "description",
    [
        "Dust bags printed with logo",
        "Cotton tote bags, plain",
        "Cleaning cloths, microfibre",
        "Flags, polyester",
    ],
)
def test_a_catch_all_subheading_does_not_name_goods_the_text_names_otherwise(description: str) -> None:
    # 6307.90, "made up articles n.e.c.", is where masks are declared, and much else
    assert "masks_ppe" not in categories().classify(description, "630790").hs_categories


@pytest.mark.parametrize(
    ("description", "found"), [("Disposable face masks, 3 ply", "text"), ("Items", "hs")]
)
def test_a_catch_all_subheading_still_tells_masks_named_or_nothing_named(
    description: str, found: str
) -> None:
    assessment = categories().classify(description, "630790")
    assert assessment.primary == "masks_ppe"
    if found == "hs":  # a description too vague to name goods: the code tells what they are
        assert "masks_ppe" in assessment.hs_categories
