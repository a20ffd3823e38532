"""Audit entries carry the reason a user gave, e.g. for unlocking a signed-off session.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("reason")
