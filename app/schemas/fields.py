"""Field types shared by the request models: clean text, countries, currencies, HS codes."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HS = re.compile(r"^[0-9][0-9. ]*$")


def _no_control_chars(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain NUL or other control characters")
    return value


# What the validators below accept, said in the OpenAPI document too (a client or a fuzzer that
# keeps to the schema is never refused): no control characters, and for required text at least
# one character that is not a space.
_NO_CONTROL = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_NOT_BLANK = rf"^{_NO_CONTROL}*[^\s\x00-\x1f\x7f]{_NO_CONTROL}*$"
_TEXT_SCHEMA = Field(json_schema_extra={"pattern": _NOT_BLANK})
_OPTIONAL_TEXT_SCHEMA = Field(json_schema_extra={"pattern": rf"^{_NO_CONTROL}*$"})

# Length constraints come before the control-character check, and apply after stripping, so
# that "   " is as empty as "".
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_chars),
    _TEXT_SCHEMA,
]
Description = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1000),
    AfterValidator(_no_control_chars),
    _TEXT_SCHEMA,
]
PartyName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=300),
    AfterValidator(_no_control_chars),
    _OPTIONAL_TEXT_SCHEMA,
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    # pydantic's lax mode reads 0 or "0" as 1970-01-01 (a Unix time): a date here is YYYY-MM-DD.
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _no_bool(value: object) -> object:
    # JSON true is no quantity; pydantic's lax mode would read it as 1.
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    return value


Count = Annotated[int, BeforeValidator(_no_bool)]
Amount = Annotated[float, BeforeValidator(_no_bool)]


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-2 or alpha-3 code or an English country name."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        found = pycountry.countries.get(alpha_2=text.upper())
    elif len(text) == 3 and text.isalpha():
        found = pycountry.countries.get(alpha_3=text.upper())
    else:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    return str(found.alpha_2) if found is not None else None


def _country(value: object) -> object:
    if not isinstance(value, str):
        return value
    code = country_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 country: use an alpha-2 code such as 'US' or 'DE'")
    return code


CountryCode = Annotated[str, BeforeValidator(_country)]


@lru_cache(maxsize=512)
def _known_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code) is not None


def _currency(value: object) -> object:
    if not isinstance(value, str):
        return value
    return _currency_code(value)


@lru_cache(maxsize=1024)
def _currency_code(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 3 or not _known_currency(code):
        raise ValueError(f"{value!r} is not an ISO 4217 currency code: use e.g. 'USD', 'EUR' or 'CNY'")
    return code


CurrencyCode = Annotated[str, BeforeValidator(_currency)]


def _hs_code(value: object) -> object:
    if not isinstance(value, str):
        return value
    return _hs_digits(value)


@lru_cache(maxsize=8192)  # a manifest repeats a handful of codes over thousands of lines
def _hs_digits(value: str) -> str:
    if not _HS.match(value.strip()):
        raise ValueError(
            f"{value!r} is not an HS code: use 4 to 10 digits, dots and spaces allowed (9102.11)"
        )
    digits = re.sub(r"[. ]", "", value)
    if not 4 <= len(digits) <= 10:
        raise ValueError(f"{value!r} has {len(digits)} digits: an HS code has 4 to 10 (e.g. 9102.11)")
    return digits


HsCode = Annotated[str, BeforeValidator(_hs_code)]
