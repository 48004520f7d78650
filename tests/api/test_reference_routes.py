"""Brands, campaigns, authorizations and the reload of the brand lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest
from tests.helpers import assert_problem, assert_screening_shape, flags_of

AS_B = {"X-API-Key": KEY_B}
WATCH = "Men's quartz wrist watch, stainless steel"
ROLEX_LINE: dict[str, Any] = {
    "description": "Rolex Submariner Date 41mm watch",
    "hs_code": "9102.21",
    "quantity": 600,
}
QUIET_DAY = "2025-06-10"  # no shipped campaign is in force in 2025


def screen(client: TestClient, body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = client.post("/v1/screenings", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    assert_screening_shape(result)
    return result


# --- brands ---------------------------------------------------------------------------------


def test_brand_search_reads_a_disguised_spelling(client: TestClient) -> None:
    response = client.get("/v1/brands", params={"q": "R0LEX"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == "R0LEX"
    assert body["brand_list"]
    top = body["results"][0]
    assert top["brand"] == "Rolex"
    assert top["rights_holder"]
    assert top["why"].strip()
    assert 0 <= top["similarity"] <= 100
    assert "watches" in top["categories"]


def test_brand_search_of_a_plain_word_finds_no_mark(client: TestClient) -> None:
    response = client.get("/v1/brands", params={"q": "ceramic coffee mug"})

    assert response.status_code == 200, response.text
    assert "Rolex" not in [r["brand"] for r in response.json()["results"]]


@pytest.mark.parametrize("q", ["", "   ", "x" * 201])
def test_brand_search_needs_some_text(client: TestClient, q: str) -> None:
    assert_problem(client.get("/v1/brands", params={"q": q}), 422, ["q"])


def test_brand_lists_report_their_versions(client: TestClient) -> None:
    response = client.get("/v1/brand-lists")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"]
    assert body["lists"]
    assert all(len(item["content_hash"]) == 64 and item["brands"] > 0 for item in body["lists"])


# --- campaigns ------------------------------------------------------------------------------

NZ_WATCHES = {
    "name": "Test campaign: watches to New Zealand",
    "starts_on": "2025-06-01",
    "ends_on": "2025-06-30",
    "channels": [],
    "destinations": ["NZ"],
    "categories": ["watches"],
    "weight": 1.0,
}


def test_shipped_campaigns_are_listed_and_filtered_by_date(client: TestClient) -> None:
    everything = client.get("/v1/campaigns").json()
    in_2026 = client.get("/v1/campaigns", params={"active_on": "2026-11-30"}).json()
    in_2025 = client.get("/v1/campaigns", params={"active_on": QUIET_DAY}).json()

    ids = {c["id"] for c in everything["items"]}
    assert "longteng-2026" in ids
    assert {c["id"] for c in in_2026["items"]} <= ids
    assert "longteng-2026" in {c["id"] for c in in_2026["items"]}
    assert all(c["starts_on"] <= "2026-11-30" <= c["ends_on"] for c in in_2026["items"])
    assert in_2025["items"] == []
    assert all(c["origin"] == "shipped" for c in everything["items"])
    assert everything["version"]
    assert_problem(client.get("/v1/campaigns", params={"active_on": "someday"}), 422, ["active_on"])


def test_a_campaign_put_by_an_admin_is_effective_for_the_next_screening(client: TestClient) -> None:
    def watches(shipper: str, destination: str = "NZ", day: str = QUIET_DAY, **fields: Any) -> dict[str, Any]:
        return manifest(
            line(WATCH, hs_code="9102.11", **fields),
            shipper={"id": shipper},
            destination_country=destination,
            departure_date=day,
        )

    before = screen(client, watches("SHP-C0"))
    versions_before = client.get("/v1/campaigns").json()["version"]

    put = client.put("/v1/campaigns/test-nz", json=NZ_WATCHES)

    assert put.status_code == 200, put.text
    assert put.json()["origin"] == "operator"
    assert put.json()["destinations"] == ["NZ"]
    listed = client.get("/v1/campaigns", params={"active_on": "2025-06-15"}).json()
    assert [c["id"] for c in listed["items"]] == ["test-nz"]
    assert listed["version"] != versions_before

    inside = screen(client, watches("SHP-C1"))
    after_window = screen(client, watches("SHP-C2", day="2025-07-10"))
    elsewhere = screen(client, watches("SHP-C3", destination="AU"))
    other_goods = screen(
        client,
        manifest(
            line("Ceramic coffee mugs 350ml", hs_code="6912.00"),
            shipper={"id": "SHP-C4"},
            destination_country="NZ",
            departure_date=QUIET_DAY,
        ),
    )

    assert inside["versions"]["campaigns"] != before["versions"]["campaigns"]
    [flag] = flags_of(inside, "CAMPAIGN_DESTINATION")
    assert flag["evidence"]["campaign"] == "test-nz"
    assert flag["evidence"]["country"] == "NZ"
    assert "test-nz" in inside["campaigns"]
    for outside in (before, after_window, elsewhere):
        assert inside["risk_score"] > outside["risk_score"]
        assert flags_of(outside, "CAMPAIGN_DESTINATION") == []
        assert outside["campaigns"] == []
    assert flags_of(other_goods, "CAMPAIGN_DESTINATION") == []
    assert other_goods["campaigns"] == []


def test_a_campaign_put_replaces_a_shipped_one(client: TestClient) -> None:
    shipped = next(c for c in client.get("/v1/campaigns").json()["items"] if c["id"] == "longteng-2026")
    body = {k: shipped[k] for k in ("name", "starts_on", "ends_on", "channels", "destinations", "categories")}

    response = client.put("/v1/campaigns/longteng-2026", json=body | {"weight": 2.0})

    assert response.status_code == 200, response.text
    items = client.get("/v1/campaigns").json()["items"]
    replaced = [c for c in items if c["id"] == "longteng-2026"]
    assert len(replaced) == 1
    assert replaced[0]["weight"] == 2.0
    assert replaced[0]["origin"] == "operator"


@pytest.mark.parametrize(
    ("path", "change", "loc"),
    [
        ("test-nz", {"ends_on": "2025-05-01"}, ["body"]),
        ("test-nz", {"channels": ["carrier_pigeon"]}, ["channels"]),
        ("test-nz", {"destinations": ["atlantis"]}, ["destinations"]),
        ("test-nz", {"categories": ["spaceships"]}, ["categories"]),
        ("test-nz", {"weight": 0}, ["weight"]),
        ("test-nz", {"weight": 9}, ["weight"]),
        ("test-nz", {"name": ""}, ["name"]),
        ("test-nz", {"starts_on": "June"}, ["starts_on"]),
        ("Not An Id!", {}, ["campaign_id"]),
    ],
    ids=["dates", "channel", "destination", "category", "weight-0", "weight-9", "name", "date", "id"],
)
def test_bad_campaign_bodies_are_422(
    client: TestClient, path: str, change: dict[str, Any], loc: list[str]
) -> None:
    assert_problem(client.put(f"/v1/campaigns/{path}", json=NZ_WATCHES | change), 422, loc)
    assert "test-nz" not in {c["id"] for c in client.get("/v1/campaigns").json()["items"]}


# --- authorizations ---------------------------------------------------------------------------


def authorize(client: TestClient, **fields: Any) -> Any:
    body = {
        "brand": "Rolex",
        "shipper_id": "SHP-AUTH",
        "reference": "LIC-2025-001",
        "valid_from": "2025-01-01",
        "valid_to": "2025-12-31",
    } | fields
    return client.post("/v1/authorizations", json=body)


def rolex_line_result(
    client: TestClient, shipper: str, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    body = manifest(
        line(**ROLEX_LINE, unit_value=9000.0, packages=30), shipper={"id": shipper}, departure_date=QUIET_DAY
    )
    return screen(client, body, headers)


def test_an_authorization_covers_its_shipper_and_lowers_its_score(client: TestClient) -> None:
    created = authorize(client)
    assert created.status_code == 201, created.text
    assert created.json()["brand"] == "Rolex"
    assert created.json()["authorization_id"]

    covered = rolex_line_result(client, "SHP-AUTH")
    other = rolex_line_result(client, "SHP-NOT-AUTH")

    assert flags_of(covered, "BRAND_AUTHORIZED"), covered["flags"]
    assert flags_of(covered, "BRAND_AUTHORIZED")[0]["evidence"]
    assert flags_of(other, "BRAND_MATCH")
    assert flags_of(other, "BRAND_AUTHORIZED") == []
    assert covered["risk_score"] < other["risk_score"]


def test_another_tenant_is_not_covered_by_an_authorization(client: TestClient) -> None:
    assert authorize(client).status_code == 201

    as_b = rolex_line_result(client, "SHP-AUTH", AS_B)

    assert flags_of(as_b, "BRAND_AUTHORIZED") == []
    assert flags_of(as_b, "BRAND_MATCH")
    assert client.get("/v1/authorizations", headers=AS_B).json()["items"] == []
    auth_id = client.get("/v1/authorizations").json()["items"][0]["authorization_id"]
    assert_problem(client.delete(f"/v1/authorizations/{auth_id}", headers=AS_B), 404)


def test_revoked_and_expired_authorizations_change_nothing(client: TestClient) -> None:
    baseline = rolex_line_result(client, "SHP-BASE")
    auth_id = authorize(client).json()["authorization_id"]
    assert authorize(client, shipper_id="SHP-EXPIRED", valid_to="2025-05-31").status_code == 201

    revoke = client.delete(f"/v1/authorizations/{auth_id}")
    assert revoke.status_code == 204
    assert_problem(client.delete(f"/v1/authorizations/{auth_id}"), 404)

    revoked = rolex_line_result(client, "SHP-AUTH")
    expired = rolex_line_result(client, "SHP-EXPIRED")

    for result in (revoked, expired):
        assert flags_of(result, "BRAND_AUTHORIZED") == []
        assert result["risk_score"] == baseline["risk_score"]
    listed = client.get("/v1/authorizations").json()["items"]
    assert [a["shipper_id"] for a in listed] == ["SHP-EXPIRED"]
    with_revoked = client.get("/v1/authorizations", params={"include_revoked": True}).json()["items"]
    assert {a["authorization_id"]: a["revoked_at"] is not None for a in with_revoked}[auth_id]


def test_an_unknown_brand_is_refused_with_a_suggestion(client: TestClient) -> None:
    problem = assert_problem(authorize(client, brand="Rollex"), 422, ["brand"])

    assert "Rolex" in problem["detail"]


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"valid_to": "2024-01-01"}, ["body"]),
        ({"shipper_id": ""}, ["shipper_id"]),
        ({"reference": None}, ["reference"]),
        ({"valid_from": "soon"}, ["valid_from"]),
    ],
    ids=["dates", "shipper", "reference", "date"],
)
def test_bad_authorization_bodies_are_422(client: TestClient, change: dict[str, Any], loc: list[str]) -> None:
    assert_problem(authorize(client, **change), 422, loc)
    assert client.get("/v1/authorizations").json()["items"] == []


# --- reload of the brand lists ------------------------------------------------------------------

EXTRA_LIST = """\
list:
  id: operator-test-list
  version: "{version}"
brands:
{brands}
"""
BRAND = """\
  - name: {name}
    rights_holder: {name} Test Holdings GmbH
    home_country: DE
    categories: [watches]
    source: test fixture
"""


def write_list(path: Path, version: str, *names: str) -> None:
    brands = "".join(BRAND.format(name=name) for name in names)
    path.write_text(EXTRA_LIST.format(version=version, brands=brands), encoding="utf-8")


@pytest.fixture
def extra_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "operator-list.yaml"
    write_list(path, "1", "Zorvexa")
    monkeypatch.setenv("PRESCREEN_EXTRA_BRAND_LISTS", str(path))
    return path


@pytest.fixture
def operator_client(extra_list: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(f"sqlite:///{tmp_path / 'prescreen.db'}")
    assert settings.extra_brand_lists == [extra_list]
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        yield client


def brand_line(description: str, shipper: str) -> dict[str, Any]:
    return manifest(line(description, hs_code="9102.11"), shipper={"id": shipper}, departure_date=QUIET_DAY)


def test_a_broken_list_is_refused_and_the_old_lists_keep_serving(
    operator_client: TestClient, extra_list: Path
) -> None:
    first = screen(operator_client, brand_line("Zorvexa chronograph watch", "SHP-R1"))
    assert [f["evidence"]["brand"] for f in flags_of(first, "BRAND_MATCH")] == ["Zorvexa"]
    version = first["versions"]["brand_list"]

    extra_list.write_text("list: {id: operator-test-list, version: '2'}\nbrands:\n  - name: [unclosed\n")
    refused = operator_client.post("/v1/brand-lists/reload")

    problem = assert_problem(refused, 422, ["file", extra_list.name])
    assert extra_list.name in problem["detail"]
    still = screen(operator_client, brand_line("Zorvexa chronograph watch", "SHP-R2"))
    assert still["versions"]["brand_list"] == version
    assert flags_of(still, "BRAND_MATCH")
    assert operator_client.get("/readyz").status_code == 200

    write_list(extra_list, "2", "Zorvexa", "Quentaro")
    reloaded = operator_client.post("/v1/brand-lists/reload")

    assert reloaded.status_code == 200, reloaded.text
    assert reloaded.json()["brand_list"] != version
    after = screen(operator_client, brand_line("Quentaro wrist watch, steel case", "SHP-R3"))
    assert after["versions"]["brand_list"] == reloaded.json()["brand_list"]
    assert [f["evidence"]["brand"] for f in flags_of(after, "BRAND_MATCH")] == ["Quentaro"]
    metrics = operator_client.get("/metrics").text
    assert 'prescreen_list_reloads_total{outcome="refused"} 1.0' in metrics
    assert 'prescreen_list_reloads_total{outcome="ok"} 1.0' in metrics


def test_a_list_redefining_a_shipped_brand_is_refused(operator_client: TestClient, extra_list: Path) -> None:
    version = operator_client.get("/v1/brand-lists").json()["version"]
    write_list(extra_list, "3", "Zorvexa", "Rolex")

    problem = assert_problem(
        operator_client.post("/v1/brand-lists/reload"), 422, ["file", extra_list.name, "row 2"]
    )

    assert extra_list.name in problem["detail"]
    assert "Rolex" in problem["detail"]
    assert operator_client.get("/v1/brand-lists").json()["version"] == version
