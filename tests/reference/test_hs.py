"""The HS 2022 nomenclature: existence of declared codes (the API's 422 check) and descriptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.engine.codes import normalise_code
from app.reference.hs import HsDataError, HsNomenclature

HS_FILE = Path(__file__).resolve().parents[2] / "app" / "data" / "hs" / "hs_codes.csv"


@pytest.fixture(scope="module")
def hs() -> HsNomenclature:
    return HsNomenclature.load(HS_FILE)


@pytest.mark.parametrize("code", ["691200", "330300", "731700", "950300", "9102", "91021100", "8517130000"])
def test_typical_declared_codes_exist(hs: HsNomenclature, code: str) -> None:
    assert hs.exists(code)


@pytest.mark.parametrize("code", ["9503.00", "6109 10", "3926.90.90"])
def test_dots_and_spaces_are_allowed(hs: HsNomenclature, code: str) -> None:
    assert hs.exists(code)


@pytest.mark.parametrize(
    "code",
    ["9999", "999999", "0100", "950399", "91", "12345678901", "ABCD", "", "9102x1"],
)
def test_codes_outside_hs_2022_or_malformed_do_not_exist(hs: HsNomenclature, code: str) -> None:
    assert not hs.exists(code)


def test_national_extensions_are_not_checked_beyond_six_digits(hs: HsNomenclature) -> None:
    assert hs.exists("9102119999")
    assert not hs.exists("9102559999")  # 910255 is not a subheading


def test_describe_gives_the_most_specific_description(hs: HsNomenclature) -> None:
    assert hs.describe("851713") == "Telephone sets; smartphones for cellular or other wireless networks"
    assert "nails" in (hs.describe("7317.00.10") or "")
    assert hs.describe("9999") is None


def test_sections_are_the_broad_goods_families(hs: HsNomenclature) -> None:
    assert hs.section("610910") == "XI"
    assert hs.section("9102") == "XVIII"
    assert hs.section("3926") == "VII"


def test_the_synthetic_total_rows_are_skipped(hs: HsNomenclature) -> None:
    assert hs.entry("999999") is None
    assert hs.entry("01") is not None


def test_normalise_code() -> None:
    assert normalise_code("9503.00") == "950300"
    assert normalise_code("123") is None
    assert normalise_code("95-03") == "9503"


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("640411", "640411"),
        ("6404 11", "640411"),
        ("8518.30.00", "85183000"),
        ("9503\t00", "950300"),  # any white space, not only the plain space
        (" 9102.11 ", "910211"),
        ("9102.11.00.00", "9102110000"),
        ("9102.11.00.001", None),  # 11 digits
        ("95O3", None),
        ("9503.x", None),
        ("", None),
    ],
)
def test_normalise_code_takes_separators_and_refuses_the_rest(raw: str, digits: str | None) -> None:
    assert normalise_code(raw) == digits


def test_a_bad_level_names_the_file_and_row(tmp_path: Path) -> None:
    bad = tmp_path / "hs.csv"
    bad.write_text("section,hscode,description,parent,level\nI,0101,Horses,01,6\n", encoding="utf-8")
    with pytest.raises(HsDataError, match=r"hs.csv, row 2"):
        HsNomenclature.load(bad)


def test_version_is_a_content_hash(hs: HsNomenclature, tmp_path: Path) -> None:
    copy = tmp_path / "copy.csv"
    copy.write_bytes(HS_FILE.read_bytes())
    assert HsNomenclature.load(copy).version == hs.version
    copy.write_bytes(HS_FILE.read_bytes() + b"XX,9999,Extra,99,4\n")
    assert HsNomenclature.load(copy).version != hs.version
