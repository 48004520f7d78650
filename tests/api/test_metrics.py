"""GET /metrics: scraped and parsed with prometheus-client's own parser; totals with no tenant in labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from app.main import create_app
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest
from tests.helpers import assert_problem

TOKEN = "scrape-token-for-the-tests-0001"


def scrape(client: TestClient, **headers: str) -> dict[str, list[Sample]]:
    response = client.get("/metrics", headers={"X-API-Key": "", **headers})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    families: dict[str, list[Sample]] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            families.setdefault(sample.name, []).append(sample)
    return families


def value(families: dict[str, list[Sample]], name: str, **labels: str) -> float:
    matching = [
        s.value for s in families.get(name, []) if all(s.labels.get(k) == v for k, v in labels.items())
    ]
    assert len(matching) == 1, (name, labels, families.get(name))
    return matching[0]


def test_requests_are_counted_and_timed_by_route_template_and_status(client: TestClient) -> None:
    screening_id = client.post("/v1/screenings", json=manifest()).json()["screening_id"]
    client.get(f"/v1/screenings/{screening_id}")
    client.get("/v1/screenings/scr_not_there")
    client.get("/v1/screenings/scr_not_there_either")
    client.get("/wp-login.php")

    m = scrape(client)

    route = "/v1/screenings/{screening_id}"
    assert value(m, "prescreen_http_requests_total", route=route, method="GET", status="200") == 1
    assert value(m, "prescreen_http_requests_total", route=route, method="GET", status="404") == 2
    assert value(m, "prescreen_http_requests_total", route="/v1/screenings", status="201") == 1
    assert value(m, "prescreen_http_requests_total", route="unmatched", status="404") == 1
    count = value(m, "prescreen_http_request_duration_seconds_count", route=route, status="404")
    inf = value(m, "prescreen_http_request_duration_seconds_bucket", route=route, status="404", le="+Inf")
    assert count == inf == 2
    assert value(m, "prescreen_http_request_duration_seconds_sum", route=route, status="404") > 0
    assert value(m, "prescreen_http_requests_in_flight") == 1  # the scrape itself
    assert not any(screening_id in str(s.labels) for samples in m.values() for s in samples)


def test_screenings_are_counted_by_decision_level_flag_code_and_lines(client: TestClient) -> None:
    branded = client.post(
        "/v1/screenings",
        json=manifest(line("R0LEX Submariner watch", hs_code="9102.21", unit_value=18.0), line(), line()),
    ).json()
    plain = client.post("/v1/screenings", json=manifest(line())).json()

    m = scrape(client)

    for body in (branded, plain):
        decision, level = body["decision"], body["risk_level"]
        same = [b for b in (branded, plain) if b["decision"] == decision]
        assert value(m, "prescreen_screenings_total", decision=decision) == len(same)
        same_level = [b for b in (branded, plain) if b["risk_level"] == level]
        assert value(m, "prescreen_screenings_by_level_total", risk_level=level) == len(same_level)
    codes = [f["code"] for body in (branded, plain) for f in body["flags"]]
    assert "BRAND_MATCH" in codes
    for code in set(codes):
        assert value(m, "prescreen_flags_total", code=code) == codes.count(code)
    assert value(m, "prescreen_lines_per_screening_count") == 2
    assert value(m, "prescreen_lines_per_screening_sum") == 4
    assert value(m, "prescreen_lines_per_screening_bucket", le="1.0") == 1
    assert value(m, "prescreen_lines_per_screening_bucket", le="5.0") == 2


def test_data_versions_load_time_reload_failures_pool_and_process(client: TestClient, tmp_path: Path) -> None:
    ready = client.get("/readyz").json()
    broken = tmp_path / "broken.yaml"
    broken.write_text("list: [\n", encoding="utf-8")
    client.app.state.prescreen.settings.extra_brand_lists.append(broken)  # type: ignore[attr-defined]
    assert client.post("/v1/brand-lists/reload").status_code == 422

    m = scrape(client)

    [info] = m["prescreen_data_info"]
    assert info.labels["brand_list"] == ready["brand_list"]
    campaigns = client.post("/v1/screenings", json=manifest()).json()["versions"]["campaigns"]
    assert info.labels["campaign_files"] == campaigns  # no operator changes: the files are in effect
    assert value(m, "prescreen_data_loaded_timestamp_seconds") > 1.7e9
    assert value(m, "prescreen_list_reloads_total", outcome="refused") == 1
    assert value(m, "prescreen_db_pool_size") >= 1
    assert value(m, "prescreen_db_pool_connections", state="checked_out") >= 0
    assert value(m, "process_resident_memory_bytes") > 0
    assert "python_info" in m


def test_no_tenant_appears_in_any_label(client: TestClient) -> None:
    client.post("/v1/screenings", json=manifest())
    client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": KEY_B})

    response = client.get("/metrics")

    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            assert "tenant" not in sample.labels
            assert not {"tenant-a", "tenant-b", KEY_A, KEY_B} & set(sample.labels.values()), sample
    assert "tenant-a" not in response.text
    assert "tenant-b" not in response.text


def _app(sqlite_url: str, **settings: Any) -> TestClient:
    return TestClient(create_app(make_settings(sqlite_url, **settings)))


def test_a_metrics_token_is_required_once_set(sqlite_url: str) -> None:
    with _app(sqlite_url, metrics_token=TOKEN) as client:
        missing = client.get("/metrics")
        tenant_key = client.get("/metrics", headers={"X-API-Key": KEY_A})
        wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
        right = scrape(client, Authorization=f"Bearer {TOKEN}")

    for refused in (missing, tenant_key, wrong):
        assert_problem(refused, 401)
        assert "PRESCREEN_METRICS_TOKEN" in refused.json()["detail"]
    assert "prescreen_http_requests_total" in right


def test_production_without_a_token_refuses_metrics(sqlite_url: str, monkeypatch: Any) -> None:
    settings = make_settings(
        sqlite_url, environment="development", api_keys="tenant-a:a-long-enough-key-0001:admin"
    )
    monkeypatch.setattr(settings, "environment", "production")  # SQLite stands in for PostgreSQL here
    with TestClient(create_app(settings)) as client:
        refused = client.get("/metrics")
        alive = client.get("/healthz")

    assert "PRESCREEN_METRICS_TOKEN" in assert_problem(refused, 403)["detail"]
    assert alive.status_code == 200


def test_the_openapi_document_declares_the_metrics_token(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    operation = schema["paths"]["/metrics"]["get"]
    [requirement] = operation["security"]
    scheme = schema["components"]["securitySchemes"][next(iter(requirement))]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert {"200", "401", "403"} <= set(operation["responses"])
