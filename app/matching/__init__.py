"""The brand matcher: normalisation, the mark index, fuzzy lookup, context rules and the matcher.

Its modules run compiled by mypyc where `make compile` built them (setup.py), else as plain Python;
the answers are the same either way. A compiled module left from other sources is refused here.
"""

from __future__ import annotations

from pathlib import Path

from app.matching.build_stamp import compiled_modules, stale_compilation

_HERE = Path(__file__).resolve().parent

if (_stale := stale_compilation(_HERE)) is not None:
    raise ImportError(_stale)

COMPILED = bool(compiled_modules(_HERE))
