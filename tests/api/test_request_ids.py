"""X-Request-ID: on every answer, echoed when the client chose one, and in every error body."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import line, manifest
from tests.helpers import assert_problem

GENERATED = re.compile(r"[0-9a-f]{32}")


def test_every_answer_carries_a_generated_request_id(client: TestClient) -> None:
    answers = [
        client.get("/healthz"),
        client.post("/v1/screenings", json=manifest()),
        client.get("/v1/screenings"),
        client.get("/no-such-route"),
    ]

    ids = [a.headers.get("x-request-id") for a in answers]
    assert all(i and GENERATED.fullmatch(i) for i in ids), ids
    assert len(set(ids)) == len(ids), "each request gets its own id"


def test_a_request_id_the_client_sends_is_echoed(client: TestClient) -> None:
    for sent in ("BL-2026-000123.retry-2", "0f3c7a1e-6a52-4c4e-9d61-0b8a4f2c9e11", "trace:abc/def+1="):
        response = client.post("/v1/screenings", json=manifest(), headers={"X-Request-ID": sent})

        assert response.headers["x-request-id"] == sent


def test_an_unfit_request_id_is_replaced_rather_than_echoed(client: TestClient) -> None:
    for sent in ("has spaces in it", "x" * 129, 'quote"d', "new\u00e9line"):
        response = client.get("/healthz", headers={"X-Request-ID": sent.encode("utf-8")})

        assert response.headers["x-request-id"] != sent
        assert GENERATED.fullmatch(response.headers["x-request-id"])


def test_every_error_body_names_the_request_id(client: TestClient) -> None:
    errors = {
        401: client.get("/v1/screenings", headers={"X-API-Key": "wrong", "X-Request-ID": "req-401"}),
        404: client.get("/v1/screenings/scr_missing", headers={"X-Request-ID": "req-404"}),
        422: client.post(
            "/v1/screenings", json=manifest(line(description="")), headers={"X-Request-ID": "req-422"}
        ),
        413: client.post(
            "/v1/screenings",
            content=b"{" + b" " * (17 * 1024 * 1024) + b"}",
            headers={"Content-Type": "application/json", "X-Request-ID": "req-413"},
        ),
    }

    for status, response in errors.items():
        body = assert_problem(response, status)
        assert body["request_id"] == f"req-{status}", body
        assert response.headers["x-request-id"] == f"req-{status}"


def test_an_unexpected_error_answers_500_with_the_request_id(client: TestClient) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    client.app.add_api_route("/boom", broken)  # type: ignore[attr-defined]
    with TestClient(client.app, raise_server_exceptions=False) as raw:
        response = raw.get("/boom", headers={"X-Request-ID": "req-500"})

    body = assert_problem(response, 500)
    assert body["request_id"] == "req-500"
    assert response.headers["x-request-id"] == "req-500"
    assert "boom" not in response.text


def test_answers_of_the_guards_before_any_route_name_the_request_id(client: TestClient) -> None:
    json_body = {"Content-Type": "application/json"}
    errors = {
        401: client.post(
            "/v1/screenings", json=manifest(), headers={"X-API-Key": "", "X-Request-ID": "req-401"}
        ),
        414: client.get(
            "/v1/screenings", params={"reference": "x" * 9 * 1024}, headers={"X-Request-ID": "req-414"}
        ),
        422: client.post(
            "/v1/screenings",
            content='{"reference": "a\\udc00", "lines": []}',
            headers={**json_body, "X-Request-ID": "req-422"},
        ),
        431: client.get("/healthz", headers={"X-Padding": "x" * 20 * 1024, "X-Request-ID": "req-431"}),
    }

    for status, response in errors.items():
        body = assert_problem(response, status)
        assert body["request_id"] == f"req-{status}", body
        assert response.headers["x-request-id"] == f"req-{status}"
        assert response.content.isascii(), "problem bodies escape what they quote"
