"""Numbers as packing lists write them: '1,200', '1.200', '3,50', '1 234,56', 'USD 3.50', '200 pcs'.

Whether a column writes decimal commas is decided once per column from its unambiguous values
('3,5', '1.234,56' say comma; '3.5', '1,234.56' say point); ambiguous ones ('1,200') follow the column,
or, in a column with no evidence, the file's convention (semicolon CSVs come from decimal-comma locales).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CORE = re.compile(r"^(?P<before>[^\d+-]*?)(?P<num>[-+]?\d(?:[\d.,'\s\u00a0\u202f]*\d)?)(?P<after>\D*)$")
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_GROUPED_POINT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def split_number(text: str) -> tuple[str, str] | None:
    """The digits of a number written with a unit or currency around it, and the words around it."""
    match = _CORE.match(text.strip())
    if match is None:
        return None
    spaced = re.sub(r"[\s\u00a0\u202f']", "", match["num"]).lstrip("+")
    return spaced, f"{match['before']} {match['after']}".strip()


def says_decimal_comma(number: str) -> bool | None:
    """True for a value only a decimal comma explains, False for a decimal point, None when either fits."""
    body = number.lstrip("-")
    if "," in body and "." in body:
        return body.rfind(",") > body.rfind(".")
    for mark, grouped, means_comma in ((",", _GROUPED_COMMA, True), (".", _GROUPED_POINT, False)):
        if mark in body:
            if body.count(mark) == 1:
                return None if grouped.match(body) else means_comma
            return (not means_comma) if grouped.match(body) else None
    return None


def column_uses_decimal_comma(texts: Iterable[str], default: bool) -> bool:
    votes = {True: 0, False: 0}
    for text in texts:
        parts = split_number(text)
        if parts is not None:
            vote = says_decimal_comma(parts[0])
            if vote is not None:
                votes[vote] += 1
    if votes[True] == votes[False]:
        return default
    return votes[True] > votes[False]


def to_number(number: str, decimal_comma: bool) -> float | None:
    """The value of the digits split_number found, read with the column's decimal mark."""
    sign = "-" if number.startswith("-") else ""
    body = number.lstrip("-")
    if "," in body and "." in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
    elif "," in body:
        grouped = _GROUPED_COMMA.match(body) is not None
        decimal = "" if grouped and (body.count(",") > 1 or not decimal_comma) else ","
    elif "." in body:
        grouped = _GROUPED_POINT.match(body) is not None
        decimal = "" if grouped and (body.count(".") > 1 or decimal_comma) else "."
    else:
        decimal = ""
    for mark in {",", "."} - {decimal}:
        body = body.replace(mark, "")
    if decimal:
        if body.count(decimal) > 1:
            return None
        body = body.replace(decimal, ".")
    try:
        return float(sign + body)
    except ValueError:
        return None
