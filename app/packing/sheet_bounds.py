"""The extent of a sheet's cells, read from its XML as a stream before the spreadsheet reader opens it.

The reader (calamine) holds a sheet as one dense block from its first to its last cell, so a file of a
few KB with a cell at row 50,000,000 or a row of 5M cells would take gigabytes; here such a sheet is
refused as soon as the parser meets the first cell past the limits, in constant memory.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterable

from app.errors import InvalidInput, PayloadTooLarge
from app.packing.archive import read_member, stream_member
from app.packing.limits import ReadLimits

_COLUMN = re.compile(r"^([A-Za-z]{1,3})")
# XML elements an ODS table may hold per row allowed (a cell and its paragraph for a few dozen
# columns), bounding the parse's time whatever the elements are.
ELEMENTS_PER_ROW = 100


class _Stop(Exception):
    """Raised inside an expat handler to abandon the parse with a refusal."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _column(ref: str) -> int:
    match = _COLUMN.match(ref)
    number = 0
    for letter in match.group(1).upper() if match else "":
        number = number * 26 + ord(letter) - 64
    return number


class _Extent:
    """Tracks the last valued row and column, refusing past the limits."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.elements = 0
        self.max_elements = limits.max_rows * ELEMENTS_PER_ROW

    def count(self) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise _Stop(PayloadTooLarge("the sheet holds more cells than a packing list of this size can"))

    def valued(self, row: int, column: int) -> None:
        if row > self.limits.max_rows:
            raise _Stop(self.limits.too_many_lines(f"the sheet has a cell at row {row:,}"))
        if column > self.limits.max_columns:
            raise _Stop(self.limits.too_wide(row))


def _parse(chunks: Iterable[bytes], parser: xml.parsers.expat.XMLParserType) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop as stop:
        raise stop.error from None
    except xml.parsers.expat.ExpatError as exc:
        raise InvalidInput.at(["file"], f"the workbook's sheet XML is damaged ({exc})") from exc


# One <row>...</row> (or an empty <row .../>) of a worksheet, with its attributes and cells.
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_ROW_START = re.compile(rb"<(?:\w+:)?row\b")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
# A cell holding something (not self-closing), with its reference; and any cell at all.
_VALUED_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]{1,3})\d*"[^>]*(?<!/)>')
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>]")
# Bytes a row may take before its end tag: a few KB a cell of a packing list at most.
ROW_BYTES_PER_COLUMN = 4096


def check_xlsx_sheet(archive: zipfile.ZipFile, part: str, limits: ReadLimits) -> None:
    """Scans the sheet row by row (regular expressions in C over the inflated stream, not a parse)."""
    buffer = b""
    row = 0
    max_row_bytes = limits.max_columns * ROW_BYTES_PER_COLUMN
    for chunk in stream_member(archive, part):
        buffer += chunk
        end = 0
        for match in _ROW.finditer(buffer):
            end = match.end()
            number = _ROW_NUMBER.search(match.group(1))
            row = int(number.group(1)) if number else row + 1
            _check_row(row, match.group(2) or b"", limits)
        buffer = buffer[end:]
        open_row = _ROW_START.search(buffer)
        if open_row is None:
            buffer = buffer[-64:]  # no row begun: keep only what may be a tag cut in two
        else:
            buffer = buffer[open_row.start() :]
            if len(buffer) > max_row_bytes:
                raise limits.too_wide(row + 1)
    if _ROW.search(buffer):
        raise InvalidInput.at(["file"], "the workbook's sheet XML is damaged (a row never ends)")


def _check_row(row: int, cells: bytes, limits: ReadLimits) -> None:
    if not _VALUE.search(cells):
        return  # styled blanks: the reader keeps no cell for them
    if row > limits.max_rows:
        raise limits.too_many_lines(f"the sheet has a cell at row {row:,}")
    refs = _VALUED_CELL_REF.findall(cells)
    width = max(map(_column, (r.decode() for r in refs)), default=0)
    if len(refs) < len(_VALUE.findall(cells)):  # cells without a reference take the next column each
        width = max(width, len(_CELL.findall(cells)))
    if width > limits.max_columns:
        raise limits.too_wide(row)


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, in workbook order."""
    rels: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def rel(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship" and "Id" in attrs:
            target = attrs.get("Target", "")
            rels[attrs["Id"]] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), rid))

    for part, handler in (("xl/_rels/workbook.xml.rels", rel), ("xl/workbook.xml", sheet)):
        parser = xml.parsers.expat.ParserCreate()
        parser.StartElementHandler = handler
        try:
            _parse([read_member(archive, part)], parser)
        except KeyError as exc:
            raise InvalidInput.at(["file"], f"the workbook has no {part}: is it a real XLSX file?") from exc
    return [(name, rels.get(rid, "")) for name, rid in sheets]


_ODS_TABLE = re.compile(rb'<table:table\b[^>]*?\btable:name="([^"]*)"')


def ods_table_names(archive: zipfile.ZipFile) -> list[str]:
    """The sheet names of content.xml, in order (a scan of the stream, not a parse)."""
    names: list[str] = []
    tail = b""
    for chunk in stream_member(archive, "content.xml"):
        buffer = tail + chunk
        end = 0
        for match in _ODS_TABLE.finditer(buffer):
            names.append(html.unescape(match.group(1).decode("utf-8", "replace")))
            end = match.end()
        tail = buffer[max(end, len(buffer) - 4096) :]
    return names


def check_ods_table(archive: zipfile.ZipFile, index: int, limits: ReadLimits) -> None:
    """Bounds table number `index` of content.xml, whose rows and cells repeat by attribute."""
    extent = _Extent(limits)
    state = {
        "table": -1,
        "row": 0,
        "col": 0,
        "repeat_rows": 1,
        "repeat_cols": 1,
        "row_valued": False,
        "cell_valued": False,
        "max_col": 0,
    }

    def start(name: str, attrs: dict[str, str]) -> None:
        extent.count()
        tag = _local(name)
        if tag == "table":
            state["table"] += 1
            state["row"] = 0
        if state["table"] != index:
            return
        if tag == "table-row":
            state["repeat_rows"] = _repeat(attrs, "number-rows-repeated")
            state["col"], state["max_col"], state["row_valued"] = 0, 0, False
        elif tag in ("table-cell", "covered-table-cell"):
            state["repeat_cols"] = _repeat(attrs, "number-columns-repeated")
            state["cell_valued"] = any(_local(k) == "value-type" for k in attrs)
        elif tag == "p":
            state["cell_valued"] = True

    def end(name: str) -> None:
        if state["table"] != index:
            return
        tag = _local(name)
        if tag in ("table-cell", "covered-table-cell"):
            state["col"] += state["repeat_cols"]
            if state["cell_valued"]:
                state["max_col"], state["row_valued"] = state["col"], True
                if state["col"] > limits.max_columns:
                    raise _Stop(limits.too_wide(state["row"] + 1))
            state["cell_valued"] = False
        elif tag == "table-row":
            state["row"] += state["repeat_rows"]
            if state["row_valued"]:
                extent.valued(state["row"], state["max_col"])

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _parse(stream_member(archive, "content.xml"), parser)


def _repeat(attrs: dict[str, str], name: str) -> int:
    value = next((v for k, v in attrs.items() if _local(k) == name), "1")
    return int(value) if value.isdigit() else 1
