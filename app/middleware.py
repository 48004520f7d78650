"""Refuses an oversized body with 413 before it is read whole into memory."""

from __future__ import annotations

import json

from asgi_correlation_id import correlation_id
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM_JSON


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, async_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # An async screening (?mode=async) may carry many more lines than one screened at once.
        self.async_max_bytes = async_max_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit = self.async_max_bytes if _is_async(scope) else self.max_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(send, declared, limit)
            return
        # Buffer up to the limit, then replay: a client that lies about (or omits) its length
        # is cut off as soon as it passes the limit.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(send, None, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, declared: int | None, limit: int) -> None:
        size = f"{declared:,} bytes" if declared is not None else "more than the limit"
        problem: dict[str, object] = {
            "type": "about:blank",
            "title": "Payload too large",
            "status": 413,
            "detail": f"the request body is {size}; the limit is {limit:,} bytes: "
            "split the manifest into several screenings",
        }
        if (rid := correlation_id.get()) is not None:
            problem["request_id"] = rid
        body = json.dumps(problem).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _is_async(scope: Scope) -> bool:
    query = scope.get("query_string", b"")
    return any(part == b"mode=async" for part in query.split(b"&"))
