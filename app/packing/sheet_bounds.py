"""The extent of a sheet's cells, read from its XML as a stream before the spreadsheet reader loads it.

The reader (calamine) holds a sheet as one dense block from its first to its last cell, so a file of a
few KB with a cell at row 50,000,000 or a row of 5M cells would take gigabytes; here such a sheet is
refused as soon as the parser meets the first cell past the limits, in constant memory.
"""

from __future__ import annotations

import posixpath
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterable

from app.errors import InvalidInput, PayloadTooLarge
from app.packing.archive import read_member, stream_member
from app.packing.limits import ReadLimits

_COLUMN = re.compile(r"^([A-Za-z]{1,3})")
# Elements a sheet may hold in all (valued or not: styled blanks too), bounding the parse's time.
MAX_ELEMENTS_PER_CELL_LIMIT = 4


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
        self.max_elements = limits.max_rows * limits.max_columns * MAX_ELEMENTS_PER_CELL_LIMIT

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


def check_xlsx_sheet(archive: zipfile.ZipFile, part: str, limits: ReadLimits) -> None:
    extent = _Extent(limits)
    state = {"row": 0, "col": 0, "cell_row": 0, "cell_col": 0, "in_cell": False, "valued": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        extent.count()
        tag = _local(name)
        if tag == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = 0
        elif tag == "c":
            ref = attrs.get("r")
            state["col"] = _column(ref) if ref else state["col"] + 1
            digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") if ref else ""
            state["cell_row"] = int(digits) if digits.isdigit() else state["row"]
            state["in_cell"], state["valued"] = True, False
            if state["col"] > 16_384:  # past Excel's own grid: no real sheet has it
                raise _Stop(limits.too_wide(state["cell_row"]))
        elif state["in_cell"] and tag in ("v", "is", "f"):
            state["valued"] = True

    def end(name: str) -> None:
        if _local(name) == "c" and state["in_cell"]:
            state["in_cell"] = False
            if state["valued"]:
                extent.valued(int(state["cell_row"]), int(state["col"]))

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _parse(stream_member(archive, part), parser)


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
