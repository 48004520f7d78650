"""One log line and one set of HTTP metrics a request, and the headers every answer carries."""

from __future__ import annotations

import logging
import time

from asgi_correlation_id import correlation_id
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.metrics import Metrics
from app.observability import context
from app.observability.logs import get_logger

log = get_logger("prescreen.access")

# Probes and scrapes arrive every few seconds: their lines are logged at DEBUG only.
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})
# Requests no route matched share one label, so scanning random paths adds no series.
UNMATCHED = "unmatched"
# A path is logged up to this many characters: a hostile 64 KB URL must not make a 64 KB line.
MAX_LOGGED_PATH = 256


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else UNMATCHED


class AccessMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        info, token = context.begin(correlation_id.get())
        started = time.perf_counter()
        status = 500  # unless an answer starts: an exception escaped every handler

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if info.response_headers:
                    headers = MutableHeaders(scope=message)
                    for name, value in info.response_headers.items():
                        headers[name] = value
            await send(message)

        self.metrics.in_flight.inc()
        failed = False
        try:
            await self.app(scope, receive, send_and_note)
        except BaseException:
            failed = True
            raise
        finally:
            self.metrics.in_flight.dec()
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            labels = (route, scope["method"], str(status))
            self.metrics.http_requests.labels(*labels).inc()
            self.metrics.http_duration.labels(*labels).observe(elapsed)
            level = logging.DEBUG if route in QUIET_ROUTES else logging.INFO
            if status >= 500:
                level = logging.ERROR
            log.log(
                level,
                "request",
                method=scope["method"],
                route=route,
                path=scope["path"][:MAX_LOGGED_PATH],
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )
            if not failed:  # else left open: the 500's handler, outside, logs with these fields
                context.end(token)
