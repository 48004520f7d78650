"""The matcher is a layer below the engine: it imports neither the engine nor the rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MATCHING = Path(__file__).resolve().parents[2] / "app" / "matching"
ABOVE = ("app.engine", "app.rules", "app.services", "app.routers", "app.db")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(MATCHING.glob("*.py")), ids=lambda p: p.name)
def test_no_matcher_module_imports_a_layer_above_it(path: Path) -> None:
    above = sorted(n for n in imported(path) if n.startswith(ABOVE))
    assert above == []
