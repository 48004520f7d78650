"""POST /v1/packing-lists/read: what the reader makes of a packing list, without screening it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from app.deps import PrincipalDep, ScreenerDep
from app.packing import ReadLimits, read_packing_list
from app.routers.responses import problems
from app.schemas.screening import UploadWarning
from app.schemas.upload import PackingListRead
from app.services import packing_list

router = APIRouter(prefix="/v1/packing-lists", tags=["packing lists"])


# A plain function, as the upload: FastAPI runs it on a worker thread, off the event loop.
@router.post(
    "/read",
    summary="Read a packing list into manifest lines",
    description="Multipart: `file` (CSV, XLSX or ODS, as for `POST /v1/screenings/upload`) and an optional "
    "`sheet`. Answers the lines as `POST /v1/screenings` takes them, each line's row in the file and the "
    "reader's warnings (the columns read and ignored). Nothing is screened or stored: a system can show "
    "or correct what was read before screening it.",
    response_model=PackingListRead,
    responses=problems(401, 413, 415, 422),
)
def read_packing_list_lines(
    principal: PrincipalDep,  # any tenant's key: reading stores nothing
    screener: ScreenerDep,
    file: Annotated[UploadFile, File(description="The packing list: CSV, XLSX or ODS.")],
    sheet: Annotated[
        str | None, Form(description="The workbook's sheet: its name or 1-based position; default the first.")
    ] = None,
) -> PackingListRead:
    limits = ReadLimits(max_lines=screener.settings.max_lines)
    declared = f"{file.filename or ''} {file.content_type or ''}"
    packing = read_packing_list(file.file.read(), limits, sheet, declared)
    return PackingListRead(
        format=packing.format.value,
        lines=packing_list.read_lines(packing),
        rows=packing.rows,
        warnings=[UploadWarning.model_validate(w) for w in packing.warnings],
    )
