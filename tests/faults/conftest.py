"""Fixtures of the fault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import knowledge_cache


@pytest.fixture(scope="session", autouse=True)
def _shared_knowledge() -> Iterator[None]:
    with knowledge_cache():
        yield
