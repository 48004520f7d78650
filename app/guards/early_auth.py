"""A request with a body is authenticated before its body is read.

Without this, anyone could hold connections open by dripping bodies that no route would accept:
the key is checked first (in a thread, as it may look the key up in the database), a request
without a valid key answers 401 at once, and the principal found is handed to the route
(app/deps.py) so the key is looked up once.
"""

from __future__ import annotations

from collections.abc import Callable

from anyio import to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from app.db.outage import describe, is_outage
from app.problem_body import problem_message, problem_start
from app.services.keys import Principal

BODY_METHODS = ("POST", "PUT", "PATCH")
PRINCIPAL_KEY = "principal"


class EarlyAuthMiddleware:
    def __init__(self, app: ASGIApp, resolve: Callable[[Scope, str], Principal | None]) -> None:
        self.app = app
        self.resolve = resolve

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in BODY_METHODS
            or not scope["path"].startswith("/v1/")
        ):
            await self.app(scope, receive, send)
            return
        key = _header(scope, b"x-api-key")
        if not key:
            await _unauthorized(send, "send your API key in the X-API-Key header")
            return
        try:
            principal = await to_thread.run_sync(self.resolve, scope, key)
        except Exception as exc:
            if not is_outage(exc):
                raise
            body = problem_message(
                503, "Service unavailable", f"the API key cannot be checked: {describe(exc)}"
            )
            await send(problem_start(503, body))
            await send({"type": "http.response.body", "body": body})
            return
        if principal is None:
            await _unauthorized(send, "the API key is unknown or revoked")
            return
        scope.setdefault("state", {})[PRINCIPAL_KEY] = principal
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _unauthorized(send: Send, detail: str) -> None:
    body = problem_message(401, "Unauthorized", detail)
    start = problem_start(401, body, close=True)
    start["headers"].append((b"www-authenticate", b"APIKey"))
    await send(start)
    await send({"type": "http.response.body", "body": body})
