"""The task functions, registered on the queue by name. Each reads its work from the product's
tables and is safe to run twice: a job taken up again after its worker died redoes no finished part."""

from __future__ import annotations

import logging

import procrastinate
from procrastinate import JobContext, RetryDecision, RetryStrategy
from procrastinate.jobs import Job

from app.services import async_screening, rescreening, webhook_delivery
from app.services.background import JobEnv
from app.settings import Settings

log = logging.getLogger(__name__)

SCREEN_JOB = "prescreen.screen_job"
RESCREEN = "prescreen.rescreen"
RESCREEN_TICK = "prescreen.rescreen_tick"
DELIVER_WEBHOOK = "prescreen.deliver_webhook"
RETRY_STALLED = "prescreen.retry_stalled"

# An async screening that fails for an unforeseen reason is tried again after 2, 4 s.
SCREEN_ATTEMPTS = 3
SCREEN_RETRY = RetryStrategy(max_attempts=SCREEN_ATTEMPTS, exponential_wait=2)


class RetryIn(Exception):
    """Raised by a task that wants to run again after `seconds` (its own backoff schedule)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry in {seconds:.1f} s")
        self.seconds = seconds


class OwnSchedule(procrastinate.BaseRetryStrategy):
    """Retries exactly when the task asked: a webhook delivery records its next attempt itself."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, RetryIn):
            return RetryDecision(retry_in={"milliseconds": max(1, int(exception.seconds * 1000))})
        return None


def _env(context: JobContext) -> JobEnv:
    env: JobEnv = context.additional_context["env"]
    return env


def screen_job(context: JobContext, job_id: str) -> None:
    final = context.job.attempts + 1 >= SCREEN_ATTEMPTS
    async_screening.run_job(_env(context), job_id, final_attempt=final)


def rescreen(context: JobContext) -> None:
    env = _env(context)
    if rescreening.rescreen_batch(env).more:
        # Bounded batches: the next one is a job of its own, so a restart resumes between them.
        env.queue.defer_rescreening()


def rescreen_tick(context: JobContext, timestamp: int) -> None:
    env = _env(context)
    if rescreening.backlog(env) > 0:
        env.queue.defer_rescreening()


def deliver_webhook(context: JobContext, delivery_id: str) -> None:
    retry_in = webhook_delivery.attempt(_env(context), delivery_id)
    if retry_in is not None:
        raise RetryIn(retry_in)


async def retry_stalled(context: JobContext, timestamp: int) -> None:
    """Jobs whose worker stopped sending heartbeats (killed, lost) go back to the queue."""
    env = _env(context)
    manager = context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=env.settings.worker_stalled_seconds):
        log.warning("job %s (%s) was running on a worker that stopped: queued again", job.id, job.task_name)
        await manager.retry_job(job)


def register(app: procrastinate.App, settings: Settings, *, stalled_retry: bool) -> None:
    app.task(name=SCREEN_JOB, retry=SCREEN_RETRY, pass_context=True)(screen_job)
    app.task(name=RESCREEN, pass_context=True)(rescreen)
    app.task(name=DELIVER_WEBHOOK, retry=OwnSchedule(), pass_context=True)(deliver_webhook)
    every = f"* * * * * */{settings.rescreen_interval_seconds}"
    tick = app.task(name=RESCREEN_TICK, queueing_lock="rescreen-tick", pass_context=True)(rescreen_tick)
    app.periodic(cron=every)(tick)
    if stalled_retry:
        stalled = app.task(name=RETRY_STALLED, queueing_lock="retry-stalled", pass_context=True)(
            retry_stalled
        )
        app.periodic(cron="* * * * * */5")(stalled)
