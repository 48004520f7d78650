"""POST /v1/packing-lists/read: a packing list read into the lines a screening takes, nothing stored."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_upload import ROWS, XLSX, csv_bytes, form, json_manifest, upload, verdict, xlsx_bytes
from tests.conftest import KEY_B
from tests.helpers import assert_problem
from tests.packing.builders import csv_bytes as encoded_csv_bytes

CHINESE_HEADER = ["序号", "品名", "商品编码", "数量", "单价", "备注"]


def read(client: TestClient, filename: str, data: bytes, content_type: str, **fields: str) -> Any:
    return client.post("/v1/packing-lists/read", files={"file": (filename, data, content_type)}, data=fields)


def test_a_gb18030_list_reads_its_chinese_headers_rows_and_ignored_columns(client: TestClient) -> None:
    rows: list[list[Any]] = [
        [1, "劳力士 R0LEX Submariner 手表", "9102.21", 50, "18.00", "样品"],
        [2, "陶瓷杯", "6912.00", 1200, "0.80", ""],
    ]
    data = encoded_csv_bytes([CHINESE_HEADER, *rows], encoding="gb18030")

    response = read(client, "装箱单.csv", data, "text/csv")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "CSV"
    assert [line["description"] for line in body["lines"]] == [rows[0][1], rows[1][1]]
    assert body["lines"][0]["hs_code"] == "910221"  # as the JSON route normalises it
    assert body["lines"][0]["quantity"] == 50
    assert body["lines"][0]["unit_value"] == 18.0
    assert body["rows"] == [2, 3]
    ignored = [w for w in body["warnings"] if w["code"] == "column_ignored"]
    assert [w["column"] for w in ignored] == ["备注"]
    assert client.get("/v1/screenings").json()["items"] == []  # reading stores nothing


def test_the_lines_read_screen_as_the_upload_of_the_same_file(client: TestClient) -> None:
    for filename, content_type, build in (("p.csv", "text/csv", csv_bytes), ("p.xlsx", XLSX, xlsx_bytes)):
        lines = read(client, filename, build(ROWS), content_type).json()["lines"]
        manifest = {k: v for k, v in json_manifest().items() if k != "lines"} | {"lines": lines}
        screened = client.post("/v1/screenings", json=manifest, headers={"X-API-Key": KEY_B})
        uploaded = upload(client, filename, build(ROWS), content_type, form())

        assert screened.status_code == 201, screened.text
        assert verdict(screened.json()) == verdict(uploaded.json())


def test_a_sheet_the_workbook_lacks_is_422_naming_its_sheets(client: TestClient) -> None:
    problem = assert_problem(read(client, "p.xlsx", xlsx_bytes(ROWS), XLSX, sheet="Missing"), 422, ["sheet"])

    assert "'Sheet'" in problem["detail"]


def test_a_bad_row_is_422_naming_its_row(client: TestClient) -> None:
    rows = [list(row) for row in ROWS]
    rows[1][3] = "many"

    problem = assert_problem(read(client, "p.csv", csv_bytes(rows), "text/csv"), 422, ["row 3", "quantity"])

    assert "row 3" in problem["detail"]


def test_unsupported_and_unkeyed_files_are_refused(client: TestClient) -> None:
    assert_problem(read(client, "p.pdf", b"%PDF-1.7", "application/pdf"), 415)
    unkeyed = client.post(
        "/v1/packing-lists/read",
        files={"file": ("p.csv", csv_bytes(ROWS), "text/csv")},
        headers={"X-API-Key": ""},
    )
    assert_problem(unkeyed, 401)
