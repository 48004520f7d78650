"""CSV rows in any common dialect: comma, semicolon, tab or pipe (sniffed), quoted fields with line breaks."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from app.errors import InvalidInput
from app.packing.limits import ReadLimits
from app.packing.table import Table

DELIMITERS = ",;\t|"
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SAMPLE_LINES = 30


@dataclass(frozen=True)
class Dialect:
    delimiter: str

    @property
    def name(self) -> str:
        return _NAMES[self.delimiter]


def sniff_dialect(text: str) -> Dialect:
    """The delimiter that splits the first lines most consistently into the most columns."""
    sample = text[: 64 * 1024].splitlines()[:_SAMPLE_LINES]
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(sample, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        widths = [len(r) for r in rows]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) * (common > 1), common)
        if score > best_score:
            best, best_score = delimiter, score
    return Dialect(best)


def read_rows(text: str, limits: ReadLimits, source: str) -> Table:
    if "\x00" in text:
        raise InvalidInput.at(["file"], "the CSV contains NUL bytes: is it really a text file?")
    dialect = sniff_dialect(text)
    rows: list[list[object]] = []
    try:
        for number, row in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter), 1
        ):
            if len(row) > limits.max_columns:
                raise limits.too_wide(number)
            if number > limits.max_rows:
                raise limits.too_many_lines(f"the CSV has more than {limits.max_rows:,} rows")
            rows.append(list(row))
    except csv.Error as exc:
        raise InvalidInput.at(["file"], f"the CSV cannot be read near row {len(rows) + 1}: {exc}") from exc
    return Table(
        rows=rows,
        first_row=1,
        source=f"{source}, {dialect.name}-separated",
        decimal_comma=dialect.delimiter == ";",
    )
