"""The ASGI app: `app.main:app`, built by `create_app()`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app import __version__
from app.db.session import make_engine, make_sessionmaker, upgrade
from app.exception_handlers import install_handlers
from app.metrics import Metrics
from app.middleware import BodyLimitMiddleware
from app.openapi import install_openapi
from app.routers import (
    authorizations,
    brands,
    campaigns,
    health,
    parties,
    party_clearances,
    screenings,
    upload,
)
from app.services.keys import BootstrapKeys
from app.services.knowledge_store import KnowledgeStore
from app.services.line_workers import LineWorkers
from app.services.screener import Screener
from app.settings import Settings
from app.state import AppState

log = logging.getLogger("prescreen")

# Swagger UI 5 assets shipped inside a PyPI package, so /docs works with no internet connection.
SWAGGER_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"

DESCRIPTION = """
Checks an export shipment manifest **before the container is picked up**: every line against the
recorded brand lists (disguised spellings included), high-risk goods and HS codes, price anomalies,
the enforcement campaigns in force, and shipment patterns (separated marks, split shipments,
"ant moving"). Every result is recorded for the audit trail.

Authorise with your tenant's API key (`X-API-Key`), then try `POST /v1/screenings` with its example.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.migrate_at_start:
            upgrade(settings.database_url)
        engine = make_engine(settings.database_url)
        store = KnowledgeStore(settings.data_paths)
        store.load()
        metrics = Metrics()
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
        )
        try:
            yield
        finally:
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
    )
    install_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    for module in (health, screenings, upload, brands, campaigns, authorizations, parties, party_clearances):
        app.include_router(module.router)
    _mount_docs(app)
    install_openapi(app)
    return app


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
