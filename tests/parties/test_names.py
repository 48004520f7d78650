"""Company names read for comparison: legal forms, addresses and scripts set aside."""

from __future__ import annotations

import pytest

from app.parties.names import default_reader


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("深圳市某某贸易有限公司", "Shenzhen Moumou Trading Co., Ltd."),
        ("Shenzhen Moumou Trading Co., Ltd.", "MOUMOU TRADING (SHENZHEN) COMPANY LIMITED"),
        ("Siemens Aktiengesellschaft", "Siemens AG"),
        ("Robert Bosch GmbH", "Robert Bosch Gesellschaft mit beschränkter Haftung"),
        ("Nestlé S.A.", "NESTLE SA"),
        ("ПАО «Газпром»", "PJSC Gazprom"),
        ("华为技术（深圳）有限公司", "Huawei Technologies (Shenzhen) Co., Ltd."),
        ("宁波某某进出口有限公司", "Ningbo Moumou Import & Export Co., Ltd."),
        ("ACTeam Logistics Ltd., Unit B1-B3, 21/F, Block B, Castle Peak Road", "ACTeam Logistics Limited"),
    ],
)
def test_the_same_company_written_two_ways_reads_alike(one: str, other: str) -> None:
    reader = default_reader()
    left, right = reader.read(one), reader.read(other)
    assert left.key == right.key, (left, right)
    assert set(left.trade) <= set(right.trade) or set(right.trade) <= set(left.trade), (left, right)


def test_trade_place_and_legal_form_words_are_told_apart_from_the_name() -> None:
    name = default_reader().read("深圳市某某电子科技有限公司")
    assert name.distinctive == ("moumou",)
    assert name.trade == ("electronic", "technology")
    assert name.places == ("shenzhen",)
    assert name.legal_forms == ("有限公司",)
    assert name.hanzi == "某某"


def test_a_name_keeps_its_own_plural_and_a_trade_word_loses_it() -> None:
    name = default_reader().read("Siemens Technologies Holdings")
    assert name.distinctive == ("siemens",)
    assert name.trade == ("holding", "technology")
