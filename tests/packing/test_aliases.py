"""The header alias table: validated at load, and every alias documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.data_files import parse_yaml
from app.packing.aliases import ALIASES_FILE, AliasFile, load_aliases

DOC = Path(__file__).resolve().parents[2] / "docs" / "packing-lists.md"


def test_every_alias_of_the_shipped_table_is_in_the_docs() -> None:
    spec = AliasFile.model_validate(parse_yaml(ALIASES_FILE.read_bytes()))
    doc = DOC.read_text(encoding="utf-8")

    missing = [name for names in spec.fields.values() for name in names if f"`{name}`" not in doc]
    assert missing == []


def test_the_shipped_table_loads_with_a_version() -> None:
    assert load_aliases().version.startswith("2026.")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({"quantity": ["qty"], "packages": ["Q.T.Y."]}, "names both", id="one-alias-two-fields"),
        pytest.param({"weight": ["kg"]}, "not line fields", id="unknown-field"),
        pytest.param({"quantity": ["..."]}, "no letters or digits", id="punctuation-only"),
    ],
)
def test_a_broken_table_is_refused(fields: dict[str, list[str]], message: str) -> None:
    spec = {
        "version": "1",
        "fields": fields,
        "currency_units": {},
        "count_units": [],
        "totals_words": ["total"],
    }

    with pytest.raises(ValidationError, match=message):
        AliasFile.model_validate(spec)
