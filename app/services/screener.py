"""The screening service the routers call: built once in the app's lifespan, injected per request.

It holds what every screening needs (the data store, the engine settings, the metrics, the line
workers) so that a route only parses its input and hands it over. New ways in (a packing list, an
asynchronous job) call `screen_and_record` with a validated `ScreeningRequest`, as the routes do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.db import repository
from app.db.models import Screening
from app.engine.lines import LineScreener, screen_lines
from app.errors import NotFound, ServiceUnavailable
from app.metrics import Metrics
from app.observability.context import annotate
from app.reference.knowledge import Knowledge
from app.schemas.screening import ScreeningRequest
from app.services import screening_history
from app.services.knowledge_store import KnowledgeStore
from app.services.line_workers import LineWorkers
from app.services.screening import ScreeningLimits, ScreeningOutcome, run_screening
from app.services.time_limit import within_time_limit
from app.settings import Settings


@dataclass
class Screener:
    settings: Settings
    store: KnowledgeStore
    metrics: Metrics
    line_workers: LineWorkers | None = None  # None: every line is screened in this process

    def knowledge(self) -> Knowledge:
        """The data loaded now; 503 while none could be loaded."""
        knowledge = self.store.current
        if knowledge is None:
            raise ServiceUnavailable(
                f"the brand lists and reference data are not loaded: {self.store.last_error}"
            )
        return knowledge

    @property
    def limits(self) -> ScreeningLimits:
        settings = self.settings
        if self.line_workers is None:
            screener = within_time_limit(screen_lines, settings.screening_time_limit)
        else:  # chunks big enough to share with the workers
            chunk = settings.parallel_min_lines * (settings.worker_count + 1)
            screener = within_time_limit(self.line_workers.screener, settings.screening_time_limit, chunk)
        return ScreeningLimits(max_lines=settings.max_lines, line_screener=screener)

    @property
    def line_screener(self) -> LineScreener[Knowledge]:
        """How the per-line stage runs: here, or shared with the line workers."""
        return self.limits.line_screener

    def screen_and_record(
        self,
        session: Session,
        knowledge: Knowledge,
        tenant: str,
        request: ScreeningRequest,
        idempotency_key: str | None,
        warnings: list[dict[str, Any]] | None = None,
        limits: ScreeningLimits | None = None,
    ) -> ScreeningOutcome:
        """Screen a manifest and record the result (committed), or replay a retry's first result.
        `limits` replaces the routes' own (an async job: more lines, progress recorded)."""
        started = time.perf_counter()
        outcome = run_screening(
            session,
            knowledge,
            self.settings.engine_config,
            limits or self.limits,
            tenant,
            request,
            idempotency_key,
            warnings,
        )
        annotate(screening_id=outcome.screening_id, lines=outcome.line_count, replayed=outcome.replayed)
        if outcome.replayed:
            self.metrics.replays.inc()
        else:
            self.metrics.record_screening(
                outcome.decision, outcome.risk_level, outcome.flag_codes, outcome.line_count
            )
            self.metrics.duration.observe(time.perf_counter() - started)
        return outcome

    def recorded(self, session: Session, tenant: str, screening_id: str) -> Screening:
        """A recorded screening of the tenant; 404 for any other."""
        row = repository.get_screening(session, tenant, screening_id)
        if row is None:
            raise NotFound(f"no screening {screening_id!r} for this tenant")
        return row

    def latest_body(self, session: Session, row: Screening) -> bytes:
        """GET's body: the first result as returned, or once re-screened the latest with `history`."""
        return screening_history.latest_body(session, row)
