"""A table as a reader hands it on: rows of cell values, where they start, how the file writes numbers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    rows: list[list[object]]
    first_row: int  # the 1-based sheet row of rows[0], so errors name the row the user sees
    source: str  # what was read, for the warnings: "CSV (GB18030), semicolon-separated"
    decimal_comma: bool = False  # the file's convention where a column gives no evidence
    # Merged ranges (first row, first col, last row, last col), 0-based within rows.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        return self.first_row + index
