"""Every packing-list format through POST /v1/screenings/upload: the answer, the time, the peak memory.

Builds one small file of each kind (and the hostile ones: a cell at row 50,000,000, a row of 5M cells, a
zip bomb, a million-row CSV), uploads each to an app on a temporary SQLite database, and prints a Markdown
table. Run from the repository:

    .venv/bin/python bench/packing_formats.py
"""

from __future__ import annotations

import io
import json
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from live_server import KEY, SHIPMENT, live_server  # noqa: E402

from tests.packing.builders import csv_bytes, inline, ods_bytes, ods_raw, xlsx_bytes, xlsx_raw  # noqa: E402

CN = [
    ["序号", "品名", "商品编码", "数量", "单价(美元)", "备注"],
    [1, "劳力士 手表 Submariner", "9102.21", 50, "18.00", "样品"],
    [2, "陶瓷咖啡杯 350ml", "6912.00", "1,200", "0.80", ""],
]
EN = [
    ["Item No.", "Goods Description", "H.S. Code", "Qty (pcs)", "Unit Price (USD)", "CTNS"],
    [1, "R0LEX Submariner automatic watch", "9102.21", 50, 18, 1],
    [2, "Ceramic coffee mugs 350ml, white", "6912.00", 1200, 0.8, 24],
]
TITLED = [
    ["PACKING LIST"],
    ["Shipper: Dongguan Example Co."],
    [],
    ["No.", "Goods", None, "Price", None],
    [None, "Description", "H.S. Code", "Unit Price (USD)", "Amount"],
    [1, "R0LEX watch", 9102.21, "18.00", 900],
    [2, "Ceramic mugs", "6912.00", "0.80", 960],
    [None, None, None, None, None],
    ["TOTAL:", None, None, None, 1860],
]


def semicolon_bom() -> bytes:
    return (
        "\ufeffBeschreibung;Menge;Stückpreis\nR0LEX Armbanduhr;50;18,00\nKeramikbecher;1.200;0,80\n".encode()
    )


def xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


def wide_row() -> bytes:
    return xlsx_raw('<row r="1">' + "<c><v>1</v></c>" * 5_000_000 + "</row>")


def zip_bomb() -> bytes:
    out = io.BytesIO()
    base = xlsx_raw(f'<row r="1">{inline("A1", "description")}</row>')
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (1024 * 1024 * 1024) + b"</sst>")
    return out.getvalue()


def ods_repeat() -> bytes:
    return ods_raw(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>description</text:p>'
        '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="5000000">'
        '<table:table-cell office:value-type="string"><text:p>mug</text:p></table:table-cell>'
        "</table:table-row>"
    )


CASES: list[tuple[str, Callable[[], bytes], dict[str, str]]] = [
    ("CSV UTF-8, comma, English ERP headers", lambda: csv_bytes(EN), {}),
    ("CSV UTF-8 with BOM, semicolon, decimal commas", semicolon_bom, {}),
    ("CSV UTF-16, tab", lambda: csv_bytes(EN, delimiter="\t", encoding="utf-16"), {}),
    ("CSV GB18030, Chinese headers", lambda: csv_bytes(CN, encoding="gb18030"), {}),
    ("CSV GBK, Chinese headers", lambda: csv_bytes(CN, encoding="gbk"), {}),
    (
        "CSV Big5, traditional headers",
        lambda: csv_bytes([["品名", "數量", "單價"], ["勞力士手錶", 50, 18]], encoding="big5"),
        {},
    ),
    (
        "CSV Shift-JIS, Japanese headers",
        lambda: csv_bytes([["品名", "数量", "単価"], ["ロレックス 腕時計", 50, 18]], encoding="shift_jis"),
        {},
    ),
    (
        "CSV Windows-1252",
        lambda: csv_bytes([["Désignation", "Quantité"], ["Montre R0LEX café", 50]], encoding="cp1252"),
        {},
    ),
    ("CSV pipe-separated", lambda: csv_bytes(EN, delimiter="|"), {}),
    ("CSV quoted fields with line breaks", lambda: b'description,qty\n"R0LEX watch\nstainless",50\n', {}),
    (
        "XLSX title block, merged two-row header, totals",
        lambda: xlsx_bytes(TITLED, merges=["B4:C4", "D4:E4"]),
        {},
    ),
    (
        "XLSX named sheet (sheet=Packing List)",
        lambda: xlsx_bytes(EN, title="Packing List", sheets=["Cover"]),
        {"sheet": "Packing List"},
    ),
    (
        "XLSX numbers stored as text",
        lambda: xlsx_bytes([["Description", "Qty", "Price"], ["R0LEX watch", "50", "18.00"]]),
        {},
    ),
    ("XLSX saved with a .csv name", lambda: xlsx_bytes(EN), {"_name": "list.csv"}),
    ("ODS", lambda: ods_bytes(EN), {}),
    ("XLS (Excel 97-2003)", xls, {}),
    ("PDF", lambda: b"%PDF-1.7\n...", {}),
    ("no description column", lambda: b"sku,title\n1,mugs\n", {}),
    ("a bad quantity in row 3", lambda: b"description,qty\nmugs,12\ncups,lots\n", {}),
    ("CSV of 10,001 lines", lambda: b"description\n" + b"Ceramic mugs\n" * 10_001, {}),
    ("CSV of 1,000,000 rows", lambda: b"description\n" + b"mug\n" * 1_000_000, {}),
    (
        "XLSX with a cell at row 50,000,000",
        lambda: xlsx_raw(
            f'<row r="1">{inline("A1", "description")}</row>'
            f'<row r="50000000">{inline("A50000000", "x")}</row>'
        ),
        {},
    ),
    ("XLSX with one 5,000,000-cell row", wide_row, {}),
    ("XLSX zip bomb (1 GiB shared strings)", zip_bomb, {}),
    ("ODS row repeated 5,000,000 times", ods_repeat, {}),
]


def main() -> None:
    with live_server() as server, httpx.Client(base_url=server.url, timeout=300) as client:
        print("| file | size | answer | time | server peak RSS | detail |")
        print("|---|---|---|---|---|---|")
        for name, build, extra in CASES:
            data = build()
            filename = extra.pop("_name", "upload.bin")
            started = time.perf_counter()
            response = client.post(
                "/v1/screenings/upload",
                headers={"X-API-Key": KEY},
                files={"file": (filename, data)},
                data=SHIPMENT | extra,
            )
            elapsed = time.perf_counter() - started
            print(
                f"| {name} | {len(data):,} B | {response.status_code} {_answer(response.json())} | "
                f"{elapsed * 1000:.0f} ms | {server.peak_rss_mb():.0f} MB | {_detail(response.json())} |"
            )


def _answer(body: dict[str, object]) -> str:
    if "decision" in body:
        return f"{body['decision']}, {len(body['lines'])} lines"  # type: ignore[arg-type]
    return str(body.get("title", ""))


def _detail(body: dict[str, object]) -> str:
    if "warnings" in body:
        warnings = body["warnings"]  # type: ignore[assignment]
        read = [w["field"] for w in warnings if w["code"] == "column_read"]  # type: ignore[index,union-attr]
        head = warnings[0]["message"].split(";")[0]  # type: ignore[index]
        return f"{head}; read {', '.join(read)}".replace("|", "\\|")
    return json.dumps(body.get("detail", ""), ensure_ascii=False)[1:-1][:140].replace("|", "\\|")


if __name__ == "__main__":
    main()
