"""GET /v1/jobs/{job_id}: an async screening's status and progress."""

from __future__ import annotations

import orjson
from fastapi import APIRouter
from fastapi.responses import Response

from app.db import jobs_repository
from app.deps import PrincipalDep, SessionDep
from app.errors import NotFound
from app.routers.responses import problems, success
from app.schemas.jobs import JobOut
from app.services.async_screening import Submitted, job_body

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])


@router.get(
    "/{job_id}",
    summary="An async screening: queued, running (lines done), done (screening_id) or failed (error)",
    response_class=Response,
    responses=success(200, JobOut, "The job as it stands.") | problems(401, 404, 422),
)
def get_job(job_id: str, principal: PrincipalDep, session: SessionDep) -> Response:
    job = jobs_repository.get_job(session, principal.tenant, job_id)
    if job is None:
        raise NotFound(f"no job {job_id!r} for this tenant")
    return Response(orjson.dumps(job_body(job)), media_type="application/json")


def accepted(submitted: Submitted) -> Response:
    """202 for POST /v1/screenings?mode=async, pointing at the job."""
    headers = {"Location": f"/v1/jobs/{submitted.job.id}"}
    if submitted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        orjson.dumps(job_body(submitted.job)), status_code=202, media_type="application/json", headers=headers
    )
