"""Opens a workbook's zip container within bounds: a zip bomb is refused before any XML is parsed.

Python's zipfile stops each member at its declared size and checks its CRC, so counting what the
members declare, then reading them through once, bounds what the spreadsheet reader will unpack.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from app.errors import InvalidInput, PayloadTooLarge
from app.packing.limits import ReadLimits

MAX_MEMBERS = 2_000
CHUNK = 256 * 1024


def open_workbook_zip(data: bytes, limits: ReadLimits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise _damaged() from exc
    if len(members) > MAX_MEMBERS:
        raise PayloadTooLarge(f"the workbook holds {len(members):,} parts; a packing list needs a few dozen")
    declared = sum(m.file_size for m in members)
    if declared > limits.max_unpacked_bytes:
        raise _bomb(declared, limits)
    unpacked = 0
    try:
        for member in members:
            for chunk in stream_member(archive, member.filename):
                unpacked += len(chunk)
                if unpacked > limits.max_unpacked_bytes:
                    raise _bomb(unpacked, limits)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise _damaged() from exc
    return archive


def stream_member(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            yield chunk


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    return b"".join(stream_member(archive, name))


def _bomb(size: int, limits: ReadLimits) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"the workbook unpacks to more than {limits.max_unpacked_bytes // (1024 * 1024):,} MiB "
        f"({size:,} bytes or more): a packing list is far smaller; save only its sheet"
    )


def _damaged() -> InvalidInput:
    return InvalidInput.at(["file"], "the file is not a readable XLSX or ODS workbook (a damaged zip)")
