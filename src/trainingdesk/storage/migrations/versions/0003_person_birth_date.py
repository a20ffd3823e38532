"""People may have a date of birth (from rosters; optional).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 02:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("birth_date")
