"""Tenant isolation over every route of the OpenAPI document that takes an id or lists data.

Each /v1 operation is classified below: a tenant's own data (checked: another tenant's id answers
404, its listings never show the first tenant's items, and its writes never touch them) or data
every tenant shares by design (the recorded marks, the lists, the campaigns). A new route fails
this test until it is classified and checked.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import KEY_B
from tests.factories import manifest
from tests.helpers import assert_problem

AS_B = {"X-API-Key": KEY_B}
AUTHORIZATION = {
    "brand": "Rolex",
    "shipper_id": "SHP-ISO",
    "reference": "LIC-ISO-1",
    "valid_from": "2026-01-01",
    "valid_to": "2026-12-31",
}
SHARED = {
    ("get", "/v1/brands"),
    ("get", "/v1/brand-lists"),
    ("post", "/v1/brand-lists/reload"),
    ("get", "/v1/campaigns"),
    ("put", "/v1/campaigns/{campaign_id}"),
    ("delete", "/v1/campaigns/{campaign_id}"),
    ("get", "/v1/parties"),
    ("get", "/v1/party-lists"),
    ("post", "/v1/party-lists/reload"),
    ("post", "/v1/packing-lists/read"),  # reads the file sent, stores nothing
}
TENANT_OWN = {
    ("post", "/v1/screenings"),
    ("get", "/v1/screenings"),
    ("get", "/v1/screenings/{screening_id}"),
    ("post", "/v1/screenings/upload"),
    ("post", "/v1/authorizations"),
    ("get", "/v1/authorizations"),
    ("delete", "/v1/authorizations/{authorization_id}"),
    # Checked with a listed entry in tests/api/test_parties.py (another tenant lists none, 404s).
    ("post", "/v1/party-clearances"),
    ("get", "/v1/party-clearances"),
    ("delete", "/v1/party-clearances/{clearance_id}"),
    # Checked in tests/jobs: another tenant's job and webhooks answer 404, its listings show none.
    ("get", "/v1/jobs/{job_id}"),
    ("post", "/v1/webhooks"),
    ("get", "/v1/webhooks"),
    ("get", "/v1/webhooks/{webhook_id}"),
    ("delete", "/v1/webhooks/{webhook_id}"),
    ("get", "/v1/webhooks/{webhook_id}/deliveries"),
}


def test_every_v1_operation_is_classified(client: TestClient) -> None:
    paths: dict[str, dict[str, Any]] = client.get("/openapi.json").json()["paths"]
    operations = {
        (method, path) for path, item in paths.items() if path.startswith("/v1/") for method in item
    }
    assert operations == SHARED | TENANT_OWN, "classify the new routes here and check them below"


def test_another_tenant_never_reads_or_changes_a_tenants_data(client: TestClient) -> None:
    screening = client.post(
        "/v1/screenings", json=manifest(reference="ISO-A"), headers={"Idempotency-Key": "iso"}
    )
    assert screening.status_code == 201, screening.text
    screening_id = screening.json()["screening_id"]
    created = client.post("/v1/authorizations", json=AUTHORIZATION)
    assert created.status_code == 201, created.text
    authorization_id = created.json()["authorization_id"]

    assert_problem(client.get(f"/v1/screenings/{screening_id}", headers=AS_B), 404)
    assert client.get("/v1/screenings", headers=AS_B).json()["items"] == []
    assert client.get("/v1/screenings", params={"reference": "ISO-A"}, headers=AS_B).json()["items"] == []
    assert client.get("/v1/authorizations", headers=AS_B).json()["items"] == []
    assert_problem(client.delete(f"/v1/authorizations/{authorization_id}", headers=AS_B), 404)
    # The same Idempotency-Key from another tenant is another shipment, never A's result.
    replay = client.post(
        "/v1/screenings", json=manifest(reference="ISO-A"), headers={"Idempotency-Key": "iso", **AS_B}
    )
    assert replay.status_code == 201
    assert replay.json()["screening_id"] != screening_id
    assert "idempotent-replayed" not in replay.headers
    upload = client.post(
        "/v1/screenings/upload",
        files={"file": ("p.csv", b"description,quantity\nCeramic mugs,10\n", "text/csv")},
        data={
            "destination_country": "DE",
            "channel": "sea_freight",
            "reference": "ISO-B",
            "shipper": json.dumps({"id": "SHP-ISO-B", "name": "Tenant B Trading Co.", "country": "CN"}),
            "consignee": json.dumps({"id": "CNE-ISO-B", "name": "Tenant B Imports GmbH", "country": "DE"}),
        },
        headers=AS_B,
    )
    assert upload.status_code == 201, upload.text

    # A's data is whole and A sees none of B's.
    assert client.get(f"/v1/screenings/{screening_id}").content == screening.content
    assert [i["screening_id"] for i in client.get("/v1/screenings").json()["items"]] == [screening_id]
    assert [a["authorization_id"] for a in client.get("/v1/authorizations").json()["items"]] == [
        authorization_id
    ]
