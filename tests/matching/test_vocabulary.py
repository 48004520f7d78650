"""The matcher's word lists carry a version, and the engine version every response reports moves with it."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import app.services.screening as screening
from app.engine.config import EngineConfig
from app.matching.vocabulary import DATA_DIR, FILES, load_vocabulary, vocabulary
from app.reference import sources
from app.reference.knowledge import load_knowledge
from app.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def test_the_same_files_give_the_same_version(data_copy: Path) -> None:
    assert load_vocabulary(data_copy).version == vocabulary().version


@pytest.mark.parametrize("name", FILES)
def test_any_file_changed_changes_the_version(data_copy: Path, name: str) -> None:
    with (data_copy / name).open("a", encoding="utf-8") as file:
        file.write("\n# one more line\n")

    assert load_vocabulary(data_copy).version != vocabulary().version


def test_the_engine_version_moves_with_the_word_lists(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    knowledge = load_knowledge(Settings().data_paths)
    config = EngineConfig()
    before = screening.engine_version(config, knowledge)
    assert screening.engine_version(config, knowledge) == before

    edited = replace(vocabulary(), version="0" * 64)
    monkeypatch.setattr(sources, "vocabulary", lambda: edited)
    knowledge = load_knowledge(Settings().data_paths)

    assert screening.engine_version(config, knowledge) != before


def test_the_hs_word_list_is_what_its_build_script_makes() -> None:
    spec = importlib.util.spec_from_file_location("build_hs_words", REPO / "tools" / "build_hs_words.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert (DATA_DIR / "hs_words.txt").read_text(encoding="utf-8") == module.hs_words()
    assert {"baler", "areca", "saddlery"} <= vocabulary().dictionary


def test_the_word_frequency_lists_are_what_their_build_script_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_everyday_words", REPO / "tools" / "build_everyday_words.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    frequent, everyday = module.word_lists()
    assert (DATA_DIR / "frequent_words.txt").read_text(encoding="utf-8") == frequent
    assert (DATA_DIR / "everyday_words.txt").read_text(encoding="utf-8") == everyday
    # written often but no dictionary word: a word of its own, never a misspelt mark
    assert {"moda", "ebook"} <= vocabulary().frequent
    # everyday in English or another language; a brand written as often everywhere is not
    assert {"office", "campus", "classique"} <= vocabulary().everyday
    assert "samsung" not in vocabulary().everyday
