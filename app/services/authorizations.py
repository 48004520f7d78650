"""Authorizations on file: recorded and revoked here, each change committed at once."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from app.db import repository
from app.db.models import AuthorizationRow
from app.errors import InvalidInput, NotFound
from app.reference.knowledge import Knowledge
from app.schemas.reference import AuthorizationIn


def record(session: Session, knowledge: Knowledge, tenant: str, body: AuthorizationIn) -> AuthorizationRow:
    """Store an authorization for a recorded mark; 422 naming near marks for any other name."""
    brand = knowledge.catalog.get(body.brand)
    if brand is None:
        suggestions = [hit.brand for hit in knowledge.matcher.search(body.brand, limit=3)]
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise InvalidInput.at(
            ["body", "brand"], f"{body.brand!r} is not a recorded mark of the brand lists{hint}"
        )
    row = AuthorizationRow(
        id="auth_" + secrets.token_hex(10),
        tenant=tenant,
        brand=brand.name,
        shipper_id=body.shipper_id,
        reference=body.reference,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        created_at=dt.datetime.now(dt.UTC),
        revoked_at=None,
    )
    repository.add_authorization(session, row)
    session.commit()
    return row


def revoke(session: Session, tenant: str, authorization_id: str) -> None:
    """Mark an authorization revoked (kept for audit); 404 when none is in force."""
    if not repository.revoke_authorization(session, tenant, authorization_id, dt.datetime.now(dt.UTC)):
        raise NotFound(f"no authorization {authorization_id!r} in force for this tenant")
    session.commit()
