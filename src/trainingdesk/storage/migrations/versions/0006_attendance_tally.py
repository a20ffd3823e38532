"""Attendance tallies kept for the reports, and the triggers that say when they are stale.

The donor report of a year needs every participant's present, late and excused sessions
and days attended, exercise by exercise: half a million marks to sort on a large
programme. `attendance_tally` holds those sums; a report recounts only the exercises
listed in `attendance_tally_stale`. Triggers, not the services, write that list, so that
every write path (marking, imports from field laptops, merges, session changes, bulk
loads) keeps it exact. Every existing exercise starts stale: the first report counts it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A mark counts towards its session's exercise; a session change (moved, re-dated,
# deleted or restored) changes every tally of its exercise.
_SQLITE_TRIGGERS = {
    "attendance_mark_inserted": """
        AFTER INSERT ON attendance_mark BEGIN
            {stale} SELECT exercise_id, 1 FROM training_session WHERE id = NEW.session_id
            {bump};
        END""",
    "attendance_mark_updated": """
        AFTER UPDATE OF session_id, person_id, status, deleted_at ON attendance_mark BEGIN
            {stale} SELECT exercise_id, 1 FROM training_session
                WHERE id IN (OLD.session_id, NEW.session_id)
            {bump};
        END""",
    "attendance_mark_deleted": """
        AFTER DELETE ON attendance_mark BEGIN
            {stale} SELECT exercise_id, 1 FROM training_session WHERE id = OLD.session_id
            {bump};
        END""",
    "training_session_updated": """
        AFTER UPDATE OF exercise_id, day, deleted_at ON training_session BEGIN
            {stale} SELECT id, 1 FROM exercise WHERE id IN (OLD.exercise_id, NEW.exercise_id)
            {bump};
        END""",
    "training_session_deleted": """
        AFTER DELETE ON training_session BEGIN
            {stale} SELECT id, 1 FROM exercise WHERE id = OLD.exercise_id
            {bump};
        END""",
}
_STALE = "INSERT INTO attendance_tally_stale (exercise_id, version)"
# The SELECT's WHERE clause is what lets SQLite parse an upsert after INSERT ... SELECT.
_BUMP = "ON CONFLICT (exercise_id) DO UPDATE SET version = attendance_tally_stale.version + 1"

# OLD is NULL in an insert trigger and NEW in a delete trigger (PostgreSQL 11 and later).
_POSTGRESQL_FUNCTIONS = {
    "attendance_mark_changed": """
        BEGIN
            INSERT INTO attendance_tally_stale (exercise_id, version)
            SELECT DISTINCT exercise_id, 1 FROM training_session
            WHERE id IN (OLD.session_id, NEW.session_id)
            {bump};
            RETURN NULL;
        END""",
    "training_session_changed": """
        BEGIN
            INSERT INTO attendance_tally_stale (exercise_id, version)
            SELECT DISTINCT id, 1 FROM exercise
            WHERE id IN (OLD.exercise_id, NEW.exercise_id)
            {bump};
            RETURN NULL;
        END""",
}
_POSTGRESQL_TRIGGERS = {
    "attendance_mark_changed": (
        "AFTER INSERT OR DELETE OR UPDATE OF session_id, person_id, status, deleted_at "
        "ON attendance_mark"
    ),
    "training_session_changed": (
        "AFTER DELETE OR UPDATE OF exercise_id, day, deleted_at ON training_session"
    ),
}


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "attendance_tally",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("late", sa.Integer(), nullable=False),
        sa.Column("excused", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("exercise_id", "person_id", name=op.f("pk_attendance_tally")),
    )
    op.create_table(
        "attendance_tally_stale",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("exercise_id", name=op.f("pk_attendance_tally_stale")),
    )
    op.execute(
        "INSERT INTO attendance_tally_stale (exercise_id, version) SELECT id, 1 FROM exercise"
    )
    if op.get_bind().dialect.name == "postgresql":
        for function, body in _POSTGRESQL_FUNCTIONS.items():
            op.execute(
                f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$"
                f"{body.format(bump=_BUMP)}$$"
            )
        for function, when in _POSTGRESQL_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {function} {when} FOR EACH ROW EXECUTE FUNCTION {function}()"
            )
    else:
        for name, body in _SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body.format(stale=_STALE, bump=_BUMP)}")


def downgrade() -> None:
    """Undo this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for function, when in _POSTGRESQL_TRIGGERS.items():
            table = when.rsplit(" ", 1)[1]
            op.execute(f"DROP TRIGGER {function} ON {table}")
            op.execute(f"DROP FUNCTION {function}()")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("attendance_tally_stale")
    op.drop_table("attendance_tally")
