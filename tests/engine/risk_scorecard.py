"""The risk rules on the labelled manifests (data/risk_manifests.jsonl, make_risk_manifests.py).

    .venv/bin/python -m tests.engine.risk_scorecard [--failures 5]   # the report, by class
    .venv/bin/pytest -m scorecard tests/engine                       # the classes held to a goal

Each manifest is screened as the service screens it (the shipped data, the campaigns in force on
its departure date, 2026-06-10) and judged by its label: a flag it must raise or must not, the
decision it must or must not get, a category its line must not be read as, a reason that never
prints a ratio as "0%".
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from app.engine.config import EngineConfig
from app.engine.screen import screen
from app.engine.types import ScreeningContext, ScreeningResult
from app.reference.knowledge import Knowledge, load_knowledge
from app.rules.registry import RULES
from app.schemas.screening import ScreeningRequest
from app.services import campaigns
from app.services.screening import to_manifest
from app.settings import Settings
from tests.scorecards import Card, main

MANIFESTS = Path(__file__).with_name("data") / "risk_manifests.jsonl"
DAY = dt.date(2026, 6, 10)


@cache
def _knowledge() -> Knowledge:
    return load_knowledge(Settings().data_paths)


def _screen(case: dict[str, Any]) -> ScreeningResult:
    knowledge = _knowledge()
    request = ScreeningRequest.model_validate(
        {
            "shipper": {"name": "Example Trading Co., Ltd.", "country": "CN"},
            "consignee": {"name": "Example Imports Ltd", "country": case["destination"]},
            "destination_country": case["destination"],
            "channel": case["channel"],
            "departure_date": DAY.isoformat(),
            "lines": case["lines"],
        }
    )
    in_force = campaigns.in_force(dict(knowledge.shipped_campaigns), knowledge, DAY)
    context = ScreeningContext(on_date=DAY, campaigns=in_force)
    return screen(to_manifest(request, knowledge), context, knowledge, EngineConfig(), RULES)


def judge(case: dict[str, Any], result: ScreeningResult) -> bool:
    expect = case["expect"]
    codes = {f.code.value for f in result.flags}
    if (code := expect.get("raises")) and code not in codes:
        return False
    if (code := expect.get("forbids")) and code in codes:
        return False
    if (decision := expect.get("decision")) and result.decision != decision:
        return False
    if (decision := expect.get("not_decision")) and result.decision == decision:
        return False
    if (category := expect.get("not_category")) and any(
        f.evidence.get("category") == category for f in result.flags if f.code.value == "HIGH_RISK_CATEGORY"
    ):
        return False
    return not (expect.get("no_zero_percent") and any(" 0% of" in f.reason for f in result.flags))


def score() -> Card:
    card = Card()
    with MANIFESTS.open(encoding="utf-8") as handle:
        for raw in handle:
            case = json.loads(raw)
            result = _screen(case)
            codes = sorted({f.code.value for f in result.flags})
            text = " | ".join(line["description"] for line in case["lines"])
            card.add(case["class"], judge(case, result), f"{text}  ->  {result.decision} {codes}")
    return card


def report(card: Card, failures: int = 0) -> str:
    out = [f"{'class':20} {'passed':>7} {'of':>5}  share"]
    for cls in sorted(card.totals):
        out.append(f"{cls:20} {card.passed[cls]:>7} {card.totals[cls]:>5}  {card.share(cls):.3f}")
        out += [f"    {item}" for item in card.failures.get(cls, [])[:failures]]
    total, passed = sum(card.totals.values()), sum(card.passed.values())
    out.append(f"{'all':20} {passed:>7} {total:>5}  {passed / max(1, total):.3f}")
    return "\n".join(out)


if __name__ == "__main__":
    main(__doc__ or "", lambda failures: report(score(), failures))
