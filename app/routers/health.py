"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from app.db.outage import describe as describe_outage
from app.deps import MetricsReader, StateDep
from app.errors import ServiceUnavailable
from app.matching import COMPILED
from app.routers.responses import Problem, problems

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is alive")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and the lists are loaded", responses=problems(503))
def readyz(state: StateDep) -> dict[str, str]:
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means not ready
        raise ServiceUnavailable(f"the database does not answer: {describe_outage(exc)}") from exc
    knowledge = state.knowledge.current
    if knowledge is None:
        raise ServiceUnavailable(f"the brand lists are not loaded: {state.knowledge.last_error}")
    # Whether the matcher runs compiled (`make compile`) tells an operator which speed to expect.
    ready = {
        "status": "ready",
        "brand_list": knowledge.brand_list_version,
        "matcher": "compiled" if COMPILED else "python",
    }
    if state.knowledge.last_error:
        # Still ready (the lists loaded before serve), but the files on disk were refused.
        ready["reload_error"] = state.knowledge.last_error
    return ready


@router.get(
    "/metrics",
    summary="Prometheus metrics (totals over every tenant)",
    description="Prometheus text. Needs `Authorization: Bearer` with PRESCREEN_METRICS_TOKEN when it is set; "
    "without it, open in development and refused in production.",
    response_class=Response,
    dependencies=[MetricsReader],
    responses={
        200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text format."},
        401: {"model": Problem, "description": "PRESCREEN_METRICS_TOKEN is set and was not sent."},
        403: {"model": Problem, "description": "Production, and no PRESCREEN_METRICS_TOKEN is set."},
    },
)
def metrics(state: StateDep) -> Response:
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
