"""Recorded-mark lists: the shipped list's coverage, refusal of bad files, collisions, versions."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from app.reference.brands import (
    CONTRACT_CATEGORY_IDS,
    SHIPPED_BRAND_LISTS,
    BrandCatalog,
    BrandListError,
    BrandRecord,
    load_brand_list,
    load_catalog,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LISTS = FIXTURES / "brand_lists"
EXAMPLE = REPO / "brand_lists" / "examples" / "operator-example.yaml"


@pytest.fixture(scope="module")
def shipped() -> BrandCatalog:
    return load_catalog(SHIPPED_BRAND_LISTS)


def required_marks() -> list[str]:
    lines = (FIXTURES / "brands-required.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def record(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": "Fixture Mark",
        "rights_holder": "Fixture Ltd",
        "home_country": "GB",
        "categories": ["toys"],
        "source": "test",
    }
    entry.update(overrides)
    return entry


def write_list(path: Path, *entries: dict[str, Any], list_id: str = "fixture") -> Path:
    path.write_text(
        yaml.safe_dump(
            {"list": {"id": list_id, "version": "1"}, "brands": list(entries)}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- the shipped list


def test_shipped_list_covers_every_required_mark_by_canonical_name(shipped: BrandCatalog) -> None:
    marks = required_marks()
    assert len(marks) > 90
    names = {brand.name for brand in shipped.brands}
    assert [mark for mark in marks if mark not in names] == []


def test_shipped_list_covers_every_reference_row(shipped: BrandCatalog) -> None:
    data_dir = REPO / "brand_lists" / "data"
    with (data_dir / "brands_reference.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    overlays = yaml.safe_load((data_dir / "curation.yaml").read_text(encoding="utf-8"))["brands"]
    assert len(rows) == 300
    for row in rows:
        overlay = overlays.get(row["brand"]) or {}
        brand = shipped.get(overlay.get("name", row["brand"]))
        assert brand is not None, row["brand"]
        assert brand.rights_holder == overlay.get("rights_holder", row["rights_holder"])
        if row["typical_min_retail_usd"] and "floor_price_usd" not in overlay:
            assert brand.floor_price_usd == float(row["typical_min_retail_usd"])


def test_every_shipped_brand_is_complete(shipped: BrandCatalog) -> None:
    for brand in shipped.brands:
        assert brand.rights_holder.strip(), brand.name
        assert set(brand.categories) <= CONTRACT_CATEGORY_IDS, brand.name
        assert brand.source.strip(), brand.name
        assert len(brand.home_country) == 2, brand.name
    with_categories = [b for b in shipped.brands if b.categories]
    assert len(with_categories) >= len(shipped.brands) - 5


def test_shipped_list_keeps_word_like_names_out_of_standalone_fields(shipped: BrandCatalog) -> None:
    apple = shipped.get("Apple")
    assert apple is not None
    assert apple.common_word
    assert "苹果" in apple.context_chinese_names
    assert "苹果" not in apple.chinese_names
    assert "apple juice" in apple.non_mark_phrases
    rolex = shipped.get("Rolex")
    assert rolex is not None
    assert "Explorer" in rolex.context_models
    assert "Explorer" not in rolex.models
    omega = shipped.get("Omega")
    assert omega is not None
    assert omega.common_word
    assert "omega-3" in omega.non_mark_phrases


def test_shipped_list_has_no_alias_collisions(shipped: BrandCatalog) -> None:
    assert shipped.warnings == ()


@pytest.mark.benchmark
def test_shipped_list_loads_well_under_a_second() -> None:
    load_catalog(SHIPPED_BRAND_LISTS)  # warm imports
    started = time.perf_counter()
    load_catalog(SHIPPED_BRAND_LISTS)
    assert time.perf_counter() - started < 1.0


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_core", REPO / "brand_lists" / "tools" / "build_core.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_core_yaml_is_what_the_build_script_makes() -> None:
    built = _build_module().build()
    assert built == (REPO / "brand_lists" / "core.yaml").read_text(encoding="utf-8"), (
        "core.yaml is stale: run .venv/bin/python brand_lists/tools/build_core.py"
    )


def test_example_operator_list_loads_after_the_shipped_one() -> None:
    catalog = load_catalog([*SHIPPED_BRAND_LISTS, EXAMPLE])
    assert [bl.id for bl in catalog.lists] == ["core", "operator-example"]
    assert catalog.get("Northwind Example Gear") is not None
    assert catalog.version.startswith("core@")
    assert ",operator-example@2026.12.1+" in catalog.version


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("hermes", "Hermès"),
        ("ＲＯＬＥＸ", "Rolex"),
        ("POKEMON", "Pokémon"),
        ("l'oreal", "L'Oréal"),
        ("tiffany & co", "Tiffany & Co."),
        ("  estee   lauder ", "Estée Lauder"),
    ],
)
def test_get_ignores_case_accents_and_width(shipped: BrandCatalog, query: str, canonical: str) -> None:
    found = shipped.get(query)
    assert found is not None
    assert found.name == canonical


def test_get_answers_none_for_an_unknown_name(shipped: BrandCatalog) -> None:
    assert shipped.get("Rolexx") is None


# --------------------------------------------------------------------------- refusals


def test_unknown_category_is_refused_with_file_row_and_valid_ids() -> None:
    with pytest.raises(BrandListError) as caught:
        load_catalog([LISTS / "bad_category.yaml"])
    error = caught.value
    assert error.file.endswith("bad_category.yaml")
    assert error.row == 2
    assert "unknown category id 'watch'" in error.reason
    assert "valid ids are" in error.reason
    assert "watches" in error.reason
    assert "bad_category.yaml, row 2" in str(error)


def test_missing_rights_holder_is_refused() -> None:
    with pytest.raises(BrandListError) as caught:
        load_catalog([LISTS / "missing_rights_holder.yaml"])
    assert caught.value.row == 1
    assert "missing required field 'rights_holder'" in caught.value.reason


def test_invalid_yaml_names_file_and_line() -> None:
    with pytest.raises(BrandListError) as caught:
        load_catalog([LISTS / "invalid_yaml.yaml"])
    assert caught.value.file.endswith("invalid_yaml.yaml")
    assert caught.value.row is None
    assert "invalid YAML at line" in caught.value.reason


def test_list_without_header_is_refused() -> None:
    with pytest.raises(BrandListError, match="missing the 'list' header"):
        load_catalog([LISTS / "no_header.yaml"])


def test_header_needs_a_version(tmp_path: Path) -> None:
    path = tmp_path / "no-version.yaml"
    path.write_text("list: {id: fixture}\nbrands: []\n", encoding="utf-8")
    with pytest.raises(BrandListError, match="list header: missing required field 'version'"):
        load_catalog([path])


def test_duplicate_within_a_list_is_refused_even_with_other_case_and_accents() -> None:
    with pytest.raises(BrandListError) as caught:
        load_catalog([LISTS / "duplicate.yaml"])
    assert caught.value.row == 2
    assert "duplicate brand" in caught.value.reason
    assert "row 1" in caught.value.reason


def test_operator_list_may_not_redefine_a_shipped_brand() -> None:
    operator = LISTS / "redefines_shipped.yaml"
    with pytest.raises(BrandListError) as caught:
        load_catalog([*SHIPPED_BRAND_LISTS, operator])
    assert caught.value.file == str(operator)
    assert caught.value.row == 2
    assert "already defined in" in caught.value.reason
    assert "core.yaml" in caught.value.reason


def test_two_lists_may_not_share_an_id(tmp_path: Path) -> None:
    first = write_list(tmp_path / "a.yaml", record(name="Mark A"))
    second = write_list(tmp_path / "b.yaml", record(name="Mark B"))
    with pytest.raises(BrandListError, match="list id 'fixture' is already loaded"):
        load_catalog([first, second])


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"alias": ["X"]}, "unknown field 'alias'"),
        ({"home_country": "Switzerland"}, "not an ISO 3166-1 alpha-2 code"),
        ({"chinese_names": ["Rolex"]}, "has no Chinese character"),
        ({"floor_price_usd": 10}, "needs a floor_basis"),
        ({"floor_price_usd": -5, "floor_basis": "x"}, "floor_price_usd"),
        ({"nice_classes": [99]}, "Nice classes run from 1 to 45"),
        (
            {
                "models": ["Alpha"],
                "model_floors": [{"model": "Beta", "floor_price_usd": 5, "floor_basis": "x"}],
            },
            "model_floors names 'Beta'",
        ),
        ({"source": "   "}, "source"),
    ],
)
def test_bad_fields_are_refused_with_a_clear_reason(
    tmp_path: Path, overrides: dict[str, Any], reason: str
) -> None:
    path = write_list(tmp_path / "bad.yaml", record(name="Fine Mark"), record(**overrides))
    with pytest.raises(BrandListError) as caught:
        load_catalog([path])
    assert caught.value.row == 2
    assert reason in caught.value.reason


def test_fields_are_normalised(tmp_path: Path) -> None:
    path = write_list(
        tmp_path / "ok.yaml",
        record(
            home_country="ch", categories=[" Watches "], aliases=["  Two  Words ", "Two Words"], models=[501]
        ),
    )
    brand = load_brand_list(path).brands[0]
    assert (brand.home_country, brand.categories, brand.aliases, brand.models) == (
        "CH",
        ["watches"],
        ["Two Words"],
        ["501"],
    )


# --------------------------------------------------------------------------- collisions


def test_alias_collision_is_a_warning_not_an_error() -> None:
    catalog = load_catalog([*SHIPPED_BRAND_LISTS, LISTS / "alias_collision.yaml"])
    assert catalog.get("Fixture Lamp Ventures") is not None
    collisions = [w for w in catalog.warnings if "Louis Vuitton" in w]
    assert len(collisions) == 1
    assert "Fixture Lamp Ventures" in collisions[0]


def test_collision_between_a_name_and_another_brands_chinese_name(tmp_path: Path) -> None:
    path = write_list(
        tmp_path / "zh.yaml",
        record(name="First Mark", chinese_names=["测试牌"]),
        record(name="Second Mark", context_chinese_names=["测试牌"]),
    )
    warnings = load_catalog([path]).warnings
    assert len(warnings) == 1
    assert "First Mark" in warnings[0]
    assert "Second Mark" in warnings[0]


# --------------------------------------------------------------------------- versions


def test_version_is_stable_across_loads_and_paths(tmp_path: Path) -> None:
    copy = tmp_path / "good.yaml"
    shutil.copyfile(LISTS / "good.yaml", copy)
    first, second, moved = (load_catalog([p]) for p in (LISTS / "good.yaml", LISTS / "good.yaml", copy))
    assert first.version == second.version == moved.version
    assert first.version.startswith("fixture-good@1+")
    assert len(first.version.split("+")[1]) == 8


def test_version_and_hash_change_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    shutil.copyfile(LISTS / "good.yaml", path)
    before = load_catalog([path])
    path.write_text(path.read_text(encoding="utf-8").replace("Beta SA", "Beta S.A."), encoding="utf-8")
    after = load_catalog([path])
    assert before.lists[0].content_hash != after.lists[0].content_hash
    assert before.version != after.version
    assert before.lists[0].version == after.lists[0].version


def test_version_depends_on_list_order(tmp_path: Path) -> None:
    a = write_list(tmp_path / "a.yaml", record(name="Mark A"), list_id="alpha")
    b = write_list(tmp_path / "b.yaml", record(name="Mark B"), list_id="beta")
    assert load_catalog([a, b]).version != load_catalog([b, a]).version


def test_brand_record_is_the_public_shape() -> None:
    brand = BrandRecord.model_validate(record(context_models=["Flip"], common_word=True))
    assert brand.context_models == ["Flip"]
    assert brand.common_word
    assert brand.context_aliases == []
