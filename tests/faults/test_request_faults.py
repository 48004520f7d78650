"""Hostile or malformed requests: each answers a clear 4xx problem, records nothing, breaks nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import line, manifest
from tests.helpers import assert_problem, flags_of

JSON = {"content-type": "application/json"}


def test_an_empty_idempotency_key_is_refused_and_never_stored(client: TestClient) -> None:
    for _ in range(2):  # stored, the second empty key would collide with the first: 500 for ever
        assert_problem(
            client.post("/v1/screenings", json=manifest(), headers={"Idempotency-Key": ""}),
            422,
            ["header", "Idempotency-Key"],
        )
    assert client.get("/v1/screenings").json()["items"] == []
    assert client.post("/v1/screenings", json=manifest()).status_code == 201
    assert client.post("/v1/screenings", json=manifest()).status_code == 201


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/v1/screenings", {"GET", "POST"}),
        ("put", "/v1/screenings", {"GET", "POST"}),
        ("post", "/v1/campaigns", {"GET"}),
        ("get", "/v1/campaigns/longteng-2026", {"PUT", "DELETE"}),
        ("patch", "/v1/brand-lists/reload", {"POST"}),
        ("post", "/healthz", {"GET"}),
        ("options", "/v1/screenings/upload", {"POST"}),  # not the GET of /v1/screenings/{id}
        ("delete", "/v1/screenings/scr_0", {"GET"}),
    ],
)
def test_a_wrong_method_answers_405_with_every_allowed_method(
    client: TestClient, method: str, path: str, allowed: set[str]
) -> None:
    response = client.request(method.upper(), path)

    assert_problem(response, 405)
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


@pytest.mark.parametrize("key", ["description", "quantity"])
def test_a_key_given_twice_is_refused_naming_it(client: TestClient, key: str) -> None:
    # Last-wins would screen the ceramic mug and never see the watch.
    body = json.dumps(manifest(line("R0LEX Submariner watch")))
    first = f'"{key}": ' + ('"R0LEX Submariner watch"' if key == "description" else "100")
    twice = body.replace(first, f'{first}, "{key}": ' + ('"Ceramic mug"' if key == "description" else "7"))
    assert twice != body

    problem = assert_problem(client.post("/v1/screenings", content=twice, headers=JSON), 422, ["body", key])
    assert repr(key) in problem["detail"]
    assert client.get("/v1/screenings").json()["items"] == []


@pytest.mark.parametrize("size", [1, 2_000])  # parsed on the event loop, and in a thread
def test_the_body_is_parsed_once(client: TestClient, monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    # The guard's parse is the one the route validates: FastAPI's own would be a second pass.
    body = json.dumps(manifest(*[line(f"Ceramic mug {i}") for i in range(size)])).encode()
    parses: list[bytes] = []
    real_loads = json.loads

    def counting_loads(text: str | bytes, **kwargs: Any) -> Any:
        if text == body:
            parses.append(text)
        return real_loads(text, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)  # the module the guard and Starlette share
    response = client.post("/v1/screenings", content=body, headers=JSON)
    assert response.status_code == 201
    assert len(response.json()["lines"]) == size
    assert len(parses) == 1


def test_a_top_level_key_given_twice_is_refused(client: TestClient) -> None:
    body = json.dumps(manifest()).replace(
        '"channel": "sea_freight"', '"channel": "sea_freight", "channel": "postal"'
    )
    assert_problem(client.post("/v1/screenings", content=body, headers=JSON), 422, ["body", "channel"])


@pytest.mark.parametrize(
    "body",
    [
        '{"\\ud800": 1e224, "shipper": {}, "lines": [{"description": "x"}]}',
        '{"reference": "a\\udc00", "destination_country": "DE", "channel": "postal", "lines": []}',
        '{"shipper": {"\\udbff": ""}, "destination_country": "DE", "channel": "postal",'
        ' "lines": [{"description": "x\\ud83d"}]}',
    ],
)
def test_lone_surrogate_escapes_answer_422_not_500(client: TestClient, body: str) -> None:
    assert_problem(client.post("/v1/screenings", content=body, headers=JSON), 422)


def test_paired_surrogate_escapes_are_ordinary_text(client: TestClient) -> None:
    body = json.dumps(manifest(line("Ceramic mugs \U0001f600 gift box")), ensure_ascii=True)
    assert "\\ud83d\\ude00" in body
    assert client.post("/v1/screenings", content=body, headers=JSON).status_code == 201


def test_huge_numbers_and_an_empty_shipper_are_bad_input(client: TestClient) -> None:
    body = manifest(line(unit_value=1e224), shipper={})
    assert_problem(client.post("/v1/screenings", json=body), 422, ["body", "lines", 0, "unit_value"])


def test_a_60_kb_url_answers_414_as_problem_json(client: TestClient) -> None:
    response = client.get("/v1/screenings", params={"reference": "x" * 60 * 1024})
    problem = assert_problem(response, 414)
    assert "limit" in problem["detail"]


def test_oversized_headers_answer_431_before_the_key_is_looked_up(client: TestClient) -> None:
    response = client.get("/v1/screenings", headers={"X-API-Key": "k" * 32 * 1024})
    assert_problem(response, 431)


def test_a_body_without_a_key_is_refused_before_it_is_read(client: TestClient) -> None:
    response = client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": ""})
    problem = assert_problem(response, 401)
    assert "X-API-Key" in problem["detail"]
    assert response.headers["www-authenticate"] == "APIKey"
    unknown = client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": "not-a-key"})
    assert_problem(unknown, 401)


@pytest.mark.parametrize(
    ("description", "brand"),
    [
        ("\u202eXELOR\u202c Submariner automatic watch", "Rolex"),
        ("\u202eICCUG\u202c leather handbag", "Gucci"),
        ("Running shoes \u202eEKIN\u202c Air Max", "Nike"),
        ("\u2067\u202eYNOS\u202c\u2069 wireless headphones", "Sony"),
    ],
)
def test_a_right_to_left_override_is_read_as_displayed(
    client: TestClient, description: str, brand: str
) -> None:
    created = client.post("/v1/screenings", json=manifest(line(description, quantity=10, unit_value=20)))
    assert created.status_code == 201, created.text
    assert brand in {f["evidence"].get("brand") for f in flags_of(created.json(), "BRAND_MATCH")}


@pytest.mark.parametrize("departure", ["0001-01-01", "0001-03-15", "9999-12-31"])
def test_departures_at_the_ends_of_the_calendar_screen_without_error(
    client: TestClient, departure: str
) -> None:
    response = client.post("/v1/screenings", json=manifest(line(), departure_date=departure))
    assert response.status_code == 201, response.text
    assert client.get(response.headers["Location"]).status_code == 200
