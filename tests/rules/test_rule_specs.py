"""Each rule declares its codes, scope, points and place; the registry, `FlagCode`, `ScoringConfig`
and the points table of docs/scoring.md agree with those declarations."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

from app.engine.config import ScoringConfig
from app.engine.types import FlagCode
from app.rules.base import LineRuleSpec, ManifestRuleSpec
from app.rules.registry import LINE_RULES, MANIFEST_RULES, SPECS

REPO = Path(__file__).resolve().parents[2]
# ScoringConfig fields that are no rule's points: the campaign multiplier and the level thresholds.
NOT_POINTS = {"campaign_multiplier", "plain_goods_ceiling", "medium_at", "high_at", "critical_at"}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scoring_table", REPO / "tools" / "scoring_table.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_rule_module_is_registered() -> None:
    modules = {p.stem for p in (REPO / "app" / "rules").glob("*.py")}
    registered = {s.check.__module__.rsplit(".", 1)[1] for s in SPECS}
    helpers = {"__init__", "base", "registry", "goods_risk", "marks_reading", "vocabulary"}
    assert registered == modules - helpers


def test_the_registry_runs_the_rules_in_their_declared_order() -> None:
    line = [s for s in SPECS if isinstance(s, LineRuleSpec)]
    manifest = [s for s in SPECS if isinstance(s, ManifestRuleSpec)]
    assert [s.position for s in line] == sorted({s.position for s in line})
    assert [s.position for s in manifest] == sorted({s.position for s in manifest})
    assert LINE_RULES == tuple(s.check for s in line)
    assert MANIFEST_RULES == tuple(s.check for s in manifest)


def test_each_flag_code_is_declared_by_exactly_one_rule() -> None:
    declared = Counter(code for spec in SPECS for code in spec.codes)
    assert set(declared) == set(FlagCode)
    assert set(declared.values()) == {1}


def test_scoring_config_defaults_are_the_rules_points() -> None:
    declared = {p.setting: p.default for spec in SPECS for p in spec.points}
    fields = ScoringConfig.model_fields
    assert set(declared) == set(fields) - NOT_POINTS
    assert declared == {name: fields[name].default for name in declared}


def test_the_points_table_of_the_docs_is_generated_from_the_rules() -> None:
    tool = _tool()
    page = (REPO / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert tool.with_table(page) == page
    assert tool.table() in page


def test_the_table_moves_with_a_declaration() -> None:
    tool = _tool()
    before = tool.table()
    first = SPECS[0].points[0]
    object.__setattr__(first, "default", first.default + 1)
    try:
        assert tool.table() != before
    finally:
        object.__setattr__(first, "default", first.default - 1)
