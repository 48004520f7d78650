"""The HS 2022 nomenclature (chapters, headings, subheadings), from the UN Comtrade table.

The file is `app/data/hs/hs_codes.csv` (see SOURCES.md beside it): `section, hscode, description,
parent, level`, with a UTF-8 BOM and a synthetic TOTAL row that are both skipped here.
Only the international part of a code (its first 6 digits) can be checked: national extensions
beyond 6 digits differ from one customs territory to another.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from app.engine.codes import normalise_code

_SEPARATORS = re.compile(r"[\s.\-]")
_LEVELS = {2, 4, 6}


class HsDataError(ValueError):
    """A nomenclature file that cannot be loaded: names the file, the row and the reason."""


@dataclass(frozen=True, slots=True)
class HsEntry:
    code: str  # 2, 4 or 6 digits
    description: str
    section: str  # Roman numeral of the HS section (I-XXI)


class HsNomenclature:
    version: str

    def __init__(self, entries: dict[str, HsEntry], version: str) -> None:
        self._entries = entries
        self.version = version

    @classmethod
    def load(cls, path: Path) -> HsNomenclature:
        raw = path.read_bytes()
        entries: dict[str, HsEntry] = {}
        rows = csv.DictReader(raw.decode("utf-8-sig").splitlines())
        for row_number, row in enumerate(rows, start=2):
            code, level = (row.get("hscode") or "").strip(), (row.get("level") or "").strip()
            if not code.isdigit() or row.get("section") == "TOTAL":
                continue  # the synthetic TOTAL rows ("commodities not specified", "total of all")
            if not level.isdigit() or int(level) not in _LEVELS or len(code) != int(level):
                raise HsDataError(f"{path.name}, row {row_number}: bad level {level!r} for code {code!r}")
            entries[code] = HsEntry(code, (row.get("description") or "").strip(), row["section"].strip())
        if not entries:
            raise HsDataError(f"{path.name}: no HS codes found")
        return cls(entries, hashlib.sha256(raw).hexdigest()[:16])

    def entry(self, code: str) -> HsEntry | None:
        """The exact chapter, heading or subheading (2, 4 or 6 digits)."""
        return self._entries.get(code)

    def exists(self, code: str) -> bool:
        """Whether a declared code (digits only, 4-10) exists: its first 6 (or 4) digits are in HS 2022."""
        digits = normalise_code(code)
        if digits is None:
            return False
        return (digits[:6] if len(digits) >= 6 else digits[:4]) in self._entries

    def describe(self, code: str) -> str | None:
        """The most specific nomenclature description of a declared code."""
        entry = self.most_specific(code)
        return entry.description if entry else None

    def most_specific(self, code: str) -> HsEntry | None:
        """The subheading, else heading, else chapter that a declared code falls under."""
        digits = normalise_code(code) or _SEPARATORS.sub("", code)
        for length in (6, 4, 2):
            if len(digits) >= length and (entry := self._entries.get(digits[:length])):
                return entry
        return None

    def section(self, code: str) -> str | None:
        """The HS section (broad goods family, e.g. "XI" textiles) of a code or prefix."""
        entry = self.most_specific(code)
        return entry.section if entry else None
