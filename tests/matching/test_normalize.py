"""Folding, tokens and the compact skeleton the matcher searches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.matching.fuzzy import DeletionIndex, deletions, max_edits, similarity
from app.matching.normalize import TOKEN_RE, Line, fold, is_leet_token, skeleton, squeeze, token_piece


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


@given(st.text(alphabet="abcdelorx01345$@ -.,'ßＲРο劳力士Éé\u3000iIlL", max_size=30) | st.text(max_size=30))
def test_a_line_is_its_tokens_each_read_on_its_own(text: str) -> None:
    """Every token is a token of the folded text, read as `token_piece` reads it alone, laid
    end to end in the compact form, and maps back to the characters it was written with."""
    line = Line.parse(text)
    expected = [
        (m.group(), m.start(), m.end(), *token_piece(m.group()))
        for m in TOKEN_RE.finditer(line.folded)
        if token_piece(m.group())[0]
    ]
    assert [(t.text, t.start, t.end, t.piece, t.leet) for t in line.tokens] == expected
    assert "".join(t.piece for t in line.tokens) == line.compact
    assert all(t.cend - t.cstart == len(t.piece) for t in line.tokens)
    assert [t.cstart for t in line.tokens[1:]] == [t.cend for t in line.tokens[:-1]]
    for token in line.tokens:  # "¼" folds to "1⁄4": its token "1" is written as "¼"
        start, end = line.original_span(token.start, token.end)
        assert token.text in fold(line.original[start:end])


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


@given(
    st.text(alphabet="abcdeilnorst", min_size=4, max_size=12),
    st.lists(st.text(alphabet="abcdeilnorst", min_size=5, max_size=12), min_size=1, max_size=30),
)
def test_nearest_is_the_closest_of_every_word_in_reach(token: str, words: list[str]) -> None:
    """The staged probe (one deletion a side, two only when nothing is one edit away) finds
    what the full probe finds at the least distance."""
    index = DeletionIndex(sorted(set(words)))
    found = index.lookup(token)
    least = min((d for _, d in found), default=None)
    assert sorted(index.nearest(token)) == sorted((i, d) for i, d in found if d == least)
