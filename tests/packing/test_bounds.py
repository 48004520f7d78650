"""Hostile workbooks and text files are refused quickly, before the spreadsheet reader loads them.

Each file here is a few KB that would unpack, or be held by the reader, as gigabytes.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from app.errors import InvalidInput, PayloadTooLarge
from app.packing import ReadLimits, read_packing_list
from tests.packing.builders import inline, ods_bytes, ods_raw, xlsx_raw

LIMITS = ReadLimits(max_lines=1_000)
HEADER = '<row r="1">' + inline("A1", "description") + "</row>"
LINE = '<row r="2">' + inline("A2", "Ceramic mugs") + "</row>"


@pytest.mark.parametrize(
    "sheet_data",
    [
        pytest.param(
            HEADER + LINE + '<row r="50000000">' + inline("A50000000", "x") + "</row>", id="row-50M"
        ),
        pytest.param(HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', id="last-cell"),
        pytest.param(
            '<row r="1">' + '<c t="inlineStr"><is><t>d</t></is></c>' * 300_000 + "</row>", id="wide-row"
        ),
        pytest.param(
            HEADER + "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(2, 2_200)),
            id="too-many-rows",
        ),
    ],
)
def test_a_sheet_past_the_limits_is_refused_413(sheet_data: str) -> None:
    data = xlsx_raw(sheet_data)
    assert len(data) < 600_000

    with pytest.raises(PayloadTooLarge):
        read_packing_list(data, LIMITS)


def test_styled_blank_cells_far_down_do_not_count() -> None:
    """Formatting a whole column writes empty styled cells to the last row; they hold no value."""
    data = xlsx_raw(HEADER + LINE + '<row r="1048576"><c r="B1048576" s="1"/></row>')

    assert read_packing_list(data, LIMITS).lines == [{"description": "Ceramic mugs"}]


def test_a_zip_bomb_is_refused_before_it_is_parsed() -> None:
    bomb = b"<x>" + b" " * (40 * 1024 * 1024) + b"</x>"
    data = xlsx_raw(HEADER + LINE, extra={"xl/sharedStrings.xml": bomb})
    assert len(data) < 100_000

    with pytest.raises(PayloadTooLarge, match="unpacks to more than"):
        read_packing_list(data, ReadLimits(max_lines=1_000, max_unpacked_bytes=32 * 1024 * 1024))


def test_a_member_that_lies_about_its_size_is_refused() -> None:
    honest = xlsx_raw(HEADER + LINE, extra={"xl/styles.xml": b"<styleSheet/>" + b" " * 5_000})
    archive = zipfile.ZipFile(io.BytesIO(honest))
    info = archive.getinfo("xl/styles.xml")
    # Declare a smaller size than the member inflates to: the reader stops at it and fails the CRC.
    assert honest.count(info.file_size.to_bytes(4, "little")) == 2  # local header and central directory
    forged = honest.replace(info.file_size.to_bytes(4, "little"), (100).to_bytes(4, "little"))

    with pytest.raises((InvalidInput, PayloadTooLarge)):
        read_packing_list(forged, LIMITS)


def test_ods_repeated_blank_rows_are_no_rows() -> None:
    """LibreOffice ends every sheet with a million repeated blank rows."""
    tail = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    data = ods_bytes([["Description", "Qty"], ["Ceramic mugs", 12]], tail=tail)

    assert read_packing_list(data, LIMITS).lines == [{"description": "Ceramic mugs", "quantity": 12}]


@pytest.mark.parametrize(
    "table_xml",
    [
        pytest.param(
            '<table:table-row><table:table-cell office:value-type="string"><text:p>description</text:p>'
            '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="5000000">'
            '<table:table-cell office:value-type="string"><text:p>mug</text:p></table:table-cell>'
            "</table:table-row>",
            id="repeated-rows",
        ),
        pytest.param(
            '<table:table-row><table:table-cell office:value-type="string" '
            'table:number-columns-repeated="5000000"><text:p>description</text:p></table:table-cell>'
            "</table:table-row>",
            id="repeated-cells",
        ),
    ],
)
def test_ods_repeats_past_the_limits_are_refused_413(table_xml: str) -> None:
    with pytest.raises(PayloadTooLarge):
        read_packing_list(ods_raw(table_xml), LIMITS)


def test_a_csv_of_a_million_rows_is_refused_at_the_limit() -> None:
    data = b"description\n" + b"mug\n" * 1_000_000

    with pytest.raises(PayloadTooLarge, match="at most 1,000 lines"):
        read_packing_list(data, LIMITS)


def test_a_csv_row_of_a_million_columns_is_refused() -> None:
    with pytest.raises(PayloadTooLarge, match="columns"):
        read_packing_list(b"description" + b",x" * 1_000_000 + b"\n", LIMITS)


def test_exactly_the_line_limit_is_read_and_one_more_is_413() -> None:
    limits = ReadLimits(max_lines=50)
    rows = "".join(f"Ceramic mug {i}\n" for i in range(50))

    assert len(read_packing_list(("description\n" + rows).encode(), limits).lines) == 50
    with pytest.raises(PayloadTooLarge, match="more than 50 lines"):
        read_packing_list(("description\n" + rows + "one more\n").encode(), limits)
