"""The ASGI app: `app.main:app`, built by `create_app()`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import fastapi_offline
from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from app import __version__
from app.db.session import make_engine, make_sessionmaker, upgrade
from app.exception_handlers import install_handlers
from app.guards.early_auth import EarlyAuthMiddleware
from app.guards.request_head import RequestHeadLimitMiddleware
from app.guards.unhandled import UnhandledErrorMiddleware
from app.jobs.queue import JobQueue
from app.jobs.recovery import requeue_unfinished
from app.metrics import Metrics
from app.middleware import BodyLimitMiddleware
from app.observability.access import AccessMiddleware
from app.observability.logs import configure_logging, get_logger
from app.observability.request_id import is_acceptable_request_id
from app.openapi import install_openapi, operation_id
from app.packing.aliases import load_aliases
from app.rate_limit import TenantRateLimiter
from app.reference.campaigns import campaign_version
from app.routers import (
    authorizations,
    brands,
    campaigns,
    health,
    jobs,
    packing_lists,
    parties,
    party_clearances,
    screenings,
    upload,
    webhooks,
)
from app.services import keys, rescreening
from app.services.background import JobEnv
from app.services.keys import BootstrapKeys, Principal
from app.services.knowledge_store import KnowledgeStore
from app.services.line_workers import LineWorkers
from app.services.screener import Screener
from app.settings import Settings
from app.state import AppState

log = get_logger("prescreen")

# Swagger UI 5 assets shipped inside a PyPI package, so /docs works with no internet connection.
SWAGGER_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"

DESK_DIR = Path(__file__).resolve().parent / "desk"

DESCRIPTION = """
Checks an export shipment manifest **before the container is picked up**: every line against the
recorded brand lists (disguised spellings included), high-risk goods and HS codes, price anomalies,
the enforcement campaigns in force, and shipment patterns (separated marks, split shipments,
"ant moving"). Every result is recorded for the audit trail.

Authorise with your tenant's API key (`X-API-Key`), then try `POST /v1/screenings` with its example.
"""


class DataFilesRefused(RuntimeError):
    """A data file does not load at start-up (PRESCREEN_START_WITH_BROKEN_DATA=true starts anyway)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.effective_log_format, settings.log_level)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.migrate_at_start:
            upgrade(settings.database_url)
        engine = make_engine(settings.database_url, settings.database_limits)
        store = KnowledgeStore(settings.data_paths)
        loaded = store.load()
        if not loaded.ok and not settings.start_with_broken_data:
            raise DataFilesRefused(f"the data files were refused, not starting: {loaded.error}")
        load_aliases()  # the packing-list header table: a broken one refuses to start, naming the field
        metrics.watch_pool(engine)
        metrics.watch_data(lambda: _data_versions(store))
        metrics.watch_data_files(lambda: store.last_error is not None)
        limiter = None
        if settings.rate_limit:
            limiter = TenantRateLimiter(settings.rate_limit, settings.rate_limit_storage, metrics)
        workers = None
        if settings.worker_count:
            workers = LineWorkers(
                settings.data_paths, settings.worker_count, settings.parallel_min_lines, metrics
            )
            workers.warm_up()
        app.state.prescreen = AppState(
            settings=settings,
            engine=engine,
            sessions=make_sessionmaker(engine),
            knowledge=store,
            bootstrap_keys=BootstrapKeys(settings.bootstrap_keys),
            metrics=metrics,
            screener=Screener(settings, store, metrics, workers),
            line_workers=workers,
            rate_limiter=limiter,
        )
        log.info(
            "started",
            version=__version__,
            database=engine.url.get_backend_name(),
            brand_list=store.current.brand_list_version if store.current else None,
            rate_limit=settings.rate_limit or None,
        )
        queue = await _start_jobs(app.state.prescreen)
        try:
            yield
        finally:
            await queue.close()
            if workers is not None:
                workers.close()
            engine.dispose()

    app = FastAPI(
        title="prescreen",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        swagger_ui_parameters={"persistAuthorization": True, "displayRequestDuration": True},
        generate_unique_id_function=operation_id,
    )
    install_handlers(app)
    # Added innermost first. Outermost: the request id, set before anything can answer; then the
    # access line and metrics, which see every answer; then errors, the request head, the key, and
    # only then the body.
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        async_max_bytes=settings.max_async_body_bytes,
        read_timeout=settings.body_read_timeout,
    )
    if settings.gzip_min_bytes:
        # zlib's default level: on a 10,000-line result as small as level 9's, in half the time.
        app.add_middleware(GZipMiddleware, minimum_size=settings.gzip_min_bytes, compresslevel=6)
    app.add_middleware(EarlyAuthMiddleware, resolve=_resolve_key)
    app.add_middleware(
        RequestHeadLimitMiddleware,
        max_url_bytes=settings.max_url_bytes,
        max_header_bytes=settings.max_header_bytes,
    )
    app.add_middleware(UnhandledErrorMiddleware)
    app.add_middleware(AccessMiddleware, metrics=metrics)
    app.add_middleware(
        CorrelationIdMiddleware, header_name="X-Request-ID", validator=is_acceptable_request_id
    )
    for module in (
        health,
        screenings,
        jobs,
        upload,
        packing_lists,
        brands,
        campaigns,
        authorizations,
        parties,
        party_clearances,
        webhooks,
    ):
        app.include_router(module.router)
    _mount_docs(app)
    # The screening desk: static pages that call the public API with the user's key.
    app.mount("/desk", StaticFiles(directory=DESK_DIR, html=True), name="desk")
    install_openapi(app)
    return app


def _data_versions(store: KnowledgeStore) -> tuple[dict[str, str], float] | None:
    knowledge = store.current
    if knowledge is None:
        return None
    versions = {
        "brand_list": knowledge.brand_list_version,
        "campaign_files": campaign_version(knowledge.shipped_campaigns),
    }
    return versions, store.loaded_at.timestamp()


async def _start_jobs(state: AppState) -> JobQueue:
    """The job queue, and its worker in this process: always on the SQLite default (which also
    queues again what a restart interrupted), on PostgreSQL unless `prescreen worker` runs apart."""
    queue = JobQueue(state.settings)
    await queue.open()
    state.jobs = queue
    env = JobEnv(state.settings, state.sessions, state.knowledge, state.metrics, queue, state.screener)
    state.metrics.rescreen_backlog.set_function(lambda: rescreening.backlog_gauge(env))
    if queue.in_process or state.settings.jobs_in_process:
        queue.start_worker(env)
    if queue.in_process:
        await anyio.to_thread.run_sync(requeue_unfinished, env)
    return queue


def _resolve_key(scope: Scope, key: str) -> Principal | None:
    state: AppState = scope["app"].state.prescreen
    with state.sessions() as session:  # opens no connection for a bootstrap key
        return keys.resolve(session, state.bootstrap_keys, key)


def _mount_docs(app: FastAPI) -> None:
    app.mount("/static/docs", StaticFiles(directory=SWAGGER_ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="prescreen - API docs",
            swagger_js_url="/static/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/docs/swagger-ui.css",
            swagger_favicon_url="/static/docs/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )


app = create_app()
