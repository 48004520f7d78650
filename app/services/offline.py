"""Screening a packing list with no service and no database: the CLI's `prescreen screen`.

The same reader, engine and data files as the API; no shipper history (it lives in the database),
so the history rules (split shipments across manifests, ant moving) see this manifest alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from app.engine.config import EngineConfig
from app.engine.lines import IndexedLine, LineOutcome, screen_lines
from app.engine.ports import RuleSet, ScreeningEnv
from app.engine.screen import screen
from app.engine.types import ScreeningContext
from app.packing import ReadLimits, read_packing_list
from app.reference.knowledge import Knowledge
from app.rules.registry import RULES
from app.services import campaigns as campaign_service
from app.services import packing_list
from app.services.render import screening_body
from app.services.screening import to_manifest, versions_of

CHUNK = 500  # lines screened between two updates of the progress bar


@dataclass(frozen=True)
class OfflineResult:
    body: dict[str, Any]  # the API's response body, less the screening id and time it would be stored at
    rows: list[int]  # the sheet row of each line
    decision: str


def screen_packing_list(
    data: bytes,
    shipment: dict[str, Any],
    knowledge: Knowledge,
    config: EngineConfig,
    max_lines: int,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> OfflineResult:
    packing = read_packing_list(data, ReadLimits(max_lines=max_lines), sheet)
    request = packing_list.build_request(packing, shipment)
    manifest = to_manifest(request, knowledge)
    specs = dict(knowledge.shipped_campaigns)
    context = ScreeningContext(
        on_date=manifest.departure_date,
        campaigns=campaign_service.in_force(specs, knowledge, manifest.departure_date),
    )

    def in_chunks(
        lines: Sequence[IndexedLine], env: ScreeningEnv[Knowledge], rules: RuleSet[Knowledge]
    ) -> list[LineOutcome]:
        out: list[LineOutcome] = []
        for start in range(0, len(lines), CHUNK):
            out.extend(screen_lines(lines[start : start + CHUNK], env, rules))
            if progress is not None:
                progress(len(out), len(lines))
        return out

    result = screen(manifest, context, knowledge, config, RULES, in_chunks)
    versions = versions_of(config, knowledge, specs)
    raw = screening_body("", request.reference, dt.datetime.now(dt.UTC), result, versions, packing.warnings)
    body = orjson.loads(raw)
    del body["screening_id"], body["created_at"]
    return OfflineResult(body, packing.rows, result.decision)
