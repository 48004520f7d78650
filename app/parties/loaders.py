"""Reading party list files: operator YAML and CSV, and FollowTheMoney JSON lines.

The format follows the file's suffix: `.yaml`/`.yml`, `.csv`, `.json`/`.jsonl`/`.ftm.json`
(one FtM entity a line, as OpenSanctions and yente export them). Every problem names the file and
the row (the CSV line, the JSON line, the YAML entry) and the field; nothing of a bad file loads.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from app.data_files import LIST_ID, ListHeader, describe_entry, parse_yaml
from app.parties.records import (
    IDENTIFIER_SCHEMES,
    PartyEntry,
    PartyListError,
    PartyListFile,
)
from app.text import has_cjk

# FtM schemas read as parties; people, vessels, sanctions and relations are skipped.
FTM_PARTY_SCHEMAS = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})
# FtM properties that carry identifiers, by the scheme they are compared in.
FTM_IDENTIFIERS = {
    "uscCode": "uscc",
    "leiCode": "lei",
    "vatCode": "vat",
    "taxNumber": "tax_id",
    "innCode": "tax_id",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "swiftBic": "swift_bic",
    "dunsCode": "duns",
}
CSV_COLUMNS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "chinese_name",
        "country",
        "list",
        "reason",
        "source",
        "listed_on",
        "delisted_on",
    }
    | set(IDENTIFIER_SCHEMES)
)
_LIST_SEPARATOR = ";"


def load_party_lists(paths: Sequence[Path]) -> tuple[PartyListFile, ...]:
    """Every party list file, validated; two files of one list id are refused."""
    files: list[PartyListFile] = []
    seen: dict[str, str] = {}
    for path in paths:
        loaded = load_party_list(Path(path))
        if loaded.id in seen:
            raise PartyListError(
                str(path), None, f"list id {loaded.id!r} is already loaded from {seen[loaded.id]}"
            )
        seen[loaded.id] = str(path)
        files.append(loaded)
    return tuple(files)


def load_party_list(path: Path) -> PartyListFile:
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PartyListError(file, None, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PartyListError(file, None, f"not UTF-8 text (byte {exc.start})") from exc
    digest = hashlib.sha256(raw).hexdigest()
    name = path.name.lower()
    if name.endswith((".yaml", ".yml")):
        header, entries, skipped = _read_yaml(file, text)
        list_id, version, fmt = header.id, header.version, "yaml"
    else:
        list_id = _file_list_id(file, path)
        version = digest[:12]  # a CSV or an export carries no version of its own: its content is it
        if name.endswith(".csv"):
            entries, skipped, fmt = _read_csv(file, text, list_id), 0, "csv"
        elif name.endswith((".json", ".jsonl", ".ndjson")):
            (entries, skipped), fmt = _read_ftm(file, text, list_id), "ftm"
        else:
            raise PartyListError(file, None, "unknown format: use .yaml, .csv, or .json/.jsonl (FtM)")
    _refuse_duplicates(file, entries)
    return PartyListFile(list_id, version, path, fmt, digest, tuple(e for _, e in entries), skipped)


def _file_list_id(file: str, path: Path) -> str:
    stem = path.name.split(".")[0].lower()
    if not LIST_ID.match(stem):
        raise PartyListError(
            file, None, f"the file name {stem!r} is the list id: use lower-case letters, digits, '-'"
        )
    return stem


def _entry(file: str, row: int, data: dict[str, Any], list_id: str) -> PartyEntry:
    try:
        return PartyEntry.model_validate({"list": list_id, **data})
    except ValidationError as exc:
        raise PartyListError(file, row, describe_entry(exc, "party", data)) from exc


def _read_yaml(file: str, text: str) -> tuple[ListHeader, list[tuple[int, PartyEntry]], int]:
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise PartyListError(
            file, None, f"invalid YAML{where}: {getattr(exc, 'problem', None) or exc}"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("list"), dict):
        raise PartyListError(
            file, None, "expected a mapping with a 'list' header (id, version) and 'parties'"
        )
    unknown = sorted(set(data) - {"list", "parties"})
    if unknown:
        raise PartyListError(file, None, f"unknown top-level key {unknown[0]!r}; expected 'list', 'parties'")
    try:
        header = ListHeader.model_validate(data["list"])
    except ValidationError as exc:
        raise PartyListError(file, None, f"list header: {describe_entry(exc, 'party')}") from exc
    items = data.get("parties")
    if not isinstance(items, list):
        raise PartyListError(file, None, "missing 'parties': a list of party entries")
    entries = []
    for row, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise PartyListError(file, row, "a party entry must be a mapping of fields")
        entries.append((row, _entry(file, row, item, header.id)))
    return header, entries, 0


def _read_csv(file: str, text: str, list_id: str) -> list[tuple[int, PartyEntry]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "name" not in columns or "source" not in columns:
        raise PartyListError(file, 1, "the header row needs at least the columns 'name' and 'source'")
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        raise PartyListError(
            file, 1, f"unknown column {unknown[0]!r}; known: {', '.join(sorted(CSV_COLUMNS))}"
        )
    entries = []
    for row, values in enumerate(reader, start=2):
        if None in values:
            raise PartyListError(file, row, "more values than the header has columns")
        cells = {k.strip().lower(): (v or "").strip() for k, v in values.items()}
        data: dict[str, Any] = {k: v for k, v in cells.items() if v and k not in IDENTIFIER_SCHEMES}
        for key in ("aliases", "chinese_name"):
            if key in data:
                data[key] = [p.strip() for p in data[key].split(_LIST_SEPARATOR) if p.strip()]
        ids = {
            k: [p.strip() for p in v.split(_LIST_SEPARATOR) if p.strip()]
            for k, v in cells.items()
            if v and k in IDENTIFIER_SCHEMES
        }
        if ids:
            data["identifiers"] = ids
        entries.append((row, _entry(file, row, data, data.get("list", list_id))))
    return entries


def _read_ftm(file: str, text: str, list_id: str) -> tuple[list[tuple[int, PartyEntry]], int]:
    entries, skipped = [], 0
    for row, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PartyListError(file, row, f"not a JSON object: {exc.msg} (column {exc.colno})") from exc
        if not isinstance(entity, dict) or not isinstance(entity.get("properties"), dict):
            raise PartyListError(file, row, "an FtM entity needs 'id', 'schema' and 'properties'")
        schema = entity.get("schema")
        if not isinstance(schema, str) or not entity.get("id"):
            raise PartyListError(file, row, "an FtM entity needs 'id', 'schema' and 'properties'")
        if schema not in FTM_PARTY_SCHEMAS:
            skipped += 1
            continue
        entries.append((row, _entry(file, row, _from_ftm(file, row, entity), list_id)))
    return entries, skipped


def _from_ftm(file: str, row: int, entity: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = entity["properties"]

    def values(key: str) -> list[str]:
        found = props.get(key)
        if found is None:
            return []
        if not isinstance(found, list) or not all(isinstance(v, str) for v in found):
            raise PartyListError(file, row, f"properties.{key} must be a list of strings")
        return found

    names = values("name")
    if not names:
        raise PartyListError(file, row, "properties.name is empty: an entity needs a name")
    others = [*names[1:], *values("alias"), *values("previousName"), *values("weakAlias")]
    countries = values("country") or values("jurisdiction") or values("mainCountry")
    datasets = entity.get("datasets") or []
    identifiers: dict[str, list[str]] = {}
    for prop, scheme in FTM_IDENTIFIERS.items():
        for value in values(prop):
            identifiers.setdefault(scheme, []).append(value)
    reason = "; ".join([*values("topics"), *values("program"), *values("notes")][:4]) or None
    first_seen = entity.get("first_seen") or next(iter(values("createdAt")), None)
    named_list = [d for d in datasets if isinstance(d, str) and LIST_ID.match(d)]
    return {
        **({"list": named_list[0]} if named_list else {}),
        "id": str(entity["id"]),
        "name": names[0],
        "aliases": [n for n in others if not has_cjk(n)],
        "chinese_name": [n for n in others if has_cjk(n)],
        "country": countries[0] if countries else None,
        "identifiers": identifiers,
        "reason": reason,
        "source": (
            values("sourceUrl") or [f"FollowTheMoney export, datasets: {', '.join(datasets) or 'unnamed'}"]
        )[0],
        "listed_on": str(first_seen)[:10] if first_seen else None,
    }


def _refuse_duplicates(file: str, entries: Sequence[tuple[int, PartyEntry]]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for row, entry in entries:
        key = (entry.list_id, entry.id)
        if key in seen:
            raise PartyListError(file, row, f"duplicate entry id {entry.id!r} (same as row {seen[key]})")
        seen[key] = row
