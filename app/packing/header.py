"""Finds the header row of a table and reads each header cell as a line field (and maybe a currency).

Packing lists put title blocks, addresses and blank rows above the table, headers in two languages in
one cell ("品名\\nDescription"), units in brackets ("Unit Price (USD)") and two-row headers under merged
cells; the row that names the most line fields, a description among them, is the header.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import InvalidInput
from app.packing.aliases import LINE_FIELDS, HeaderAliases, header_key

# How far down a sheet the header may start (title blocks, addresses, shipment details).
HEADER_SEARCH_ROWS = 40
_BRACKETED = re.compile(r"[(\[{<]([^)\]}>]*)[)\]}>]")
# Where a bilingual header splits: line breaks, slashes, and the seam between CJK and Latin text.
_SEAM = re.compile(
    r"\s*[\n\r/|]+\s*|(?<=[\u3000-\u9fff\uff00-\uffef])\s*(?=[A-Za-z])|(?<=[A-Za-z.)])\s*(?=[\u3000-\u9fff])"
)


@dataclass(frozen=True)
class HeaderCell:
    label: str  # the header as written
    field: str | None
    currency: str | None = None  # a currency named by the header's unit


@dataclass(frozen=True)
class Header:
    index: int  # position of the (last) header row among the table's rows
    cells: tuple[HeaderCell, ...]

    def columns(self) -> dict[str, list[int]]:
        """Each field read, with its columns in order."""
        out: dict[str, list[int]] = {}
        for col, cell in enumerate(self.cells):
            if cell.field:
                out.setdefault(cell.field, []).append(col)
        return out


def read_header_cell(value: object, aliases: HeaderAliases) -> HeaderCell:
    label = "" if value is None else " ".join(str(value).split())
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()
    if not text:
        return HeaderCell(label, None)
    units = [u.strip() for u in _BRACKETED.findall(text) if u.strip()]
    bare = _BRACKETED.sub(" ", text).strip()
    field, unit = _field(bare, aliases)
    if unit:
        units.append(unit)
    currency = next((c for c in map(aliases.currency_of, units) if c), None)
    return HeaderCell(label, field, currency)


def _field(text: str, aliases: HeaderAliases) -> tuple[str | None, str | None]:
    whole = _with_unit(header_key(text), aliases)
    if whole[0]:
        return whole
    # A bilingual or "field/unit" header: the parts that name a field must agree on one.
    found: set[str] = set()
    unit = None
    for part in filter(None, _SEAM.split(text)):
        field, part_unit = _with_unit(header_key(part), aliases)
        if field:
            found.add(field)
            unit = unit or part_unit
        elif aliases.currency_of(part):
            unit = part
    return (found.pop(), unit) if len(found) == 1 else (None, None)


def _with_unit(key: str, aliases: HeaderAliases) -> tuple[str | None, str | None]:
    if not key:
        return None, None
    field = aliases.field_of(key)
    if field:
        return field, None
    for suffix in aliases.unit_suffixes:  # "unitpriceusd", "qtypcs"
        if key.endswith(suffix) and len(key) > len(suffix):
            field = aliases.field_of(key[: -len(suffix)])
            if field:
                return field, suffix
    return None, None


def find_header(rows: Sequence[Sequence[object]], aliases: HeaderAliases) -> Header:
    best: tuple[int, int, tuple[HeaderCell, ...]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = tuple(read_header_cell(v, aliases) for v in row)
        fields = {c.field for c in cells if c.field}
        if "description" in fields and (best is None or len(fields) > best[1]):
            best = (index, len(fields), cells)
    if best is None:
        raise _no_description(rows, aliases)
    index, _, cells = best
    return _with_sub_header(rows, index, cells, aliases)


def _with_sub_header(
    rows: Sequence[Sequence[object]], index: int, cells: tuple[HeaderCell, ...], aliases: HeaderAliases
) -> Header:
    """A second header row under merged cells ('Price' over 'Unit Price | Amount') refines the first.

    It is one only when it holds no numbers and names a field the row above leaves unnamed.
    """
    if index + 1 >= len(rows):
        return Header(index, cells)
    below = rows[index + 1]
    if any(isinstance(v, int | float) for v in below):
        return Header(index, cells)
    sub = [read_header_cell(v, aliases) for v in below]
    named = {c.field for c in cells if c.field}
    if not any(s.field and s.field not in named for s in sub):
        return Header(index, cells)
    width = max(len(cells), len(sub))
    merged = []
    for col in range(width):
        upper = cells[col] if col < len(cells) else HeaderCell("", None)
        lower = sub[col] if col < len(sub) else HeaderCell("", None)
        if lower.label:  # the row below is the more specific name, whether or not it is a field
            label = f"{upper.label} / {lower.label}" if upper.label else lower.label
            merged.append(HeaderCell(label, lower.field, lower.currency or upper.currency))
        else:
            merged.append(upper)
    return Header(index + 1, tuple(merged))


def _no_description(rows: Sequence[Sequence[object]], aliases: HeaderAliases) -> InvalidInput:
    seen = next((r for r in rows[:HEADER_SEARCH_ROWS] if any(v not in (None, "") for v in r)), None)
    if seen is None:
        return InvalidInput.at(["file"], "the file is empty: the first row must name the line fields")
    found = ", ".join(repr(" ".join(str(v).split())) for v in seen if v not in (None, ""))[:300]
    return InvalidInput.at(
        ["file", "header"],
        f"no column reads as the goods description (first row read: {found}); name it 'description' or "
        f"'品名' (docs/packing-lists.md lists every accepted header); line fields: {', '.join(LINE_FIELDS)}",
    )
