"""POST /v1/screenings/upload: a packing list (CSV, XLSX or ODS) plus the shipment fields as form fields."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, UploadFile
from fastapi.responses import Response

from app.deps import KnowledgeDep, PrincipalDep, ScreenerDep, SessionDep
from app.packing import ReadLimits, read_packing_list
from app.routers.responses import problems, success
from app.routers.screenings import ViewQuery, screening_response
from app.schemas.screening import ScreeningOut
from app.schemas.upload import UploadFields
from app.services import packing_list
from app.services.views import View

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])


# A plain function: FastAPI runs it on a worker thread, so reading and screening a large file never
# holds up the event loop (health checks, other tenants).
@router.post(
    "/upload",
    status_code=201,
    summary="Screen a packing list (CSV, XLSX or ODS)",
    description="Multipart: `file`, the packing list as forwarders have it (CSV in any common encoding and "
    "delimiter, XLSX or ODS; the bytes decide the format; title rows, bilingual and merged headers, totals "
    "rows are handled; headers are read through the alias table of docs/packing-lists.md), and the "
    "shipment fields as form fields. Parties as JSON (`shipper`, `consignee`) or flat (`shipper_id`, "
    "`shipper_name`, `shipper_country`...). The answer adds `warnings`: the columns read and ignored.",
    response_class=Response,
    responses=success(201, ScreeningOut, "The scored result.") | problems(401, 409, 413, 415, 422, 503),
)
def upload_screening(
    principal: PrincipalDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    screener: ScreenerDep,
    file: Annotated[UploadFile, File(description="The packing list: CSV, XLSX or ODS.")],
    form: Annotated[UploadFields, Form()],
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)
    ] = None,
    view: ViewQuery = View.full,
) -> Response:
    shipment = {
        "reference": form.reference,
        "destination_country": form.destination_country,
        "channel": form.channel,
        "departure_date": form.departure_date,
        "shipper": packing_list.party(
            "shipper", form.shipper, form.shipper_id, form.shipper_name, form.shipper_country
        ),
        "consignee": packing_list.party(
            "consignee", form.consignee, form.consignee_id, form.consignee_name, form.consignee_country
        ),
    }
    limits = ReadLimits(max_lines=screener.settings.max_lines)
    declared = f"{file.filename or ''} {file.content_type or ''}"
    packing = read_packing_list(file.file.read(), limits, form.sheet, declared)
    request = packing_list.build_request(packing, shipment)
    outcome = screener.screen_and_record(
        session, knowledge, principal.tenant, request, idempotency_key, packing.warnings
    )
    return screening_response(outcome, view)
