"""Party list files: each format loads into the same entries; bad files name the file and row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.parties.loaders import load_party_list, load_party_lists
from app.parties.records import PartyListError

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "party_lists" / "us-csl-sample.yaml"
FTM_SAMPLE = Path(__file__).with_name("data") / "us-csl-sample.ftm.jsonl"

YAML_HEAD = "list:\n  id: ops-watch\n  version: '1'\nparties:\n"
CSV_HEAD = "name,aliases,chinese_name,country,uscc,eori,list,reason,source,listed_on,delisted_on\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> PartyListError:
    with pytest.raises(PartyListError) as caught:
        load_party_list(path)
    return caught.value


def test_the_shipped_sample_loads_with_its_sources() -> None:
    loaded = load_party_list(SAMPLE)
    assert loaded.id == "us-csl-sample"
    assert loaded.format == "yaml"
    assert len(loaded.entries) == 15
    assert all("Consolidated Screening List" in e.source for e in loaded.entries)
    assert {e.list_id for e in loaded.entries} >= {"us-bis-entity-list", "us-ofac-sdn", "us-ofac-ssi"}
    assert len(loaded.content_hash) == 64


def test_the_ftm_export_of_the_sample_reads_as_the_same_companies() -> None:
    yaml_list, ftm_list = load_party_list(SAMPLE), load_party_list(FTM_SAMPLE)
    assert ftm_list.format == "ftm"
    assert ftm_list.skipped == 2
    assert [e.name for e in ftm_list.entries] == [e.name for e in yaml_list.entries]
    by_name = {e.name: e for e in ftm_list.entries}
    for entry in yaml_list.entries:
        assert set(by_name[entry.name].identifiers) == set(entry.identifiers), entry.name
        assert by_name[entry.name].country == entry.country
        assert by_name[entry.name].list_id == entry.list_id  # from the entity's datasets
        assert by_name[entry.name].listed_on == entry.listed_on


def test_a_csv_list_takes_its_id_from_the_file_name_and_its_version_from_its_content(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ops-watch.csv",
        CSV_HEAD + "Shenzhen Moumou Trading Co. Ltd.,Moumou Trading,深圳市某某贸易有限公司,CN,"
        "91440300MA5F00001A,,customs-penalties,IPR penalty decision,Operator review 2026-11,2026-01-05,\n",
    )
    loaded = load_party_list(path)
    (entry,) = loaded.entries
    assert loaded.id == "ops-watch"
    assert loaded.version == loaded.content_hash[:12]
    assert entry.name == "Shenzhen Moumou Trading Co. Ltd."
    assert entry.aliases == ["Moumou Trading"]
    assert entry.chinese_name == ["深圳市某某贸易有限公司"]
    assert entry.identifiers == [("uscc", "91440300MA5F00001A")]
    assert entry.list_id == "customs-penalties"
    assert entry.listed(dt.date(2026, 2, 1))
    assert not entry.listed(dt.date(2025, 12, 31))


def test_a_delisted_entry_is_in_force_only_until_its_delisting(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ops.yaml",
        YAML_HEAD + "  - {name: Moumou Trading, source: s, listed_on: 2025-01-01, delisted_on: 2026-03-01}\n",
    )
    (entry,) = load_party_list(path).entries
    assert entry.listed(dt.date(2026, 2, 28))
    assert not entry.listed(dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("name", "text", "row", "words"),
    [
        ("bad.yaml", YAML_HEAD + "  - {name: A Co, source: s}\n  - {name: B Co}\n", 2, "source"),
        ("bad.yaml", YAML_HEAD + "  - {name: A Co, source: s, country: China}\n", 1, "alpha-2"),
        (
            "bad.yaml",
            YAML_HEAD + "  - {name: A Co, source: s, identifiers: {uscc: '123'}}\n",
            1,
            "Unified Social",
        ),
        ("bad.yaml", YAML_HEAD + "  - {name: A Co, source: s, identifiers: {passport: X1}}\n", 1, "scheme"),
        ("bad.yaml", YAML_HEAD + "  - {name: A Co, source: s, colour: red}\n", 1, "colour"),
        (
            "bad.yaml",
            YAML_HEAD + "  - {name: A Co, source: s}\n  - {name: a co, source: t}\n",
            2,
            "duplicate",
        ),
        (
            "bad.yaml",
            YAML_HEAD + "  - {name: A, source: s, listed_on: 2026-02-01, delisted_on: 2026-01-01}\n",
            1,
            "before",
        ),
        ("bad.yaml", YAML_HEAD + "  - {name: A, source: s, chinese_name: Moumou}\n", 1, "Chinese"),
        ("bad.csv", CSV_HEAD + "A Co,,,CN,,,,,,,\n", 2, "source"),
        ("bad.csv", CSV_HEAD + "A Co,,,CN,,XX,,,src,,\n", 2, "EORI"),
        ("bad.csv", CSV_HEAD + "A Co,,,CN,,,,,src,yesterday,\n", 2, "listed_on"),
        ("bad.csv", "name,source,colour\nA,s,red\n", 1, "colour"),
        (
            "bad.jsonl",
            '{"id": "x", "schema": "Company", "properties": {"name": ["A"]}}\n{"id": "y", ',
            2,
            "JSON",
        ),
        ("bad.jsonl", '{"id": "x", "schema": "Company", "properties": {"name": []}}\n', 1, "name"),
        (
            "bad.jsonl",
            '{"id": "x", "schema": "Company", "properties": {"name": "A"}}\n',
            1,
            "list of strings",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_the_row_and_the_field(
    tmp_path: Path, name: str, text: str, row: int, words: str
) -> None:
    error = refused(write(tmp_path, name, text))
    assert error.file.endswith(name), error
    assert error.row == row, error
    assert words in error.reason, error.reason


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.yaml", "parties: []\n", "'list' header"),
        ("a.yaml", "list: {id: Bad Id, version: '1'}\nparties: []\n", "list id"),
        ("a.yaml", "list: [unclosed\n", "invalid YAML"),
        ("a.txt", "name\n", "unknown format"),
        ("Bad Name.csv", "name,source\n", "file name"),
    ],
)
def test_a_file_refused_as_a_whole_says_why(tmp_path: Path, name: str, content: str, words: str) -> None:
    error = refused(write(tmp_path, name, content))
    assert error.row is None, error
    assert words in error.reason, error


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ops.csv"
    path.write_bytes("name,source\nSociété Générale,s\n".encode("latin-1"))
    assert "UTF-8" in refused(path).reason


def test_two_files_of_one_list_id_are_refused(tmp_path: Path) -> None:
    first = write(tmp_path, "ops-watch.csv", "name,source\nA,s\n")
    second = write(tmp_path, "other.yaml", "list: {id: ops-watch, version: '2'}\nparties: []\n")
    with pytest.raises(PartyListError, match="already loaded"):
        load_party_lists([first, second])


def test_ftm_identifier_properties_land_in_their_schemes(tmp_path: Path) -> None:
    entity = {
        "id": "NK-1",
        "schema": "Organization",
        "properties": {
            "name": ["Moumou Holdings", "某某控股"],
            "leiCode": ["5493001KJTIIGC8Y1R12"],
            "innCode": ["7706061801"],
            "jurisdiction": ["ru"],
        },
        "datasets": ["Not A List Id"],
    }
    path = write(tmp_path, "export.jsonl", json.dumps(entity, ensure_ascii=False) + "\n")
    (entry,) = load_party_list(path).entries
    assert entry.list_id == "export"  # the file's id when the datasets name no usable id
    assert entry.chinese_name == ["某某控股"]
    assert entry.country == "RU"
    assert set(entry.identifiers) == {("lei", "5493001KJTIIGC8Y1R12"), ("tax_id", "7706061801")}
