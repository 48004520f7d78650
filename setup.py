"""Compiles the brand matcher (app/matching) to C with mypyc; everything else stays plain Python.

The matcher reads every line of every manifest, and the interpreter's overhead is much of its
cost: compiled, the same source matches about 1.2 times as many lines a second (bench/README.md).

PRESCREEN_COMPILE says what to do:
- `auto` (the default, e.g. a plain `pip install -e .`): compile where mypy and a C compiler are at
  hand, else warn and install the matcher uncompiled; the answers are the same either way;
- `yes`: compile or fail (`make compile`, the image's compile stage);
- `no`: compile nothing (the editable install `make` does before it compiles in place).

The build stamps the sources it compiled (app/matching/build_stamp.py); app/matching/__init__.py
refuses compiled modules whose sources have changed since. The package metadata is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from pathlib import Path
from types import ModuleType

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

MATCHING = Path("app/matching")
# Every module of the package in one shared library, so calls between the stage modules stay
# native calls; but the two that check the build (they must import uncompiled) and the hit types
# (hits.py: the engine pickles them across processes, as plain classes). The Makefile's
# MATCHER_SOURCES are the same files.
PLAIN = {"__init__", "build_stamp", "hits"}
COMPILED = sorted(path.stem for path in MATCHING.glob("*.py") if path.stem not in PLAIN)
# mypyc type-checks what it compiles. Not with the project's own mypy settings: their plugin needs
# pydantic, which an isolated build environment does not have; a dependency missing there is typed
# Any, which costs the generated code a little speed and changes no answer.
MYPY_OPTIONS = ["--config-file=", "--python-version=3.11", "--ignore-missing-imports"]
MODE = os.environ.get("PRESCREEN_COMPILE", "auto")


def build_stamp() -> ModuleType:
    # By path: importing the package would run its stale-build check against the old modules.
    spec = importlib.util.spec_from_file_location("build_stamp", MATCHING / "build_stamp.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fall_back(why: object) -> None:
    if MODE == "yes":
        raise SystemExit(f"compiling the matcher failed: {why}")
    warnings.warn(f"the matcher is installed uncompiled (same answers, slower): {why}", stacklevel=2)


def matcher_extensions() -> list[Extension]:
    if MODE not in {"auto", "yes", "no"}:
        raise SystemExit(f"PRESCREEN_COMPILE={MODE!r}: use auto, yes or no")
    if MODE == "no":
        return []
    try:
        from mypyc.build import mypycify

        sources = [str(MATCHING / f"{name}.py") for name in COMPILED]
        return mypycify([*MYPY_OPTIONS, *sources], opt_level="3", group_name="app.matching.native")
    except (ImportError, SystemExit) as error:  # no mypy here, or mypyc refused the sources
        fall_back(error)
        return []


class StampedBuildExt(build_ext):
    """Stamps the sources once every module is built; a build that fails leaves no module behind."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # distutils' errors: no C compiler, a failed compile or link
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            self.extensions = []
            fall_back(error)
            return
        if self.extensions:
            in_source = self.inplace or getattr(self, "editable_mode", False)
            target = MATCHING if in_source else Path(self.build_lib) / MATCHING
            stamp = build_stamp()
            (target / stamp.STAMP_NAME).write_text(stamp.sources_digest(MATCHING, COMPILED) + "\n")


setup(ext_modules=matcher_extensions(), cmdclass={"build_ext": StampedBuildExt})
