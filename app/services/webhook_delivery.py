"""One attempt at a webhook delivery: a signed JSON POST, recorded whatever happens, with the next
attempt scheduled on an exponential backoff."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time

import httpx

from app import __version__
from app.db import webhooks_repository as repo
from app.db.models import WebhookAttempt
from app.services.background import JobEnv
from app.services.url_safety import UnsafeUrl, check_url

# A delivery behind an earlier one to the same endpoint looks again after this many seconds.
ORDER_WAIT_SECONDS = 0.5


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The Prescreen-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>." + body>."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def backoff_seconds(base: float, attempts_made: int) -> float:
    """The wait before the next attempt: base, then doubled after each further failure."""
    return base * float(2 ** max(0, attempts_made - 1))


def attempt(env: JobEnv, delivery_id: str) -> float | None:
    """Make one attempt; returns the seconds until the next one, or None when there is none to make
    (delivered, given up, cancelled)."""
    settings = env.settings
    with env.sessions() as session:
        delivery = repo.get_delivery(session, delivery_id)
        if delivery is None or delivery.status != "pending":
            return None
        hook = repo.webhook_of(session, delivery)
        if hook is None or hook.deleted_at is not None:
            delivery.status, delivery.next_attempt_at = "cancelled", None
            session.commit()
            return None
        if repo.earlier_pending(session, delivery) is not None:
            return ORDER_WAIT_SECONDS  # not an attempt: the endpoint gets its events in order
        url, secret, payload, event = hook.url, hook.secret, delivery.payload, delivery.event
        number = delivery.attempts + 1

    started = time.perf_counter()
    status_code: int | None = None
    error: str | None = None
    try:
        check_url(url, allow_private=settings.webhooks_allow_private)  # again: DNS may have changed
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"prescreen/{__version__}",
            "Prescreen-Event": event,
            "Prescreen-Delivery": delivery_id,
            "Prescreen-Signature": signature(secret, int(time.time()), payload),
        }
        response = httpx.post(url, content=payload, headers=headers, timeout=settings.webhook_timeout_seconds)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"the endpoint answered {status_code}"
    except UnsafeUrl as exc:
        error = str(exc)
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration_ms = int((time.perf_counter() - started) * 1000)

    now = dt.datetime.now(dt.UTC)
    with env.sessions() as session:
        delivery = repo.get_delivery(session, delivery_id)
        if delivery is None:
            return None
        repo.add_attempt(
            session,
            WebhookAttempt(
                delivery_id=delivery_id,
                number=number,
                at=now,
                status_code=status_code,
                error=error,
                duration_ms=duration_ms,
            ),
        )
        delivery.attempts = number
        retry_in: float | None = None
        if error is None:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
        elif number >= settings.webhook_max_attempts:
            delivery.status, delivery.next_attempt_at = "failed", None
        else:
            retry_in = backoff_seconds(settings.webhook_retry_base_seconds, number)
            delivery.next_attempt_at = now + dt.timedelta(seconds=retry_in)
        session.commit()
        outcome = "delivered" if error is None else ("retry" if retry_in is not None else "failed")
    env.metrics.webhook_attempts.labels(outcome).inc()
    return retry_in
