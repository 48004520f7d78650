"""Country codes from codes and names, and the region ids campaigns use, on the shipped data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.reference.geography import Geography

GEO_DIR = Path(__file__).resolve().parents[2] / "app" / "data" / "geo"


@pytest.fixture(scope="module")
def geo() -> Geography:
    return Geography.load(GEO_DIR)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("united states of america", "US"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("United Kingdom", "GB"),
        ("gbr", "GB"),
        ("Germany", "DE"),
        ("DEU", "DE"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Viet Nam", "VN"),
        ("Côte d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("  the Netherlands ", "NL"),
        ("UAE", "AE"),
    ],
)
def test_country_code(geo: Geography, value: str, code: str) -> None:
    assert geo.country_code(value) == code


@pytest.mark.parametrize("value", ["", "XX", "Narnia", "Europe", "north_america"])
def test_unknown_country_is_none(geo: Geography, value: str) -> None:
    assert geo.country_code(value) is None


def test_north_america_is_un_northern_america(geo: Geography) -> None:
    assert geo.expand("north_america") == {"US", "CA", "BM", "GL", "PM"}
    assert "MX" in geo.expand("latin_america")


def test_latin_america_holds_south_and_central_america(geo: Geography) -> None:
    latin = geo.expand("latin_america")
    assert geo.expand("south_america") < latin
    assert geo.expand("central_america") < latin
    assert {"BR", "AR", "MX", "CU"} <= latin
    assert not latin & geo.expand("north_america")


def test_middle_east_is_the_documented_list(geo: Geography) -> None:
    middle_east = geo.expand("middle_east")
    assert {"SA", "AE", "QA", "KW", "BH", "OM", "IL", "JO", "IQ", "IR", "TR", "EG", "YE"} <= middle_east
    assert not {"AM", "AZ", "GE", "MA"} & middle_east
    assert len(middle_east) == 17


def test_continents_and_japan(geo: Geography) -> None:
    assert {"DE", "FR", "PL", "GB"} <= geo.expand("europe")
    assert {"NG", "EG", "KE", "ZA"} <= geo.expand("africa")
    assert geo.expand("japan") == {"JP"}
    assert "JP" in geo.expand("asia")
    assert "AU" in geo.expand("oceania")


def test_belt_and_road_excludes_members_that_exited(geo: Geography) -> None:
    members = geo.expand("belt_and_road")
    assert {"PK", "KZ", "RU", "NZ"} <= members
    assert not {"IT", "PA", "US", "JP"} & members


def test_every_un_grouping_is_a_region(geo: Geography) -> None:
    assert {"western_asia", "sub_saharan_africa", "south_eastern_asia"} <= geo.region_ids()
    assert "KZ" in geo.expand("central_asia")


def test_expand_a_country(geo: Geography) -> None:
    assert geo.expand("us") == {"US"}
    assert geo.expand("Germany") == {"DE"}


def test_expand_unknown_says_what_was_expected(geo: Geography) -> None:
    with pytest.raises(ValueError, match="unknown destination 'atlantis'.*north_america"):
        geo.expand("atlantis")


def test_version_is_a_content_hash(geo: Geography, tmp_path: Path) -> None:
    copy = tmp_path / "geo"
    shutil.copytree(GEO_DIR, copy)
    assert Geography.load(copy).version == geo.version
    with (copy / "country_aliases.yaml").open("a", encoding="utf-8") as handle:
        handle.write("blighty: GB\n")
    changed = Geography.load(copy)
    assert changed.version != geo.version
    assert changed.country_code("Blighty") == "GB"


def test_bad_region_definition_names_the_file(tmp_path: Path) -> None:
    copy = tmp_path / "geo"
    shutil.copytree(GEO_DIR, copy)
    with (copy / "regions.yaml").open("a", encoding="utf-8") as handle:
        handle.write("atlantis:\n  countries: [XQ]\n")
    with pytest.raises(ValueError, match=r"regions\.yaml.*atlantis.*XQ"):
        Geography.load(copy)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="countries_regions.csv"):
        Geography.load(tmp_path)
