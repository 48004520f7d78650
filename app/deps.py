"""Dependency aliases the routers use: the session, the loaded data, the caller."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.errors import Forbidden, Unauthorized, UnsupportedMediaType
from app.guards.early_auth import PRINCIPAL_KEY
from app.observability.context import annotate
from app.reference.knowledge import Knowledge
from app.services import keys
from app.services.keys import Principal
from app.services.screener import Screener
from app.state import AppState

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Your tenant's API key (prescreen keys create)."
)


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.prescreen
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_session(state: StateDep) -> Iterator[Session]:
    with state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_screener(state: StateDep) -> Screener:
    return state.screener


ScreenerDep = Annotated[Screener, Depends(get_screener)]


def get_knowledge(screener: ScreenerDep) -> Knowledge:
    return screener.knowledge()


KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]


def get_principal(
    request: Request,
    state: StateDep,
    session: SessionDep,
    key: Annotated[str | None, Security(api_key_header)],
) -> Principal:
    # Checked before the body was read on routes with a body (app/guards/early_auth.py).
    principal: Principal | None = getattr(request.state, PRINCIPAL_KEY, None)
    if principal is None:
        if not key:
            raise Unauthorized("send your API key in the X-API-Key header")
        principal = keys.resolve(session, state.bootstrap_keys, key)
        if principal is None:
            raise Unauthorized("the API key is unknown or revoked")
    annotate(tenant=principal.tenant)
    if state.rate_limiter is not None:
        state.rate_limiter.check(principal.tenant)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require_operator(principal: PrincipalDep) -> Principal:
    # Campaigns and brand lists are shared by every tenant: a tenant's admin may not change them.
    if not principal.operator:
        raise Forbidden("this route changes what every tenant shares and needs an operator key")
    return principal


OperatorDep = Annotated[Principal, Depends(require_operator)]


def require_json(request: Request) -> None:
    """JSON routes refuse other media types with 415 rather than failing to read the body."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        got = media or "no content type"
        raise UnsupportedMediaType(
            f"the body must be JSON sent with Content-Type: application/json (got {got})"
        )


JsonBody = Depends(require_json)


# GET /metrics: the counts are totals over every tenant, so they are an operator's.
metrics_bearer = HTTPBearer(
    scheme_name="MetricsToken",
    auto_error=False,
    description="PRESCREEN_METRICS_TOKEN, as Prometheus sends it (`authorization: {credentials: ...}`).",
)


def require_metrics_token(
    state: StateDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(metrics_bearer)]
) -> None:
    token = state.settings.metrics_token
    if token is None:
        if state.settings.environment == "production":
            raise Forbidden(
                "GET /metrics is off until PRESCREEN_METRICS_TOKEN is set; scrape with that token"
            )
        return  # development: open, as the rest of the embedded defaults
    sent = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(sent.encode(), token.get_secret_value().encode()):
        raise Unauthorized("send PRESCREEN_METRICS_TOKEN as Authorization: Bearer <token>")


MetricsReader = Depends(require_metrics_token)
