"""Refuses an oversized body with 413 before it is read whole into memory, a body that takes
longer than PRESCREEN_BODY_READ_TIMEOUT to arrive with 408, and a JSON body with a key twice
or a lone surrogate with 422 (app/guards/json_body.py)."""

from __future__ import annotations

import math

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.guards.json_body import PARSED_BODY_KEY, JsonBodyProblem, check_json_body
from app.problem_body import problem_bytes, problem_message, problem_start

_OFF_LOOP_BYTES = 64 * 1024


class BodyLimitMiddleware:
    def __init__(
        self, app: ASGIApp, max_bytes: int, async_max_bytes: int | None = None, read_timeout: float = math.inf
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # An async screening (?mode=async) may carry many more lines than one screened at once.
        self.async_max_bytes = async_max_bytes or max_bytes
        self.read_timeout = read_timeout

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
        # The whole body within the read timeout: a client dripping a byte every few seconds
        # would otherwise hold a connection (and a worker's memory) for ever.
        with anyio.move_on_after(self.read_timeout) as deadline:
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
        if deadline.cancelled_caught:
            detail = (
                f"the request body did not arrive within {self.read_timeout:g} s "
                "(PRESCREEN_BODY_READ_TIMEOUT): send it at once"
            )
            await _answer(send, 408, problem_message(408, "Request timeout", detail), close=True)
            return
        body = b"".join(chunks)
        if body and _is_json(scope):
            try:
                if len(body) > _OFF_LOOP_BYTES:  # a big manifest's parse must not stall /healthz
                    parsed = await anyio.to_thread.run_sync(check_json_body, body)
                else:
                    parsed = check_json_body(body)
            except JsonBodyProblem as problem:
                await _answer(send, 422, _invalid(problem))
                return
            if parsed is not None:
                scope[PARSED_BODY_KEY] = parsed
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
        detail = (
            f"the request body is {size}; the limit is {limit:,} bytes: "
            "split the manifest into several screenings"
        )
        await _answer(send, 413, problem_message(413, "Payload too large", detail), close=True)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            media = bytes(value).split(b";")[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return False


def _invalid(problem: JsonBodyProblem) -> bytes:
    where = ".".join(str(part) for part in problem.loc)
    return problem_bytes(
        {
            "type": "about:blank",
            "title": "Invalid input",
            "status": 422,
            "detail": f"{where}: {problem.msg}",
            "errors": [{"loc": problem.loc, "msg": problem.msg}],
        }
    )


async def _answer(send: Send, status: int, body: bytes, *, close: bool = False) -> None:
    await send(problem_start(status, body, close=close))
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
