"""Who may read GET /metrics: the counts are totals over every tenant, so they are an operator's."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.deps import StateDep
from app.errors import Forbidden, Unauthorized

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
