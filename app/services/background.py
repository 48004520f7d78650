"""What background work needs of the running service: settings, database, loaded data, metrics,
the screening service, and a dispatcher that queues the next piece of work (app/jobs/queue.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.metrics import Metrics
from app.services.knowledge_store import KnowledgeStore
from app.services.screener import Screener
from app.settings import Settings


class Dispatcher(Protocol):
    def defer_screening(self, job_id: str) -> None: ...

    def defer_delivery(self, delivery_id: str, webhook_id: str, at: dt.datetime | None = None) -> None: ...

    def defer_rescreening(self) -> None: ...


@dataclass
class JobEnv:
    settings: Settings
    sessions: sessionmaker[Session]
    knowledge: KnowledgeStore
    metrics: Metrics
    queue: Dispatcher
    screener: Screener  # async jobs screen and record through it, as the routes do
