"""Rows under the header as manifest lines: each with its sheet row, what was read and what was not.

Blank rows, notes below the table and totals rows ('Total', '合计') are skipped; several description
columns (English and Chinese names) are read together; a currency named by a header's unit or written
beside a price ('USD 3.50') fills the line's currency where no currency column gives one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from app.errors import InvalidInput
from app.packing.aliases import HeaderAliases
from app.packing.header import HEADER_SEARCH_ROWS, Header, find_header
from app.packing.limits import ReadLimits
from app.packing.numbers import column_uses_decimal_comma, split_number, to_number
from app.packing.table import Table

NUMBER_FIELDS = ("quantity", "unit_value", "packages")
# A row with none of these and no description is a note, not a line missing its description.
GOODS_FIELDS = ("hs_code", *NUMBER_FIELDS)
# Merged ranges filled in near the top, where headers are merged over their columns; bounded work.
MAX_MERGES = 500
_BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
_SHOWN_ROWS = 20
# Most cells: read at once, without the general number reading.
_PLAIN_INTEGER = re.compile(r"\s*\d{1,15}\s*")
_PLAIN_DECIMAL = re.compile(r"\s*\d{1,15}\.\d{1,15}\s*")
# Enough values to tell a column's decimal mark.
DECIMAL_SAMPLE = 2_000


@dataclass
class ReadResult:
    lines: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def table_lines(table: Table, aliases: HeaderAliases, limits: ReadLimits) -> ReadResult:
    rows = table.rows
    _fill_merged_headers(rows, table.merged)
    header = find_header(rows, aliases)
    columns = header.columns()
    result = ReadResult()
    result.warnings.extend(_column_warnings(header, columns, table))
    body = rows[header.index + 1 :]
    decimal_comma = {
        f: column_uses_decimal_comma(
            islice(_texts(body, columns.get(f, [])[:1]), DECIMAL_SAMPLE),
            table.decimal_comma,
        )
        for f in NUMBER_FIELDS
    }
    unit_currency = next((cell.currency for cell in header.cells if cell.currency), None)
    skipped: list[str] = []
    for offset, row in enumerate(body):
        number = table.row_number(header.index + 1 + offset)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        if _is_totals_row(row, columns, aliases):
            skipped.append(f"{number} (totals)")
            continue
        line = _line(row, columns, decimal_comma, aliases)
        if "description" not in line and not any(f in line for f in GOODS_FIELDS):
            skipped.append(str(number))  # a note or signature below the table: no goods on it
            continue
        line.setdefault("currency", line.pop("_currency", None) or unit_currency)
        line.pop("_currency", None)
        if line["currency"] is None:
            del line["currency"]
        if len(result.lines) == limits.max_lines:
            raise limits.too_many_lines(f"the packing list has more than {limits.max_lines:,} lines")
        result.lines.append(line)
        result.rows.append(number)
    if not result.lines:
        raise InvalidInput.at(["file"], "the packing list has a header but no lines")
    if skipped:
        shown = ", ".join(skipped[:_SHOWN_ROWS]) + (" ..." if len(skipped) > _SHOWN_ROWS else "")
        result.warnings.append(
            {
                "code": "rows_skipped",
                "message": f"{len(skipped)} rows below the header hold no goods and were skipped: {shown}",
            }
        )
    return result


def _texts(rows: Sequence[Sequence[object]], cols: Sequence[int]) -> Iterator[str]:
    for row in rows:
        for col in cols:
            if col < len(row) and isinstance(row[col], str):
                yield str(row[col])


def _fill_merged_headers(rows: list[list[object]], merged: Sequence[tuple[int, int, int, int]]) -> None:
    for r0, c0, r1, c1 in merged[:MAX_MERGES]:
        if r0 >= HEADER_SEARCH_ROWS or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, HEADER_SEARCH_ROWS, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                if rows[r][c] is None:
                    rows[r][c] = value


def _column_warnings(header: Header, columns: dict[str, list[int]], table: Table) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {
            "code": "header_row",
            "row": table.row_number(header.index),
            "message": f"read {table.source}; the header is row {table.row_number(header.index)}",
        }
    ]
    used = {c for f, cols in columns.items() for c in (cols if f == "description" else cols[:1])}
    for col, cell in enumerate(header.cells):
        letter = _letter(col)
        if cell.field and col in used:
            unit = f" (currency {cell.currency})" if cell.currency else ""
            out.append(
                {
                    "code": "column_read",
                    "column": cell.label,
                    "field": cell.field,
                    "message": f"column {letter} {cell.label!r} read as {cell.field}{unit}",
                }
            )
        elif cell.field:
            out.append(
                {
                    "code": "column_ignored",
                    "column": cell.label,
                    "field": cell.field,
                    "message": f"column {letter} {cell.label!r} ignored: an earlier column is {cell.field}",
                }
            )
        elif cell.label and any(col < len(r) and r[col] is not None for r in table.rows[header.index + 1 :]):
            out.append(
                {
                    "code": "column_ignored",
                    "column": cell.label,
                    "field": None,
                    "message": f"column {letter} {cell.label!r} ignored: not a line field "
                    "(docs/packing-lists.md lists the headers read)",
                }
            )
    return out


def _letter(col: int) -> str:
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def _is_totals_row(row: Sequence[object], columns: dict[str, list[int]], aliases: HeaderAliases) -> bool:
    firsts = [c for cols in columns.values() for c in cols] + [0]
    for col in sorted(set(firsts)):
        value = row[col] if col < len(row) else None
        if isinstance(value, str) and aliases.is_total(_BRACKETED.sub("", value)):
            return True
    return False


def _line(
    row: Sequence[object],
    columns: dict[str, list[int]],
    decimal_comma: dict[str, bool],
    aliases: HeaderAliases,
) -> dict[str, Any]:
    line: dict[str, Any] = {}
    for name, cols in columns.items():
        values = [row[c] for c in cols if c < len(row) and row[c] is not None]
        if not values:
            continue
        if name == "description":
            texts = list(dict.fromkeys(_text(v, name) for v in values))
            line[name] = " / ".join(t for t in texts if t) or None
        elif name in NUMBER_FIELDS:
            value, currency = _number(values[0], decimal_comma[name], aliases)
            line[name] = value
            if currency and name == "unit_value":
                line["_currency"] = currency
        else:
            line[name] = _text(values[0], name)
    return {k: v for k, v in line.items() if v is not None}


def _text(value: object, name: str) -> str | None:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        if name == "hs_code":  # a code typed as a number lost its trailing zero: 8518.3 is 8518.30
            whole, _, fraction = repr(value).partition(".")
            return f"{whole}.{fraction}{'0' * (len(fraction) % 2)}"
        return repr(value)
    text = str(value).strip()
    return text or None


def _number(value: object, decimal_comma: bool, aliases: HeaderAliases) -> tuple[object, str | None]:
    if isinstance(value, float) and value.is_integer():
        return int(value), None
    if not isinstance(value, str):
        return value, None
    if _PLAIN_INTEGER.fullmatch(value):
        return int(value), None
    if not decimal_comma and _PLAIN_DECIMAL.fullmatch(value):
        return float(value), None
    parts = split_number(value)
    if parts is None:
        return value.strip() or None, None
    digits, words = parts
    number = to_number(digits, decimal_comma)
    if number is None:
        return value.strip(), None
    currency = aliases.currency_of(words) if words else None
    return (int(number) if number.is_integer() else number), currency
