"""Bodies of /v1/webhooks (CONTRACT.md, Additions)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventName = Literal["screening.decision_worsened", "job.finished"]


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=8,
        max_length=2000,
        description="An http(s) endpoint on a public address.",
        examples=["https://erp.example.com/hooks/prescreen"],
    )
    secret: str = Field(
        min_length=16,
        max_length=200,
        description="Signs every delivery: Prescreen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "
        'the secret over "<t>." + the raw body>.',
        examples=["whsec-change-me-0123456789"],
    )
    events: list[EventName] = Field(min_length=1, examples=[["screening.decision_worsened"]])


class WebhookOut(BaseModel):
    webhook_id: str
    url: str
    events: list[str]
    created_at: dt.datetime


class WebhookList(BaseModel):
    items: list[WebhookOut]


class AttemptOut(BaseModel):
    number: int
    at: dt.datetime
    status_code: int | None = Field(description="The endpoint's answer; null when none came.")
    error: str | None
    duration_ms: int


class DeliveryOut(BaseModel):
    delivery_id: str
    event: str
    status: Literal["pending", "delivered", "failed", "cancelled"]
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    next_retry_at: dt.datetime | None = Field(description="When pending: the next attempt.")
    attempts: list[AttemptOut]


class DeliveryList(BaseModel):
    items: list[DeliveryOut]
