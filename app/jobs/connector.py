"""The connector the queue runs on: procrastinate's PostgreSQL connector, or in-process on SQLite."""

from __future__ import annotations

from typing import Any

from procrastinate import PsycopgConnector
from procrastinate.connector import BaseAsyncConnector
from procrastinate.testing import InMemoryConnector
from psycopg_pool import AsyncConnectionPool
from sqlalchemy.engine import make_url


class InProcessConnector(InMemoryConnector):
    """procrastinate's in-memory connector, for the single-process SQLite default.

    It keeps no log of its queries and forgets finished jobs, so a long-running service does not
    grow: what must outlive a job (its status, a delivery's attempts) is in the product's tables,
    from which the service queues again at start-up whatever a restart interrupted."""

    async def generic_execute(self, query: str, suffix: str, **arguments: Any) -> Any:
        query_name = self.reverse_queries[query]
        return await getattr(self, f"{query_name}_{suffix}")(**arguments)

    async def finish_job_run(self, job_id: int, status: str, delete_job: bool) -> None:
        self.jobs.pop(job_id, None)
        self.events.pop(job_id, None)


def make_connector(database_url: str) -> BaseAsyncConnector:
    if database_url.startswith("sqlite"):
        return InProcessConnector()
    return PsycopgConnector()  # on the pool of make_pool, given when the app is opened


async def make_pool(database_url: str, size: int) -> AsyncConnectionPool | None:
    """The queue's PostgreSQL pool, opened without waiting for the server: the service starts (and
    /readyz says what is wrong) while the database is away, and the worker connects once it is back."""
    if database_url.startswith("sqlite"):
        return None
    # libpq speaks URLs without SQLAlchemy's driver suffix.
    conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    pool = AsyncConnectionPool(
        conninfo, min_size=1, max_size=size, open=False, check=AsyncConnectionPool.check_connection
    )
    await pool.open(wait=False)
    return pool
