"""The data-source registry: every source loads from where the settings point, reports a content
version, and a configured file really takes effect (campaigns validate against it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.reference.knowledge import load_knowledge
from app.reference.sources import SOURCES
from app.settings import DATA_DIR, Settings
from tests.conftest import KEY_A, make_settings

CAMPAIGN = """\
name: A campaign to a region only the configured geography knows
authority: China Customs (GACC)
starts_on: 2026-01-01
ends_on: 2026-12-31
channels: []
destinations: [{region}]
categories: [{category}]
weight: 1.0
source: a test fixture
"""


@pytest.fixture
def geography(tmp_path: Path) -> Path:
    """The shipped geography plus a region `test_isles` of two countries."""
    directory = tmp_path / "geo"
    shutil.copytree(DATA_DIR / "geo", directory)
    with (directory / "regions.yaml").open("a", encoding="utf-8") as regions:
        regions.write("\ntest_isles:\n  countries: [FJ, TO]\n")
    return directory


def campaigns_dir(tmp_path: Path, region: str, category: str = "watches") -> Path:
    directory = tmp_path / "campaigns"
    directory.mkdir()
    (directory / "test-isles-2026.yaml").write_text(CAMPAIGN.format(region=region, category=category))
    return directory


def test_every_source_has_a_distinct_name_and_a_version() -> None:
    names = [source.name for source in SOURCES]
    assert len(set(names)) == len(names)
    knowledge = load_knowledge(Settings().data_paths)
    assert set(knowledge.versions) == set(names)
    assert all(knowledge.versions.values())


def test_a_configured_geography_changes_its_version(geography: Path) -> None:
    shipped = load_knowledge(Settings().data_paths)
    configured = load_knowledge(Settings(geography_dir=geography).data_paths)
    assert configured.versions["geography"] != shipped.versions["geography"]
    assert {k: v for k, v in configured.versions.items() if k != "geography"} == {
        k: v for k, v in shipped.versions.items() if k != "geography"
    }


def test_campaign_files_validate_against_the_configured_geography(geography: Path, tmp_path: Path) -> None:
    settings = Settings(geography_dir=geography, campaigns_dir=campaigns_dir(tmp_path, "test_isles"))
    knowledge = load_knowledge(settings.data_paths)
    assert knowledge.shipped_campaigns["test-isles-2026"].destinations == ["test_isles"]
    with pytest.raises(ValueError, match="test_isles"):
        load_knowledge(Settings(campaigns_dir=settings.campaigns_dir).data_paths)


def test_campaign_files_validate_against_the_configured_categories(tmp_path: Path) -> None:
    directory = campaigns_dir(tmp_path, "north_america", category="umbrellas")
    with pytest.raises(ValueError, match="umbrellas"):
        load_knowledge(Settings(campaigns_dir=directory).data_paths)


def test_a_put_campaign_validates_against_the_configured_geography(geography: Path, sqlite_url: str) -> None:
    body = {
        "name": "Test isles",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "destinations": ["test_isles"],
        "categories": ["watches"],
        "weight": 1.0,
        "source": "a test",
    }
    app = create_app(make_settings(sqlite_url, geography_dir=geography))
    with TestClient(app, headers={"X-API-Key": KEY_A}) as client:
        assert client.put("/v1/campaigns/test-isles", json=body).status_code == 200
        listed = {c["id"]: c for c in client.get("/v1/campaigns").json()["items"]}
        assert listed["test-isles"]["destinations"] == ["test_isles"]
    shipped = create_app(make_settings(sqlite_url))
    with TestClient(shipped, headers={"X-API-Key": KEY_A}) as client:
        response = client.put("/v1/campaigns/test-isles-2", json=body)
        assert response.status_code == 422
        assert "test_isles" in response.text


def test_every_source_version_is_in_the_response(client: TestClient) -> None:
    manifest = {
        "destination_country": "US",
        "channel": "sea_freight",
        "shipper": {"id": "S1", "name": "Shipper", "country": "CN"},
        "consignee": {"id": "C1", "name": "Consignee", "country": "US"},
        "lines": [{"description": "cotton t-shirts", "quantity": 10}],
    }
    versions = client.post("/v1/screenings", json=manifest).json()["versions"]
    assert list(versions)[:3] == ["engine", "brand_list", "campaigns"]
    assert {source.name for source in SOURCES} | {"marks_vocabulary"} <= set(versions)
