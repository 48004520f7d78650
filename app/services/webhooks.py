"""Webhook endpoints of a tenant, and the deliveries queued for them (signed in webhook_delivery)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.db import webhooks_repository as repo
from app.db.models import Webhook, WebhookAttempt, WebhookDelivery
from app.errors import InvalidInput, NotFound
from app.services.url_safety import UnsafeUrl, check_url

EVENTS = {
    "screening.decision_worsened": "A re-screening made a stored screening's decision worse "
    "(clear -> review -> hold).",
    "job.finished": "An async screening finished (done or failed).",
}


@dataclass(frozen=True)
class QueuedDelivery:
    id: str
    webhook_id: str


@dataclass(frozen=True)
class DeliveryView:
    delivery: WebhookDelivery
    attempts: Sequence[WebhookAttempt]


def _time_ordered_id(prefix: str) -> str:
    # Microseconds first, so ids sort in the order they were made (deliveries keep their order).
    return f"{prefix}_{time.time_ns() // 1000:014x}{secrets.token_hex(6)}"


def create(
    session: Session, tenant: str, url: str, secret: str, events: Sequence[str], allow_private: bool
) -> Webhook:
    try:
        check_url(url, allow_private=allow_private)
    except UnsafeUrl as exc:
        raise InvalidInput.at(["body", "url"], str(exc)) from exc
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise InvalidInput.at(["body", "events"], f"unknown events {unknown}; known: {sorted(EVENTS)}")
    row = Webhook(
        id=_time_ordered_id("whk"),
        tenant=tenant,
        url=url,
        secret=secret,
        events=json.dumps(sorted(set(events))),
        created_at=_now(),
        deleted_at=None,
    )
    repo.add_webhook(session, row)
    session.commit()
    return row


def list_for(session: Session, tenant: str) -> Sequence[Webhook]:
    return repo.list_webhooks(session, tenant)


def get(session: Session, tenant: str, webhook_id: str) -> Webhook:
    row = repo.get_webhook(session, tenant, webhook_id)
    if row is None:
        raise NotFound(f"no webhook {webhook_id!r} for this tenant")
    return row


def delete(session: Session, tenant: str, webhook_id: str) -> None:
    if not repo.delete_webhook(session, tenant, webhook_id, _now()):
        raise NotFound(f"no webhook {webhook_id!r} for this tenant")
    session.commit()


def deliveries(session: Session, tenant: str, webhook_id: str, limit: int) -> list[DeliveryView]:
    get(session, tenant, webhook_id)
    rows = repo.list_deliveries(session, tenant, webhook_id, limit)
    attempts: dict[str, list[WebhookAttempt]] = {}
    for attempt in repo.attempts_of(session, [r.id for r in rows]):
        attempts.setdefault(attempt.delivery_id, []).append(attempt)
    return [DeliveryView(r, attempts.get(r.id, [])) for r in rows]


def enqueue(session: Session, tenant: str, event: str, data: dict[str, Any]) -> list[QueuedDelivery]:
    """A delivery for each of the tenant's webhooks subscribed to the event, in the caller's
    transaction: the event and its deliveries are recorded together or not at all."""
    queued: list[QueuedDelivery] = []
    now = _now()
    for hook in repo.list_webhooks(session, tenant):
        if event not in json.loads(hook.events):
            continue
        delivery_id = _time_ordered_id("dlv")
        body = {"id": delivery_id, "event": event, "created_at": _iso(now), "data": data}
        repo.add_delivery(
            session,
            WebhookDelivery(
                id=delivery_id,
                webhook_id=hook.id,
                tenant=tenant,
                event=event,
                payload=orjson.dumps(body),
                status="pending",
                attempts=0,
                created_at=now,
                next_attempt_at=now,
                delivered_at=None,
            ),
        )
        queued.append(QueuedDelivery(delivery_id, hook.id))
    return queued


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(value: dt.datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")
