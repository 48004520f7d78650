"""POST, GET and list /v1/screenings: the contract's shape, storage, tenants and idempotency."""

from __future__ import annotations

import base64
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KEY_B
from tests.factories import line, manifest
from tests.helpers import assert_problem, assert_screening_shape, flags_of, line_of

AS_B = {"X-API-Key": KEY_B}

# The request of CONTRACT.md, as it stands.
CONTRACT_EXAMPLE: dict[str, Any] = {
    "reference": "BL-2026-000123",
    "shipper": {"id": "SHP-42", "name": "Shenzhen Example Trading Co.", "country": "CN"},
    "consignee": {"id": "CNE-7", "name": "Example Imports LLC", "country": "US"},
    "destination_country": "US",
    "channel": "sea_freight",
    "departure_date": "2026-11-30",
    "lines": [
        {
            "line_id": "1",
            "description": "Men's quartz wrist watch, stainless steel",
            "hs_code": "9102.11",
            "quantity": 200,
            "unit_value": 3.5,
            "currency": "USD",
            "brand": None,
            "packages": 1,
        }
    ],
}


def realistic_manifest(shipper_id: str = "SHP-REAL-1") -> dict[str, Any]:
    """A mixed consolidation: plain goods, a disguised mark, loose labels, electronics."""
    return manifest(
        line("Ceramic coffee mugs 350ml, white", line_id="A1", hs_code="6912.00", quantity=1200, packages=24),
        line(
            "R0LEX Submariner automatic watch, AAA quality",
            line_id="A2",
            hs_code="9102.21",
            quantity=50,
            unit_value=18.0,
            packages=1,
        ),
        line(
            "Woven logo labels for watch straps",
            line_id="A3",
            hs_code="5807.10",
            quantity=250,
            unit_value=0.02,
        ),
        line(
            "Wireless earbuds, Bluetooth 5.3, unbranded",
            line_id="A4",
            hs_code="8518.30",
            quantity=500,
            unit_value=4.2,
            packages=10,
        ),
        line("Cotton T-shirts, plain, assorted sizes", line_id="A5", hs_code="6109.10", unit_value=2.1),
        reference="BL-REAL-77",
        shipper={"id": shipper_id, "name": "Yiwu Sample Export Co.", "country": "CN"},
        consignee={"id": "CNE-REAL", "name": "Harbour Retail Ltd", "country": "GB"},
        destination_country="GB",
        channel="sea_freight",
        departure_date="2026-11-30",
    )


def post(client: TestClient, body: dict[str, Any], **headers: str) -> Any:
    response = client.post("/v1/screenings", json=body, headers=headers or None)
    assert response.status_code == 201, response.text
    return response


def listed_ids(client: TestClient, headers: dict[str, str] | None = None, **params: str) -> list[str]:
    response = client.get("/v1/screenings", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [item["screening_id"] for item in response.json()["items"]]


def test_contract_example_answers_201_with_location_and_shape(client: TestClient) -> None:
    response = post(client, CONTRACT_EXAMPLE)

    body = response.json()
    assert_screening_shape(body)
    assert response.headers["location"] == f"/v1/screenings/{body['screening_id']}"
    assert response.headers["content-type"].startswith("application/json")
    assert body["reference"] == "BL-2026-000123"
    assert [line["line_id"] for line in body["lines"]] == ["1"]


def test_realistic_manifest_scores_every_line(client: TestClient) -> None:
    body = post(client, realistic_manifest()).json()

    assert_screening_shape(body)
    assert [line["line_id"] for line in body["lines"]] == ["A1", "A2", "A3", "A4", "A5"]
    brand_flags = flags_of(body, "BRAND_MATCH", "A2")
    assert [f["evidence"]["brand"] for f in brand_flags] == ["Rolex"], body["flags"]
    assert line_of(body, "A2")["risk_score"] > line_of(body, "A1")["risk_score"]
    assert body["decision"] in {"review", "hold"}


def test_get_returns_the_stored_body_byte_for_byte(client: TestClient) -> None:
    created = post(client, realistic_manifest())
    screening_id = created.json()["screening_id"]

    fetched = client.get(f"/v1/screenings/{screening_id}")

    assert fetched.status_code == 200
    assert fetched.content == created.content
    assert fetched.headers["content-type"].startswith("application/json")


def test_list_is_newest_first_with_summaries(client: TestClient) -> None:
    ids = [post(client, manifest(reference=f"REF-{i}")).json()["screening_id"] for i in range(3)]

    response = client.get("/v1/screenings")

    assert response.status_code == 200
    page = response.json()
    assert [item["screening_id"] for item in page["items"]] == ids[::-1]
    assert page["next_cursor"] is None
    stamps = [dt.datetime.fromisoformat(item["created_at"]) for item in page["items"]]
    assert stamps == sorted(stamps, reverse=True)
    first = page["items"][0]
    assert first["reference"] == "REF-2"
    assert first["line_count"] == 1
    assert first["destination_country"] == "DE"
    assert first["departure_date"] == "2026-06-10"


def test_list_filters_by_reference_decision_and_dates(client: TestClient) -> None:
    bodies = [
        post(client, manifest(reference="BL-FILTER-1")).json(),
        post(client, realistic_manifest("SHP-F2") | {"reference": "BL-FILTER-2"}).json(),
        post(client, manifest(reference="BL-FILTER-1", shipper={"id": "SHP-F3"})).json(),
    ]
    by_ref = {b["screening_id"] for b in bodies if b["reference"] == "BL-FILTER-1"}
    assert set(listed_ids(client, reference="BL-FILTER-1")) == by_ref
    assert listed_ids(client, reference="BL-NOTHING") == []

    for decision in ("clear", "review", "hold"):
        expected = {b["screening_id"] for b in bodies if b["decision"] == decision}
        assert set(listed_ids(client, decision=decision)) == expected, decision

    today = dt.datetime.now(dt.UTC).date()
    all_ids = {b["screening_id"] for b in bodies}
    assert set(listed_ids(client, None, **{"from": today.isoformat()})) == all_ids
    assert set(listed_ids(client, to=today.isoformat())) == all_ids
    assert listed_ids(client, None, **{"from": (today + dt.timedelta(days=1)).isoformat()}) == []
    assert listed_ids(client, to=(today - dt.timedelta(days=1)).isoformat()) == []


def test_cursor_pagination_has_no_duplicates_and_no_gaps(client: TestClient) -> None:
    created = [
        post(client, manifest(reference=f"PAGE-{i}", shipper={"id": f"SHP-P{i}"})).json()["screening_id"]
        for i in range(7)
    ]
    seen: list[str] = []
    pages = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/screenings", params=params).json()
        pages.append(len(page["items"]))
        seen.extend(item["screening_id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(pages) < 10, "pagination does not end"

    assert pages == [3, 3, 1]
    assert seen == created[::-1]


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor", "é", _b64("null"), _b64('{"a": 1}'), _b64('["yesterday", "scr_1"]'), _b64("[1, 2]")],
)
def test_a_cursor_not_issued_by_the_api_is_a_422(client: TestClient, cursor: str) -> None:
    assert_problem(client.get("/v1/screenings", params={"cursor": cursor}), 422, ["cursor"])


def test_tenants_never_see_each_others_screenings(client: TestClient) -> None:
    a_id = post(client, manifest(reference="A-ONLY")).json()["screening_id"]
    b_id = post(client, manifest(reference="B-ONLY"), **AS_B).json()["screening_id"]

    assert_problem(client.get(f"/v1/screenings/{a_id}", headers=AS_B), 404)
    assert_problem(client.get(f"/v1/screenings/{b_id}"), 404)
    assert listed_ids(client, headers=AS_B) == [b_id]
    assert listed_ids(client, headers=AS_B, reference="A-ONLY") == []
    assert listed_ids(client) == [a_id]


def test_unknown_screening_id_is_404(client: TestClient) -> None:
    assert_problem(client.get("/v1/screenings/scr_doesnotexist"), 404)


def test_idempotent_retry_returns_the_first_result_and_records_once(client: TestClient) -> None:
    body = realistic_manifest()
    first = post(client, body, **{"Idempotency-Key": "retry-1"})
    again = post(client, body, **{"Idempotency-Key": "retry-1"})

    assert again.json()["screening_id"] == first.json()["screening_id"]
    assert again.content == first.content
    assert again.headers["location"] == first.headers["location"]
    assert listed_ids(client) == [first.json()["screening_id"]]


def test_same_idempotency_key_with_another_body_is_a_409(client: TestClient) -> None:
    first = post(client, manifest(), **{"Idempotency-Key": "key-1"})

    changed = client.post(
        "/v1/screenings", json=manifest(reference="BL-OTHER"), headers={"Idempotency-Key": "key-1"}
    )

    assert_problem(changed, 409)
    assert listed_ids(client) == [first.json()["screening_id"]]


def test_idempotency_keys_belong_to_their_tenant(client: TestClient) -> None:
    a = post(client, manifest(), **{"Idempotency-Key": "shared-key"}).json()
    b = post(client, manifest(), **{"Idempotency-Key": "shared-key", **AS_B}).json()

    assert a["screening_id"] != b["screening_id"]
    assert listed_ids(client) == [a["screening_id"]]
    assert listed_ids(client, headers=AS_B) == [b["screening_id"]]


def test_concurrent_posts_with_one_key_record_one_screening(db_client: TestClient) -> None:
    threads = 8
    barrier = threading.Barrier(threads)
    body = realistic_manifest("SHP-RACE")

    def send(_: int) -> tuple[int, bytes]:
        barrier.wait()
        response = db_client.post("/v1/screenings", json=body, headers={"Idempotency-Key": "race-1"})
        return response.status_code, response.content

    with ThreadPoolExecutor(threads) as pool:
        answers = list(pool.map(send, range(threads)))

    assert {status for status, _ in answers} == {201}, answers
    assert len({content for _, content in answers}) == 1, "every caller gets the one recorded result"
    assert len(listed_ids(db_client)) == 1


def test_departure_date_defaults_to_today(client: TestClient) -> None:
    body = manifest()
    del body["departure_date"]
    before = dt.datetime.now(dt.UTC).date()
    post(client, body)
    after = dt.datetime.now(dt.UTC).date()

    item = client.get("/v1/screenings").json()["items"][0]
    assert item["departure_date"] in {before.isoformat(), after.isoformat()}


def test_line_id_defaults_to_the_line_position(client: TestClient) -> None:
    body = post(
        client, manifest(line("Ceramic plates"), line("Glass vases"), line("Bamboo chopsticks"))
    ).json()

    assert [line["line_id"] for line in body["lines"]] == ["1", "2", "3"]


def test_duplicate_line_ids_are_refused_naming_the_field(client: TestClient) -> None:
    body = manifest(line("Ceramic plates", line_id="7"), line("Glass vases", line_id="7"))

    problem = assert_problem(client.post("/v1/screenings", json=body), 422, ["lines", 1, "line_id"])

    assert "7" in problem["detail"]
    assert listed_ids(client) == []


def test_hs_code_absent_from_the_nomenclature_is_refused_naming_the_line(client: TestClient) -> None:
    body = manifest(
        line("Ceramic plates", line_id="P-1"), line("Glass vases", line_id="P-2", hs_code="9999.99")
    )

    problem = assert_problem(client.post("/v1/screenings", json=body), 422, ["lines", 1, "hs_code"])

    assert "P-2" in problem["detail"]
    assert listed_ids(client) == []


def test_one_tenants_history_never_flags_anothers_shipment(client: TestClient) -> None:
    def parcel(day: int) -> dict[str, Any]:
        return manifest(
            line("Men's quartz wrist watch, stainless steel", hs_code="9102.11", quantity=8, unit_value=6.0),
            reference=f"ANT-{day}",
            shipper={"id": "SHP-ANT", "name": "Small Parcels Co.", "country": "CN"},
            consignee={"id": "CNE-ANT", "country": "US"},
            destination_country="US",
            channel="express",
            departure_date=f"2025-05-{day:02d}",
        )

    for day in (1, 3, 5, 7, 9, 11):
        post(client, parcel(day))
    as_a = post(client, parcel(13)).json()
    as_b = post(client, parcel(13), **AS_B).json()

    pattern_codes = {"ANT_MOVING", "SPLIT_SHIPMENT"}
    assert pattern_codes & {f["code"] for f in as_a["flags"]}, as_a["flags"]
    assert not pattern_codes & {f["code"] for f in as_b["flags"]}, as_b["flags"]
    assert as_b["risk_score"] < as_a["risk_score"]
