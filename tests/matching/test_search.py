"""BrandMatcher.search: every mark a query names first, then near misses, one result per brand."""

from __future__ import annotations

from functools import cache

from app.matching.matcher import BrandMatcher
from tests.matching.brand_factory import brand


@cache
def matcher() -> BrandMatcher:
    return BrandMatcher.build(
        [
            brand("Rolex", ["watches"], models=["Submariner", "Daytona"]),
            brand("Breguet", ["watches"], context_models=["Marine", "Classique"]),
            brand("Louis Vuitton", ["bags_luggage"], abbreviations=["LV"]),
            brand("Omega", ["watches"], common_word=True),
            brand("Nike", ["footwear"]),
            brand("Adidas", ["footwear"], context_models=["Superstar"]),
        ]
    )


def test_a_disguised_mark_and_a_disguised_model_give_one_result_that_names_both() -> None:
    found = matcher().search("R0LEX Submarlner")
    assert [h.brand for h in found] == ["Rolex"]
    assert found[0].match_type == "leet"
    assert "'R0LEX' reads as the recorded mark 'Rolex'" in found[0].reason
    assert (
        "'Submarlner' reads as 'Submariner', a model name of 'Rolex' (look-alike letters l→i)"
        in found[0].reason
    )


def test_a_word_inside_a_mark_is_no_near_miss() -> None:
    # "Submariner" holds "marine": a partial match, not a near miss of Breguet's Marine
    assert [h.brand for h in matcher().search("Submariner")] == ["Rolex"]


def test_the_query_is_read_without_context() -> None:
    # an ordinary-word mark with nothing around it: a seller asks about the word itself
    assert [h.brand for h in matcher().search("omega")] == ["Omega"]
    assert [h.brand for h in matcher().search("Marine")] == ["Breguet"]


def test_near_misses_are_suggested_best_first_with_their_similarity() -> None:
    found = matcher().search("Luis Vuiton wallet")
    assert [h.brand for h in found] == ["Louis Vuitton"]
    assert found[0].match_type == "similar"
    assert found[0].similarity >= 80
    assert "'Luis Vuiton' is close to the recorded mark 'Louis Vuitton'" in found[0].reason


def test_words_far_from_every_mark_find_nothing() -> None:
    assert matcher().search("leather wallet with zip") == []
    assert matcher().search("Nice shoes") == []  # "nice" is two letters from "nike" in four


def test_results_are_one_per_brand_and_capped() -> None:
    found = matcher().search("Rolex Daytona Submariner Nike Adidas superstar", limit=2)
    assert len(found) == 2
    assert len({h.brand for h in found}) == 2
