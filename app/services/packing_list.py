"""A packing list and the shipment form fields as the screening request they make.

Errors in a line name the row of the file the uploader sees; errors in the shipment fields name the
form field, with the same messages as the JSON route.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import TypeAdapter, ValidationError

from app.errors import InvalidInput
from app.packing import PackingList
from app.schemas.screening import LineIn, ScreeningRequest

MAX_ERRORS = 100  # a file with the wrong column everywhere answers its first errors, not thousands


def party(field: str, as_json: str | None, pid: str | None, name: str | None, country: str | None) -> Any:
    """A party sent as one JSON form field (`shipper`) or as flat ones (`shipper_id`, `shipper_name`...)."""
    if as_json:
        try:
            return json.loads(as_json)
        except ValueError as exc:
            raise InvalidInput.at(
                ["form", field], "not valid JSON: send an object with id, name, country"
            ) from exc
    if pid is None and name is None and country is None:
        return None  # absent, as the JSON route would see it: the same 422
    return {"id": pid, "name": name, "country": country}


def build_request(packing: PackingList, shipment: dict[str, Any]) -> ScreeningRequest:
    given = {k: v for k, v in shipment.items() if v is not None}
    with _errors_by_row(packing):
        return ScreeningRequest.model_validate({**given, "lines": packing.lines})


def read_lines(packing: PackingList) -> list[LineIn]:
    """The packing list's lines as the JSON route would take them, without a shipment."""
    with _errors_by_row(packing):
        return LINES.validate_python(packing.lines)


LINES: TypeAdapter[list[LineIn]] = TypeAdapter(list[LineIn])


@contextmanager
def _errors_by_row(packing: PackingList) -> Iterator[None]:
    try:
        yield
    except ValidationError as exc:
        errors = [{"loc": _where(e["loc"], packing.rows), "msg": e["msg"]} for e in exc.errors()[:MAX_ERRORS]]
        first = errors[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InvalidInput(
            f"{'.'.join(map(str, first['loc']))}: {first['msg']}{more}", errors=errors
        ) from exc


def _where(loc: tuple[int | str, ...], rows: list[int]) -> list[int | str]:
    """Name a line error by its row in the file, which is what the person uploading it sees."""
    if len(loc) >= 2 and loc[0] == "lines" and isinstance(loc[1], int):
        loc = loc[1:]  # a line of the request; read_lines validates the bare list
    if loc and isinstance(loc[0], int) and loc[0] < len(rows):
        return ["file", f"row {rows[loc[0]]}", *loc[1:]]
    return ["form", *loc]
