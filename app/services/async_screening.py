"""POST /v1/screenings?mode=async: a job recorded now, screened in the background in chunks."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import jobs_repository
from app.db.models import JobRow
from app.engine.lines import IndexedLine, LineOutcome, LineScreener
from app.engine.ports import RuleSet, ScreeningEnv
from app.errors import Conflict, DomainError, PayloadTooLarge
from app.reference.knowledge import Knowledge
from app.schemas.screening import ScreeningRequest
from app.services import webhooks
from app.services.background import Dispatcher, JobEnv
from app.services.screening import ScreeningLimits, request_hash, to_manifest
from app.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    job: JobRow
    replayed: bool


def new_job_id() -> str:
    return f"job_{int(time.time() * 1000):012x}{secrets.token_hex(8)}"


def submit(
    session: Session,
    knowledge: Knowledge,
    settings: Settings,
    tenant: str,
    request: ScreeningRequest,
    idempotency_key: str | None,
    dispatcher: Dispatcher | None = None,
) -> Submitted:
    """Validate the manifest against the data now (bad input is a 4xx, not a failed job), record it
    and queue it. A retry queues again a job still waiting (its first queueing may have been lost;
    the queue keeps one)."""
    submitted = _record(session, knowledge, settings, tenant, request, idempotency_key)
    if dispatcher is not None and submitted.job.status == "queued":
        dispatcher.defer_screening(submitted.job.id)
    return submitted


def _record(
    session: Session,
    knowledge: Knowledge,
    settings: Settings,
    tenant: str,
    request: ScreeningRequest,
    idempotency_key: str | None,
) -> Submitted:
    if len(request.lines) > settings.max_async_lines:
        raise PayloadTooLarge(
            f"the manifest has {len(request.lines):,} lines; the limit of an async screening is "
            f"{settings.max_async_lines:,}: split it into several screenings"
        )
    fingerprint = request_hash(request)
    if idempotency_key:
        earlier = jobs_repository.find_job_by_idempotency_key(session, tenant, idempotency_key)
        if earlier is not None:
            return _replay(earlier, fingerprint)
    to_manifest(request, knowledge)  # refuses unknown HS codes and duplicate line ids
    now = _now()
    job = JobRow(
        id=new_job_id(),
        tenant=tenant,
        status="queued",
        lines_total=len(request.lines),
        lines_done=0,
        attempts=0,
        idempotency_key=idempotency_key,
        request_hash=fingerprint,
        payload=request.model_dump_json().encode(),
        created_at=now,
        updated_at=now,
    )
    try:
        jobs_repository.add_job(session, job)
        session.commit()
    except IntegrityError:
        session.rollback()  # a concurrent retry with the same key won the race
        if idempotency_key:
            winner = jobs_repository.find_job_by_idempotency_key(session, tenant, idempotency_key)
            if winner is not None:
                return _replay(winner, fingerprint)
        raise
    return Submitted(job, replayed=False)


def _replay(earlier: JobRow, fingerprint: str) -> Submitted:
    if earlier.request_hash != fingerprint:
        raise Conflict(
            "this Idempotency-Key was already used for a different request; "
            "use a new key for a new shipment, or resend the original request unchanged"
        )
    return Submitted(earlier, replayed=True)


class ProgressReport:
    """A line screener that runs the line stage chunk by chunk and records the lines done after each."""

    def __init__(self, env: JobEnv, job_id: str, inner: LineScreener[Knowledge]) -> None:
        self._env = env
        self._job_id = job_id
        self._inner = inner

    def __call__(
        self, lines: Sequence[IndexedLine], rule_env: ScreeningEnv[Knowledge], rules: RuleSet[Knowledge]
    ) -> list[LineOutcome]:
        chunk = self._env.settings.async_chunk_lines
        outcomes: list[LineOutcome] = []
        for start in range(0, len(lines), chunk):
            outcomes.extend(self._inner(lines[start : start + chunk], rule_env, rules))
            with self._env.sessions() as session:
                jobs_repository.set_progress(session, self._job_id, len(outcomes), _now())
                session.commit()
        return outcomes


def run_job(env: JobEnv, job_id: str, *, final_attempt: bool) -> None:
    """Screen a queued job. Run again after a crash, it finds the screening it recorded (keyed by
    the job) instead of recording a second one."""
    knowledge = env.knowledge.current
    if knowledge is None:
        raise RuntimeError(f"the data files are not loaded: {env.knowledge.last_error}")
    with env.sessions() as session:
        job = jobs_repository.get_job_any_tenant(session, job_id)
        if job is None or job.status in ("done", "failed") or job.payload is None:
            return
        job.status, job.attempts, job.lines_done, job.updated_at = "running", job.attempts + 1, 0, _now()
        session.commit()
        tenant, payload = job.tenant, job.payload
    limits = ScreeningLimits(
        max_lines=env.settings.max_async_lines,
        line_screener=ProgressReport(env, job_id, env.screener.line_screener),
    )
    try:
        request = ScreeningRequest.model_validate_json(payload)
        del payload
        with env.sessions() as session:
            outcome = env.screener.screen_and_record(
                session, knowledge, tenant, request, f"job:{job_id}", limits=limits
            )
    except DomainError as exc:  # the data changed under a queued job (an HS code dropped...)
        _finish(env, job_id, None, _problem(exc.status, exc.title, exc.detail))
        return
    except Exception:
        log.exception("async screening %s failed", job_id)
        if not final_attempt:
            _requeue(env, job_id)
            raise
        _finish(env, job_id, None, _problem(500, "Screening failed", "the screening could not be completed"))
        raise
    _finish(env, job_id, outcome.screening_id, None)


def _finish(env: JobEnv, job_id: str, screening_id: str | None, error: dict[str, object] | None) -> None:
    with env.sessions() as session:
        job = jobs_repository.get_job_any_tenant(session, job_id)
        if job is None:
            return
        job.status = "done" if error is None else "failed"
        job.screening_id = screening_id
        job.error = json.dumps(error) if error is not None else None
        if error is None:
            job.lines_done = job.lines_total
        job.payload = None  # the screening keeps the request (screening_inputs)
        job.updated_at = _now()
        deliveries = webhooks.enqueue(session, job.tenant, "job.finished", {"job": job_body(job)})
        session.commit()
    env.metrics.jobs.labels(job.status).inc()
    for delivery in deliveries:
        env.queue.defer_delivery(delivery.id, delivery.webhook_id)


def _requeue(env: JobEnv, job_id: str) -> None:
    with env.sessions() as session:
        job = jobs_repository.get_job_any_tenant(session, job_id)
        if job is not None and job.status == "running":
            job.status, job.updated_at = "queued", _now()
            session.commit()


def job_body(job: JobRow) -> dict[str, object]:
    body: dict[str, object] = {
        "job_id": job.id,
        "status": job.status,
        "progress": {"lines_done": job.lines_done, "lines_total": job.lines_total},
    }
    if job.screening_id is not None:
        body["screening_id"] = job.screening_id
    if job.error is not None:
        body["error"] = json.loads(job.error)
    return body


def _problem(status: int, title: str, detail: str) -> dict[str, object]:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
