"""POST /v1/screenings/upload: a CSV or XLSX packing list plus the shipment fields as form fields."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError

from app.deps import KnowledgeDep, PrincipalDep, ScreenerDep, SessionDep
from app.errors import InvalidInput
from app.routers.responses import problems, success
from app.routers.screenings import ViewQuery, screening_response
from app.schemas.screening import ScreeningOut, ScreeningRequest
from app.schemas.upload import UploadFields
from app.services import packing_list
from app.services.views import View

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])


@router.post(
    "/upload",
    status_code=201,
    summary="Screen a CSV or XLSX packing list",
    description="Multipart: `file` (one row a line; header names as the line fields: line_id, description, "
    "hs_code, quantity, unit_value, currency, brand, packages) and the shipment fields as form fields. "
    "Parties as JSON (`shipper`, `consignee`) or flat (`shipper_id`, `shipper_name`, `shipper_country`...).",
    response_class=Response,
    responses=success(201, ScreeningOut, "The scored result.") | problems(401, 413, 415, 422, 503),
)
async def upload_screening(
    principal: PrincipalDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    screener: ScreenerDep,
    file: Annotated[UploadFile, File(description="The packing list (.csv in UTF-8, or .xlsx).")],
    form: Annotated[UploadFields, Form()],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
    view: ViewQuery = View.full,
) -> Response:
    kind = packing_list.kind_of(file.filename, file.content_type)
    rows = packing_list.read_lines(await file.read(), kind, screener.settings.max_lines)
    body: dict[str, Any] = {
        "reference": form.reference,
        "destination_country": form.destination_country,
        "channel": form.channel,
        "departure_date": form.departure_date,
        "shipper": _party("shipper", form.shipper, form.shipper_id, form.shipper_name, form.shipper_country),
        "consignee": _party(
            "consignee", form.consignee, form.consignee_id, form.consignee_name, form.consignee_country
        ),
        "lines": [{k: v for k, v in row.items() if k != "_row"} for row in rows],
    }
    try:
        request = ScreeningRequest.model_validate(body)
    except ValidationError as exc:
        errors = [{"loc": _where(e["loc"], rows), "msg": e["msg"]} for e in exc.errors()]
        first = errors[0]
        raise InvalidInput(f"{'.'.join(map(str, first['loc']))}: {first['msg']}", errors=errors) from exc
    outcome = screener.screen_and_record(session, knowledge, principal.tenant, request, idempotency_key)
    return screening_response(outcome, view)


def _party(field: str, as_json: str | None, pid: str | None, name: str | None, country: str | None) -> Any:
    if as_json:
        try:
            return json.loads(as_json)
        except ValueError as exc:
            raise InvalidInput.at(
                ["form", field], "not valid JSON: send an object with id, name, country"
            ) from exc
    return {"id": pid, "name": name, "country": country}


def _where(loc: tuple[int | str, ...], rows: list[dict[str, Any]]) -> list[int | str]:
    """Name a line error by its row in the file, which is what the person uploading it sees."""
    if len(loc) >= 2 and loc[0] == "lines" and isinstance(loc[1], int) and loc[1] < len(rows):
        return ["file", f"row {rows[loc[1]]['_row']}", *loc[2:]]
    return ["form", *loc]
