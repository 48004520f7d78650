"""The shared text rules: one CJK predicate for every layer, the l/i skeleton."""

from __future__ import annotations

import pytest

from app.text import CJK_RUN, SKELETON, has_cjk, is_cjk, is_cjk_char


@pytest.mark.parametrize("char", ["劳", "力", "士", "の", "カ", "한", "豈", "㐀"])
def test_chinese_japanese_and_korean_characters_are_cjk(char: str) -> None:
    assert is_cjk_char(char)
    assert is_cjk(char * 2)


@pytest.mark.parametrize("text", ["", "Rolex", "Ｒｏｌｅｘ", "Café", "ß"])
def test_latin_text_is_not_cjk(text: str) -> None:
    assert not is_cjk(text)
    assert not has_cjk(text)


def test_runs_of_cjk_are_found_inside_latin_text() -> None:
    assert CJK_RUN.findall("nike 耐克 shoes 运动鞋") == ["耐克", "运动鞋"]
    assert has_cjk("nike 耐克")
    assert not is_cjk("nike 耐克")


def test_the_skeleton_reads_l_as_i() -> None:
    assert "Philips".lower().translate(SKELETON) == "phiiips"
