"""Logging: one structlog pipeline for the service's own lines and the libraries' (uvicorn, SQLAlchemy).

Every line carries the request id and what the request has learnt (tenant, screening id, lines).
Keys that name a credential are masked before rendering, and no code path logs a request body.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Literal, TextIO

import structlog
from asgi_correlation_id import correlation_id
from structlog.typing import EventDict, Processor, WrappedLogger

from app.observability import context

# Field names whose values are never written out, whoever passes them.
SECRET_KEYS = frozenset(
    {"api_key", "x-api-key", "x_api_key", "authorization", "secret", "password", "token", "metrics_token"}
)


def add_request_context(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    rid = correlation_id.get()
    if rid is not None:
        event.setdefault("request_id", rid)
    info = context.current()
    if info is not None:
        for key, value in info.fields.items():
            event.setdefault(key, value)
    return event


def mask_secrets(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    for key in event:
        if key.lower() in SECRET_KEYS:
            event[key] = "***"
    return event


SERVICE_LOGGERS = ("app", "prescreen", "uvicorn")


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at the time (test runners swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: TextIO) -> None:
        pass


def configure_logging(fmt: Literal["json", "console"], level: str) -> None:
    """Route the standard library's and structlog's lines through one formatter; idempotent."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_request_context,
        mask_secrets,
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    renderer: Processor
    if fmt == "json":
        # Tracebacks as plain text: structured ones would carry the frames' local variables.
        renderer = structlog.processors.JSONRenderer()
        final: list[Processor] = [structlog.processors.format_exc_info, renderer]
    else:
        renderer = structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)
        final = [renderer]
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *final],
    )
    handler = _StderrHandler()
    handler.set_name("prescreen")
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "prescreen"] + [handler]
    # The service's own loggers and the server's log at `level`; libraries (Alembic, HTTP clients)
    # only their warnings and errors.
    root.setLevel(max(logging.WARNING, logging.getLevelName(level)))
    for name in SERVICE_LOGGERS:
        logging.getLogger(name).setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        # uvicorn's own handlers would print each line a second time, unstructured.
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    # The access middleware writes one structured line a request in its place.
    logging.getLogger("uvicorn.access").disabled = True


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)
