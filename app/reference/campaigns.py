"""Enforcement campaigns as versioned data files, and their validation.

One YAML file per campaign under app/data/campaigns/, its id the file stem. The same model
validates the body of PUT /v1/campaigns/{id}, so a campaign an operator sends is held to the
rules of a shipped one: ordered dates, known channels, categories and destinations, a weight
in (0, 5] and a source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.data_files import parse_yaml
from app.engine.types import CONTRACT_CATEGORY_IDS, Campaign, Channel
from app.reference.geography import Geography

CHANNEL_VALUES = frozenset(channel.value for channel in Channel)
DEFAULT_GEOGRAPHY_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
CAMPAIGN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
CAMPAIGN_FILE_SUFFIXES = (".yaml", ".yml")


@lru_cache(maxsize=1)
def shipped_geography() -> Geography:
    """The geography shipped in the repository, used when validation is given no other."""
    return Geography.load(DEFAULT_GEOGRAPHY_DIR)


class CampaignSpec(BaseModel):
    """A campaign as written in a data file or sent to PUT /v1/campaigns/{id}."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Name of the campaign.")
    authority: str = Field("unspecified", min_length=1, description="Who runs it, e.g. China Customs (GACC).")
    starts_on: dt.date = Field(description="First day in force (inclusive).")
    ends_on: dt.date = Field(description="Last day in force (inclusive).")
    channels: list[str] = Field(
        default=[], description="Channels it targets (contract channel values); empty: every channel."
    )
    destinations: list[str] = Field(
        default=[],
        description="ISO alpha-2 codes or region ids (north_america, latin_america, europe, africa, "
        "middle_east, belt_and_road, ...); empty: every destination.",
    )
    categories: list[str] = Field(
        default=[], description="Category ids it targets; empty: every kind of goods."
    )
    weight: float = Field(1.0, gt=0, le=5, description="How hard it bites: scales its points and multiplier.")
    source: str = Field("operator", min_length=1, description="Where its facts come from (URLs).")
    assumed: bool = Field(False, description="A profile inferred from earlier campaigns, not published.")
    notes: str | None = Field(None, description="Caveats, e.g. dates known only to the month.")

    @field_validator("name", "authority", "source")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, values: list[str]) -> list[str]:
        normalized = _unique(v.strip().lower() for v in values)
        unknown = [v for v in normalized if v not in CHANNEL_VALUES]
        if unknown:
            raise ValueError(f"unknown channels {unknown}; expected some of {sorted(CHANNEL_VALUES)}")
        return normalized

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, values: list[str], info: ValidationInfo) -> list[str]:
        known = set(CONTRACT_CATEGORY_IDS)
        if isinstance(info.context, Mapping) and info.context.get("categories"):
            known |= set(info.context["categories"])
        normalized = _unique(v.strip().lower() for v in values)
        unknown = [v for v in normalized if v not in known]
        if unknown:
            raise ValueError(f"unknown categories {unknown}; expected some of {sorted(known)}")
        return normalized

    @field_validator("destinations")
    @classmethod
    def _known_destinations(cls, values: list[str], info: ValidationInfo) -> list[str]:
        geography = shipped_geography()
        if isinstance(info.context, Mapping) and isinstance(info.context.get("geography"), Geography):
            geography = info.context["geography"]
        return _unique(geography.normalize_destination(v) for v in values)

    @model_validator(mode="after")
    def _dates_ordered(self) -> CampaignSpec:
        if self.ends_on < self.starts_on:
            raise ValueError(f"ends_on {self.ends_on} is before starts_on {self.starts_on}")
        return self


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def campaign_files(paths: Sequence[Path]) -> list[Path]:
    """The campaign files named by paths: files as given, directories by their *.yaml/*.yml files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in CAMPAIGN_FILE_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise ValueError(f"{path}: no such campaign file or directory")
    return files


def load_campaign_file(path: Path, context: Mapping[str, Any] | None = None) -> CampaignSpec:
    """One campaign file, validated; ValueError naming the file and the offending field."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read campaign file: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of campaign fields")
    try:
        return CampaignSpec.model_validate(data, context=dict(context or {}))
    except ValidationError as exc:
        raise ValueError(f"{path}: invalid campaign: {describe_errors(exc)}") from exc


def load_campaign_files(
    paths: Sequence[Path], context: Mapping[str, Any] | None = None
) -> dict[str, CampaignSpec]:
    """Campaign id -> spec from the shipped data files; ValueError naming file and entry if bad."""
    specs: dict[str, CampaignSpec] = {}
    origin: dict[str, Path] = {}
    for path in campaign_files(paths):
        campaign_id = path.stem
        if not CAMPAIGN_ID_PATTERN.match(campaign_id):
            raise ValueError(f"{path}: file name {campaign_id!r} is not a valid campaign id")
        if campaign_id in specs:
            raise ValueError(f"{path}: campaign id {campaign_id!r} is also defined in {origin[campaign_id]}")
        specs[campaign_id] = load_campaign_file(path, context)
        origin[campaign_id] = path
    return specs


def describe_errors(exc: ValidationError) -> str:
    """'field: message' for each error, the way an operator reads them."""
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'campaign'}: {error['msg']}"
        for error in exc.errors()
    )


def to_engine(campaign_id: str, spec: CampaignSpec, geography: Geography) -> Campaign:
    destinations: set[str] = set()
    for destination in spec.destinations:
        destinations |= geography.expand(destination)
    return Campaign(
        id=campaign_id,
        name=spec.name,
        authority=spec.authority,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        channels=frozenset(Channel(c) for c in spec.channels),
        destinations=frozenset(destinations),
        destination_labels=tuple(spec.destinations),
        categories=frozenset(spec.categories),
        weight=spec.weight,
        source=spec.source,
        assumed=spec.assumed,
    )


def campaign_version(specs: Mapping[str, CampaignSpec]) -> str:
    """A short content hash of a set of campaigns: equal sets, equal versions; any edit changes it."""
    canonical = json.dumps(
        {campaign_id: specs[campaign_id].model_dump(mode="json") for campaign_id in sorted(specs)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
