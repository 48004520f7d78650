"""How long the service waits on its database, and how many connections it holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatabaseLimits:
    connect_timeout: int = 3  # seconds to open a connection
    statement_timeout: float = 5.0  # seconds one statement may take
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout: float = 2.0  # seconds to wait for a pooled connection

    @property
    def hung_after(self) -> float:
        """A statement unanswered this long is cut off by the client: the server has stopped."""
        return self.statement_timeout + 1.0
