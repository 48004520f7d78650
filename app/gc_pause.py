"""Building a large index with the cyclic garbage collector paused.

An index build makes hundreds of thousands of small objects and no reference cycles: the
collector would only walk them again and again as they grow (a third of the time of a
50,000-mark or 100,000-party build).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
