"""Packing lists as forwarders have them, through POST /v1/screenings/upload."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, assert_upload_shape
from tests.packing.builders import csv_bytes, xlsx_bytes

SHIPMENT = {
    "destination_country": "US",
    "channel": "air_freight",
    "departure_date": "2026-11-30",
    "shipper": json.dumps({"id": "SHP-CN-1", "name": "Yiwu Example Co.", "country": "CN"}),
    "consignee": json.dumps({"id": "CNE-US-1", "name": "Example Imports", "country": "US"}),
}
# What Chinese Excel writes: GB18030, Chinese headers, the price's currency in its header.
CHINESE_ROWS = [
    ["序号", "品名", "商品编码", "数量", "单价(美元)", "备注"],
    [1, "劳力士 手表 Submariner", "9102.21", 50, "18.00", "样品"],
    [2, "陶瓷咖啡杯 350ml", "6912.00", 1200, "0.80", ""],
]


def upload(client: TestClient, name: str, data: bytes, **fields: str) -> Any:
    return client.post(
        "/v1/screenings/upload", files={"file": (name, data, "text/csv")}, data=SHIPMENT | fields
    )


def test_gb18030_chinese_headers_read_every_column(client: TestClient) -> None:
    response = upload(client, "装箱单.csv", csv_bytes(CHINESE_ROWS, encoding="gb18030"))

    assert response.status_code == 201, response.text
    body = response.json()
    warnings = assert_upload_shape(body)
    read = {w["column"]: w["field"] for w in warnings if w["code"] == "column_read"}
    assert read == {
        "序号": "line_id",
        "品名": "description",
        "商品编码": "hs_code",
        "数量": "quantity",
        "单价(美元)": "unit_value",
    }
    assert [w["column"] for w in warnings if w["code"] == "column_ignored"] == ["备注"]
    codes = {f["code"] for f in body["lines"][0]["flags"]}
    assert {"BRAND_MATCH", "PRICE_ANOMALY"} <= codes  # the price was read, so the anomaly shows
    assert body["decision"] == "hold"
    assert client.get(f"/v1/screenings/{body['screening_id']}").content == response.content


def test_an_xlsx_named_csv_is_read_as_a_workbook(client: TestClient) -> None:
    data = xlsx_bytes([["Packing list"], ["Description", "Qty"], ["Ceramic mugs", 40]])

    response = upload(client, "packing-list.csv", data)

    assert response.status_code == 201, response.text
    assert any("XLSX sheet" in w["message"] for w in response.json()["warnings"])


def test_a_bad_value_names_its_row_even_below_a_title_block(client: TestClient) -> None:
    rows = [["PACKING LIST"], [], ["Description", "Qty (pcs)"], ["Ceramic mugs", 40], ["Tea cups", "lots"]]

    problem = assert_problem(upload(client, "p.csv", csv_bytes(rows)), 422, ["file", "row 5", "quantity"])

    assert "row 5" in problem["detail"]
    assert client.get("/v1/screenings").json()["items"] == []


def test_the_upload_needs_the_same_shipment_fields_as_the_json_route(client: TestClient) -> None:
    fields = {k: v for k, v in SHIPMENT.items() if k != "consignee"}
    response = client.post(
        "/v1/screenings/upload", files={"file": ("p.csv", b"description\nmugs\n", "text/csv")}, data=fields
    )

    assert_problem(response, 422, ["consignee"])


def test_too_many_lines_is_413_with_nothing_stored(client: TestClient) -> None:
    data = b"description\n" + b"Ceramic mugs\n" * 10_001

    problem = assert_problem(upload(client, "p.csv", data), 413)

    assert "10,000" in problem["detail"]
    assert client.get("/v1/screenings").json()["items"] == []


def test_a_zip_bomb_is_413_with_nothing_stored(client: TestClient) -> None:
    from tests.packing.builders import inline, xlsx_raw

    bomb = b"<x>" + b" " * (140 * 1024 * 1024) + b"</x>"
    data = xlsx_raw(f'<row r="1">{inline("A1", "description")}</row>', extra={"xl/sharedStrings.xml": bomb})

    assert_problem(upload(client, "p.xlsx", data), 413)
    assert client.get("/v1/screenings").json()["items"] == []
