"""All SQL of the service. Every query of tenant data names its tenant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db.models import ApiKey, AuthorizationRow, CampaignRow, PartyClearanceRow, Screening, ShipmentGoods
from app.engine.types import Authorization, Channel, GoodsSignature, PartyClearance, PastShipment


@dataclass(frozen=True)
class ScreeningFilter:
    reference: str | None = None
    decision: str | None = None
    created_from: dt.datetime | None = None
    created_to: dt.datetime | None = None


# --- API keys -----------------------------------------------------------------------------


def find_api_key(session: Session, key_hash: str) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None)))


def add_api_key(session: Session, key: ApiKey) -> None:
    session.add(key)


def list_api_keys(session: Session, tenant: str | None = None) -> Sequence[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.id)
    if tenant is not None:
        query = query.where(ApiKey.tenant == tenant)
    return session.scalars(query).all()


def revoke_api_key(session: Session, key_id: int, now: dt.datetime) -> bool:
    result = session.execute(
        update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None)).values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


# --- screenings -----------------------------------------------------------------------------


def find_by_idempotency_key(session: Session, tenant: str, key: str) -> Screening | None:
    return session.scalar(
        select(Screening).where(Screening.tenant == tenant, Screening.idempotency_key == key)
    )


def get_screening(session: Session, tenant: str, screening_id: str) -> Screening | None:
    return session.scalar(select(Screening).where(Screening.tenant == tenant, Screening.id == screening_id))


def add_screening(session: Session, screening: Screening, goods: Sequence[GoodsSignature]) -> None:
    """The screening and its history rows, in the caller's transaction."""
    session.add(screening)
    session.flush()
    if screening.shipper_id is None or not goods:
        return
    session.execute(
        insert(ShipmentGoods),
        [
            {
                "screening_id": screening.id,
                "tenant": screening.tenant,
                "shipper_id": screening.shipper_id,
                "consignee_id": screening.consignee_id,
                "destination_country": screening.destination_country,
                "channel": screening.channel,
                "departure_date": screening.departure_date,
                "description_key": g.description_key[:400],
                "category": g.category,
                "brand": g.brand,
                "quantity": g.quantity,
                "packages": g.packages,
                "value_usd": g.value_usd,
                "high_risk": g.high_risk,
            }
            for g in goods
        ],
    )


def list_screenings(
    session: Session,
    tenant: str,
    filters: ScreeningFilter,
    limit: int,
    after: tuple[dt.datetime, str] | None,
) -> Sequence[Screening]:
    """Newest first; `after` is the (created_at, id) of the last item of the previous page."""
    query = select(Screening).where(Screening.tenant == tenant)
    if filters.reference is not None:
        query = query.where(Screening.reference == filters.reference)
    if filters.decision is not None:
        query = query.where(Screening.decision == filters.decision)
    if filters.created_from is not None:
        query = query.where(Screening.created_at >= filters.created_from)
    if filters.created_to is not None:
        query = query.where(Screening.created_at < filters.created_to)
    if after is not None:
        created, last_id = after
        query = query.where(
            or_(Screening.created_at < created, and_(Screening.created_at == created, Screening.id < last_id))
        )
    query = query.order_by(Screening.created_at.desc(), Screening.id.desc()).limit(limit)
    return session.scalars(query).all()


def shipper_history(
    session: Session, tenant: str, shipper_id: str, since: dt.date, until: dt.date
) -> tuple[PastShipment, ...]:
    """The tenant's earlier shipments of one shipper departing within [since, until]."""
    rows = session.execute(
        select(ShipmentGoods)
        .where(
            ShipmentGoods.tenant == tenant,
            ShipmentGoods.shipper_id == shipper_id,
            ShipmentGoods.departure_date >= since,
            ShipmentGoods.departure_date <= until,
        )
        .order_by(ShipmentGoods.departure_date, ShipmentGoods.screening_id, ShipmentGoods.id)
    ).scalars()
    shipments: dict[str, tuple[ShipmentGoods, list[GoodsSignature]]] = {}
    for row in rows:
        entry = shipments.setdefault(row.screening_id, (row, []))
        entry[1].append(
            GoodsSignature(
                description_key=row.description_key,
                category=row.category,
                brand=row.brand,
                quantity=row.quantity,
                value_usd=row.value_usd,
                high_risk=row.high_risk,
                packages=row.packages,
            )
        )
    return tuple(
        PastShipment(
            screening_id=screening_id,
            departure_date=first.departure_date,
            consignee_id=first.consignee_id,
            destination_country=first.destination_country,
            channel=Channel(first.channel),
            goods=tuple(goods),
        )
        for screening_id, (first, goods) in shipments.items()
    )


# --- campaigns ------------------------------------------------------------------------------


def list_campaign_rows(session: Session) -> Sequence[CampaignRow]:
    return session.scalars(select(CampaignRow).order_by(CampaignRow.id)).all()


def upsert_campaign(
    session: Session, campaign_id: str, spec_json: str, tenant: str, now: dt.datetime
) -> None:
    row = session.get(CampaignRow, campaign_id)
    if row is None:
        session.add(CampaignRow(id=campaign_id, spec=spec_json, updated_at=now, updated_by=tenant))
    else:
        row.spec, row.updated_at, row.updated_by = spec_json, now, tenant


def delete_campaign(session: Session, campaign_id: str) -> bool:
    row = session.get(CampaignRow, campaign_id)
    if row is None:
        return False
    session.delete(row)
    return True


# --- authorizations -------------------------------------------------------------------------


def add_authorization(session: Session, row: AuthorizationRow) -> None:
    session.add(row)


def list_authorizations(
    session: Session, tenant: str, shipper_id: str | None = None, include_revoked: bool = False
) -> Sequence[AuthorizationRow]:
    query = select(AuthorizationRow).where(AuthorizationRow.tenant == tenant)
    if shipper_id is not None:
        query = query.where(AuthorizationRow.shipper_id == shipper_id)
    if not include_revoked:
        query = query.where(AuthorizationRow.revoked_at.is_(None))
    return session.scalars(query.order_by(AuthorizationRow.created_at, AuthorizationRow.id)).all()


def revoke_authorization(session: Session, tenant: str, authorization_id: str, now: dt.datetime) -> bool:
    result = session.execute(
        update(AuthorizationRow)
        .where(
            AuthorizationRow.tenant == tenant,
            AuthorizationRow.id == authorization_id,
            AuthorizationRow.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def authorizations_in_force(
    session: Session, tenant: str, shipper_id: str, on: dt.date
) -> tuple[Authorization, ...]:
    rows = session.scalars(
        select(AuthorizationRow).where(
            AuthorizationRow.tenant == tenant,
            AuthorizationRow.shipper_id == shipper_id,
            AuthorizationRow.revoked_at.is_(None),
            AuthorizationRow.valid_from <= on,
            AuthorizationRow.valid_to >= on,
        )
    ).all()
    return tuple(
        Authorization(
            brand=r.brand,
            shipper_id=r.shipper_id,
            reference=r.reference,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
        )
        for r in rows
    )


# --- party clearances -----------------------------------------------------------------------


def add_party_clearance(session: Session, row: PartyClearanceRow) -> None:
    session.add(row)


def list_party_clearances(
    session: Session, tenant: str, include_revoked: bool = False
) -> Sequence[PartyClearanceRow]:
    query = select(PartyClearanceRow).where(PartyClearanceRow.tenant == tenant)
    if not include_revoked:
        query = query.where(PartyClearanceRow.revoked_at.is_(None))
    return session.scalars(query.order_by(PartyClearanceRow.created_at, PartyClearanceRow.id)).all()


def revoke_party_clearance(session: Session, tenant: str, clearance_id: str, now: dt.datetime) -> bool:
    result = session.execute(
        update(PartyClearanceRow)
        .where(
            PartyClearanceRow.tenant == tenant,
            PartyClearanceRow.id == clearance_id,
            PartyClearanceRow.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def party_clearances_in_force(session: Session, tenant: str) -> tuple[PartyClearance, ...]:
    return tuple(
        PartyClearance(
            clearance_id=r.id,
            list_id=r.list_id,
            entry_id=r.entry_id,
            party_id=r.party_id,
            party_name=r.party_name,
            reason=r.reason,
            reviewed_by=r.reviewed_by,
            created_at=r.created_at,
        )
        for r in list_party_clearances(session, tenant)
    )
