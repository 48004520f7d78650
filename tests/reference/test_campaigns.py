"""Campaign files: the shipped ones load, bad ones are refused by file and field, ids and versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from app.engine.types import Channel
from app.reference.campaigns import (
    CampaignSpec,
    campaign_version,
    load_campaign_files,
    shipped_geography,
    to_engine,
)

CAMPAIGN_DIR = Path(__file__).resolve().parents[2] / "app" / "data" / "campaigns"


def spec_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Test campaign",
        "authority": "China Customs (GACC)",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
        "channels": ["postal"],
        "destinations": ["north_america", "DE"],
        "categories": ["watches"],
        "weight": 1.5,
        "source": "https://example.org/announcement",
    }
    data.update(overrides)
    return data


def write(directory: Path, name: str, data: dict[str, Any]) -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_shipped_campaigns_load() -> None:
    specs = load_campaign_files([CAMPAIGN_DIR])
    assert {"longteng-2017", "longteng-2019", "longteng-2020", "longteng-2021"} <= set(specs)
    assert {"blue-net-2020", "net-net-2020", "longteng-2026"} <= set(specs)
    assert specs["longteng-2017"].starts_on == dt.date(2017, 9, 1)
    assert set(specs["blue-net-2020"].channels) >= {"postal", "express"}
    for campaign_id, spec in specs.items():
        assert spec.source.strip(), campaign_id


def test_current_year_profile_is_marked_assumed() -> None:
    spec = load_campaign_files([CAMPAIGN_DIR])["longteng-2026"]
    assert spec.assumed
    assert spec.notes is not None
    assert "assumed" in spec.notes.lower()
    assert spec.ends_on == dt.date(2026, 12, 31)
    assert "north_america" in spec.destinations


def test_to_engine_expands_destinations_and_keeps_labels() -> None:
    spec = CampaignSpec.model_validate(spec_data())
    campaign = to_engine("test", spec, shipped_geography())
    assert campaign.id == "test"
    assert campaign.destinations == {"US", "CA", "BM", "GL", "PM", "DE"}
    assert campaign.destination_labels == ("north_america", "DE")
    assert campaign.channels == {Channel.POSTAL}
    assert campaign.categories == {"watches"}
    assert campaign.weight == 1.5
    assert campaign.in_force(dt.date(2026, 11, 30))
    assert not campaign.in_force(dt.date(2027, 1, 1))


def test_destinations_are_normalised() -> None:
    spec = CampaignSpec.model_validate(spec_data(destinations=["North_America", "usa", "Germany", "de"]))
    assert spec.destinations == ["north_america", "US", "DE"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": "2026-02-01"}, "ends_on"),
        ({"channels": ["carrier_pigeon"]}, "channels"),
        ({"categories": ["spaceships"]}, "categories"),
        ({"destinations": ["atlantis"]}, "destinations"),
        ({"weight": 0}, "weight"),
        ({"weight": 5.5}, "weight"),
        ({"source": "  "}, "source"),
        ({"name": ""}, "name"),
        ({"destination": ["US"]}, "destination"),
    ],
)
def test_bad_spec_is_refused(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        CampaignSpec.model_validate(spec_data(**overrides))
    assert field in str(excinfo.value)


def test_context_can_widen_the_categories() -> None:
    data = spec_data(categories=["umbrellas"])
    with pytest.raises(ValidationError):
        CampaignSpec.model_validate(data)
    spec = CampaignSpec.model_validate(data, context={"categories": {"umbrellas"}})
    assert spec.categories == ["umbrellas"]


def test_bad_file_is_named_with_its_field(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", spec_data())
    write(tmp_path, "bad.yaml", spec_data(weight=9))
    with pytest.raises(ValueError, match=r"bad\.yaml.*weight"):
        load_campaign_files([tmp_path])


def test_unreadable_yaml_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        load_campaign_files([tmp_path])


def test_files_and_directories_and_duplicate_ids(tmp_path: Path) -> None:
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    one = write(first, "one.yaml", spec_data())
    write(first, "README.md", {"not": "a campaign"})
    write(second, "two.yml", spec_data(name="Two"))
    specs = load_campaign_files([one, second])
    assert set(specs) == {"one", "two"}
    write(second, "one.yaml", spec_data(name="Other"))
    with pytest.raises(ValueError, match="'one'.*also defined"):
        load_campaign_files([first, second])
    with pytest.raises(ValueError, match="no such"):
        load_campaign_files([tmp_path / "missing"])


def test_version_is_deterministic_and_changes_with_any_edit() -> None:
    specs = {
        "a": CampaignSpec.model_validate(spec_data()),
        "b": CampaignSpec.model_validate(spec_data(name="B")),
    }
    reordered = {"b": specs["b"], "a": specs["a"]}
    assert campaign_version(specs) == campaign_version(reordered)
    assert len(campaign_version(specs)) == 12
    edited = {**specs, "a": CampaignSpec.model_validate(spec_data(weight=2.0))}
    assert campaign_version(edited) != campaign_version(specs)
    added = {**specs, "c": CampaignSpec.model_validate(spec_data())}
    assert campaign_version(added) != campaign_version(specs)
    renamed = {"z": specs["a"], "b": specs["b"]}
    assert campaign_version(renamed) != campaign_version(specs)
