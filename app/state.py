"""What one running app holds: settings, database, loaded data, keys, metrics and the job queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.metrics import Metrics
from app.rate_limit import TenantRateLimiter
from app.services.keys import BootstrapKeys
from app.services.knowledge_store import KnowledgeStore
from app.services.line_workers import LineWorkers
from app.services.screener import Screener
from app.settings import Settings

if TYPE_CHECKING:
    from app.jobs.queue import JobQueue


@dataclass
class AppState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    knowledge: KnowledgeStore
    bootstrap_keys: BootstrapKeys
    metrics: Metrics
    screener: Screener
    line_workers: LineWorkers | None = None  # None: every line is screened in this process
    rate_limiter: TenantRateLimiter | None = None  # None: PRESCREEN_RATE_LIMIT is empty
    jobs: JobQueue | None = None  # the job queue (async screenings, re-screening, webhooks)
