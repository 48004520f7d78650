"""What a task needs of the running service: settings, database, loaded data, metrics, the queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from app.metrics import Metrics
from app.services.knowledge_store import KnowledgeStore
from app.settings import Settings

if TYPE_CHECKING:
    from app.jobs.queue import JobQueue


@dataclass
class JobEnv:
    settings: Settings
    sessions: sessionmaker[Session]
    knowledge: KnowledgeStore
    metrics: Metrics
    queue: JobQueue
