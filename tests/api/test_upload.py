"""POST /v1/screenings/upload: CSV and XLSX packing lists screen like the JSON manifest they carry."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from tests.conftest import KEY_B
from tests.helpers import assert_problem, assert_upload_shape

AS_B = {"X-API-Key": KEY_B}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["line_id", "description", "hs_code", "quantity", "unit_value", "currency", "brand", "packages"]
ROWS: list[list[Any]] = [
    [1, "Men's quartz wrist watch, stainless steel", "9102.11", 200, 3.5, "USD", None, 4],
    [2, "R0LEX Submariner automatic watch, AAA quality", "9102.21", 50, 18.0, "USD", None, 1],
    [3, "Woven logo labels for watch straps", "5807.10", 250, 0.02, "USD", None, 1],
    [4, "Ceramic coffee mugs 350ml, white", "6912.00", 1200, 0.8, "EUR", None, 24],
    [5, "Wireless earbuds, Bluetooth 5.3", "8518.30", 500, 4.2, "USD", "Sony", 10],
]
SHIPMENT = {
    "reference": "PL-2026-0042",
    "destination_country": "US",
    "channel": "air_freight",
    "departure_date": "2026-11-30",
}
SHIPPER = {"id": "SHP-UP-1", "name": "Dongguan Upload Co.", "country": "CN"}
CONSIGNEE = {"id": "CNE-UP-1", "name": "Upload Imports Inc.", "country": "US"}


def json_manifest() -> dict[str, Any]:
    lines = [
        {k: v for k, v in zip(HEADER, row, strict=True) if v is not None} | {"line_id": str(row[0])}
        for row in ROWS
    ]
    return SHIPMENT | {"shipper": SHIPPER, "consignee": CONSIGNEE, "lines": lines}


def csv_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    """A workbook as a spreadsheet user types it: numbers as numbers, a trailing blank row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append([None] * len(header))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def form(**extra: str) -> dict[str, str]:
    return {
        **SHIPMENT,
        "shipper": json.dumps(SHIPPER),
        "consignee": json.dumps(CONSIGNEE),
        **extra,
    }


def upload(
    client: TestClient,
    filename: str,
    data: bytes,
    content_type: str,
    fields: dict[str, str],
    headers: dict[str, str] | None = None,
) -> Any:
    return client.post(
        "/v1/screenings/upload",
        files={"file": (filename, data, content_type)},
        data=fields,
        headers=headers,
    )


def verdict(body: dict[str, Any]) -> dict[str, Any]:
    """What must be equal between two screenings of the same goods: scores, levels and flags."""
    return {
        "risk_score": body["risk_score"],
        "decision": body["decision"],
        "campaigns": body["campaigns"],
        "versions": body["versions"],
        "lines": [
            (line["line_id"], line["risk_score"], sorted((f["code"], f["points"]) for f in line["flags"]))
            for line in body["lines"]
        ],
        "manifest_flags": sorted((f["code"], f["points"]) for f in body["flags"] if f["line_id"] is None),
    }


@pytest.mark.parametrize(
    ("filename", "content_type", "build"),
    [
        pytest.param("packing-list.csv", "text/csv", csv_bytes, id="csv"),
        pytest.param("packing-list.xlsx", XLSX, xlsx_bytes, id="xlsx"),
        pytest.param("PACKING.XLSX", "application/octet-stream", xlsx_bytes, id="xlsx-by-extension"),
    ],
)
def test_packing_list_screens_like_the_json_manifest(
    client: TestClient, filename: str, content_type: str, build: Any
) -> None:
    # Tenant B screens the JSON so that neither screening enters the other's shipper history.
    expected = client.post("/v1/screenings", json=json_manifest(), headers=AS_B)
    assert expected.status_code == 201, expected.text

    response = upload(client, filename, build(ROWS), content_type, form())

    assert response.status_code == 201, response.text
    body = response.json()
    assert_upload_shape(body)
    assert response.headers["location"] == f"/v1/screenings/{body['screening_id']}"
    assert body["reference"] == SHIPMENT["reference"]
    assert verdict(body) == verdict(expected.json())
    assert client.get(f"/v1/screenings/{body['screening_id']}").content == response.content


def test_flat_party_fields_screen_like_json_party_fields(client: TestClient) -> None:
    flat = {
        **SHIPMENT,
        "shipper_id": SHIPPER["id"],
        "shipper_name": SHIPPER["name"],
        "shipper_country": SHIPPER["country"],
        "consignee_id": CONSIGNEE["id"],
        "consignee_name": CONSIGNEE["name"],
        "consignee_country": CONSIGNEE["country"],
    }
    as_json = upload(client, "a.csv", csv_bytes(ROWS), "text/csv", form(), headers=AS_B)
    as_flat = upload(client, "b.csv", csv_bytes(ROWS), "text/csv", flat)

    assert as_json.status_code == 201, as_json.text
    assert as_flat.status_code == 201, as_flat.text
    assert verdict(as_flat.json()) == verdict(as_json.json())


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        pytest.param({"shipper_country": "Atlantis"}, ["shipper", "country"], id="flat-country"),
        pytest.param(
            {"shipper": json.dumps({"id": "S", "country": "Atlantis"})}, ["shipper", "country"], id="json"
        ),
        pytest.param({"shipper": "{not json"}, ["shipper"], id="json-unparsable"),
        pytest.param({"channel": "carrier_pigeon"}, ["channel"], id="channel"),
        pytest.param({"departure_date": "next tuesday"}, ["departure_date"], id="date"),
    ],
)
def test_bad_shipment_fields_are_422_naming_the_field(
    client: TestClient, fields: dict[str, str], loc: list[str]
) -> None:
    base = {k: v for k, v in form().items() if k != "shipper"}
    response = upload(client, "p.csv", csv_bytes(ROWS), "text/csv", base | fields)

    assert_problem(response, 422, loc)
    assert client.get("/v1/screenings").json()["items"] == []


@pytest.mark.parametrize(
    ("filename", "content_type", "build"),
    [
        pytest.param("p.csv", "text/csv", csv_bytes, id="csv"),
        pytest.param("p.xlsx", XLSX, xlsx_bytes, id="xlsx"),
    ],
)
def test_a_bad_row_is_422_naming_its_row(
    client: TestClient, filename: str, content_type: str, build: Any
) -> None:
    rows = [list(row) for row in ROWS]
    rows[2][3] = "lots"  # the third line, row 4 of the file under its header

    response = upload(client, filename, build(rows), content_type, form())

    problem = assert_problem(response, 422, ["row 4", "quantity"])
    assert "row 4" in problem["detail"]
    assert client.get("/v1/screenings").json()["items"] == []


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        pytest.param(b"", ["file"], id="empty"),
        pytest.param(b"line_id,description\n", ["file"], id="header-only"),
        pytest.param(b"sku,title\n1,Ceramic mugs\n", ["file", "header"], id="no-description-column"),
        pytest.param(b"description\nCeramic\x00mugs\n", ["file"], id="nul-byte"),
    ],
)
def test_unreadable_csv_is_422(client: TestClient, data: bytes, loc: list[str]) -> None:
    assert_problem(upload(client, "p.csv", data, "text/csv", form()), 422, loc)
    assert client.get("/v1/screenings").json()["items"] == []


def test_a_file_that_is_not_a_workbook_is_422(client: TestClient) -> None:
    assert_problem(upload(client, "p.xlsx", b"PK\x03\x04 broken", XLSX, form()), 422, ["file"])


def test_an_unsupported_file_type_is_415(client: TestClient) -> None:
    response = upload(client, "p.pdf", b"%PDF-1.7", "application/pdf", form())

    assert_problem(response, 415)
    assert client.get("/v1/screenings").json()["items"] == []
