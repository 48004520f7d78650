"""setup.py: without a C compiler the matcher installs uncompiled, unless compiling was required."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("checkout")
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "app", root / "app", ignore=shutil.ignore_patterns("*.so", "compiled.sha256"))
    return root


def build_without_a_compiler(checkout: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CC": "false", "PRESCREEN_COMPILE": mode}
    return subprocess.run(
        [sys.executable, "setup.py", "--quiet", "build_ext", "--inplace"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def leftovers(checkout: Path) -> list[str]:
    return sorted(
        p.name
        for p in (checkout / "app" / "matching").iterdir()
        if p.suffix == ".so" or p.suffix == ".sha256"
    )


def test_auto_installs_the_matcher_uncompiled_and_says_so(checkout: Path) -> None:
    result = build_without_a_compiler(checkout, "auto")

    assert result.returncode == 0, result.stderr
    assert "the matcher is installed uncompiled" in result.stderr
    assert leftovers(checkout) == [], "no module and no stamp may be left from a failed build"


def test_required_compiling_fails_loudly(checkout: Path) -> None:
    result = build_without_a_compiler(checkout, "yes")

    assert result.returncode != 0
    assert "compiling the matcher failed" in result.stderr + result.stdout
    assert leftovers(checkout) == []


def test_an_unknown_mode_is_refused(checkout: Path) -> None:
    result = build_without_a_compiler(checkout, "sometimes")

    assert result.returncode != 0
    assert "use auto, yes or no" in result.stderr
