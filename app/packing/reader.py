"""One entry point: bytes in, manifest lines (with their sheet rows) and warnings out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.packing.aliases import load_aliases
from app.packing.delimited import read_rows
from app.packing.limits import ReadLimits
from app.packing.lines import table_lines
from app.packing.sniff import Format, sniff
from app.packing.spreadsheet import read_sheet
from app.packing.text import decode


@dataclass(frozen=True)
class PackingList:
    lines: list[dict[str, Any]]  # line fields as the JSON manifest names them
    rows: list[int]  # the sheet row of each line, for errors the uploader can find
    warnings: list[dict[str, Any]]  # what was read and what was not: columns, skipped rows
    format: Format


def read_packing_list(
    data: bytes, limits: ReadLimits, sheet: str | None = None, declared: str = ""
) -> PackingList:
    """`declared`: the file name and content type as sent, a hint only where the bytes cannot tell."""
    kind = sniff(data, declared)
    if kind is Format.CSV:
        text, encoding = decode(data)
        table = read_rows(text, limits, f"CSV ({encoding})")
    else:
        table = read_sheet(data, kind, sheet, limits)
    result = table_lines(table, load_aliases(), limits)
    warnings = result.warnings
    if kind is Format.CSV and sheet:
        warnings.append({"code": "sheet_ignored", "message": "a CSV file has no sheets: 'sheet' was ignored"})
    return PackingList(result.lines, result.rows, warnings, kind)
