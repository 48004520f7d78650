"""Compiles the brand matcher (app/matching) to C with mypyc; everything else stays plain Python.

The matcher reads every line of every manifest, and the interpreter's overhead is most of its
cost: compiled, the same source matches about 1.3 times as many lines a second (bench/README.md).
`make compile` runs `setup.py build_ext --inplace` in the project's virtualenv, whose mypy and
dependencies type-check the modules exactly as `make lint` does, and stamps the sources it built
from; app/matching/__init__.py refuses compiled modules whose sources have changed since.
PRESCREEN_PURE_PYTHON=1 builds nothing. The package metadata lives in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

MATCHING = Path("app/matching")
# One shared library for all of them, so calls between the modules stay native calls.
COMPILED = ["context", "fuzzy", "index", "matcher", "normalize", "vocabulary"]


def build_stamp() -> ModuleType:
    # By path: importing the package would run its stale-build check against the old modules.
    spec = importlib.util.spec_from_file_location("build_stamp", MATCHING / "build_stamp.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matcher_extensions() -> list[Extension]:
    if os.environ.get("PRESCREEN_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify  # only a compiling build needs mypy (the dev extra has it)

    sources = [str(MATCHING / f"{name}.py") for name in COMPILED]
    return mypycify(sources, opt_level="3", group_name="app.matching.native")


class StampedBuildExt(build_ext):
    """Stamps the sources only once their modules are built, so a failed build is never taken as fresh."""

    def run(self) -> None:
        super().run()
        if self.extensions:
            target = MATCHING if self.inplace else Path(self.build_lib) / MATCHING
            stamp = build_stamp()
            (target / stamp.STAMP_NAME).write_text(stamp.sources_digest(MATCHING, COMPILED) + "\n")


setup(ext_modules=matcher_extensions(), cmdclass={"build_ext": StampedBuildExt})
