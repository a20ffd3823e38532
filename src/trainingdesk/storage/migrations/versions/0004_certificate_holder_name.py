"""Certificates keep the holder's name as printed and signed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("holder_name", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("holder_name")
