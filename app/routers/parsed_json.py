"""Routes that read the JSON body the middleware has already parsed (app/middleware.py).

The body guard parses every JSON body to refuse duplicate keys; FastAPI would parse it again
before validating it. On a 10,000-line manifest the second parse is a measurable share of the
request, and it ran on the event loop. This is FastAPI's documented way to give a route its own
`Request` class.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from app.guards.json_body import PARSED_BODY_KEY


class ParsedJsonRequest(Request):
    async def json(self) -> Any:
        parsed: tuple[Any] | None = self.scope.get(PARSED_BODY_KEY)
        if parsed is None:  # no guard ran (or the body is malformed): parse as Starlette does
            return await super().json()
        return parsed[0]


class ParsedJsonRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def parsed_json_handler(request: Request) -> Response:
            return await handler(ParsedJsonRequest(request.scope, request.receive))

        return parsed_json_handler
