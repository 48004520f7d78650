"""At start-up of the in-process queue (SQLite), whatever a stopped process left unfinished is
queued again from the product's tables; on PostgreSQL the queue itself keeps its jobs."""

from __future__ import annotations

import logging

from app.db import jobs_repository
from app.db import webhooks_repository as webhook_repo
from app.services.background import JobEnv

log = logging.getLogger(__name__)


def requeue_unfinished(env: JobEnv) -> None:
    with env.sessions() as session:
        job_ids = list(jobs_repository.unfinished_job_ids(session))
        deliveries = [
            (d.id, d.webhook_id, d.next_attempt_at) for d in webhook_repo.pending_deliveries(session)
        ]
    for job_id in job_ids:
        env.queue.defer_screening(job_id)
    for delivery_id, webhook_id, at in deliveries:
        env.queue.defer_delivery(delivery_id, webhook_id, at)
    if job_ids or deliveries:
        log.info("queued again %d async screenings and %d webhook deliveries", len(job_ids), len(deliveries))
