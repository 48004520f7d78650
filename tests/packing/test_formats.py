"""Packing lists as forwarders have them read to the same lines, whatever the encoding, dialect or layout."""

from __future__ import annotations

from typing import Any

import pytest

from app.errors import InvalidInput, UnsupportedMediaType
from app.packing import ReadLimits, read_packing_list
from tests.packing.builders import csv_bytes, ods_bytes, xlsx_bytes

LIMITS = ReadLimits(max_lines=10_000)
EXPECTED = [
    {"description": "劳力士 手表 R0LEX watch", "hs_code": "9102.11", "quantity": 1200, "unit_value": 3.5},
    {"description": "陶瓷杯 Ceramic mugs", "hs_code": "6912.00", "quantity": 40, "unit_value": 0.8},
]
CHINESE = [
    ["品名", "商品编码", "数量", "单价"],
    *[
        [e["description"], e["hs_code"], "1,200" if e["quantity"] == 1200 else e["quantity"], e["unit_value"]]
        for e in EXPECTED
    ],
]


def lines(data: bytes, **kw: Any) -> list[dict[str, Any]]:
    return read_packing_list(data, LIMITS, **kw).lines


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_chinese_headers_in_every_encoding_chinese_excel_writes(encoding: str) -> None:
    assert lines(csv_bytes(CHINESE, encoding=encoding)) == EXPECTED


@pytest.mark.parametrize(
    ("encoding", "rows"),
    [
        pytest.param("big5", [["品名", "數量"], ["勞力士手錶 不鏽鋼", 12], ["陶瓷杯子 白色", 40]], id="big5"),
        pytest.param(
            "shift_jis",
            [["品名", "数量"], ["腕時計 ステンレス", 12], ["セラミックマグカップ", 40]],
            id="shift-jis",
        ),
        pytest.param(
            "cp1252",
            [["Description", "Qty"], ["Café crème mugs, faïence", 12], ["Boîte à bijoux", 40]],
            id="windows-1252",
        ),
    ],
)
def test_other_encodings_are_detected(encoding: str, rows: list[list[Any]]) -> None:
    assert lines(csv_bytes(rows, encoding=encoding)) == [
        {"description": r[0], "quantity": r[1]} for r in rows[1:]
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_every_common_delimiter_is_sniffed(delimiter: str) -> None:
    rows = [
        ["Description", "HS Code", "Qty"],
        ["Ceramic mugs, white", "6912.00", 40],
        ["Tea cups", "6912.00", 8],
    ]

    assert lines(csv_bytes(rows, delimiter=delimiter)) == [
        {"description": "Ceramic mugs, white", "hs_code": "6912.00", "quantity": 40},
        {"description": "Tea cups", "hs_code": "6912.00", "quantity": 8},
    ]


def test_semicolon_csv_with_a_bom_and_decimal_commas() -> None:
    """Excel in a European locale: semicolons, decimal commas, thousands points, a BOM."""
    data = "\ufeffBeschreibung;Menge;Stückpreis\nKeramikbecher;1.200;0,80\nTeetassen;12;3\n".encode()

    assert lines(data) == [
        {"description": "Keramikbecher", "quantity": 1200, "unit_value": 0.8},
        {"description": "Teetassen", "quantity": 12, "unit_value": 3},
    ]


@pytest.mark.parametrize(
    ("prices", "expected"),
    [
        pytest.param(["1,250.50", "3.5"], [1250.5, 3.5], id="point-decimal-comma-thousands"),
        pytest.param(["1.250,50", "3,5"], [1250.5, 3.5], id="comma-decimal-point-thousands"),
        pytest.param(["1 250,50", "USD 3,50"], [1250.5, 3.5], id="space-thousands-currency"),
        pytest.param(["$1,250", "€3.5"], [1250, 3.5], id="currency-symbols"),
    ],
)
def test_number_conventions_are_read_per_column(prices: list[str], expected: list[float]) -> None:
    rows = [["description", "unit price"], *[[f"goods {i}", p] for i, p in enumerate(prices)]]

    assert [line["unit_value"] for line in lines(csv_bytes(rows))] == expected


def test_quoted_fields_with_line_breaks() -> None:
    data = b'description,qty\n"Ceramic mugs\nwhite, 350 ml",40\n"Tea ""cups""",8\n'

    assert lines(data) == [
        {"description": "Ceramic mugs\nwhite, 350 ml", "quantity": 40},
        {"description": 'Tea "cups"', "quantity": 8},
    ]


def test_xlsx_with_a_title_block_merged_headers_and_totals() -> None:
    rows = [
        ["PACKING LIST", None, None, None, None],
        ["Shipper: Dongguan Example Co.", None, None, None, None],
        [None, None, None, None, None],
        ["No.", "Goods", None, "Price", None],  # merged over two columns each
        [None, "Description", "H.S. Code", "Unit Price (USD)", "Amount"],
        [1, "R0LEX watch", 9102.11, "3.50", 175],
        [2, "Ceramic mugs", "6912.00", 0.8, 32],
        [None, None, None, None, None],
        ["TOTAL:", None, None, None, 207],
        ["Signature: ____", None, None, None, None],
    ]
    result = read_packing_list(xlsx_bytes(rows, merges=["B4:C4", "D4:E4"]), LIMITS)

    assert result.lines == [
        {
            "line_id": "1",
            "description": "R0LEX watch",
            "hs_code": "9102.11",
            "unit_value": 3.5,
            "currency": "USD",
        },
        {
            "line_id": "2",
            "description": "Ceramic mugs",
            "hs_code": "6912.00",
            "unit_value": 0.8,
            "currency": "USD",
        },
    ]
    assert result.rows == [6, 7]
    codes = {w["code"]: w for w in result.warnings}
    assert codes["header_row"]["row"] == 5
    assert "9 (totals)" in codes["rows_skipped"]["message"]
    ignored = [w["column"] for w in result.warnings if w["code"] == "column_ignored"]
    assert ignored == ["Price / Amount"]


def test_a_named_sheet_is_read_and_an_unknown_one_is_422() -> None:
    data = xlsx_bytes([["notes only"]], title="Cover", sheets=["Packing List"])
    book = xlsx_bytes([["description"], ["Ceramic mugs"]], title="Packing List", sheets=["Cover"])

    assert lines(book, sheet="packing list") == [{"description": "Ceramic mugs"}]
    with pytest.raises(InvalidInput, match="no sheet 'Invoice'") as caught:
        lines(data, sheet="Invoice")
    assert caught.value.errors == [{"loc": ["form", "sheet"], "msg": caught.value.errors[0]["msg"]}]


def test_ods_reads_like_xlsx() -> None:
    rows = [
        ["Packing list 2026-11"],
        [],
        ["品名 Description", "数量 Qty", "币种"],
        ["Ceramic mugs", 40, "EUR"],
    ]

    assert lines(ods_bytes(rows)) == [{"description": "Ceramic mugs", "quantity": 40, "currency": "EUR"}]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Goods Description", "description"),
        ("DESCRIPTION OF GOODS", "description"),
        ("品名\nDescription", "description"),
        ("H.S. Code", "hs_code"),
        ("HS编码", "hs_code"),
        ("商品编码", "hs_code"),
        ("HTS No.", "hs_code"),
        ("Qty (pcs)", "quantity"),
        ("数量（PCS）", "quantity"),
        ("QTY PCS", "quantity"),
        ("數量", "quantity"),
        ("Unit Price (USD)", "unit_value"),
        ("单价/美元", "unit_value"),
        ("單價", "unit_value"),
        ("币种", "currency"),
        ("Currency", "currency"),
        ("品牌", "brand"),
        ("Brand Name", "brand"),
        ("件数", "packages"),
        ("箱数", "packages"),
        ("CTNS", "packages"),
        ("No. of Packages", "packages"),
        ("S/N", "line_id"),
        ("序号", "line_id"),
    ],
)
def test_header_aliases_tolerate_case_space_punctuation_and_language(header: str, field: str) -> None:
    other = "Remarks" if field != "description" else "Remarks 2"
    head = [header, other] if field == "description" else ["description", header, other]
    value = "USD" if field == "currency" else "8" if field != "description" else "Ceramic mugs"
    row = [value, "x"] if field == "description" else ["Ceramic mugs", value, "x"]
    result = read_packing_list(csv_bytes([head, row]), LIMITS)

    assert field in result.lines[0], result.warnings
    read = [w["field"] for w in result.warnings if w["code"] == "column_read"]
    assert read.count(field) == 1
    assert [w["column"] for w in result.warnings if w["code"] == "column_ignored"] == [other]


def test_a_unit_in_the_header_fills_the_currency_and_a_currency_column_wins() -> None:
    head = ["description", "Unit Price (EUR)"]
    assert lines(csv_bytes([head, ["mugs", "0.8"]])) == [
        {"description": "mugs", "unit_value": 0.8, "currency": "EUR"}
    ]
    with_column = lines(csv_bytes([[*head, "currency"], ["mugs", "0.8", "CNY"]]))
    assert with_column == [{"description": "mugs", "unit_value": 0.8, "currency": "CNY"}]


def test_english_and_chinese_descriptions_are_read_together() -> None:
    assert lines(csv_bytes([["英文品名", "中文品名"], ["Wrist watch", "劳力士手表"]])) == [
        {"description": "Wrist watch / 劳力士手表"}
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b"%PDF-1.7 ...", UnsupportedMediaType, id="pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n", UnsupportedMediaType, id="png"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedMediaType, id="xls"),
        pytest.param(b"sku,title\n1,Ceramic mugs\n", InvalidInput, id="no-description"),
    ],
)
def test_unusable_files_name_the_problem(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        lines(data)
