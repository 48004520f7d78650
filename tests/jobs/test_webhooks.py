"""Webhooks: registration rules, tenant isolation, and signed deliveries to a real loopback server
that fails the first two attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.helpers import assert_problem
from tests.jobs.receiver import Received, receiver
from tests.jobs.rescreen_factories import toys_campaign, toys_to_nz
from tests.jobs.waiting import wait_for

SECRET = "whsec-test-0123456789abcdef"


@pytest.fixture
def hook_client(database_url: str) -> Iterator[TestClient]:
    settings = make_settings(
        database_url,
        webhooks_allow_private=True,
        webhook_retry_base_seconds=0.3,
        rescreen_interval_seconds=1,
        worker_poll_seconds=0.1,
    )
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        yield client


def verify(received: Received, secret: str) -> None:
    """What an integrator does with Prescreen-Signature."""
    parts = dict(item.split("=", 1) for item in received.headers["prescreen-signature"].split(","))
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + received.body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    assert abs(int(parts["t"]) - received.at) < 60


def test_a_worsened_decision_is_delivered_signed_in_order_after_two_failures(hook_client: TestClient) -> None:
    with receiver(fail_first=2) as endpoint:
        created = hook_client.post(
            "/v1/webhooks",
            json={"url": endpoint.url, "secret": SECRET, "events": ["screening.decision_worsened"]},
        )
        assert created.status_code == 201, created.text
        hook = created.json()
        sooner = hook_client.post("/v1/screenings", json=toys_to_nz("SHP-W1", 2)).json()
        later = hook_client.post("/v1/screenings", json=toys_to_nz("SHP-W2", 9)).json()
        assert sooner["decision"] == later["decision"] == "clear"

        hook_client.put("/v1/campaigns/test-toys-nz", json=toys_campaign())
        wait_for(lambda: len(endpoint.received) >= 4, timeout=90, what="four requests at the endpoint")

    got = endpoint.received
    assert [r.answered for r in got] == [500, 500, 204, 204]
    for r in got:
        verify(r, SECRET)
        assert r.headers["prescreen-event"] == "screening.decision_worsened"
        assert r.headers["content-type"] == "application/json"
    bodies = [json.loads(r.body) for r in got]
    # The first delivery is retried with the same body until it succeeds; the second waits its turn.
    assert bodies[0] == bodies[1] == bodies[2]
    assert [b["data"]["screening_id"] for b in bodies] == [sooner["screening_id"]] * 3 + [
        later["screening_id"]
    ]
    first = bodies[0]
    assert first["event"] == "screening.decision_worsened"
    assert first["data"]["previous"]["decision"] == "clear"
    assert first["data"]["current"]["decision"] == "review"
    # Exponential backoff: the second retry waited at least twice the base, the first at least the base.
    assert got[1].at - got[0].at >= 0.3
    assert got[2].at - got[1].at >= 0.6

    deliveries = hook_client.get(f"/v1/webhooks/{hook['webhook_id']}/deliveries").json()["items"]
    assert [d["status"] for d in deliveries] == ["delivered", "delivered"]
    oldest = deliveries[-1]
    assert oldest["delivery_id"] == first["id"]
    assert [(a["number"], a["status_code"]) for a in oldest["attempts"]] == [(1, 500), (2, 500), (3, 204)]
    assert oldest["next_retry_at"] is None
    assert "prescreen_webhook_attempts_total" in hook_client.get("/metrics").text


def test_a_failing_delivery_shows_its_next_retry(hook_client: TestClient) -> None:
    with receiver(fail_first=1_000) as endpoint:
        hook = hook_client.post(
            "/v1/webhooks", json={"url": endpoint.url, "secret": SECRET, "events": ["job.finished"]}
        ).json()
        hook_client.post("/v1/screenings?mode=async", json=toys_to_nz("SHP-W3", 1))
        wait_for(lambda: len(endpoint.received) >= 2, timeout=60, what="two attempts")

        def pending() -> dict[str, Any] | None:
            items = hook_client.get(f"/v1/webhooks/{hook['webhook_id']}/deliveries").json()["items"]
            return items[0] if items and len(items[0]["attempts"]) >= 2 else None

        delivery = wait_for(pending, what="two recorded attempts")
        assert delivery["status"] == "pending"
        assert delivery["next_retry_at"] is not None
        assert delivery["next_retry_at"] > delivery["attempts"][-1]["at"]
        assert all(a["status_code"] == 500 for a in delivery["attempts"])
        assert json.loads(endpoint.received[0].body)["data"]["job"]["status"] == "done"

        assert hook_client.delete(f"/v1/webhooks/{hook['webhook_id']}").status_code == 204
        cancelled = hook_client.get(f"/v1/webhooks/{hook['webhook_id']}/deliveries")
        assert cancelled.status_code == 404  # a deleted webhook is gone for its tenant


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:9/hook", "loopback"),
        ("http://10.1.2.3/hook", "private"),
        ("http://192.168.0.10/hook", "private"),
        ("http://[::1]/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://localhost/hook", "loopback"),
        ("ftp://example.com/hook", "scheme"),
        ("https://user:pw@example.com/hook", "credentials"),
    ],
)
def test_unsafe_urls_are_refused_unless_allowed(client: TestClient, url: str, why: str) -> None:
    response = client.post("/v1/webhooks", json={"url": url, "secret": SECRET, "events": ["job.finished"]})
    assert_problem(response, 422, ["body", "url"])


def test_bad_registrations_name_the_field(client: TestClient) -> None:
    base = {"url": "https://example.com/hook", "secret": SECRET, "events": ["job.finished"]}
    assert_problem(client.post("/v1/webhooks", json=base | {"secret": "short"}), 422, ["body", "secret"])
    assert_problem(client.post("/v1/webhooks", json=base | {"events": []}), 422, ["body", "events"])
    assert_problem(
        client.post("/v1/webhooks", json=base | {"events": ["screening.done"]}), 422, ["body", "events", 0]
    )


def test_a_tenant_never_sees_another_tenants_webhooks(hook_client: TestClient) -> None:
    with receiver() as endpoint:
        hook = hook_client.post(
            "/v1/webhooks", json={"url": endpoint.url, "secret": SECRET, "events": ["job.finished"]}
        ).json()
        other = {"X-API-Key": KEY_B}
        assert hook_client.get("/v1/webhooks", headers=other).json()["items"] == []
        for path in (f"/v1/webhooks/{hook['webhook_id']}", f"/v1/webhooks/{hook['webhook_id']}/deliveries"):
            assert hook_client.get(path, headers=other).status_code == 404
        assert hook_client.delete(f"/v1/webhooks/{hook['webhook_id']}", headers=other).status_code == 404
        # Tenant B's job notifies nobody: A's endpoint hears only A's jobs.
        hook_client.post("/v1/screenings?mode=async", json=toys_to_nz("SHP-B1", 1), headers=other)
        mine = hook_client.post("/v1/screenings?mode=async", json=toys_to_nz("SHP-A1", 1)).json()
        wait_for(lambda: endpoint.received, what="A's notification")
        [notified] = [json.loads(r.body) for r in endpoint.received]
        assert notified["data"]["job"]["job_id"] == mine["job_id"]
        assert [h["webhook_id"] for h in hook_client.get("/v1/webhooks").json()["items"]] == [
            hook["webhook_id"]
        ]
