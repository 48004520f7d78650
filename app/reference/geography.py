"""Countries (ISO 3166-1) and the region ids campaigns target (UN M49 regions, Belt and Road).

Three files under one directory make a geography: countries_regions.csv (ISO codes with their
UN M49 groupings), belt_and_road_countries.csv, regions.yaml (the region ids and how each is
defined) and country_aliases.yaml (everyday names such as "USA" or "UK"). All are read once at
load; lookups are dictionary hits.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pycountry
import yaml

from app.data_files import parse_yaml

COUNTRIES_FILE = "countries_regions.csv"
BELT_AND_ROAD_FILE = "belt_and_road_countries.csv"
REGIONS_FILE = "regions.yaml"
ALIASES_FILE = "country_aliases.yaml"
DATA_FILES = (COUNTRIES_FILE, BELT_AND_ROAD_FILE, REGIONS_FILE, ALIASES_FILE)

# The ways regions.yaml may define a region, and the CSV column each UN grouping is read from.
_UN_COLUMNS = {
    "un_region": "region",
    "un_sub_region": "sub-region",
    "un_intermediate_region": "intermediate-region",
}
_DEFINITION_KEYS = frozenset({*_UN_COLUMNS, "belt_and_road", "countries"})


def name_key(value: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("Côte d'Ivoire" -> "cote d ivoire")."""
    decomposed = unicodedata.normalize("NFKD", value)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_only).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def region_slug(name: str) -> str:
    """The snake_case id of a UN M49 grouping ("South-eastern Asia" -> "south_eastern_asia")."""
    return name_key(name).replace(" ", "_")


class Geography:
    version: str

    def __init__(
        self,
        alpha3: Mapping[str, str],
        names: Mapping[str, str],
        regions: Mapping[str, frozenset[str]],
        version: str,
    ) -> None:
        self._alpha3 = dict(alpha3)  # alpha-3 -> alpha-2
        self._countries = frozenset(alpha3.values())
        self._names = dict(names)  # name_key -> alpha-2
        # The same keys without spaces, so that "U.S.A." and "U K" find "usa" and "uk".
        self._compact_names: dict[str, str] = {}
        for key, code in self._names.items():
            self._compact_names.setdefault(key.replace(" ", ""), code)
        self._regions = dict(regions)
        self.version = version

    @classmethod
    def load(cls, data_dir: Path) -> Geography:
        for file_name in DATA_FILES:
            if not (data_dir / file_name).is_file():
                raise ValueError(f"{data_dir / file_name}: geography data file is missing")
        rows = _read_csv(data_dir / COUNTRIES_FILE)
        countries = frozenset(row["alpha-2"].upper() for row in rows)
        names: dict[str, str] = {}
        for row in rows:
            code = row["alpha-2"].upper()
            names[name_key(row["alpha-3"])] = code
            names.setdefault(name_key(row["name"]), code)
        _add_pycountry_names(names, countries)
        for alias, code in _read_aliases(data_dir / ALIASES_FILE, countries).items():
            names[alias] = code
        regions = _un_groupings(rows)
        regions.update(_named_regions(data_dir, rows, countries))
        alpha3 = {row["alpha-3"].upper(): row["alpha-2"].upper() for row in rows}
        return cls(alpha3, names, regions, _content_hash(data_dir))

    def country_code(self, value: str) -> str | None:
        """ISO alpha-2 for an alpha-2/alpha-3 code or a country name (case-insensitive); None if unknown."""
        text = value.strip()
        upper = text.upper()
        if upper in self._countries:
            return upper
        if upper in self._alpha3:
            return self._alpha3[upper]
        key = name_key(text)
        return self._names.get(key) or self._compact_names.get(key.replace(" ", ""))

    def countries(self) -> frozenset[str]:
        return self._countries

    def region_ids(self) -> frozenset[str]:
        return frozenset(self._regions)

    def region(self, region_id: str) -> frozenset[str]:
        """ISO alpha-2 codes of a region id; KeyError if it is not one."""
        return self._regions[region_id.strip().lower()]

    def normalize_destination(self, destination: str) -> str:
        """A destination as a region id, else as an ISO alpha-2 code; ValueError if neither."""
        region_id = destination.strip().lower()
        if region_id in self._regions:
            return region_id
        code = self.country_code(destination)
        if code is None:
            raise ValueError(
                f"unknown destination {destination!r}: expected an ISO 3166-1 country code or name, "
                f"or a region id such as {', '.join(_SUGGESTED_REGIONS)}"
            )
        return code

    def expand(self, destination: str) -> frozenset[str]:
        """ISO alpha-2 codes of a region id or a single country; ValueError if neither."""
        canonical = self.normalize_destination(destination)
        if canonical in self._regions:
            return self._regions[canonical]
        return frozenset({canonical})


_SUGGESTED_REGIONS = (
    "north_america",
    "south_america",
    "latin_america",
    "europe",
    "africa",
    "middle_east",
    "belt_and_road",
)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_yaml_mapping(path: Path) -> dict[str, Any]:
    try:
        loaded = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return loaded


def _read_aliases(path: Path, countries: frozenset[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for alias, code in _read_yaml_mapping(path).items():
        if str(code).upper() not in countries:
            raise ValueError(f"{path}: alias {alias!r} points to unknown country code {code!r}")
        aliases[name_key(str(alias))] = str(code).upper()
    return aliases


def _add_pycountry_names(names: dict[str, str], countries: frozenset[str]) -> None:
    """ISO names, official names and common names as pycountry records them."""
    for record in pycountry.countries:
        code = str(record.alpha_2)
        if code not in countries:
            continue
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(record, attribute, None)
            if isinstance(value, str):
                names.setdefault(name_key(value), code)


def _un_groupings(rows: list[dict[str, str]]) -> dict[str, frozenset[str]]:
    """Every UN M49 region, sub-region and intermediate region under its snake_case name."""
    groups: dict[str, set[str]] = {}
    for row in rows:
        for column in _UN_COLUMNS.values():
            if row[column]:
                groups.setdefault(region_slug(row[column]), set()).add(row["alpha-2"].upper())
    return {slug: frozenset(codes) for slug, codes in groups.items()}


def _named_regions(
    data_dir: Path, rows: list[dict[str, str]], countries: frozenset[str]
) -> dict[str, frozenset[str]]:
    path = data_dir / REGIONS_FILE
    belt_and_road = _read_csv(data_dir / BELT_AND_ROAD_FILE)
    regions: dict[str, frozenset[str]] = {}
    for region_id, definition in _read_yaml_mapping(path).items():
        well_formed = isinstance(definition, dict) and len(definition) == 1
        if not well_formed or not set(definition) <= _DEFINITION_KEYS:
            raise ValueError(
                f"{path}: region {region_id!r} needs exactly one of {', '.join(sorted(_DEFINITION_KEYS))}"
            )
        ((kind, value),) = definition.items()
        if kind in _UN_COLUMNS:
            column = _UN_COLUMNS[kind]
            codes = frozenset(r["alpha-2"].upper() for r in rows if r[column] == value)
        elif kind == "belt_and_road":
            codes = frozenset(r["alpha2"].upper() for r in belt_and_road if r["status"] == value)
        else:
            codes = frozenset(str(code).upper() for code in value)
            unknown = sorted(codes - countries)
            if unknown:
                raise ValueError(f"{path}: region {region_id!r} names unknown country codes {unknown}")
        if not codes:
            raise ValueError(f"{path}: region {region_id!r} ({kind}: {value!r}) matches no country")
        regions[str(region_id)] = codes
    return regions


def _content_hash(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for file_name in DATA_FILES:
        digest.update(file_name.encode())
        digest.update((data_dir / file_name).read_bytes())
    return digest.hexdigest()[:12]
