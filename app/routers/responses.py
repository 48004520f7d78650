"""Declared responses for the OpenAPI document (app/openapi.py files errors under problem+json)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None
    request_id: str | None = Field(
        None, description="The request's X-Request-ID: quote it to find the request in the service's logs."
    )


def success(status: int, model: type[BaseModel], description: str) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": model, "description": description}}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": Problem, "description": _WHAT[status]} for status in statuses}


def problem_description(status: int) -> str:
    return _WHAT[status]


_WHAT = {
    400: "The body could not be parsed.",
    401: "Missing or unknown API key.",
    403: "The key lacks the scope this route needs (operator for campaigns and list reloads).",
    404: "Not found for this tenant.",
    409: "Idempotency-Key reused for a different request.",
    413: "Too many lines or too large a body.",
    415: "Unsupported upload type.",
    422: "Invalid fields; `errors` names each one.",
    429: "The tenant's rate limit is used up; `Retry-After` says when to retry.",
    503: "Reference data or database unavailable.",
}
