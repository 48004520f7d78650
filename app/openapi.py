"""The OpenAPI document, with every error response described as application/problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from app.routers.responses import Problem, problem_description

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def operation_id(route: APIRoute) -> str:
    """The route function's name (`create_screening`, `search_brands`): what a generated client calls."""
    return route.name


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
                Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            )
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    responses = operation.setdefault("responses", {})
                    if "requestBody" in operation:
                        _body_problems(responses)
                    if _needs_api_key(operation):
                        _keyed_problems(responses)
                    _errors_as_problems(responses)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _body_problems(responses: dict[str, Any]) -> None:
    # Every body passes the size limit (app/middleware.py) and the parser before its route runs,
    # so every operation that takes one can answer 413 and 400, whether its route says so or not.
    for status in (400, 413):
        responses.setdefault(str(status), {"description": problem_description(status)})


def _needs_api_key(operation: dict[str, Any]) -> bool:
    return any("APIKeyHeader" in requirement for requirement in operation.get("security", []))


def _keyed_problems(responses: dict[str, Any]) -> None:
    # Every keyed route resolves the key and counts the tenant's request (app/rate_limit.py).
    for status in (401, 429):
        responses.setdefault(str(status), {"description": problem_description(status)})
    responses[str(429)]["headers"] = {
        "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}},
        **_RATE_LIMIT_HEADERS,
    }


_RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": {
        "description": "Requests the tenant may make in the window.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Remaining": {"description": "Requests left in the window.", "schema": {"type": "integer"}},
    "RateLimit-Reset": {
        "description": "Seconds until the window frees a request.",
        "schema": {"type": "integer"},
    },
}


def _errors_as_problems(responses: dict[str, Any]) -> None:
    # FastAPI documents its own 422 (and any declared model) as application/json; the service
    # answers every error as problem+json (app/errors.py), so the document says so.
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {"application/problem+json": {"schema": _PROBLEM_REF}}
