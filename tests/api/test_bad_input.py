"""Bad input is a 4xx problem+json naming what is wrong, never a 5xx, and nothing is stored."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from app.main import create_app
from app.middleware import BodyLimitMiddleware
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest
from tests.helpers import assert_problem

AS_A = {"X-API-Key": KEY_A}
AS_B = {"X-API-Key": KEY_B}
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for the whole module: no case may store anything, so they cannot disturb each other."""
    url = f"sqlite:///{tmp_path_factory.mktemp('bad-input') / 'prescreen.db'}"
    with TestClient(create_app(make_settings(url))) as client:
        yield client


def assert_nothing_stored(client: TestClient) -> None:
    for key in (AS_A, AS_B):
        response = client.get("/v1/screenings", headers=key)
        assert response.status_code == 200, response.text
        assert response.json()["items"] == [], "a refused request left a screening behind"


def with_line(**fields: Any) -> dict[str, Any]:
    return manifest(line(**fields)) if "description" in fields else manifest(line() | fields)


def raw(body: str | bytes) -> dict[str, Any]:
    return {"content": body.encode() if isinstance(body, str) else body, "headers": AS_A | JSON}


VALID = json.dumps(manifest())
DEEP = '{"reference": "x", "lines": ' + "[" * 30_000 + "]" * 30_000 + "}"
PARSE_FAILURE = (400, 422)

# (id, request kwargs, acceptable statuses, loc the 422 must name)
JSON_CASES: list[tuple[str, dict[str, Any], tuple[int, ...], list[str | int] | None]] = [
    ("malformed-json", raw(VALID[:-7]), (422,), ["body"]),
    ("empty-body", raw(b""), (422,), ["body"]),
    (
        "not-json-content-type",
        {"content": VALID, "headers": AS_A | {"content-type": "text/plain"}},
        (415,),
        None,
    ),
    ("form-content-type", {"data": {"reference": "x"}, "headers": AS_A}, (415,), None),
    ("blank-description", {"json": with_line(description="   ")}, (422,), ["lines", 0, "description"]),
    ("quantity-true", {"json": with_line(quantity=True)}, (422,), ["lines", 0, "quantity"]),
    ("unit-value-text", {"json": with_line(unit_value="cheap")}, (422,), ["lines", 0, "unit_value"]),
    ("description-number", {"json": with_line(description=123)}, (422,), ["lines", 0, "description"]),
    ("description-missing", {"json": manifest({"quantity": 3})}, (422,), ["lines", 0, "description"]),
    (
        "description-too-long",
        {"json": with_line(description="x" * 1001)},
        (422,),
        ["lines", 0, "description"],
    ),
    ("lines-as-object", {"json": manifest() | {"lines": {"1": line()}}}, (422,), ["lines"]),
    ("lines-empty", {"json": manifest() | {"lines": []}}, (422,), ["lines"]),
    ("lines-missing", {"json": {k: v for k, v in manifest().items() if k != "lines"}}, (422,), ["lines"]),
    ("unknown-channel", {"json": manifest(channel="carrier_pigeon")}, (422,), ["channel"]),
    ("bad-destination", {"json": manifest(destination_country="XX")}, (422,), ["destination_country"]),
    (
        "bad-destination-name",
        {"json": manifest(destination_country="Atlantis")},
        (422,),
        ["destination_country"],
    ),
    (
        "bad-party-country",
        {"json": manifest(shipper={"id": "S", "country": "ZZZ"})},
        (422,),
        ["shipper", "country"],
    ),
    ("hs-code-too-short", {"json": with_line(hs_code="91")}, (422,), ["lines", 0, "hs_code"]),
    ("hs-code-letters", {"json": with_line(hs_code="91O2.11")}, (422,), ["lines", 0, "hs_code"]),
    ("hs-code-too-long", {"json": with_line(hs_code="9102.11.00.00.1")}, (422,), ["lines", 0, "hs_code"]),
    ("departure-date-prose", {"json": manifest(departure_date="next tuesday")}, (422,), ["departure_date"]),
    ("quantity-zero", {"json": with_line(quantity=0)}, (422,), ["lines", 0, "quantity"]),
    ("unit-value-negative", {"json": with_line(unit_value=-1)}, (422,), ["lines", 0, "unit_value"]),
    ("packages-zero", {"json": with_line(packages=0)}, (422,), ["lines", 0, "packages"]),
    ("unknown-currency", {"json": with_line(currency="XYZ")}, (422,), ["lines", 0, "currency"]),
    (
        "nan-literal",
        raw(VALID.replace('"unit_value": 1.2', '"unit_value": NaN')),
        (422,),
        ["lines", 0, "unit_value"],
    ),
    (
        "infinity-literal",
        raw(VALID.replace('"quantity": 100', '"quantity": Infinity')),
        (422,),
        ["lines", 0, "quantity"],
    ),
    ("raw-nul-byte", raw(VALID.replace("Ceramic", "Cera\x00mic")), PARSE_FAILURE, None),
    ("escaped-nul", raw(VALID.replace("Ceramic", "Cera\\u0000mic")), (422,), ["lines", 0, "description"]),
    ("escaped-nul-reference", raw(VALID.replace("BL-TEST-1", "BL\\u0000")), (422,), ["reference"]),
    ("non-utf8-bytes", raw(VALID.encode().replace(b"Ceramic", b"Cer\xe9mic\xff\xfe")), PARSE_FAILURE, None),
    ("deeply-nested", raw(DEEP), (400, 413, 422), None),
    ("top-level-array", raw("[1, 2, 3]"), (422,), ["body"]),
]


@pytest.mark.parametrize(
    ("kwargs", "statuses", "loc"),
    [pytest.param(kw, st, loc, id=name) for name, kw, st, loc in JSON_CASES],
)
def test_bad_screening_request_is_a_4xx_problem(
    api: TestClient, kwargs: dict[str, Any], statuses: tuple[int, ...], loc: list[str | int] | None
) -> None:
    kwargs = {"headers": AS_A} | kwargs
    response = api.post("/v1/screenings", **kwargs)

    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert_problem(response, response.status_code, loc)
    assert_nothing_stored(api)


def test_more_lines_than_the_limit_is_413(api: TestClient) -> None:
    body = manifest(*[line(f"Ceramic mug model {i}") for i in range(10_001)])

    problem = assert_problem(api.post("/v1/screenings", json=body, headers=AS_A), 413)

    assert "10,000" in problem["detail"] or "10000" in problem["detail"]
    assert_nothing_stored(api)


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        pytest.param("post", "/v1/screenings", {"json": manifest()}, 401, id="post-without-key"),
        pytest.param("get", "/v1/screenings", {}, 401, id="list-without-key"),
        pytest.param("get", "/v1/brands?q=rolex", {}, 401, id="brands-without-key"),
        pytest.param(
            "post",
            "/v1/screenings",
            {"json": manifest(), "headers": {"X-API-Key": "wrong"}},
            401,
            id="wrong-key",
        ),
        pytest.param(
            "post", "/v1/screenings", {"json": manifest(), "headers": {"X-API-Key": ""}}, 401, id="empty-key"
        ),
        pytest.param(
            "put",
            "/v1/campaigns/test-campaign",
            {
                "json": {"name": "Test", "starts_on": "2026-01-01", "ends_on": "2026-02-01"},
                "headers": AS_B,
            },
            403,
            id="non-admin-put-campaign",
        ),
        pytest.param("post", "/v1/brand-lists/reload", {"headers": AS_B}, 403, id="non-admin-reload"),
        pytest.param(
            "get", "/v1/screenings/scr_000000000000nothing", {"headers": AS_A}, 404, id="unknown-id"
        ),
        pytest.param(
            "delete", "/v1/authorizations/auth_nothing", {"headers": AS_A}, 404, id="unknown-authorization"
        ),
        pytest.param(
            "post",
            "/v1/screenings/upload",
            {
                "headers": AS_A,
                "files": {"file": ("packing.docx", b"PK\x03\x04 not a packing list", "application/msword")},
                "data": {"destination_country": "DE", "channel": "sea_freight"},
            },
            415,
            id="upload-docx",
        ),
    ],
)
def test_auth_and_lookup_failures_are_problems(
    api: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    response = api.request(method.upper(), path, **kwargs)

    assert_problem(response, status)
    if status == 401:
        assert response.headers.get("www-authenticate")
    assert_nothing_stored(api)


def test_another_tenants_screening_is_404(client: TestClient) -> None:
    created = client.post("/v1/screenings", json=manifest())
    assert created.status_code == 201, created.text
    screening_id = created.json()["screening_id"]

    assert_problem(client.get(f"/v1/screenings/{screening_id}", headers=AS_B), 404)
    assert client.get("/v1/screenings", headers=AS_B).json()["items"] == []


@pytest.fixture
def small_body_api(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(f"sqlite:///{tmp_path / 'prescreen.db'}", max_body_bytes=2048)
    with TestClient(create_app(settings), headers=AS_A) as client:
        yield client


def big_manifest() -> dict[str, Any]:
    return manifest(*[line(f"Ceramic mug, glazed, model number {i:04d}") for i in range(60)])


def test_a_body_over_the_byte_limit_is_413(small_body_api: TestClient) -> None:
    body = json.dumps(big_manifest()).encode()
    assert len(body) > 2048

    response = small_body_api.post("/v1/screenings", content=body, headers=JSON)

    problem = assert_problem(response, 413)
    assert "2,048" in problem["detail"]
    assert_nothing_stored(small_body_api)


def test_a_chunked_body_without_length_is_cut_off_at_the_limit(small_body_api: TestClient) -> None:
    body = json.dumps(big_manifest()).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 512):
            yield body[start : start + 512]

    response = small_body_api.post("/v1/screenings", content=chunks(), headers=JSON)

    assert_problem(response, 413)
    assert_nothing_stored(small_body_api)


def test_a_small_body_passes_the_byte_limit(small_body_api: TestClient) -> None:
    response = small_body_api.post("/v1/screenings", json=manifest())

    assert response.status_code == 201, response.text


def test_body_limit_stops_reading_a_stream_past_the_limit() -> None:
    """Against the middleware alone: it must stop pulling chunks once the limit is passed."""
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * 1000, "more_body": True}  # an endless stream

    async def send(message: Message) -> None:
        sent.append(message)

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("the app must not see an oversized body")

    scope: Scope = {"type": "http", "method": "POST", "path": "/v1/screenings", "headers": []}
    asyncio.run(BodyLimitMiddleware(inner, max_bytes=4096)(scope, receive, send))

    assert pulled == 5
    assert sent[0]["status"] == 413
