"""Packing lists as forwarders have them: CSV in any common encoding and dialect, XLSX and ODS.

`read_packing_list(data, ...)` sniffs the format from the bytes, reads the rows within bounded time and
memory (refusing zip bombs and sheets that declare millions of rows), finds the header row, maps the
columns through the alias table and returns line dicts with their row numbers and warnings.
"""

from app.packing.limits import ReadLimits
from app.packing.reader import PackingList, read_packing_list

__all__ = ["PackingList", "ReadLimits", "read_packing_list"]
