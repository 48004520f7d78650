"""Matching parties against list entries: identifiers decide, then the names, with evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.parties.matcher import NameQuery, PartyIndex, build_index
from app.parties.records import PartyEntry, PartyListFile

USCC_A = "91440300MA5F00001A"
USCC_B = "91440300MA5F00002D"


def entry(name: str, **fields: Any) -> PartyEntry:
    return PartyEntry.model_validate({"name": name, "source": "test", "list": "ops", **fields})


def index(*entries: PartyEntry) -> PartyIndex:
    return build_index([PartyListFile("ops", "1", Path("ops.yaml"), "yaml", "0" * 64, tuple(entries))])


def names(matches: list[Any]) -> list[str]:
    return [m.entry.name for m in matches]


def test_a_chinese_name_meets_its_english_name_in_any_word_order() -> None:
    ix = index(entry("深圳市某某贸易有限公司"), entry("Shenzhen Xinhua Trading Co., Ltd."))
    for query in (
        "Shenzhen Moumou Trading Co., Ltd.",
        "MOUMOU TRADING (SHENZHEN) LIMITED",
        "Moumou Trading Co",
    ):
        assert names(ix.match(NameQuery(query), threshold=88)) == ["深圳市某某贸易有限公司"], query


def test_two_different_companies_of_one_city_and_trade_do_not_meet() -> None:
    ix = index(entry("Shenzhen Xinhua Trading Co., Ltd."), entry("深圳市永胜贸易有限公司"))
    assert ix.match(NameQuery("Shenzhen Xinda Trading Co., Ltd."), threshold=88) == []
    assert ix.match(NameQuery("深圳市永盛贸易有限公司"), threshold=88) == []  # both 'yongsheng' in pinyin
    assert ix.match(NameQuery("Shenzhen Xinhua Electronics Co., Ltd."), threshold=88) == []
    assert ix.match(NameQuery("Guangzhou Xinhua Trading Co., Ltd."), threshold=88) == []


def test_an_identifier_matches_whatever_the_names_say() -> None:
    ix = index(entry("Shenzhen Moumou Trading Co., Ltd.", identifiers={"uscc": USCC_A}))
    (match,) = ix.match(NameQuery("Totally Other Name Ltd", identifiers=(("uscc", USCC_A),)), threshold=88)
    assert match.match_type == "identifier"
    assert match.score == 100
    assert match.identifiers == (("uscc", USCC_A),)


def test_a_different_identifier_of_the_same_scheme_rules_the_entry_out() -> None:
    ix = index(entry("Shenzhen Moumou Trading Co., Ltd.", identifiers={"uscc": USCC_A}))
    same_name = "Shenzhen Moumou Trading Co., Ltd."
    assert ix.match(NameQuery(same_name, identifiers=(("uscc", USCC_B),)), threshold=88) == []
    # An identifier of another scheme says nothing about this one: the name still decides.
    (match,) = ix.match(NameQuery(same_name, identifiers=(("eori", "DE123456789"),)), threshold=88)
    assert match.match_type == "name"


def test_the_evidence_says_which_parts_matched_and_how_well() -> None:
    ix = index(entry("Moumou International Co., Ltd.", chinese_name=["深圳市某某贸易有限公司"], country="CN"))
    (match,) = ix.match(NameQuery("Shenzhen Moumou Trading Company Limited", "CN"), threshold=80)
    assert match.matched_name == "深圳市某某贸易有限公司"
    assert match.parts["distinctive"] == {"party": ["moumou"], "entry": ["moumou"], "similarity": 100}
    assert match.parts["generic"]["entry"] == ["trading", "shenzhen"]
    assert match.parts["legal_forms"] == {"party": ["limited"], "entry": ["有限公司"]}
    assert match.parts["country"] == "same"


def test_another_country_costs_the_configured_penalty() -> None:
    ix = index(entry("Moumou Trading Co., Ltd.", country="CN"))
    (same,) = ix.match(NameQuery("Moumou Trading Co., Ltd.", "CN"), threshold=50, country_penalty=10)
    (other,) = ix.match(NameQuery("Moumou Trading Co., Ltd.", "VN"), threshold=50, country_penalty=10)
    assert same.score - other.score == 10
    assert other.parts["country"] == "different"


def test_only_entries_in_force_on_the_date_match() -> None:
    ix = index(entry("Moumou Trading", listed_on="2026-01-01", delisted_on="2026-06-01"))
    query = NameQuery("Moumou Trading")
    assert ix.match(query, threshold=88, on=dt.date(2025, 12, 31)) == []
    assert names(ix.match(query, threshold=88, on=dt.date(2026, 3, 1))) == ["Moumou Trading"]
    assert ix.match(query, threshold=88, on=dt.date(2026, 6, 1)) == []


def test_the_threshold_decides_how_close_a_name_must_read() -> None:
    ix = index(entry("Shenzhen Huaxin Import and Export Co., Ltd."))
    query = NameQuery("Shenzhen Huaxia Import and Export Co., Ltd.")
    (loose,) = ix.match(query, threshold=80)
    assert 80 <= loose.score < 95
    assert ix.match(query, threshold=95) == []


def test_a_large_list_still_finds_the_entry_among_many_alike() -> None:
    entries = [entry(f"Shenzhen Company{n:05d} Trading Co., Ltd.") for n in range(3000)]
    ix = index(*entries, entry("深圳市某某贸易有限公司"))
    assert names(ix.match(NameQuery("Shenzhen Moumou Trading Co., Ltd."), threshold=88)) == [
        "深圳市某某贸易有限公司"
    ]
    assert ix.entry_count == 3001
