"""The web layer's error handlers: every error, domain or framework, answered as problem+json."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from app.db.outage import OUTAGE_ERRORS
from app.db.outage import describe as describe_outage
from app.errors import PROBLEM_JSON, DomainError
from app.guards.allow import allowed_methods
from app.problem_body import problem_bytes

log = logging.getLogger(__name__)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        return problem_bytes(content)


def problem(
    status: int, title: str, detail: str, errors: Sequence[dict[str, Any]] | None = None, **headers: str
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = list(errors)
    return ProblemResponse(body, status_code=status, headers=headers or None)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "json_invalid":
            msg = f"the body is not valid JSON ({err.get('ctx', {}).get('error', msg)})"
        elif err.get("type") == "missing":
            msg = "this field is required"
        elif err.get("type") == "value_error":
            msg = msg.removeprefix("Value error, ")
        out.append({"loc": list(err.get("loc", ())), "msg": msg, "type": err.get("type")})
    return out


def _summary(errors: list[dict[str, Any]]) -> str:
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {first['msg']}{more}"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "APIKey"} if exc.status == 401 else {}
        return problem(exc.status, exc.title, exc.detail, exc.errors, **headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        if not errors:
            return problem(422, "Invalid input", "the request is not valid")
        return problem(422, "Invalid input", _summary(errors), errors)

    @app.exception_handler(ValidationError)
    async def _invalid_model(_: Request, exc: ValidationError) -> JSONResponse:
        # Data validated in a service (a campaign, a packing list row) rather than by FastAPI.
        errors = [
            {"loc": ["body", *e["loc"]], "msg": e["msg"].removeprefix("Value error, "), "type": e["type"]}
            for e in exc.errors()
        ]
        if not errors:
            return problem(422, "Invalid input", "the request is not valid")
        return problem(422, "Invalid input", _summary(errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else "request failed"
        response = problem(exc.status_code, _title(exc.status_code), _parse_failure(exc.__cause__) or detail)
        # A 405 keeps Starlette's Allow header (RFC 9110 15.5.6), a 401 its challenge.
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            response.headers["Allow"] = allowed_methods(request.app.openapi(), request.url.path)
        return response

    for outage in OUTAGE_ERRORS:
        app.add_exception_handler(outage, _database_unavailable)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        # Answered outside the request id middleware, which cannot add its header here.
        headers = {"X-Request-ID": rid} if (rid := correlation_id.get()) else {}
        detail = "an unexpected error occurred; it has been logged"
        return problem(500, "Internal server error", detail, None, **headers)


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable: %s", exc)
    detail = f"{describe_outage(exc)}; nothing was recorded, retry shortly (the same Idempotency-Key is safe)"
    return problem(503, "Service unavailable", detail, None, **{"Retry-After": "2"})


def _parse_failure(cause: BaseException | None) -> str | None:
    """Say why a body could not be parsed, where FastAPI only says that it could not."""
    if isinstance(cause, UnicodeDecodeError):
        return f"the body is not valid UTF-8 (byte {cause.start}): send JSON encoded as UTF-8"
    if isinstance(cause, RecursionError):
        return "the body nests arrays or objects too deeply: a manifest needs only a few levels"
    return None


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
