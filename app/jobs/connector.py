"""The connector the queue runs on: procrastinate's PostgreSQL connector, or in-process on SQLite."""

from __future__ import annotations

from typing import Any

from procrastinate import PsycopgConnector
from procrastinate.connector import BaseAsyncConnector
from procrastinate.testing import InMemoryConnector
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


def make_connector(database_url: str, pool_size: int) -> BaseAsyncConnector:
    if database_url.startswith("sqlite"):
        return InProcessConnector()
    # procrastinate speaks libpq URLs: the SQLAlchemy URL without its driver suffix.
    conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    return PsycopgConnector(conninfo=conninfo, min_size=1, max_size=pool_size)
