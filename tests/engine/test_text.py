"""description_key: the same goods compare equal, whatever the lot numbers, order and script."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.text import description_key
from app.text import fold


def test_lot_numbers_order_and_punctuation_do_not_matter() -> None:
    assert description_key("Quartz watch, lot 4411") == description_key("quartz WATCH lot 9120")
    assert description_key("Watch, quartz") == description_key("quartz watch")


def test_a_description_of_numbers_only_keeps_them() -> None:
    assert description_key("4411-20") == "4411 20"


def test_non_ascii_text_is_normalised_too() -> None:
    assert description_key("ＱＵＡＲＴＺ　Watch") == description_key("quartz watch")
    assert description_key("手表 2只") == "手表"


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40))
def test_the_ascii_fast_path_agrees_with_the_unicode_path(text: str) -> None:
    folded = fold(text)
    words = {w for w in folded.split() if not any(c.isdigit() for c in w)}
    assert description_key(text) == (" ".join(sorted(words)) or folded)
