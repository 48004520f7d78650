"""Party screening over HTTP: PARTY_LISTED, party clearances, GET /v1/parties, the party lists."""

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
QUIET_DAY = "2025-06-10"  # no shipped campaign is in force in 2025
USCC = "91440300MA5F00001A"
OPERATOR_LIST = """list: {{id: ops-watch, version: '{version}'}}
parties:
  - name: Shenzhen Moumou Trading Co., Ltd.
    chinese_name: 深圳市某某贸易有限公司
    country: CN
    identifiers: {{uscc: {uscc}}}
    list: customs-ipr-penalties
    reason: administrative penalty for exporting infringing goods
    source: operator's review of the published penalty decision
    listed_on: 2024-01-01
"""


def screen(client: TestClient, body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = client.post("/v1/screenings", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    assert_screening_shape(result)
    return result


def shipped_by(name: str, party_id: str = "SHP-P1", **party: Any) -> dict[str, Any]:
    return manifest(
        line(), shipper={"id": party_id, "name": name, "country": "CN", **party}, departure_date=QUIET_DAY
    )


@pytest.fixture(scope="module")
def shared_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file for the tests that only read it: apps over the same files share their loaded data."""
    path = tmp_path_factory.mktemp("party-lists") / "ops-watch.yaml"
    path.write_text(OPERATOR_LIST.format(version="1", uscc=USCC), encoding="utf-8")
    return path


@pytest.fixture
def operator_list(tmp_path: Path) -> Path:
    path = tmp_path / "ops-watch.yaml"
    path.write_text(OPERATOR_LIST.format(version="1", uscc=USCC), encoding="utf-8")
    return path


@pytest.fixture
def party_client(shared_list: Path, database_url: str) -> Iterator[TestClient]:
    settings = make_settings(database_url, extra_party_lists=[shared_list])
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        yield client


def test_a_listed_shipper_written_in_english_is_flagged_with_its_evidence(party_client: TestClient) -> None:
    body = screen(party_client, shipped_by("MOUMOU TRADING (SHENZHEN) COMPANY LIMITED"))
    (flag,) = flags_of(body, "PARTY_LISTED")
    evidence = flag["evidence"]
    assert flag["line_id"] is None
    assert evidence["party_role"] == "shipper"
    assert evidence["list"] == "customs-ipr-penalties"
    assert evidence["entry"] == "Shenzhen Moumou Trading Co., Ltd."
    assert evidence["matched_by"] == "name"
    assert evidence["score"] >= 88
    assert evidence["parts"]["distinctive"]["similarity"] == 100
    assert flag["points"] == 50
    assert flag["recommendation"]
    assert body["risk_score"] >= 50
    assert body["versions"]["party_lists"].startswith("us-csl-sample@")
    assert "ops-watch@1" in body["versions"]["party_lists"]


def test_a_consignee_with_the_listed_identifier_is_flagged_whatever_its_name(
    party_client: TestClient,
) -> None:
    consignee = {"id": "CNE-9", "name": "Unrelated Name GmbH", "country": "DE"}
    consignee["identifiers"] = [{"scheme": "uscc", "value": USCC.lower()}]  # type: ignore[assignment]
    body = screen(party_client, manifest(line(), consignee=consignee, departure_date=QUIET_DAY))
    (flag,) = flags_of(body, "PARTY_LISTED")
    assert flag["evidence"]["party_role"] == "consignee"
    assert flag["evidence"]["matched_by"] == "identifier"
    assert flag["evidence"]["identifiers"] == [{"scheme": "uscc", "value": USCC}]
    assert flag["points"] == 80
    assert body["decision"] == "hold"


def test_a_different_company_of_the_same_city_and_trade_is_not_flagged(party_client: TestClient) -> None:
    body = screen(party_client, shipped_by("Shenzhen Xinda Trading Co., Ltd."))
    assert flags_of(body, "PARTY_LISTED") == []


def test_the_threshold_is_a_setting(shared_list: Path, sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, extra_party_lists=[shared_list], parties={"threshold": 70})
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        body = screen(client, shipped_by("Shenzhen Moumoo Trading Co., Ltd."))
    assert flags_of(body, "PARTY_LISTED")


def test_a_clearance_stops_the_match_recurring_until_it_is_revoked(party_client: TestClient) -> None:
    listed = flags_of(screen(party_client, shipped_by("Shenzhen Moumou Trading Co Ltd")), "PARTY_LISTED")[0]
    cleared = party_client.post(
        "/v1/party-clearances",
        json={
            "list": listed["evidence"]["list"],
            "entry_id": listed["evidence"]["entry_id"],
            "party_id": "SHP-P1",
            "reason": "Another company: different USCC and address, checked against the register",
            "reviewed_by": "compliance@forwarder.example",
        },
    )
    assert cleared.status_code == 201, cleared.text
    clearance = cleared.json()

    again = screen(party_client, shipped_by("Shenzhen Moumou Trading Co Ltd"))
    assert flags_of(again, "PARTY_LISTED") == []
    (note,) = flags_of(again, "PARTY_CLEARED")
    assert note["points"] == 0
    assert note["evidence"]["clearance_id"] == clearance["clearance_id"]
    assert "compliance@forwarder.example" in note["reason"]
    # Another party id is not covered, nor is another tenant.
    assert flags_of(
        screen(party_client, shipped_by("Shenzhen Moumou Trading Co Ltd", "SHP-P2")), "PARTY_LISTED"
    )
    other = screen(party_client, shipped_by("Shenzhen Moumou Trading Co Ltd"), headers=AS_B)
    assert flags_of(other, "PARTY_LISTED")
    assert party_client.get("/v1/party-clearances", headers=AS_B).json()["items"] == []
    assert (
        party_client.delete(f"/v1/party-clearances/{clearance['clearance_id']}", headers=AS_B).status_code
        == 404
    )

    assert party_client.delete(f"/v1/party-clearances/{clearance['clearance_id']}").status_code == 204
    assert flags_of(screen(party_client, shipped_by("Shenzhen Moumou Trading Co Ltd")), "PARTY_LISTED")
    kept = party_client.get("/v1/party-clearances", params={"include_revoked": "true"}).json()["items"]
    assert [c["clearance_id"] for c in kept] == [clearance["clearance_id"]]
    assert kept[0]["revoked_at"] is not None
    assert kept[0]["reviewed_by"] == "compliance@forwarder.example"


def test_a_clearance_by_name_covers_the_party_written_the_same_way(party_client: TestClient) -> None:
    name = "Shenzhen  Moumou Trading Co Ltd"
    created = party_client.post(
        "/v1/party-clearances",
        json={
            "list": "customs-ipr-penalties",
            "entry_id": "n-" + "x" * 12,
            "party_name": name,
            "reason": "test",
            "reviewed_by": "a",
        },
    )
    assert_problem(created, 422, ["body", "entry_id"])
    entry_id = flags_of(screen(party_client, shipped_by(name)), "PARTY_LISTED")[0]["evidence"]["entry_id"]
    created = party_client.post(
        "/v1/party-clearances",
        json={
            "list": "customs-ipr-penalties",
            "entry_id": entry_id,
            "party_name": name,
            "reason": "reviewed: another company",
            "reviewed_by": "a",
        },
    )
    assert created.status_code == 201, created.text
    body = screen(party_client, shipped_by("shenzhen moumou trading co ltd", "SHP-OTHER"))
    assert flags_of(body, "PARTY_LISTED") == []


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"party_id": None, "party_name": None}, ["body"]),
        ({"reason": ""}, ["body", "reason"]),
        ({"reviewed_by": None}, ["body", "reviewed_by"]),
        ({"list": None}, ["body", "list"]),
    ],
)
def test_bad_clearance_bodies_are_422(client: TestClient, change: dict[str, Any], loc: list[str]) -> None:
    body = {"list": "us-bis-entity-list", "entry_id": "acteam-logistics-ltd", "party_id": "S1"}
    body |= {"reason": "another company", "reviewed_by": "a"}
    body |= change
    assert_problem(
        client.post("/v1/party-clearances", json={k: v for k, v in body.items() if v is not None}), 422, loc
    )


@pytest.mark.parametrize(
    ("identifier", "words"),
    [
        ({"scheme": "uscc", "value": "91440300MA5F00001B"}, "Unified Social Credit Code"),
        ({"scheme": "passport", "value": "X"}, "uscc"),
        ({"scheme": "eori", "value": "12345"}, "EORI"),
    ],
)
def test_a_bad_party_identifier_is_422_naming_it(
    client: TestClient, identifier: dict[str, str], words: str
) -> None:
    response = client.post("/v1/screenings", json=shipped_by("A Co", identifiers=[identifier]))
    problem = assert_problem(response, 422, ["body", "shipper", "identifiers", 0])
    assert words in problem["detail"]


def test_party_search_finds_a_shipped_entry_in_other_words(client: TestClient) -> None:
    response = client.get("/v1/parties", params={"q": "Gazprom Transgaz Volgograd LLC"})
    assert response.status_code == 200, response.text
    body = response.json()
    top = body["results"][0]
    assert top["entry"]["entry_id"] == "gazprom-transgaz-volgograd-ooo"
    assert top["entry"]["list"] == "us-ofac-ssi"
    assert {"scheme": "registration", "value": "1023403849182"} in top["entry"]["identifiers"]
    assert top["score"] == 100
    assert body["party_lists"].startswith("us-csl-sample@")
    assert client.get("/v1/parties", params={"q": "Ceramic Mug Makers"}).json()["results"] == []
    assert_problem(client.get("/v1/parties", params={"q": "  "}), 422, ["query", "q"])


def test_party_lists_report_their_formats_versions_and_hashes(client: TestClient) -> None:
    body = client.get("/v1/party-lists").json()
    (shipped,) = body["lists"]
    assert shipped["id"] == "us-csl-sample"
    assert shipped["format"] == "yaml"
    assert shipped["entries"] == 15
    assert len(shipped["content_hash"]) == 64
    assert body["version"].startswith("us-csl-sample@2026")


def test_a_broken_party_list_is_refused_and_the_old_lists_keep_serving(
    operator_list: Path, sqlite_url: str
) -> None:
    with TestClient(
        create_app(make_settings(sqlite_url, extra_party_lists=[operator_list])), headers={"X-API-Key": KEY_A}
    ) as party_client:
        reload_and_check(party_client, operator_list)


def reload_and_check(party_client: TestClient, operator_list: Path) -> None:
    version = screen(party_client, shipped_by("Moumou Trading Co"))["versions"]["party_lists"]
    operator_list.write_text(OPERATOR_LIST.format(version="2", uscc="12345"), encoding="utf-8")

    refused = party_client.post("/v1/party-lists/reload")

    problem = assert_problem(refused, 422, ["file", operator_list.name, "row 1"])
    assert "Unified Social Credit Code" in problem["detail"]
    still = screen(party_client, shipped_by("Moumou Trading Co"))
    assert still["versions"]["party_lists"] == version
    assert flags_of(still, "PARTY_LISTED")

    operator_list.write_text(OPERATOR_LIST.format(version="2", uscc=USCC), encoding="utf-8")
    reloaded = party_client.post("/v1/party-lists/reload")
    assert reloaded.status_code == 200, reloaded.text
    assert "ops-watch@2" in reloaded.json()["party_lists"]
    assert screen(party_client, shipped_by("Moumou Trading Co"))["versions"]["party_lists"] != version


def test_only_an_admin_reloads_the_party_lists(client: TestClient) -> None:
    assert_problem(client.post("/v1/party-lists/reload", headers=AS_B), 403)
