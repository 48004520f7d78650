"""What is known about the request being served, readable by every log line of it.

Free of the web framework, so services may annotate. The access middleware opens one
`RequestInfo` a request and keeps it in a context variable; the
routers and dependencies add to it (`annotate`) as they learn the tenant or the screening. Sync
routes run in worker threads on a copy of the context: the copy points to the same object, so
what they add is seen by the access log line written when the response ends.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass, field

LogValue = str | int | float | bool | None


@dataclass
class RequestInfo:
    request_id: str | None = None
    fields: dict[str, LogValue] = field(default_factory=dict)
    # Headers every answer to this request carries (the rate limit's), errors included.
    response_headers: dict[str, str] = field(default_factory=dict)


_current: ContextVar[RequestInfo | None] = ContextVar("prescreen_request", default=None)


def begin(request_id: str | None) -> tuple[RequestInfo, Token[RequestInfo | None]]:
    info = RequestInfo(request_id)
    return info, _current.set(info)


def end(token: Token[RequestInfo | None]) -> None:
    _current.reset(token)


def current() -> RequestInfo | None:
    return _current.get()


def annotate(**fields: LogValue) -> None:
    """Add fields (tenant, screening_id, lines...) to this request's log lines."""
    info = _current.get()
    if info is not None:
        info.fields.update(fields)


def add_response_headers(headers: dict[str, str]) -> None:
    info = _current.get()
    if info is not None:
        info.response_headers.update(headers)
