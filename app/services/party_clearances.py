"""Party clearances: a tenant's reviewed false matches, recorded and revoked here, each committed at once."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from app.db import repository
from app.db.models import PartyClearanceRow
from app.errors import InvalidInput, NotFound
from app.reference.knowledge import Knowledge
from app.schemas.parties import PartyClearanceIn


def record(session: Session, knowledge: Knowledge, tenant: str, body: PartyClearanceIn) -> PartyClearanceRow:
    """Store a clearance of one loaded entry for one party; 422 for an entry that is not loaded."""
    if knowledge.parties.entry(body.list, body.entry_id) is None:
        raise InvalidInput.at(
            ["body", "entry_id"],
            f"no entry {body.entry_id!r} on list {body.list!r} of the loaded party lists; copy list and "
            "entry_id from the PARTY_LISTED evidence",
        )
    row = PartyClearanceRow(
        id="pcl_" + secrets.token_hex(10),
        tenant=tenant,
        list_id=body.list,
        entry_id=body.entry_id,
        party_id=body.party_id,
        party_name=body.party_name,
        reason=body.reason,
        reviewed_by=body.reviewed_by,
        created_at=dt.datetime.now(dt.UTC),
        revoked_at=None,
    )
    repository.add_party_clearance(session, row)
    session.commit()
    return row


def revoke(session: Session, tenant: str, clearance_id: str) -> None:
    """Mark a clearance revoked (kept for audit); 404 when none is in force."""
    if not repository.revoke_party_clearance(session, tenant, clearance_id, dt.datetime.now(dt.UTC)):
        raise NotFound(f"no party clearance {clearance_id!r} in force for this tenant")
    session.commit()
