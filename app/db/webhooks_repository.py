"""SQL of webhooks, their deliveries and attempts; every query of a tenant's data names the tenant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.models import Webhook, WebhookAttempt, WebhookDelivery


def add_webhook(session: Session, row: Webhook) -> None:
    session.add(row)


def list_webhooks(session: Session, tenant: str) -> Sequence[Webhook]:
    return session.scalars(
        select(Webhook)
        .where(Webhook.tenant == tenant, Webhook.deleted_at.is_(None))
        .order_by(Webhook.created_at, Webhook.id)
    ).all()


def get_webhook(session: Session, tenant: str, webhook_id: str) -> Webhook | None:
    return session.scalar(
        select(Webhook).where(
            Webhook.tenant == tenant, Webhook.id == webhook_id, Webhook.deleted_at.is_(None)
        )
    )


def delete_webhook(session: Session, tenant: str, webhook_id: str, now: dt.datetime) -> bool:
    """Stop a webhook: it stays for the audit of its deliveries; the ones waiting are cancelled."""
    result = session.execute(
        update(Webhook)
        .where(Webhook.tenant == tenant, Webhook.id == webhook_id, Webhook.deleted_at.is_(None))
        .values(deleted_at=now)
    )
    if not getattr(result, "rowcount", 0):
        return False
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == webhook_id, WebhookDelivery.status == "pending")
        .values(status="cancelled", next_attempt_at=None)
    )
    return True


def add_delivery(session: Session, row: WebhookDelivery) -> None:
    session.add(row)


def get_delivery(session: Session, delivery_id: str) -> WebhookDelivery | None:
    """For the worker, which is handed a delivery id by the queue."""
    return session.get(WebhookDelivery, delivery_id)


def webhook_of(session: Session, delivery: WebhookDelivery) -> Webhook | None:
    return session.get(Webhook, delivery.webhook_id)


def earlier_pending(session: Session, delivery: WebhookDelivery) -> WebhookDelivery | None:
    """The oldest delivery to the same endpoint still waiting before this one (deliveries keep order)."""
    return session.scalar(
        select(WebhookDelivery)
        .where(
            WebhookDelivery.webhook_id == delivery.webhook_id,
            WebhookDelivery.status == "pending",
            WebhookDelivery.id < delivery.id,
        )
        .order_by(WebhookDelivery.id)
        .limit(1)
    )


def list_deliveries(session: Session, tenant: str, webhook_id: str, limit: int) -> Sequence[WebhookDelivery]:
    return session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.tenant == tenant, WebhookDelivery.webhook_id == webhook_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    ).all()


def attempts_of(session: Session, delivery_ids: Sequence[str]) -> Sequence[WebhookAttempt]:
    if not delivery_ids:
        return []
    return session.scalars(
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(delivery_ids))
        .order_by(WebhookAttempt.delivery_id, WebhookAttempt.number)
    ).all()


def add_attempt(session: Session, row: WebhookAttempt) -> None:
    session.add(row)


def pending_deliveries(session: Session) -> Sequence[WebhookDelivery]:
    """Deliveries a stopped process left waiting, in order."""
    return session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.status == "pending").order_by(WebhookDelivery.id)
    ).all()
