"""Re-screening after a campaign or list change: bounded batches, oldest departure first, results
stored beside the earlier ones, and no work when nothing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from app.db.models import ScreeningResult
from app.db.session import make_sessionmaker
from app.main import create_app
from app.metrics import Metrics
from app.reference.campaigns import CampaignSpec
from app.schemas.screening import ScreeningRequest
from app.services import campaigns as campaign_service
from app.services import rescreening
from app.services.background import JobEnv
from app.services.knowledge_store import KnowledgeStore
from app.services.screener import Screener
from app.services.screening import ScreeningLimits, run_screening
from tests.conftest import KEY_B, make_settings
from tests.jobs.rescreen_factories import toys_campaign, toys_to_nz
from tests.jobs.waiting import wait_for


@dataclass
class RecordingQueue:
    """Stands in for the queue where a test drives the batches itself."""

    deliveries: list[str] = field(default_factory=list)
    rescreens: int = 0

    def defer_delivery(self, delivery_id: str, webhook_id: str, at: dt.datetime | None = None) -> None:
        self.deliveries.append(delivery_id)

    def defer_rescreening(self) -> None:
        self.rescreens += 1


@pytest.fixture
def env(database_url: str) -> Iterator[JobEnv]:
    settings = make_settings(database_url, rescreen_batch_size=2)
    store = KnowledgeStore(settings.data_paths)
    store.load()
    engine = create_engine(database_url)
    metrics = Metrics()
    screener = Screener(settings, store, metrics)
    yield JobEnv(settings, make_sessionmaker(engine), store, metrics, RecordingQueue(), screener)
    engine.dispose()


def record(env: JobEnv, body: dict[str, Any]) -> str:
    assert env.knowledge.current is not None
    with env.sessions() as session:
        outcome = run_screening(
            session,
            env.knowledge.current,
            env.settings.engine_config,
            ScreeningLimits(max_lines=100),
            "tenant-a",
            ScreeningRequest.model_validate(body),
            None,
        )
    return outcome.screening_id


def put_campaign(env: JobEnv, campaign_id: str, body: dict[str, Any]) -> None:
    assert env.knowledge.current is not None
    with env.sessions() as session:
        campaign_service.put(
            session, env.knowledge.current, campaign_id, CampaignSpec.model_validate(body), "tenant-a"
        )
        session.commit()


def results(env: JobEnv) -> list[ScreeningResult]:
    with env.sessions() as session:
        return list(session.scalars(select(ScreeningResult).order_by(ScreeningResult.id)))


def test_a_campaign_change_rescreens_departures_from_today_in_bounded_batches_oldest_first(
    env: JobEnv,
) -> None:
    later = record(env, toys_to_nz("SHP-R1", 20))
    sooner = record(env, toys_to_nz("SHP-R2", 3))
    today = record(env, toys_to_nz("SHP-R3", 0))
    record(env, toys_to_nz("SHP-R4", -1))  # departed: its result stands
    assert rescreening.backlog(env) == 0
    assert rescreening.rescreen_batch(env).rescreened == 0  # unchanged versions: no work

    put_campaign(env, "test-toys-nz", toys_campaign())

    assert rescreening.backlog(env) == 3
    first = rescreening.rescreen_batch(env)
    assert (first.rescreened, first.more) == (2, True)
    assert [r.screening_id for r in results(env)] == [today, sooner]
    assert rescreening.backlog(env) == 1
    second = rescreening.rescreen_batch(env)
    assert (second.rescreened, second.more) == (1, False)
    assert [r.screening_id for r in results(env)] == [today, sooner, later]
    assert rescreening.backlog(env) == 0
    assert rescreening.rescreen_batch(env).rescreened == 0
    assert all(r.decision == "review" for r in results(env))


def test_a_list_reload_with_the_same_files_does_no_work(env: JobEnv) -> None:
    record(env, toys_to_nz("SHP-R5", 5))
    env.knowledge.load()

    assert rescreening.backlog(env) == 0
    assert results(env) == []


def test_a_screening_is_not_counted_in_its_own_shipper_history_when_rescreened(env: JobEnv) -> None:
    """Its own history rows would read as one more part of a split shipment: two small parts of
    the same goods to one consignee are not yet three."""
    parts = []
    for day in (4, 5):
        body = toys_to_nz("SHP-R6", day)
        body["lines"][0] |= {"quantity": 2}
        parts.append(record(env, body))
    put_campaign(env, "test-toys-nz", toys_campaign())
    rescreening.rescreen_batch(env)

    again = {r.screening_id: r for r in results(env)}
    assert set(again) == set(parts)
    assert all(b"SPLIT_SHIPMENT" not in r.result for r in again.values())


@pytest.fixture
def live_client(database_url: str) -> Iterator[TestClient]:
    settings = make_settings(database_url, rescreen_interval_seconds=1, worker_poll_seconds=0.1)
    with TestClient(create_app(settings), headers={"X-API-Key": "test-key-tenant-a-0001"}) as client:
        yield client


def test_the_service_rescreens_in_the_background_and_get_returns_the_latest_with_history(
    live_client: TestClient, database_url: str
) -> None:
    first = live_client.post("/v1/screenings", json=toys_to_nz("SHP-L1", 7))
    departed = live_client.post("/v1/screenings", json=toys_to_nz("SHP-L2", -3))
    assert first.status_code == departed.status_code == 201
    original = first.json()
    assert original["decision"] == "clear"

    assert live_client.put("/v1/campaigns/test-toys-nz", json=toys_campaign()).status_code == 200

    def rescreened() -> dict[str, Any] | None:
        body: dict[str, Any] = live_client.get(f"/v1/screenings/{original['screening_id']}").json()
        return body if "history" in body else None

    latest = wait_for(rescreened, timeout=60, what="the background re-screening")
    assert latest["decision"] == "review", latest["history"]
    assert latest["risk_score"] > original["risk_score"]
    assert latest["versions"]["campaigns"] != original["versions"]["campaigns"]
    assert latest["versions"]["brand_list"] == original["versions"]["brand_list"]
    assert latest["screening_id"] == original["screening_id"]
    assert [f["code"] for f in latest["flags"]].count("CAMPAIGN_DESTINATION") == 1
    assert latest["history"] == [
        {
            "screened_at": original["created_at"],
            "versions": original["versions"],
            "risk_score": original["risk_score"],
            "risk_level": original["risk_level"],
            "decision": "clear",
        }
    ]
    assert latest["screened_at"] > original["created_at"]
    # A shipment already gone is left as it was, byte for byte.
    assert live_client.get(f"/v1/screenings/{departed.json()['screening_id']}").content == departed.content
    metrics = live_client.get("/metrics").text
    assert "prescreen_rescreen_backlog 0.0" in metrics
    assert "prescreen_rescreenings_total 1.0" in metrics
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ScreeningResult)) == 1
    engine.dispose()


def test_removing_a_campaign_rescreens_again(live_client: TestClient) -> None:
    sid = live_client.post("/v1/screenings", json=toys_to_nz("SHP-L3", 6)).json()["screening_id"]
    live_client.put("/v1/campaigns/test-toys-nz", json=toys_campaign())

    def results_count(n: int) -> dict[str, Any] | None:
        body: dict[str, Any] = live_client.get(f"/v1/screenings/{sid}").json()
        return body if len(body.get("history", [])) == n else None

    assert wait_for(lambda: results_count(1), what="the re-screening after the PUT")["decision"] == "review"
    removed = live_client.delete("/v1/campaigns/test-toys-nz")
    assert removed.status_code == 204
    assert live_client.delete("/v1/campaigns/test-toys-nz").status_code == 404
    latest = wait_for(lambda: results_count(2), what="the re-screening after the removal")
    assert latest["decision"] == "clear"
    assert [h["decision"] for h in latest["history"]] == ["clear", "review"]
    assert live_client.delete("/v1/campaigns/longteng-2026", headers={"X-API-Key": KEY_B}).status_code == 403
