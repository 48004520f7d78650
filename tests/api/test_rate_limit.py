"""PRESCREEN_RATE_LIMIT: per tenant, 429 problem+json with Retry-After and RateLimit-* headers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.main import create_app
from tests.conftest import make_settings
from tests.factories import manifest
from tests.helpers import assert_problem


def _keys() -> tuple[str, str, str]:
    """Tenant names of their own, so counts kept in a shared Redis never meet another run's."""
    run = uuid.uuid4().hex[:8]
    key_a, key_b = f"key-a-{run}-0000000001", f"key-b-{run}-0000000002"
    return f"a-{run}:{key_a}:admin,b-{run}:{key_b}", key_a, key_b


def _client(sqlite_url: str, api_keys: str, **settings: str) -> TestClient:
    return TestClient(create_app(make_settings(sqlite_url, api_keys=api_keys, **settings)))


@pytest.fixture
def limited(sqlite_url: str) -> Iterator[tuple[TestClient, str, str]]:
    api_keys, key_a, key_b = _keys()
    with _client(sqlite_url, api_keys, rate_limit="3/minute") as client:
        yield client, key_a, key_b


def test_past_the_limit_a_tenant_gets_429_with_retry_after(limited: tuple[TestClient, str, str]) -> None:
    client, key_a, _ = limited
    answers = [client.get("/v1/screenings", headers={"X-API-Key": key_a}) for _ in range(4)]

    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert [a.headers["ratelimit-remaining"] for a in answers[:3]] == ["2", "1", "0"]
    assert {a.headers["ratelimit-limit"] for a in answers} == {"3"}
    assert answers[0].headers["ratelimit-policy"] == "3;w=60"
    refused = answers[3]
    problem = assert_problem(refused, 429)
    assert "3 per 1 minute" in problem["detail"]
    assert problem["request_id"] == refused.headers["x-request-id"]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-remaining"] == "0"
    assert 0 <= int(refused.headers["ratelimit-reset"]) <= 60


def test_one_tenants_burst_never_limits_another(limited: tuple[TestClient, str, str]) -> None:
    client, key_a, key_b = limited
    for _ in range(5):
        client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": key_a})

    other = [client.get("/v1/screenings", headers={"X-API-Key": key_b}) for _ in range(3)]

    assert [a.status_code for a in other] == [200, 200, 200]
    assert client.get("/v1/screenings", headers={"X-API-Key": key_a}).status_code == 429


def test_probes_and_metrics_are_never_limited(limited: tuple[TestClient, str, str]) -> None:
    client, key_a, _ = limited
    for _ in range(4):
        client.get("/v1/screenings", headers={"X-API-Key": key_a})

    for path in ("/healthz", "/readyz", "/metrics"):
        answers = [client.get(path, headers={"X-API-Key": key_a}) for _ in range(6)]
        assert {a.status_code for a in answers} == {200}, path
        assert "ratelimit-limit" not in answers[0].headers


def test_a_refused_screening_records_nothing(limited: tuple[TestClient, str, str]) -> None:
    client, key_a, _ = limited
    posts = [client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": key_a}) for _ in range(4)]

    assert [p.status_code for p in posts] == [201, 201, 201, 429]
    metrics = client.get("/metrics").text
    assert "prescreen_rate_limited_total 1.0" in metrics
    recorded = [
        sample.value
        for family in text_string_to_metric_families(metrics)
        for sample in family.samples
        if sample.name == "prescreen_screenings_total"
    ]
    assert sum(recorded) == 3


def test_no_limit_by_default(client: TestClient) -> None:
    answers = [client.get("/v1/screenings") for _ in range(20)]

    assert {a.status_code for a in answers} == {200}
    assert "ratelimit-limit" not in answers[-1].headers


def test_several_limits_answer_with_the_tightest(sqlite_url: str) -> None:
    api_keys, key_a, _ = _keys()
    with _client(sqlite_url, api_keys, rate_limit="2/second;5/minute") as client:
        first = client.get("/v1/screenings", headers={"X-API-Key": key_a})
        second = client.get("/v1/screenings", headers={"X-API-Key": key_a})
        third = client.get("/v1/screenings", headers={"X-API-Key": key_a})

    assert (first.headers["ratelimit-limit"], first.headers["ratelimit-remaining"]) == ("2", "1")
    assert second.headers["ratelimit-remaining"] == "0"
    assert_problem(third, 429)
    assert third.headers["ratelimit-policy"] == "2;w=1"


def test_an_unreadable_rate_is_refused_at_start_naming_the_setting(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match="PRESCREEN_RATE_LIMIT"):
        make_settings(sqlite_url, rate_limit="lots per minute")


@pytest.mark.redis
def test_instances_sharing_redis_share_one_count(sqlite_url: str, redis_url: str) -> None:
    api_keys, key_a, key_b = _keys()
    with ExitStack() as stack:
        one, two = (
            stack.enter_context(
                _client(sqlite_url, api_keys, rate_limit="4/minute", rate_limit_storage=redis_url)
            )
            for _ in range(2)
        )
        answers = [(one, two)[i % 2].get("/v1/screenings", headers={"X-API-Key": key_a}) for i in range(5)]
        other = two.get("/v1/screenings", headers={"X-API-Key": key_b})

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert [a.headers["ratelimit-remaining"] for a in answers] == ["3", "2", "1", "0", "0"]
    assert other.status_code == 200


def test_a_storage_that_does_not_answer_serves_and_counts_the_failure(sqlite_url: str) -> None:
    api_keys, key_a, _ = _keys()
    # Nothing listens on port 1: every check fails at once.
    with _client(
        sqlite_url, api_keys, rate_limit="1/minute", rate_limit_storage="redis://127.0.0.1:1/0"
    ) as client:
        answers = [client.get("/v1/screenings", headers={"X-API-Key": key_a}) for _ in range(3)]
        metrics = client.get("/metrics").text

    assert {a.status_code for a in answers} == {200}
    assert "prescreen_rate_limit_storage_errors_total 3.0" in metrics
