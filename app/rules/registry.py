"""The rules, found where they are declared: every module of app/rules with a `RULE`.

Adding a rule is adding a module that declares `RULE = LineRuleSpec(...)` or `ManifestRuleSpec(...)`;
its flags take the `position` it declares among the rules of its scope.
"""

from __future__ import annotations

import importlib
import pkgutil

import app.rules
from app.rules.base import LineRule, LineRuleSpec, ManifestRule, ManifestRuleSpec, Rules, RuleSpec


def _declared() -> list[RuleSpec]:
    found = []
    for module in pkgutil.iter_modules(app.rules.__path__):
        spec = getattr(importlib.import_module(f"app.rules.{module.name}"), "RULE", None)
        if isinstance(spec, RuleSpec):
            found.append(spec)
    return found


SPECS: tuple[RuleSpec, ...] = tuple(sorted(_declared(), key=lambda s: (s.scope != "line", s.position)))

LINE_RULES: tuple[LineRule, ...] = tuple(s.check for s in SPECS if isinstance(s, LineRuleSpec))
MANIFEST_RULES: tuple[ManifestRule, ...] = tuple(s.check for s in SPECS if isinstance(s, ManifestRuleSpec))

RULES = Rules(line=LINE_RULES, manifest=MANIFEST_RULES)
