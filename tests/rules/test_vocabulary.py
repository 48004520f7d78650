"""The marks vocabulary file: validated at load, read in the singular."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.reference.marks_vocabulary import VOCABULARY_PATH, load_vocabulary
from app.text import segments, singular


def test_the_shipped_vocabulary_loads_with_its_assumption_marked() -> None:
    vocabulary = load_vocabulary()

    assert "label" in vocabulary.potential_carriers
    assert vocabulary.assembly_destinations_assumed is True
    assert ("no", "logo") in vocabulary.negations
    assert vocabulary.source


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["potential_carriers"].append("nameplate"), "carrier listed twice"),
        (lambda data: data.update(unknown_list=["x"]), "unknown_list"),
        (lambda data: data.pop("source"), "source"),
    ],
)
def test_a_malformed_vocabulary_is_refused_naming_the_file(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "marks_vocabulary.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(ValueError, match=message) as error:
        load_vocabulary(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("boxes", "box"), ("watches", "watch"), ("hoodies", "hoody"), ("labels", "label"), ("glass", "glass")],
)
def test_plurals_read_as_singulars(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_descriptions_read_as_phrases_of_words() -> None:
    assert segments("Printed heat-transfer LOGO labels, 3x5cm") == [
        ["printed", "heat", "transfer", "logo", "label"],
        ["3x5cm"],
    ]
