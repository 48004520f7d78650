"""Prometheus metrics, in a registry per app so tests can build many apps."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.screenings = Counter(
            "prescreen_screenings_total",
            "Screenings recorded, by decision",
            ["decision"],
            registry=self.registry,
        )
        self.replays = Counter(
            "prescreen_idempotent_replays_total",
            "Retries answered from an earlier result",
            registry=self.registry,
        )
        self.lines = Counter(
            "prescreen_lines_screened_total", "Manifest lines screened", registry=self.registry
        )
        self.duration = Histogram(
            "prescreen_screening_seconds",
            "Time to screen and record one manifest",
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.worker_lines = Counter(
            "prescreen_worker_lines_total", "Lines screened by line worker processes", registry=self.registry
        )
        self.worker_failures = Counter(
            "prescreen_worker_failures_total",
            "Chunks a line worker could not screen (screened by the service instead)",
            registry=self.registry,
        )
        self.reloads = Counter(
            "prescreen_list_reloads_total",
            "Reloads of the data files, by outcome",
            ["outcome"],
            registry=self.registry,
        )
