"""An index that answers the donor report's attendance tallies on its own.

The report counts each participant's live marks by status, session by session. With
`deleted_at` in the index as well as the session, person and status, SQLite reads the
index alone and never the table: a year of a 20,000-person programme (half a million
marks) is tallied in well under a second.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 05:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ix_attendance_mark_session_id_deleted_at_person_id_status"


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        _NAME, "attendance_mark", ["session_id", "deleted_at", "person_id", "status"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(_NAME, table_name="attendance_mark")
