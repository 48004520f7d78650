"""XLSX and ODS sheets through python-calamine, once their extent has been checked (sheet_bounds)."""

from __future__ import annotations

import datetime as dt
import io

from python_calamine import CalamineError, CalamineWorkbook

from app.errors import InvalidInput
from app.packing.archive import open_workbook_zip
from app.packing.limits import ReadLimits
from app.packing.sheet_bounds import check_ods_table, check_xlsx_sheet, ods_table_names, xlsx_sheet_parts
from app.packing.sniff import Format
from app.packing.table import Table


def read_sheet(data: bytes, kind: Format, sheet: str | None, limits: ReadLimits) -> Table:
    # Bounds first, from the XML itself: calamine reads ODS content and XLSX shared strings as soon as
    # it opens a workbook, and holds a sheet as one dense block.
    archive = open_workbook_zip(data, limits)
    if kind is Format.XLSX:
        parts = xlsx_sheet_parts(archive)
        index = _sheet_index([name for name, _ in parts], sheet)
        if not parts[index][1]:
            raise InvalidInput.at(["file"], "the workbook does not say where its sheets are")
        check_xlsx_sheet(archive, parts[index][1], limits)
    else:
        index = _sheet_index(ods_table_names(archive), sheet)
        check_ods_table(archive, index, limits)
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            loaded = workbook.get_sheet_by_index(index)
            rows = [[_value(v) for v in row] for row in loaded.to_python(skip_empty_area=False)]
            merged = loaded.merged_cell_ranges or []
    except CalamineError as exc:
        raise InvalidInput.at(["file"], f"the {kind} workbook cannot be read: {exc}") from exc
    return Table(
        rows=rows,
        first_row=1,
        source=f"{kind} sheet {loaded.name!r}",
        merged=[(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged],
    )


def _sheet_index(names: list[str], wanted: str | None) -> int:
    if not names:
        raise InvalidInput.at(["file"], "the workbook has no sheets")
    if wanted is None or not wanted.strip():
        return 0
    wanted = wanted.strip()
    folded = [n.strip().casefold() for n in names]
    if wanted.casefold() in folded:
        return folded.index(wanted.casefold())
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    raise InvalidInput.at(
        ["form", "sheet"],
        f"the workbook has no sheet {wanted!r}; its sheets: {', '.join(map(repr, names))} "
        "(or give the sheet's 1-based position)",
    )


def _value(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
