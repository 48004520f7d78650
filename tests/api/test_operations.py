"""Health, readiness, metrics, and the offline API docs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import app.matching
from app.main import create_app
from tests.conftest import make_settings
from tests.factories import manifest
from tests.helpers import assert_problem


def test_healthz_needs_no_key(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-API-Key": ""})

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_the_loaded_lists(client: TestClient) -> None:
    response = client.get("/readyz", headers={"X-API-Key": ""})

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ready"
    assert response.json()["brand_list"] == client.get("/v1/brand-lists").json()["version"]
    assert response.json()["matcher"] == ("compiled" if app.matching.COMPILED else "python")


def test_readyz_is_503_when_the_database_does_not_answer() -> None:
    settings = make_settings("postgresql+psycopg://nobody@127.0.0.1:1/x", auto_migrate=False)
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
        assert client.get("/healthz").status_code == 200

    problem = assert_problem(response, 503)
    assert "database" in problem["detail"]


def test_readyz_is_503_when_a_list_file_is_broken_at_start(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("list: {id: broken, version: '1'}\nbrands: not-a-list\n", encoding="utf-8")
    settings = make_settings(
        f"sqlite:///{tmp_path / 'prescreen.db'}", extra_brand_lists=[broken], start_with_broken_data=True
    )

    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz")
        screening = client.post(
            "/v1/screenings", json=manifest(), headers={"X-API-Key": "test-key-tenant-a-0001"}
        )

    problem = assert_problem(ready, 503)
    assert "broken.yaml" in problem["detail"]
    assert_problem(screening, 503)


def test_metrics_count_screenings_by_decision(client: TestClient) -> None:
    created = client.post("/v1/screenings", json=manifest())
    assert created.status_code == 201, created.text
    decision = created.json()["decision"]

    response = client.get("/metrics", headers={"X-API-Key": ""})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE prescreen_screenings_total counter" in response.text
    assert f'prescreen_screenings_total{{decision="{decision}"}} 1.0' in response.text
    assert "prescreen_lines_screened_total 1.0" in response.text


def test_docs_are_served_without_external_urls(client: TestClient) -> None:
    response = client.get("/docs")

    assert response.status_code == 200
    html = response.text
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", html), "an asset is fetched from the internet"
    assets = re.findall(r"""["'](/static/docs/[^"']+)["']""", html)
    assert any(a.endswith(".js") for a in assets)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "/openapi.json" in html


def openapi(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


def screening_request_schema(schema: dict[str, Any]) -> dict[str, Any]:
    body = schema["paths"]["/v1/screenings"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in body:
        name = body["$ref"].rsplit("/", 1)[-1]
        body = schema["components"]["schemas"][name]
    result: dict[str, Any] = body
    return result


def test_openapi_declares_the_api_key_scheme(client: TestClient) -> None:
    schema = openapi(client)

    schemes = schema["components"]["securitySchemes"]
    [scheme] = [s for s in schemes.values() if s.get("type") == "apiKey"]
    assert scheme["in"] == "header"
    assert scheme["name"] == "X-API-Key"
    post = schema["paths"]["/v1/screenings"]["post"]
    assert post.get("security"), "POST /v1/screenings must require the key"
    assert {"201", "401", "413", "422"} <= set(post["responses"])


def test_the_openapi_example_runs_as_it_stands(client: TestClient) -> None:
    [example] = screening_request_schema(openapi(client))["examples"]
    assert len(example["lines"]) >= 2, "a realistic example manifest"

    response = client.post("/v1/screenings", json=example)

    assert response.status_code == 201, response.text


def test_every_operation_with_a_body_documents_a_parse_failure_and_a_size_limit(client: TestClient) -> None:
    operations = [
        (f"{method.upper()} {path}", operation)
        for path, item in openapi(client)["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    ]
    assert len(operations) >= 4, operations

    for name, operation in operations:
        for status in ("400", "413"):
            response = operation["responses"].get(status)
            assert response, f"{name} does not document {status}"
            assert "application/problem+json" in response["content"], name


def test_a_body_that_is_not_utf8_is_a_documented_400_on_every_json_route(client: TestClient) -> None:
    undecodable = b'{"brand": "Rol\xe9x\xff"}'
    routes = [("post", "/v1/authorizations"), ("put", "/v1/campaigns/test-campaign")]
    documented = openapi(client)["paths"]

    for method, path in routes:
        response = client.request(
            method, path, content=undecodable, headers={"Content-Type": "application/json"}
        )

        assert_problem(response, 400)
        assert "UTF-8" in response.json()["detail"]
        assert "400" in documented[path.replace("test-campaign", "{campaign_id}")][method]["responses"]
