"""The import contracts of docs/architecture.md: one-way layers, a pure engine, no package cycle.

The contracts are import-linter's, declared in pyproject.toml (`lint-imports` checks them too);
here they are checked against the real import graph, and against the graph with one bad import
added, to show that each would catch it.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import importlinter.api  # noqa: F401  (configures import-linter)
import pytest
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
KINDS = {"layers": LayersContract, "forbidden": ForbiddenContract}


@pytest.fixture(scope="module")
def app_graph() -> grimp.ImportGraph:
    return grimp.build_graph("app", include_external_packages=True, cache_dir=None)


def broken_contracts(graph: grimp.ImportGraph) -> list[str]:
    session = {"root_packages": [CONFIG["root_package"]], "include_external_packages": True}
    broken = []
    for spec in CONFIG["contracts"]:
        options: dict[str, Any] = {
            k: str(v) if isinstance(v, bool) else v for k, v in spec.items() if k not in ("name", "type")
        }
        contract = KINDS[spec["type"]](spec["name"], session, options)
        if not contract.check(graph, verbose=False).kept:
            broken.append(spec["name"])
    return broken


def _subpackage(module: str) -> str:
    """app.engine.facts -> app.engine: the unit the cycle check works on."""
    return ".".join(module.split(".")[:2])


def package_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Cycles among app's subpackages and top-level modules (app.engine, app.rules, app.errors...)."""
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        if not module.startswith("app."):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("app.") and _subpackage(imported) != _subpackage(module):
                edges.setdefault(_subpackage(module), set()).add(_subpackage(imported))
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycles.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for target in sorted(edges.get(node, ())):
            visit(target, [*path, node])
        done.add(node)

    for node in sorted(edges):
        visit(node, [])
    return cycles


def test_the_contracts_are_kept(app_graph: grimp.ImportGraph) -> None:
    assert len(CONFIG["contracts"]) == 4
    assert broken_contracts(app_graph) == []


def test_no_cycle_between_packages(app_graph: grimp.ImportGraph) -> None:
    assert package_cycles(app_graph) == []


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("app.engine.scoring", "fastapi", "The engine, the matcher"),
        ("app.engine.analyse", "app.db.repository", "The engine, the matcher"),
        ("app.rules.brand_match", "sqlalchemy", "The engine, the matcher"),
        ("app.errors", "fastapi", "Domain errors"),
        ("app.engine.lines", "app.rules.registry", "Layers point one way"),
        ("app.matching.index", "app.engine.types", "The matcher imports"),
        ("app.reference.hs", "app.rules.registry", "Layers point one way"),
        ("app.engine.analyse", "app.reference.knowledge", "Layers point one way"),
        ("app.matching.index", "app.reference.brands", "Layers point one way"),
        ("app.services.screener", "app.routers.screenings", "Layers point one way"),
    ],
)
def test_a_bad_import_breaks_a_contract(
    app_graph: grimp.ImportGraph, importer: str, imported: str, contract: str
) -> None:
    graph = copy.deepcopy(app_graph)
    graph.add_import(importer=importer, imported=imported)
    assert [name for name in broken_contracts(graph) if name.startswith(contract)]


def test_a_new_cycle_is_found(app_graph: grimp.ImportGraph) -> None:
    graph = copy.deepcopy(app_graph)
    graph.add_import(importer="app.engine.facts", imported="app.rules.base")
    assert ["app.engine", "app.rules", "app.engine"] in package_cycles(graph)
