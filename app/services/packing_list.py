"""Reads a CSV or XLSX packing list into line dicts: one row a line, header names as the line fields."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl import load_workbook

from app.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

CSV_TYPES = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINE_FIELDS = ("line_id", "description", "hs_code", "quantity", "unit_value", "currency", "brand", "packages")
# Spreadsheet cells typed as numbers (line 1, HS code 691200) that the line model reads as text.
TEXT_FIELDS = frozenset({"line_id", "description", "hs_code", "currency", "brand"})


def kind_of(filename: str | None, content_type: str | None) -> str:
    name = (filename or "").lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if name.endswith(".csv") or (ctype in CSV_TYPES and not name.endswith(".xlsx")):
        return "csv"
    if name.endswith(".xlsx") or ctype == XLSX_TYPE:
        return "xlsx"
    raise UnsupportedMediaType(
        f"'{filename or 'the file'}' ({ctype or 'no content type'}) is not a packing list this API reads: "
        "send a .csv (UTF-8) or .xlsx file"
    )


def read_lines(data: bytes, kind: str, max_lines: int) -> list[dict[str, Any]]:
    rows = _csv_rows(data) if kind == "csv" else _xlsx_rows(data)
    header = next(rows, None)
    if header is None:
        raise InvalidInput.at(["file"], "the file is empty: the first row must name the line fields")
    names = [str(h or "").strip().lower() for h in header]
    if "description" not in names:
        raise InvalidInput.at(
            ["file", "header"], f"no 'description' column; the header may name: {', '.join(LINE_FIELDS)}"
        )
    lines: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=2):
        values = {n: _cell(v, n in TEXT_FIELDS) for n, v in zip(names, row, strict=False) if n in LINE_FIELDS}
        if all(v is None for v in values.values()):
            continue  # blank rows are common at the end of spreadsheets
        if len(lines) == max_lines:
            raise PayloadTooLarge(f"the packing list has more than {max_lines:,} lines: split it")
        values["_row"] = number
        lines.append(values)
    if not lines:
        raise InvalidInput.at(["file"], "the packing list has a header but no lines")
    return lines


def _cell(value: object, as_text: bool) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if as_text and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _csv_rows(data: bytes) -> Iterator[Sequence[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.at(["file"], f"the CSV is not UTF-8 (byte {exc.start}): save it as UTF-8") from exc
    if "\x00" in text:
        raise InvalidInput.at(["file"], "the CSV contains NUL bytes: is it really a text file?")
    try:
        yield from csv.reader(io.StringIO(text))
    except csv.Error as exc:
        raise InvalidInput.at(["file"], f"the CSV cannot be read: {exc}") from exc


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput.at(["file"], "the file is not a readable XLSX workbook") from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()
