"""SQL of async screening jobs; every query of a tenant's job names the tenant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.models import JobRow


def add_job(session: Session, job: JobRow) -> None:
    session.add(job)
    session.flush()


def get_job(session: Session, tenant: str, job_id: str) -> JobRow | None:
    return session.scalar(select(JobRow).where(JobRow.tenant == tenant, JobRow.id == job_id))


def get_job_any_tenant(session: Session, job_id: str) -> JobRow | None:
    """For the worker, which is handed a job id by the queue."""
    return session.get(JobRow, job_id)


def find_job_by_idempotency_key(session: Session, tenant: str, key: str) -> JobRow | None:
    return session.scalar(select(JobRow).where(JobRow.tenant == tenant, JobRow.idempotency_key == key))


def set_progress(session: Session, job_id: str, lines_done: int, now: dt.datetime) -> None:
    session.execute(
        update(JobRow)
        .where(JobRow.id == job_id, JobRow.status == "running")
        .values(lines_done=lines_done, updated_at=now)
    )


def unfinished_job_ids(session: Session) -> Sequence[str]:
    """Jobs a stopped process left queued or running, oldest first."""
    return session.scalars(
        select(JobRow.id).where(JobRow.status.in_(("queued", "running"))).order_by(JobRow.created_at)
    ).all()
