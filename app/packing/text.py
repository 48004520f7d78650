"""Text files in the encoding they were saved in: UTF-8 (with or without BOM), UTF-16, GB18030/GBK,
Big5, Shift-JIS, Windows-1252... detected by charset-normalizer, never guessed by hand."""

from __future__ import annotations

import codecs

import charset_normalizer

from app.errors import InvalidInput

# Names as people know them (charset-normalizer reports Python codec names).
_DISPLAY = {
    "utf_8": "UTF-8",
    "utf_16": "UTF-16",
    "utf_32": "UTF-32",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp932": "Shift-JIS (cp932)",
    "shift_jis": "Shift-JIS",
    "cp1252": "Windows-1252",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR (cp949)",
    "euc_jp": "EUC-JP",
    "latin_1": "ISO-8859-1",
}


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        label = "UTF-8 with BOM"
    else:
        label = "UTF-8"
    try:
        return data.decode("utf-8"), label  # valid UTF-8 is UTF-8: other encodings of non-ASCII text are not
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InvalidInput.at(
            ["file"], "the text encoding of the file cannot be told: save it as UTF-8 (CSV UTF-8 in Excel)"
        )
    return str(best), _DISPLAY.get(best.encoding, best.encoding)
