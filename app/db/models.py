"""Tables. All SQL lives in app/db/repository.py; schema changes go through Alembic migrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(100), index=True)
    label: Mapped[str | None] = mapped_column(String(200))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the key
    key_prefix: Mapped[str] = mapped_column(String(16))  # shown in listings, never enough to use
    admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Operator scope: campaigns and list reloads, which every tenant shares (an admin's reach ends
    # at its own tenant).
    operator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Screening(Base):
    __tablename__ = "screenings"
    __table_args__ = (
        UniqueConstraint("tenant", "idempotency_key", name="uq_screenings_tenant_idempotency_key"),
        Index("ix_screenings_tenant_created", "tenant", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100))
    reference: Mapped[str | None] = mapped_column(String(200), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    departure_date: Mapped[dt.date] = mapped_column(Date)
    shipper_id: Mapped[str | None] = mapped_column(String(200))
    consignee_id: Mapped[str | None] = mapped_column(String(200))
    destination_country: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(40))
    risk_score: Mapped[int] = mapped_column(Integer)
    risk_level: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    line_count: Mapped[int] = mapped_column(Integer)
    result: Mapped[bytes] = mapped_column(LargeBinary)  # the response body exactly as first returned


class ShipmentGoods(Base):
    """History: one row per kind of goods of a recorded screening, read by the pattern rules."""

    __tablename__ = "shipment_goods"
    __table_args__ = (Index("ix_shipment_goods_history", "tenant", "shipper_id", "departure_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    screening_id: Mapped[str] = mapped_column(ForeignKey("screenings.id", ondelete="CASCADE"), index=True)
    tenant: Mapped[str] = mapped_column(String(100))
    shipper_id: Mapped[str] = mapped_column(String(200))
    consignee_id: Mapped[str | None] = mapped_column(String(200))
    destination_country: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(40))
    departure_date: Mapped[dt.date] = mapped_column(Date)
    description_key: Mapped[str] = mapped_column(String(400))
    category: Mapped[str | None] = mapped_column(String(40))
    brand: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    packages: Mapped[int] = mapped_column(Integer)
    value_usd: Mapped[float] = mapped_column(Float)
    high_risk: Mapped[bool] = mapped_column(Boolean)


class CampaignRow(Base):
    """A campaign set by an operator (PUT /v1/campaigns/{id}); overrides a shipped file of that id."""

    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    spec: Mapped[str] = mapped_column(Text)  # CampaignSpec as JSON
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))


class AuthorizationRow(Base):
    __tablename__ = "authorizations"
    __table_args__ = (Index("ix_authorizations_tenant_shipper", "tenant", "shipper_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100))
    brand: Mapped[str] = mapped_column(String(200))
    shipper_id: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PartyClearanceRow(Base):
    """A tenant's review that a party is not a list entry it matched (kept, revoked or not, for audit)."""

    __tablename__ = "party_clearances"
    __table_args__ = (Index("ix_party_clearances_tenant", "tenant", "revoked_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100))
    list_id: Mapped[str] = mapped_column(String(64))
    entry_id: Mapped[str] = mapped_column(String(200))
    party_id: Mapped[str | None] = mapped_column(String(200))
    party_name: Mapped[str | None] = mapped_column(String(500))
    reason: Mapped[str] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ScreeningInput(Base):
    """What re-screening needs of a recorded screening: its request, and the versions of its latest
    result. Written with the screening; its versions move on with every re-screening."""

    __tablename__ = "screening_inputs"
    __table_args__ = (Index("ix_screening_inputs_due", "departure_date", "screening_id"),)

    screening_id: Mapped[str] = mapped_column(
        ForeignKey("screenings.id", ondelete="CASCADE"), primary_key=True
    )
    tenant: Mapped[str] = mapped_column(String(100))
    departure_date: Mapped[dt.date] = mapped_column(Date)
    request: Mapped[bytes] = mapped_column(LargeBinary)  # the validated request as JSON
    engine_version: Mapped[str] = mapped_column(String(80))
    brand_list_version: Mapped[str] = mapped_column(String(80))
    campaigns_version: Mapped[str] = mapped_column(String(80))
    screened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    decision: Mapped[str] = mapped_column(String(20))


class ScreeningResult(Base):
    """A later result of a recorded screening, stored beside the first (never over it)."""

    __tablename__ = "screening_results"
    __table_args__ = (Index("ix_screening_results_screening", "screening_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    screening_id: Mapped[str] = mapped_column(ForeignKey("screenings.id", ondelete="CASCADE"))
    tenant: Mapped[str] = mapped_column(String(100))
    screened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    versions: Mapped[str] = mapped_column(Text)  # JSON, as in the body
    risk_score: Mapped[int] = mapped_column(Integer)
    risk_level: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    result: Mapped[bytes] = mapped_column(LargeBinary)


class JobRow(Base):
    """An async screening as the API reports it; the queue only says when to run it."""

    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("tenant", "idempotency_key", name="uq_jobs_tenant_idempotency_key"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))  # queued, running, done, failed
    lines_total: Mapped[int] = mapped_column(Integer)
    lines_done: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    screening_id: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)  # problem+json object
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)  # the request; dropped once done
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Webhook(Base):
    __tablename__ = "webhooks"
    __table_args__ = (Index("ix_webhooks_tenant", "tenant", "created_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(200))  # kept: every delivery is signed with it
    events: Mapped[str] = mapped_column(Text)  # JSON list
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_webhook", "webhook_id", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    tenant: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(100))
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # the exact body every attempt sends
    status: Mapped[str] = mapped_column(String(20))  # pending, delivered, failed, cancelled
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookAttempt(Base):
    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery", "delivery_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer)
