"""Prometheus metrics, in a registry per app so tests can build many apps.

Labels are route templates, methods, status codes, decisions, levels and flag codes: never a tenant,
a screening id or anything a client typed, so one scrape reveals no tenant's data and the number of
series stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
)
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool

# Seconds: a one-line screening takes milliseconds, a 10,000-line manifest about a second.
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
LINE_BUCKETS = (1, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        ProcessCollector(registry=r)
        r.register(PLATFORM_COLLECTOR)
        r.register(GC_COLLECTOR)
        self.http_requests = Counter(
            "prescreen_http_requests_total",
            "HTTP requests answered, by route template, method and status",
            ["route", "method", "status"],
            registry=r,
        )
        self.http_duration = Histogram(
            "prescreen_http_request_duration_seconds",
            "Time from request to the end of the answer, by route template, method and status",
            ["route", "method", "status"],
            buckets=HTTP_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge(
            "prescreen_http_requests_in_flight", "HTTP requests being served now", registry=r
        )
        self.rate_limited = Counter(
            "prescreen_rate_limited_total", "Requests refused by the per-tenant rate limit", registry=r
        )
        self.rate_limit_errors = Counter(
            "prescreen_rate_limit_storage_errors_total",
            "Rate limit checks skipped because the limit's storage did not answer (the request is served)",
            registry=r,
        )
        self.screenings = Counter(
            "prescreen_screenings_total",
            "Screenings recorded, by decision",
            ["decision"],
            registry=r,
        )
        self.screenings_by_level = Counter(
            "prescreen_screenings_by_level_total",
            "Screenings recorded, by risk level",
            ["risk_level"],
            registry=r,
        )
        self.flags = Counter(
            "prescreen_flags_total", "Flags raised by recorded screenings, by code", ["code"], registry=r
        )
        self.lines_per_screening = Histogram(
            "prescreen_lines_per_screening",
            "Manifest lines of each recorded screening",
            buckets=LINE_BUCKETS,
            registry=r,
        )
        self.replays = Counter(
            "prescreen_idempotent_replays_total",
            "Retries answered from an earlier result",
            registry=r,
        )
        self.lines = Counter("prescreen_lines_screened_total", "Manifest lines screened", registry=r)
        self.duration = Histogram(
            "prescreen_screening_seconds",
            "Time to screen and record one manifest",
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )
        self.worker_lines = Counter(
            "prescreen_worker_lines_total", "Lines screened by line worker processes", registry=r
        )
        self.worker_failures = Counter(
            "prescreen_worker_failures_total",
            "Chunks a line worker could not screen (screened by the service instead)",
            registry=r,
        )
        self.reloads = Counter(
            "prescreen_list_reloads_total",
            "Reloads of the data files, by outcome: ok or refused (the old data keeps serving)",
            ["outcome"],
            registry=r,
        )
        self.jobs = Counter(
            "prescreen_jobs_total", "Async screenings finished, by status", ["status"], registry=self.registry
        )
        self.rescreenings = Counter(
            "prescreen_rescreenings_total", "Stored screenings screened again", registry=self.registry
        )
        self.rescreen_backlog = Gauge(
            "prescreen_rescreen_backlog",
            "Stored screenings departing today or later whose result is out of date (read at scrape time)",
            registry=self.registry,
        )
        self.webhook_attempts = Counter(
            "prescreen_webhook_attempts_total",
            "Webhook delivery attempts, by outcome (delivered, retry, failed)",
            ["outcome"],
            registry=self.registry,
        )
        self.data_refused = Gauge(
            "prescreen_data_files_refused",
            "1 while the data files on disk are refused and the ones loaded before keep serving",
            registry=r,
        )

    def record_screening(self, decision: str, risk_level: str, flag_codes: Iterable[str], lines: int) -> None:
        self.screenings.labels(decision).inc()
        self.screenings_by_level.labels(risk_level).inc()
        for code in flag_codes:
            self.flags.labels(code).inc()
        self.lines.inc(lines)
        self.lines_per_screening.observe(lines)

    def watch_pool(self, engine: Engine) -> None:
        self.registry.register(PoolCollector(engine))

    def watch_data(self, versions: Callable[[], tuple[dict[str, str], float] | None]) -> None:
        """`versions()` gives the loaded data's versions and the Unix time they were loaded."""
        self.registry.register(DataCollector(versions))

    def watch_data_files(self, refused: Callable[[], bool]) -> None:
        self.data_refused.set_function(lambda: 1.0 if refused() else 0.0)


class PoolCollector(Collector):
    """The database connection pool, read at scrape time."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.engine.pool
        if not isinstance(pool, QueuePool):
            return
        size = GaugeMetricFamily("prescreen_db_pool_size", "Connections the pool keeps open at most")
        size.add_metric([], pool.size())
        yield size
        used = GaugeMetricFamily(
            "prescreen_db_pool_connections", "Pool connections by state", labels=["state"]
        )
        used.add_metric(["checked_out"], pool.checkedout())
        used.add_metric(["checked_in"], pool.checkedin())
        used.add_metric(["overflow"], max(0, pool.overflow()))
        yield used


class DataCollector(Collector):
    """Versions of the loaded brand lists and campaign files, and when they were loaded."""

    def __init__(self, versions: Callable[[], tuple[dict[str, str], float] | None]) -> None:
        self.versions = versions

    def collect(self) -> Iterator[GaugeMetricFamily | InfoMetricFamily]:
        loaded = self.versions()
        if loaded is None:
            return
        versions, loaded_at = loaded
        yield InfoMetricFamily("prescreen_data", "Versions of the loaded data files", value=versions)
        at = GaugeMetricFamily(
            "prescreen_data_loaded_timestamp_seconds", "Unix time the data files in service were loaded"
        )
        at.add_metric([], loaded_at)
        yield at
