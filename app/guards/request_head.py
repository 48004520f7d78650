"""A request line or header block over its limit answers 414 or 431 as problem+json.

The HTTP parser (h11, PRESCREEN_HTTP_MAX_HEAD_BYTES) bounds what is read at all; this answers
the requests under that bound but over the service's own limits, in the service's error format,
before any route, key lookup or body read.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from app.problem_body import problem_message, problem_start


class RequestHeadLimitMiddleware:
    def __init__(self, app: ASGIApp, max_url_bytes: int, max_header_bytes: int) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if url_bytes > self.max_url_bytes:
            detail = (
                f"the URL is {url_bytes:,} bytes; the limit is {self.max_url_bytes:,} bytes: "
                "send long values in a request body"
            )
            await _refuse(send, 414, "URI too long", detail)
            return
        header_bytes = sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
        if header_bytes > self.max_header_bytes:
            detail = (
                f"the request headers are {header_bytes:,} bytes; the limit is {self.max_header_bytes:,} "
                "bytes: an API key and the usual headers need well under 1 KB"
            )
            await _refuse(send, 431, "Request header fields too large", detail)
            return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, title: str, detail: str) -> None:
    body = problem_message(status, title, detail)
    await send(problem_start(status, body, close=True))
    await send({"type": "http.response.body", "body": body})
