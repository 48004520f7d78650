"""Shipment history through the API: what is recorded once, and what the pattern rules see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import small_parcel

START = dt.date(2026, 10, 1)


def _parcel(day: int) -> dict[str, Any]:
    return small_parcel(START + dt.timedelta(days=day))


def _codes(response: Any) -> set[str]:
    assert response.status_code == 201, response.text
    doc = response.json()
    return {f["code"] for f in doc["flags"]}


def test_a_series_of_small_parcels_is_ant_moving_by_its_fifth_shipment(db_client: TestClient) -> None:
    codes = [_codes(db_client.post("/v1/screenings", json=_parcel(2 * n))) for n in range(5)]
    assert "ANT_MOVING" not in codes[0]
    assert "ANT_MOVING" in codes[-1]


def test_idempotent_retries_are_not_counted_twice_in_history(db_client: TestClient) -> None:
    for _ in range(6):  # a client retrying the first shipment
        _codes(db_client.post("/v1/screenings", json=_parcel(0), headers={"Idempotency-Key": "parcel-0"}))
    second = _codes(db_client.post("/v1/screenings", json=_parcel(2)))
    assert "ANT_MOVING" not in second
    listed = db_client.get("/v1/screenings").json()["items"]
    assert len(listed) == 2


def test_history_is_measured_in_departure_dates_not_arrival_order(db_client: TestClient) -> None:
    far_apart = [_parcel(40 * n) for n in range(5)]  # one parcel every 40 days: outside any 30-day window
    codes = [_codes(db_client.post("/v1/screenings", json=body)) for body in far_apart]
    assert all("ANT_MOVING" not in c for c in codes)
