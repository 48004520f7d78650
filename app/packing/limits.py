"""How much of a packing list the reader accepts before it refuses, in rows, columns and unpacked bytes."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import PayloadTooLarge

# Rows a sheet may hold beyond its lines: title blocks, blank rows, sub-headers, totals and signatures.
ROW_ALLOWANCE = 1_000


@dataclass(frozen=True)
class ReadLimits:
    max_lines: int
    # Widest row read (Excel allows 16,384 columns; a packing list has a few dozen).
    max_columns: int = 256
    # What a workbook may unpack to; a zip bomb is refused once past it, before it is parsed.
    max_unpacked_bytes: int = 64 * 1024 * 1024
    # A hint on where a larger file can go instead (the asynchronous route, when the service has one).
    too_many_lines_hint: str = "split it into several packing lists"

    @property
    def max_rows(self) -> int:
        return self.max_lines + ROW_ALLOWANCE

    def too_many_lines(self, what: str) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"{what}; one screening takes at most {self.max_lines:,} lines: {self.too_many_lines_hint}"
        )

    def too_wide(self, row: int) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"row {row:,} has more than {self.max_columns:,} columns; a packing list needs a few dozen: "
            "remove the empty columns or save only the packing list"
        )
