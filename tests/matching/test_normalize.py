"""Folding, tokens and the compact skeleton the matcher searches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.matching.fuzzy import DeletionIndex, deletions, max_edits, similarity
from app.matching.normalize import Line, fold, is_leet_token, quick_tokens, skeleton, squeeze


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ｐｒａｄａ", "prada"),  # fullwidth
        ("Βοttega", "bottega"),  # Greek capital beta, small omicron
        ("Ѕchaffhausen", "schaffhausen"),  # Cyrillic dze
        ("Hermès", "hermes"),  # accents dropped
        ("κrund χ", "krund x"),  # Greek kappa and chi read through their capitals
    ],
)
def test_fold_reads_look_alikes_as_latin(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("token", "leet"),
    [
        ("r0lex", True),
        ("phi1ip5", True),
        ("m@rvel", True),
        ("74um", True),
        ("50ml", False),
        ("3xl", False),
        ("a1034", False),
        ("x12", False),
        ("rolex", False),
    ],
)
def test_leetspeak_only_in_words_that_mix_letters_and_digits(token: str, leet: bool) -> None:
    assert is_leet_token(token) is leet


def test_separators_and_skeleton_fold_away() -> None:
    assert skeleton("R O L E X") == skeleton("G.R.O.L.E.X")[1:] == skeleton("Rolex")
    assert skeleton("Phi1ip5") == skeleton("Philips")
    assert skeleton("N°5") == skeleton("Nº5") == skeleton("NO5")


def test_line_maps_folded_spans_back_to_the_original() -> None:
    line = Line.parse("Sac Ｐｒａｄａ ß")
    token = line.tokens[1]
    start, end = line.original_span(token.start, token.end)
    assert line.original[start:end] == "Ｐｒａｄａ"


def test_quick_tokens_leaves_leetspeak_and_other_scripts_to_the_full_parse() -> None:
    assert quick_tokens("rolex watch 40mm") == ["rolex", "watch", "40mm"]
    assert quick_tokens("r0lex watch") is None
    assert quick_tokens("劳力士") is None


@given(st.text(max_size=40))
def test_quick_tokens_agree_with_the_full_parse(text: str) -> None:
    folded = fold(text)
    tokens = quick_tokens(folded)
    if tokens is not None:
        assert "".join(tokens).replace("l", "i") == Line.parse(text).compact


def test_squeeze_and_edit_budgets() -> None:
    assert squeeze("monncler") == "moncler"
    assert [max_edits(n) for n in (4, 5, 7, 8, 12)] == [0, 1, 1, 2, 2]
    assert deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert similarity("rolex", "rolex") == 100


def test_deletion_index_finds_words_within_their_budget() -> None:
    index = DeletionIndex(["hublot", "longines", "richard", "casio"])
    found = {index.words[i]: d for i, d in index.lookup("hblot")}
    assert found == {"hublot": 1}
    assert {index.words[i] for i, _ in index.lookup("lopngines")} == {"longines"}
    assert {index.words[i] for i, _ in index.lookup("rihcard")} == {"richard"}  # a swap is one edit
    assert {index.words[i] for i, _ in index.lookup("lonxgiines")} == {"longines"}  # two edits from 8
    assert index.lookup("casxyo") == []  # two edits from a 5-letter word
