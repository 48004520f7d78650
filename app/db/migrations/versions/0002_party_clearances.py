"""party clearances

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "party_clearances",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("list_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.String(length=200), nullable=True),
        sa.Column("party_name", sa.String(length=500), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_party_clearances_tenant", "party_clearances", ["tenant", "revoked_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_party_clearances_tenant", table_name="party_clearances")
    op.drop_table("party_clearances")
