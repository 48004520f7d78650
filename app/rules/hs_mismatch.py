"""HS_MISMATCH: the declared HS code and the description point to different goods.

A wrong code hides goods from the controls meant for them, so this rule is careful not to cry wolf:
- goods: only when a category keyword is the head noun of the description ("quartz wrist watch"),
  none of the described categories may be declared under the code (their own headings or the
  neighbouring ones listed in categories.yaml), the code's own nomenclature text does not name
  those goods itself ("conveyor belts" under 4010: belts, whatever category the word points to
  elsewhere), and the code clearly belongs elsewhere: to another category's goods, to another HS
  section (broad goods family) altogether, or to a heading of packing containers or labels
  ("Cigarettes" under 4819, cartons of paper: goods declared as their packaging);
- accessories ("phone cases", "watch boxes"): when the code is not one such articles are declared
  under and it belongs to goods of a category, e.g. phone cases declared as the phones themselves.
Codes that do not exist in HS 2022 are the API's business (it refuses them), not this rule's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.engine.facts import AccessoryHit, LineFacts
from app.engine.types import Flag, FlagCode, Severity
from app.reference.categories import CategoryTable
from app.reference.hs import HsNomenclature
from app.rules.base import LineRuleSpec, Points, RuleEnv
from app.text import singular

_WORD = re.compile(r"[a-z]+")
# The words the HS 2022 nomenclature names packing containers and labels with (headings 3923,
# 4415, 4819, 4821, 6305, 7310, 7612...).
_PACKAGING_WORDS = frozenset({"packing", "packings", "cartons", "containers", "labels"})
# Words of the nomenclature's phrasing that name no goods ("of a kind used for the packing of goods").
_NOMENCLATURE_WORDS = frozenset(
    {"good", "article", "other", "kind", "similar", "used", "whether", "material", "including", "excluding"}
)
_RECOMMENDATION = (
    "Correct the HS code to the heading of the goods actually shipped, or correct the description; "
    "a wrong code can lead to seizure and penalties."
)


def check(facts: LineFacts, env: RuleEnv) -> Iterator[Flag]:
    if not facts.line.hs_code or not (facts.text_categories or facts.accessories):
        return  # no code, or a description that names no goods to compare it with
    code = facts.prepared.hs_code
    hs, table = env.knowledge.hs, env.knowledge.categories
    if code is None or not hs.exists(code):
        return
    described = _described_goods(facts, table, code, hs)
    if described is None:
        return
    what, evidence = described
    declared = hs.describe(code) or "unknown heading"
    yield Flag(
        code=FlagCode.HS_MISMATCH,
        severity=Severity.MEDIUM,
        line_id=facts.line_id,
        reason=(
            f"HS {facts.line.hs_code} ({_short(declared)}) does not fit the description "
            f"'{facts.line.description}', which points to {what}."
        ),
        recommendation=_RECOMMENDATION,
        points=env.config.scoring.hs_mismatch,
        evidence={"hs_code": code, "hs_description": declared, **evidence},
    )


def _described_goods(
    facts: LineFacts, table: CategoryTable, code: str, hs: HsNomenclature
) -> tuple[str, dict[str, object]] | None:
    """What the description points to, when the declared code does not fit it; else None."""
    if facts.text_categories:
        records = [r for c in sorted(facts.text_categories) if (r := table.get(c))]
        if any(r.fits_code(code) for r in records):
            return None
        heads = [r for r in records if r.id in facts.head_categories]
        if not heads or _named_by_the_code(facts, {r.id for r in heads}, code, hs):
            return None
        section = hs.section(code)
        packaging = _packaging_heading(code, hs) and not _names_the_packaging(facts, code, hs)
        if not facts.hs_categories and not packaging and any(section in r.sections for r in heads):
            return None  # a neighbouring family: the code may be a near miss, not a disguise
        names = " or ".join(r.name.lower() for r in heads)
        if packaging:
            names += ", declared as their packaging"
        return names, {
            "described_categories": [r.id for r in heads],
            "hs_categories": sorted(facts.hs_categories),
            "expected_hs": sorted({p for r in heads for p in r.hs_prefixes}),
        }
    accessories = facts.accessories
    if not accessories or any(_fits_accessory(table, a, code) for a in accessories):
        return None
    if any(_named_by_text(a.text, code, hs) for a in accessories):
        return None  # "parts for diesel engines" under 8409, "Parts suitable for use ... with engines"
    hs_categories = table.hs_categories(code)
    if not hs_categories:
        return None
    accessory = accessories[0]
    group = table.accessory_group(accessory.group)
    goods = table.get(accessory.category)
    name = (
        f"{group.name if group else 'accessories'} for {goods.name.lower() if goods else accessory.category}"
    )
    return f"{name} ('{accessory.text}'), not the goods of that heading", {
        "described_categories": [],
        "accessory_of": accessory.category,
        "accessory_group": accessory.group,
        "hs_categories": sorted(hs_categories),
        "expected_hs": list(group.hs_prefixes) if group else [],
    }


def _packaging_heading(code: str, hs: HsNomenclature) -> bool:
    """The code's heading is one of packing containers or labels, as its own text says ("Cartons,
    boxes, cases, bags ... of paper" 4819, "for the conveyance or packing of goods" 3923, "labels"
    4821): goods declared under it are declared as their packaging."""
    text = hs.describe(code[:4]) or ""
    return not _PACKAGING_WORDS.isdisjoint(_WORD.findall(text.casefold()))


def _names_the_packaging(facts: LineFacts, code: str, hs: HsNomenclature) -> bool:
    """The description names the packaging the heading names ("Cigarette cartons" under 4819):
    the line ships the packaging, which the code fits."""
    text = (hs.describe(code[:4]) or "").casefold()
    heading = {singular(w) for w in _WORD.findall(text) if len(w) >= 4} - _NOMENCLATURE_WORDS
    return not heading.isdisjoint(facts.prepared.singular_words)


def _named_by_the_code(facts: LineFacts, heads: set[str], code: str, hs: HsNomenclature) -> bool:
    """The declared code's own nomenclature text (its subheading or heading) names the goods the
    head noun names: "conveyor belts" under 4010, "percussion caps" under 3603, "pyridine ring"
    under 2933. The word points to clothing, headwear or jewellery elsewhere; the code fits it."""
    evidence = (h.evidence for h in facts.category_hits if h.source == "keyword" and h.category in heads)
    return any(_named_by_text(e, code, hs) for e in evidence)


def _named_by_text(words: str, code: str, hs: HsNomenclature) -> bool:
    """Every word of `words` stands in the code's subheading or heading text, plural or not."""
    text = " ".join(t for c in dict.fromkeys((code, code[:4])) if (t := hs.describe(c)))
    named = {singular(w) for w in _WORD.findall(text.casefold())}  # "engine" in "engines"
    wanted = _WORD.findall(words.casefold())
    return bool(wanted) and named.issuperset(map(singular, wanted))


def _fits_accessory(table: CategoryTable, accessory: AccessoryHit, code: str) -> bool:
    group = table.accessory_group(accessory.group)
    return group is not None and any(code.startswith(p) for p in group.hs_prefixes)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


RULE = LineRuleSpec(
    codes=(FlagCode.HS_MISMATCH,),
    explanation="The declared HS code and the description point to different goods.",
    points=(Points("hs_mismatch", 20, "`HS_MISMATCH`"),),
    position=5,
    check=check,
)
