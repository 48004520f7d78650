"""The file's format from its first bytes, whatever its name or declared content type says."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

from app.errors import InvalidInput, UnsupportedMediaType

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Formats people send by mistake, named in the 415 so they know what they sent.
_OTHER_FORMATS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"{\\rtf": "an RTF document",
}
# A damaged zip is a damaged workbook (422) when it was sent as one, else some other archive (415).
SPREADSHEET_HINTS = (".xlsx", ".xlsm", ".ods", "spreadsheet", "excel")
SUPPORTED = "send CSV (any common encoding), XLSX or ODS"


class Format(StrEnum):
    CSV = "CSV"
    XLSX = "XLSX"
    ODS = "ODS"


def sniff(data: bytes, declared: str = "") -> Format:
    """`declared` (the file name and content type sent) is used only where the bytes cannot tell."""
    if not data:
        raise InvalidInput.at(["file"], "the file is empty: the first row must name the line fields")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, declared)
    if data.startswith(OLE2_MAGIC):
        raise UnsupportedMediaType(
            "the file is an Excel 97-2003 workbook (.xls) or another OLE2 document: save it as .xlsx "
            f"(File > Save As > Excel Workbook) or CSV; {SUPPORTED}"
        )
    for magic, name in _OTHER_FORMATS.items():
        if data.startswith(magic):
            raise UnsupportedMediaType(f"the file is {name}, not a packing list: {SUPPORTED}")
    return Format.CSV


def _zip_format(data: bytes, declared: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return Format.XLSX
            if "content.xml" in names and "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(len(ODS_MIMETYPE) + 1).strip() == ODS_MIMETYPE:
                        return Format.ODS
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        if not any(hint in declared.lower() for hint in SPREADSHEET_HINTS):
            raise UnsupportedMediaType(
                f"the file is a damaged zip archive sent as {declared.strip() or 'no known type'}: "
                + SUPPORTED
            ) from exc
        raise InvalidInput.at(
            ["file"], "the file is not a readable XLSX or ODS workbook (a damaged zip)"
        ) from exc
    raise UnsupportedMediaType(f"the file is a zip archive but not an XLSX or ODS workbook: {SUPPORTED}")
