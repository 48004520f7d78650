"""What one running app holds: settings, database, loaded data, keys and metrics."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.metrics import Metrics
from app.rate_limit import TenantRateLimiter
from app.services.keys import BootstrapKeys
from app.services.knowledge_store import KnowledgeStore
from app.services.line_workers import LineWorkers
from app.services.screener import Screener
from app.settings import Settings


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
