"""Whether a database error means the database is unavailable, and how to say so without its internals."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

# Errors of the connection, not of the statement: the server is down, hung, restarting or full.
OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,  # no pooled connection free within PRESCREEN_DB_POOL_TIMEOUT
    sa_exc.DisconnectionError,
)


def is_outage(error: BaseException) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def describe(error: BaseException) -> str:
    """A short cause for /readyz and 503 answers; never the host, port or driver text."""
    if isinstance(error, sa_exc.TimeoutError):
        return "every database connection is busy (PRESCREEN_DB_POOL_SIZE, PRESCREEN_DB_POOL_TIMEOUT)"
    message = str(getattr(error, "orig", None) or error).lower()
    if "statement timeout" in message or "canceling statement" in message:
        return "a statement ran past PRESCREEN_DB_STATEMENT_TIMEOUT"
    if "timeout" in message or "timed out" in message:
        return "the database did not answer within PRESCREEN_DB_CONNECT_TIMEOUT"
    if "refused" in message or "could not connect" in message or "no such file" in message:
        return "the database refuses connections"
    if "database is locked" in message:
        return "the database file stayed locked past PRESCREEN_DB_STATEMENT_TIMEOUT"
    if "closed" in message or "terminat" in message or "consuming input failed" in message:
        return "the database connection was lost"
    return f"the database is unavailable ({type(error).__name__})"
