"""An unexpected error answers 500 problem+json and keeps the connection open.

Starlette's outermost error middleware re-raises after answering, and uvicorn then drops the
connection: a client's keep-alive pool loses a connection for every 500. This middleware sits just
inside it, logs the error once and answers without re-raising.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.problem_body import problem_message, problem_start

log = logging.getLogger("prescreen.errors")


class UnhandledErrorMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            # The access line, outside, gives the method and route under the same request id.
            log.exception("unhandled error")
            if started:  # half an answer sent: only closing the connection tells the client
                raise
            body = problem_message(
                500, "Internal server error", "an unexpected error occurred; it has been logged"
            )
            await send(problem_start(500, body))
            await send({"type": "http.response.body", "body": body})
