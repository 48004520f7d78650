"""Holds the loaded data files; a reload that fails keeps the old data serving and says why."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from app.reference.knowledge import DataPaths, Knowledge, load_knowledge

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadOutcome:
    ok: bool
    error: str | None
    knowledge: Knowledge | None
    # Where the refused data is wrong: ("file", name, "row N") for a bad list file.
    where: tuple[str, ...] = ()


def _where(exc: Exception) -> tuple[str, ...]:
    file, row = getattr(exc, "file", None), getattr(exc, "row", None)
    if not file:
        return ("data_files",)
    return ("file", Path(str(file)).name) + ((f"row {row}",) if row is not None else ())


# An absolute path in a message: answers name the file, never where the server keeps it.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:[^\s/:,'\"()]+/)+(?=[^\s/:,'\"()]+)")
# A refused file's message quotes what it read; a few lines are enough to find the fault.
MAX_ERROR_CHARS = 2_000


def public_error(message: str) -> str:
    """The refusal as an API answer, /readyz and metrics show it: file names only, bounded length."""
    cleaned = _ABSOLUTE_PATH.sub("", message)
    if len(cleaned) > MAX_ERROR_CHARS:
        cleaned = cleaned[:MAX_ERROR_CHARS] + " [cut]"
    return cleaned


class KnowledgeStore:
    def __init__(self, paths: DataPaths) -> None:
        self._paths = paths
        self._lock = threading.Lock()
        self.current: Knowledge | None = None
        self.last_error: str | None = None
        # When the data now serving were loaded (re-screening compares stored results with it).
        self.loaded_at = dt.datetime.now(dt.UTC)

    def load(self, paths: DataPaths | None = None) -> ReloadOutcome:
        with self._lock:
            try:
                knowledge = load_knowledge(paths or self._paths)
            except Exception as exc:  # any bad file: keep serving what was loaded before
                full = f"{type(exc).__name__}: {exc}"
                log.error("data files refused, the lists loaded before keep serving: %s", full[:20_000])
                self.last_error = public_error(full)
                return ReloadOutcome(False, self.last_error, self.current, _where(exc))
            if paths is not None:
                self._paths = paths
            self.current, self.last_error = knowledge, None
            self.loaded_at = dt.datetime.now(dt.UTC)
            # The data lives as long as the process: keep the collector from rescanning it after
            # every few thousand allocations of a screening.
            gc.freeze()
            return ReloadOutcome(True, None, knowledge)
