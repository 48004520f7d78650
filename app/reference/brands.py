"""Recorded-mark lists: the file format, its validation at load, versions and content hashes.

A list file is YAML: a `list` header (id, version) and `brands`, one entry per recorded mark
(brand_lists/README.md documents every field). Shipped lists load first, operators' after; an
operator list may add marks but not redefine a shipped one, so a response's brand verdict always
traces to one entry of one file. Every list carries the sha256 of its bytes, and the catalog a
short version over all of them, reported with each screening.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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

from app.data_files import ListHeader, describe_entry, parse_yaml
from app.engine.types import CONTRACT_CATEGORY_IDS
from app.text import has_cjk

BRAND_LIST_DIR = Path(__file__).resolve().parents[2] / "brand_lists"
# The lists the service loads before any operator list (PRESCREEN_EXTRA_BRAND_LISTS).
SHIPPED_BRAND_LISTS: tuple[Path, ...] = (BRAND_LIST_DIR / "core.yaml",)

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def fold_name(text: str) -> str:
    """A canonical name as looked up: NFKC (full-width to ASCII), case-folded, accents dropped."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", bare)).strip()


def alias_key(text: str) -> str:
    """A name with punctuation and spacing dropped too: 'D&G' and 'dg', 'Ray Ban' and 'Ray-Ban' meet."""
    return _NON_ALNUM.sub("", fold_name(text))


def _clean_strings(values: Iterable[Any], field_name: str) -> list[str]:
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError(f"{field_name} entries must be text, got {value!r}")
        text = _SPACES.sub(" ", str(value)).strip()
        if not text:
            raise ValueError(f"{field_name} has a blank entry")
        if text not in cleaned:
            cleaned.append(text)
    return cleaned


class ModelFloor(BaseModel):
    """A conservative lowest genuine retail price for one model or product line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1, description="The model or product line, as in `models`.")
    floor_price_usd: float = Field(gt=0, description="Lowest genuine retail price, USD.")
    floor_basis: str = Field(min_length=1, description="What the floor rests on and applies to.")


class BrandRecord(BaseModel):
    """One recorded mark as written in a list file (see brand_lists/README.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="Canonical name, reported as evidence.brand.")
    rights_holder: str = Field(min_length=1)
    home_country: str = Field(description="ISO 3166-1 alpha-2 of the rights holder or brand home.")
    categories: list[str] = Field(default_factory=list, description="Contract category ids.")
    nice_classes: list[int] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list, description="Alternative names, safe alone.")
    context_aliases: list[str] = Field(default_factory=list, description="Alternative names that are words.")
    models: list[str] = Field(default_factory=list, description="Distinctive model and line names.")
    context_models: list[str] = Field(default_factory=list, description="Model names that are words.")
    chinese_names: list[str] = Field(default_factory=list, description="Chinese names, safe alone.")
    context_chinese_names: list[str] = Field(
        default_factory=list, description="Chinese names that are also ordinary words."
    )
    abbreviations: list[str] = Field(default_factory=list, description="Short forms; need a category fit.")
    common_word: bool = Field(False, description="The name itself is an ordinary word.")
    non_mark_phrases: list[str] = Field(default_factory=list, description="Phrases where it is no mark.")
    floor_price_usd: float | None = Field(None, gt=0)
    floor_basis: str | None = None
    model_floors: list[ModelFloor] = Field(default_factory=list)
    source: str = Field(min_length=1)
    notes: str | None = None

    @field_validator("name", "rights_holder", "source", "floor_basis", "notes")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = _SPACES.sub(" ", value).strip()
        if not text:
            raise ValueError("must not be blank")
        return text

    @field_validator("home_country")
    @classmethod
    def _alpha2(cls, value: str) -> str:
        code = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code (e.g. 'CH', 'US')")
        return code

    @field_validator("categories", mode="before")
    @classmethod
    def _known_categories(cls, values: Any) -> list[str]:
        if not isinstance(values, list):
            raise ValueError("must be a list of category ids")
        ids = [v.strip().lower() if isinstance(v, str) else v for v in _clean_strings(values, "categories")]
        unknown = [v for v in ids if v not in CONTRACT_CATEGORY_IDS]
        if unknown:
            valid = ", ".join(sorted(CONTRACT_CATEGORY_IDS))
            raise ValueError(f"unknown category id {unknown[0]!r}; valid ids are {valid}")
        return ids

    @field_validator("nice_classes")
    @classmethod
    def _nice_range(cls, values: list[int]) -> list[int]:
        bad = [v for v in values if not 1 <= v <= 45]
        if bad:
            raise ValueError(f"Nice classes run from 1 to 45, got {bad[0]}")
        return sorted(set(values))

    @field_validator(
        "aliases",
        "context_aliases",
        "models",
        "context_models",
        "abbreviations",
        "non_mark_phrases",
        mode="before",
    )
    @classmethod
    def _text_list(cls, values: Any, info: ValidationInfo) -> list[str]:
        if not isinstance(values, list):
            raise ValueError("must be a list")
        return _clean_strings(values, info.field_name or "list")

    @field_validator("chinese_names", "context_chinese_names", mode="before")
    @classmethod
    def _chinese(cls, values: Any, info: ValidationInfo) -> list[str]:
        if not isinstance(values, list):
            raise ValueError("must be a list")
        names = _clean_strings(values, info.field_name or "list")
        latin = [n for n in names if not has_cjk(n)]
        if latin:
            raise ValueError(f"{latin[0]!r} has no Chinese character; put Latin names under aliases")
        return names

    @model_validator(mode="after")
    def _floors_consistent(self) -> BrandRecord:
        if self.floor_price_usd is not None and not self.floor_basis:
            raise ValueError("floor_price_usd needs a floor_basis saying what the floor applies to")
        named = {fold_name(m) for m in [*self.models, *self.context_models]}
        for floor in self.model_floors:
            if fold_name(floor.model) not in named:
                raise ValueError(f"model_floors names {floor.model!r}, in neither models nor context_models")
        return self


class BrandListError(ValueError):
    """A list file that cannot be loaded: names the file, the row and the reason."""

    def __init__(self, file: str, row: int | None, reason: str) -> None:
        self.file, self.row, self.reason = file, row, reason
        where = f"{file}, row {row}" if row is not None else file
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class BrandList:
    id: str
    version: str
    path: Path
    content_hash: str  # sha256 of the file bytes, hex
    brands: tuple[BrandRecord, ...]


@dataclass(frozen=True)
class BrandCatalog:
    lists: tuple[BrandList, ...]
    warnings: tuple[str, ...]  # duplicates and alias collisions found at load
    _by_name: dict[str, BrandRecord] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, BrandRecord | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, BrandRecord] = {}
        by_key: dict[str, BrandRecord | None] = {}
        for record in self.brands:
            by_name.setdefault(fold_name(record.name), record)
            key = alias_key(record.name)
            by_key[key] = record if key not in by_key else None  # None: two names share the key
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_key", by_key)

    @property
    def version(self) -> str:
        """'core@2026.11.1+ab12cd34': each list's id@version, then a hash over ids, versions, contents."""
        if not self.lists:
            return "none"
        digest = hashlib.sha256(
            "\n".join(f"{bl.id}\t{bl.version}\t{bl.content_hash}" for bl in self.lists).encode()
        ).hexdigest()
        return ",".join(f"{bl.id}@{bl.version}" for bl in self.lists) + "+" + digest[:8]

    def get(self, name: str) -> BrandRecord | None:
        """The brand whose canonical name is `name` (case-, accent- and width-insensitive).

        Falls back to ignoring punctuation and spacing ('Tiffany & Co' for 'Tiffany & Co.') when
        that names exactly one brand.
        """
        return self._by_name.get(fold_name(name)) or self._by_key.get(alias_key(name))

    @property
    def brands(self) -> tuple[BrandRecord, ...]:
        return tuple(record for brand_list in self.lists for record in brand_list.brands)


def load_catalog(paths: Sequence[Path]) -> BrandCatalog:
    """Load and validate list files (shipped ones first, operators' after); BrandListError if bad."""
    lists: list[BrandList] = []
    defined: dict[str, tuple[str, int]] = {}  # folded name -> (file, row) of its entry
    list_ids: dict[str, str] = {}
    for path in paths:
        brand_list = load_brand_list(Path(path))
        if brand_list.id in list_ids:
            raise BrandListError(
                str(path), None, f"list id {brand_list.id!r} is already loaded from {list_ids[brand_list.id]}"
            )
        list_ids[brand_list.id] = str(path)
        for row, record in enumerate(brand_list.brands, start=1):
            key = fold_name(record.name)
            if key in defined:
                first_file, first_row = defined[key]
                raise BrandListError(
                    str(path),
                    row,
                    f"brand {record.name!r} is already defined in {first_file}, row {first_row}; "
                    "a later list may add marks but not redefine one",
                )
            defined[key] = (str(path), row)
        lists.append(brand_list)
    return BrandCatalog(lists=tuple(lists), warnings=tuple(alias_collisions(lists)))


def load_brand_list(path: Path) -> BrandList:
    """One list file, validated; duplicates of a canonical name within it are refused."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BrandListError(file, None, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        data = parse_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BrandListError(file, None, f"not UTF-8 text (byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise BrandListError(file, None, _yaml_problem(exc)) from exc
    if not isinstance(data, dict):
        raise BrandListError(file, None, "expected a mapping with a 'list' header and 'brands'")
    unknown = sorted(set(data) - {"list", "brands"})
    if unknown:
        raise BrandListError(file, None, f"unknown top-level key {unknown[0]!r}; expected 'list', 'brands'")
    if not isinstance(data.get("list"), dict):
        raise BrandListError(file, None, "missing the 'list' header (a mapping with id and version)")
    try:
        header = ListHeader.model_validate(data["list"])
    except ValidationError as exc:
        raise BrandListError(file, None, f"list header: {describe_entry(exc, 'brand')}") from exc
    entries = data.get("brands")
    if not isinstance(entries, list):
        raise BrandListError(file, None, "missing 'brands': a list of brand entries")
    records: list[BrandRecord] = []
    seen: dict[str, int] = {}
    for row, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise BrandListError(file, row, "a brand entry must be a mapping of fields")
        try:
            record = BrandRecord.model_validate(entry)
        except ValidationError as exc:
            raise BrandListError(file, row, describe_entry(exc, "brand", entry)) from exc
        key = fold_name(record.name)
        if key in seen:
            raise BrandListError(file, row, f"duplicate brand {record.name!r} (same name as row {seen[key]})")
        seen[key] = row
        records.append(record)
    return BrandList(
        id=header.id,
        version=header.version,
        path=path,
        content_hash=hashlib.sha256(raw).hexdigest(),
        brands=tuple(records),
    )


def alias_collisions(lists: Sequence[BrandList]) -> list[str]:
    """One warning per name, alias, abbreviation or Chinese name that two brands both claim."""
    claims: dict[str, dict[str, list[str]]] = defaultdict(dict)  # key -> brand -> how it claims it
    spelled: dict[str, str] = {}
    for brand_list in lists:
        for record in brand_list.brands:
            for kind, names in _claims(record):
                for name in names:
                    key = alias_key(name)
                    if not key:
                        continue
                    spelled.setdefault(key, name)
                    claims[key].setdefault(record.name, []).append(kind)
    warnings = []
    for key in sorted(claims):
        holders = claims[key]
        if len(holders) > 1:
            who = "; ".join(f"{brand} ({', '.join(kinds)})" for brand, kinds in sorted(holders.items()))
            warnings.append(f"{spelled[key]!r} is claimed by more than one brand: {who}")
    return warnings


def _claims(record: BrandRecord) -> list[tuple[str, list[str]]]:
    return [
        ("name", [record.name]),
        ("alias", record.aliases),
        ("context alias", record.context_aliases),
        ("abbreviation", record.abbreviations),
        ("Chinese name", record.chinese_names),
        ("context Chinese name", record.context_chinese_names),
    ]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"invalid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return f"invalid YAML: {problem}"
