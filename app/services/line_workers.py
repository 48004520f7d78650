"""Screens the lines of large manifests on worker processes as well as on the serving one.

The per-line stage (analysis and line rules) is most of the work of a screening and its lines are
independent, so a 10,000-line manifest is cut into contiguous chunks: the serving process screens
the first, each worker one of the others. Workers load the same data files at start-up and check,
chunk by chunk, that they hold the same versions as the service (after a reload they catch up);
if anything goes wrong the service screens the lines itself.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from app.engine.config import EngineConfig
from app.engine.lines import IndexedLine, LineOutcome, LineScreener, screen_lines
from app.engine.types import ScreeningContext
from app.metrics import Metrics
from app.reference.knowledge import DataPaths, Knowledge, load_knowledge
from app.rules.base import RuleEnv, Rules
from app.rules.registry import RULES

log = logging.getLogger(__name__)

# Set in each worker process by _start_worker.
_paths: DataPaths | None = None
_knowledge: Knowledge | None = None


class StaleDataFiles(RuntimeError):
    """A worker could not load the data versions the service screens with."""


def _start_worker(paths: DataPaths) -> None:
    global _paths, _knowledge
    _paths, _knowledge = paths, load_knowledge(paths)
    gc.freeze()  # as in the service: the data is never garbage


def _ready() -> bool:
    return _knowledge is not None


def _screen_chunk(
    chunk: Sequence[IndexedLine], context: ScreeningContext, config: EngineConfig, fingerprint: str
) -> list[LineOutcome]:
    global _knowledge
    if _knowledge is None or _knowledge.fingerprint != fingerprint:
        assert _paths is not None
        _knowledge = load_knowledge(_paths)  # the service reloaded its files: do the same
        if _knowledge.fingerprint != fingerprint:
            raise StaleDataFiles(f"worker holds {_knowledge.fingerprint}, service {fingerprint}")
    return screen_lines(chunk, RuleEnv(context=context, knowledge=_knowledge, config=config), RULES)


class LineWorkers:
    def __init__(self, paths: DataPaths, workers: int, min_lines: int, metrics: Metrics) -> None:
        # spawn, not fork: the serving process has threads, and a forked copy of their locks can hang.
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(paths,),
        )
        self.workers = workers
        self.min_lines = min_lines
        self._metrics = metrics

    def warm_up(self) -> list[Future[bool]]:
        """Start every worker now, so the first large manifest does not wait for them."""
        return [self._pool.submit(_ready) for _ in range(self.workers)]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def screener(self) -> LineScreener[Knowledge]:
        return self._screen

    def _screen(self, lines: Sequence[IndexedLine], env: RuleEnv, rules: Rules) -> list[LineOutcome]:
        if len(lines) < self.min_lines:
            return screen_lines(lines, env, rules)
        size = -(-len(lines) // (self.workers + 1))
        chunks = [lines[start : start + size] for start in range(0, len(lines), size)]
        # Workers need no history: only the manifest rules, which run here, read it.
        context = replace(env.context, history=())
        fingerprint = env.knowledge.fingerprint
        try:
            futures = [
                self._pool.submit(_screen_chunk, chunk, context, env.config, fingerprint)
                for chunk in chunks[1:]
            ]
        except RuntimeError as exc:  # pool shut down or broken
            log.warning("line workers unavailable (%s); screening here", exc)
            return screen_lines(lines, env, rules)
        outcomes = screen_lines(chunks[0], env, rules)
        for chunk, future in zip(chunks[1:], futures, strict=True):
            try:
                outcomes.extend(future.result())
                self._metrics.worker_lines.inc(len(chunk))
            except Exception as exc:  # a worker died or holds other data: do its share here
                log.warning("a line worker failed (%r); screening its lines here", exc)
                self._metrics.worker_failures.inc()
                outcomes.extend(screen_lines(chunk, env, rules))
        return outcomes
