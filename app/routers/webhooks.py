"""POST, GET and DELETE /v1/webhooks, and GET /v1/webhooks/{id}/deliveries."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.db.models import Webhook
from app.deps import JsonBody, PrincipalDep, SessionDep, StateDep
from app.routers.parsed_json import ParsedJsonRoute
from app.routers.responses import problems
from app.schemas.webhooks import AttemptOut, DeliveryList, DeliveryOut, WebhookIn, WebhookList, WebhookOut
from app.services import webhooks

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], route_class=ParsedJsonRoute)


@router.post(
    "",
    dependencies=[JsonBody],
    status_code=201,
    summary="Register an endpoint for signed event notifications",
    description="Each delivery is a JSON POST with `Prescreen-Event` and `Prescreen-Signature` headers, "
    "retried with exponential backoff until the endpoint answers 2xx. Loopback and private addresses "
    "are refused.",
    response_model=WebhookOut,
    responses=problems(401, 415, 422),
)
def create_webhook(
    body: WebhookIn, principal: PrincipalDep, session: SessionDep, state: StateDep
) -> WebhookOut:
    row = webhooks.create(
        session,
        principal.tenant,
        body.url,
        body.secret,
        body.events,
        allow_private=state.settings.webhooks_allow_private,
    )
    return _out(row)


@router.get("", summary="The tenant's webhooks", response_model=WebhookList, responses=problems(401))
def list_webhooks(principal: PrincipalDep, session: SessionDep) -> WebhookList:
    return WebhookList(items=[_out(r) for r in webhooks.list_for(session, principal.tenant)])


@router.get(
    "/{webhook_id}", summary="One webhook", response_model=WebhookOut, responses=problems(401, 404, 422)
)
def get_webhook(webhook_id: str, principal: PrincipalDep, session: SessionDep) -> WebhookOut:
    return _out(webhooks.get(session, principal.tenant, webhook_id))


@router.delete(
    "/{webhook_id}",
    status_code=204,
    summary="Stop a webhook; deliveries still waiting are cancelled",
    response_class=Response,
    responses=problems(401, 404, 422),
)
def delete_webhook(webhook_id: str, principal: PrincipalDep, session: SessionDep) -> Response:
    webhooks.delete(session, principal.tenant, webhook_id)
    return Response(status_code=204)


@router.get(
    "/{webhook_id}/deliveries",
    summary="A webhook's deliveries, newest first, with every attempt",
    response_model=DeliveryList,
    responses=problems(401, 404, 422),
)
def list_deliveries(
    webhook_id: str,
    principal: PrincipalDep,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> DeliveryList:
    views = webhooks.deliveries(session, principal.tenant, webhook_id, limit)
    return DeliveryList(
        items=[
            DeliveryOut(
                delivery_id=v.delivery.id,
                event=v.delivery.event,
                status=v.delivery.status,
                created_at=_utc(v.delivery.created_at),
                delivered_at=_utc_or_none(v.delivery.delivered_at),
                next_retry_at=_utc_or_none(v.delivery.next_attempt_at)
                if v.delivery.status == "pending"
                else None,
                attempts=[
                    AttemptOut(
                        number=a.number,
                        at=_utc(a.at),
                        status_code=a.status_code,
                        error=a.error,
                        duration_ms=a.duration_ms,
                    )
                    for a in v.attempts
                ],
            )
            for v in views
        ]
    )


def _out(row: Webhook) -> WebhookOut:
    return WebhookOut(
        webhook_id=row.id, url=row.url, events=json.loads(row.events), created_at=_utc(row.created_at)
    )


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _utc_or_none(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _utc(value)
