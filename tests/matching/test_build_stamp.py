"""The compiled matcher: a compiled module is only used while its sources are the ones it was built from."""

from __future__ import annotations

import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import app.matching
import app.matching.matcher
from app.matching.build_stamp import STAMP_NAME, compiled_modules, sources_digest, stale_compilation

EXTENSION = EXTENSION_SUFFIXES[0]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A directory as `make compile` leaves it: two compiled modules, their shared library, the stamp."""
    for name in ("index", "matcher"):
        (tmp_path / f"{name}.py").write_text(f"NAME = {name!r}\n")
        (tmp_path / f"{name}{EXTENSION}").write_bytes(b"\x7fELF")
    (tmp_path / f"native__mypyc{EXTENSION}").write_bytes(b"\x7fELF")
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / STAMP_NAME).write_text(sources_digest(tmp_path, ["index", "matcher"]) + "\n")
    return tmp_path


def test_a_fresh_build_is_used(built: Path) -> None:
    assert compiled_modules(built) == ["index", "matcher"]
    assert stale_compilation(built) is None


def test_plain_sources_need_no_stamp(tmp_path: Path) -> None:
    (tmp_path / "matcher.py").write_text("NAME = 'matcher'\n")

    assert compiled_modules(tmp_path) == []
    assert stale_compilation(tmp_path) is None


def test_an_edited_source_is_refused_with_the_fix(built: Path) -> None:
    (built / "matcher.py").write_text("NAME = 'edited'\n")

    reason = stale_compilation(built)

    assert reason is not None
    assert "index, matcher" in reason
    assert "make compile" in reason
    assert "make pure" in reason


def test_a_build_without_its_stamp_is_refused(built: Path) -> None:
    (built / STAMP_NAME).unlink()

    assert stale_compilation(built) is not None


def test_a_module_left_compiled_from_an_older_build_is_refused(built: Path) -> None:
    (built / "context.py").write_text("NAME = 'context'\n")
    (built / f"context{EXTENSION}").write_bytes(b"\x7fELF")

    assert stale_compilation(built) is not None


def test_the_package_says_whether_its_matcher_runs_compiled() -> None:
    runs_compiled = any(app.matching.matcher.__file__.endswith(suffix) for suffix in EXTENSION_SUFFIXES)

    assert app.matching.COMPILED == runs_compiled
    if os.environ.get("CI") == "true":
        assert runs_compiled, "CI tests the matcher as production runs it: compiled by `make compile`"
