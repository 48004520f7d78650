"""Which sources the compiled matcher modules were built from.

setup.py writes the digest when it compiles app/matching (mypyc); the package checks it at import,
because Python prefers a module's compiled extension to its source: without the check, an edit to
a matcher module would silently not run until the next `make compile`. Plain Python, never compiled,
and loaded by setup.py from its path (the package itself refuses to import while it is stale).
"""

from __future__ import annotations

import hashlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

STAMP_NAME = "compiled.sha256"
SHARED_LIBRARY_SUFFIX = "__mypyc"  # mypyc's library of the compiled group, beside the modules


def sources_digest(directory: Path, modules: list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(modules):
        digest.update(name.encode() + b"\0" + (directory / f"{name}.py").read_bytes())
    return digest.hexdigest()


def compiled_modules(directory: Path) -> list[str]:
    """The modules of `directory` that import as compiled extensions."""
    names = set()
    for path in directory.iterdir():
        for suffix in EXTENSION_SUFFIXES:
            if path.name.endswith(suffix):
                name = path.name.removesuffix(suffix)
                if not name.endswith(SHARED_LIBRARY_SUFFIX) and (directory / f"{name}.py").exists():
                    names.add(name)
    return sorted(names)


def stale_compilation(directory: Path) -> str | None:
    """Why the compiled modules of `directory` do not match its sources, or None when they do."""
    modules = compiled_modules(directory)
    if not modules:
        return None
    stamp = directory / STAMP_NAME
    built_from = stamp.read_text().strip() if stamp.exists() else None
    if built_from == sources_digest(directory, modules):
        return None
    return (
        f"{directory} holds compiled modules ({', '.join(modules)}) built from other sources than "
        "those beside them: run `make compile` to rebuild them, or `make pure` to remove them"
    )
