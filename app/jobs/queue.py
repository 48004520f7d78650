"""The job queue: procrastinate, on PostgreSQL (any instance's worker takes any job, jobs outlive
restarts) or in-process on the SQLite default. The queue only says when to run a task; what a job
is and how far it got lives in the product's own tables."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from psycopg_pool import AsyncConnectionPool

from app.jobs import tasks
from app.jobs.connector import make_connector, make_pool
from app.services.background import JobEnv
from app.settings import Settings

log = logging.getLogger(__name__)

RESTART_SECONDS = 5


class JobQueue:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.in_process = settings.is_sqlite
        self.app = procrastinate.App(connector=make_connector(settings.database_url))
        tasks.register(self.app, settings, stalled_retry=not self.in_process)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._worker: asyncio.Task[None] | None = None
        self._pool: AsyncConnectionPool | None = None

    async def open(self) -> None:
        self._pool = await make_pool(self.settings.database_url, size=4)
        await self.app.open_async(self._pool)
        self._loop = asyncio.get_running_loop()

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        await self.app.close_async()
        if self._pool is not None:
            await self._pool.close()

    def start_worker(self, env: JobEnv) -> None:
        """A worker inside this process, stopped by close()."""
        self._worker = asyncio.create_task(self._keep_working(env))

    async def _keep_working(self, env: JobEnv) -> None:
        # The database may be away (a restart, a failover): the worker starts again after a pause.
        while True:
            try:
                await self.run_worker(env, install_signal_handlers=False)
                return
            except Exception:
                log.exception("the job worker stopped; starting again in %s s", RESTART_SECONDS)
                await asyncio.sleep(RESTART_SECONDS)

    async def run_worker(self, env: JobEnv, *, install_signal_handlers: bool) -> None:
        await self.app.run_worker_async(
            concurrency=self.settings.worker_concurrency,
            fetch_job_polling_interval=self.settings.worker_poll_seconds,
            install_signal_handlers=install_signal_handlers,
            additional_context={"env": env},
            update_heartbeat_interval=self.settings.worker_heartbeat_seconds,
            stalled_worker_timeout=self.settings.worker_stalled_seconds,
            shutdown_graceful_timeout=5,
            delete_jobs="successful",
        )

    async def defer_async(
        self,
        task_name: str,
        *,
        queueing_lock: str | None = None,
        lock: str | None = None,
        schedule_at: dt.datetime | None = None,
        **kwargs: Any,
    ) -> None:
        """Queue a task; one already waiting under the same queueing lock makes this a no-op."""
        deferrer = self.app.configure_task(
            name=task_name, queueing_lock=queueing_lock, lock=lock, schedule_at=schedule_at
        )
        with contextlib.suppress(AlreadyEnqueued):
            await deferrer.defer_async(**kwargs)

    def defer(self, task_name: str, **options: Any) -> None:
        """defer_async from a thread (a sync route, a task): run on the loop that opened the queue."""
        if self._loop is None:
            raise RuntimeError("the job queue is not open")
        future = asyncio.run_coroutine_threadsafe(self.defer_async(task_name, **options), self._loop)
        future.result(timeout=30)

    def defer_screening(self, job_id: str) -> None:
        self.defer(tasks.SCREEN_JOB, queueing_lock=f"job:{job_id}", job_id=job_id)

    def defer_delivery(self, delivery_id: str, webhook_id: str, at: dt.datetime | None = None) -> None:
        # One lock per endpoint: its deliveries are made one at a time, in the order they were queued.
        self.defer(
            tasks.DELIVER_WEBHOOK,
            queueing_lock=f"delivery:{delivery_id}",
            lock=f"webhook:{webhook_id}",
            schedule_at=at,
            delivery_id=delivery_id,
        )

    def defer_rescreening(self) -> None:
        self.defer(tasks.RESCREEN, queueing_lock="rescreen", lock="rescreen")
