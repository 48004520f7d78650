"""The shape every rule has: read typed facts, return flags with points and a reason.

The engine defines the shape generically (app/engine/ports.py); here it is bound to the concrete
knowledge the rules read (brand catalog, HS nomenclature, geography...).
"""

from __future__ import annotations

from app.engine.ports import LineCheck, ManifestCheck, RuleSet, ScreeningEnv
from app.reference.knowledge import Knowledge

# What a rule may consult besides the facts: the tenant's context, the data and the config.
RuleEnv = ScreeningEnv[Knowledge]
# A rule that looks at one line at a time.
LineRule = LineCheck[Knowledge]
# A rule that looks at the whole manifest (and the shipper's history).
ManifestRule = ManifestCheck[Knowledge]
Rules = RuleSet[Knowledge]
