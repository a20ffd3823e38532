"""Bring the attendance tallies that reports read up to date with the marks.

The database's triggers list every exercise whose marks or sessions changed in
`attendance_tally_stale` (migration 0006); `refresh_tallies` recounts just those, so a
report after a day of marking recounts one exercise, not the programme.
"""

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Select,
    and_,
    bindparam,
    case,
    cast,
    delete,
    distinct,
    func,
    insert,
    or_,
    select,
    update,
)

from trainingdesk.domain.enums import AttendanceStatus, EnrolmentStatus
from trainingdesk.storage.models import (
    Assessment,
    AttendanceMark,
    AttendanceTally,
    Enrolment,
    StaleAttendanceTally,
    TrainingSession,
)
from trainingdesk.storage.unit_of_work import UnitOfWork

_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])
# Shares and scores are compared as `domain.completion` compares them.
TOLERANCE = 1e-9
# Well under SQLite's and PostgreSQL's limits on bound parameters per statement.
_CHUNK = 1000


def bring_up_to_date(uow: UnitOfWork, exercises: Select[uuid.UUID]) -> bool:
    """Recount the stale tallies among `exercises`, committed, before a report reads them.

    Ends the unit of work's transaction so far (it must only have read). Returns whether
    anything was recounted; nothing is written when nothing changed, so that reports of a
    database whose tallies are up to date never write.
    """
    if not any_stale(uow.session.connection(), exercises):
        return False
    # The recount must begin its own transaction: on SQLite a transaction that has read
    # cannot start writing once another connection has written.
    uow.commit()
    refresh_tallies(uow.session.connection(), exercises)
    uow.commit()
    return True


def with_tally_and_scores(query: _Query) -> _Query:
    """`query`, over enrolments, with each one's tally and test scores outer-joined, as
    `completes_exercise` needs them."""
    return query.outerjoin(
        AttendanceTally,
        and_(
            AttendanceTally.exercise_id == Enrolment.exercise_id,
            AttendanceTally.person_id == Enrolment.person_id,
        ),
    ).outerjoin(
        Assessment,
        and_(
            Assessment.exercise_id == Enrolment.exercise_id,
            Assessment.person_id == Enrolment.person_id,
            Assessment.deleted_at.is_(None),
        ),
    )


def completes_exercise(rule: Any, sessions: ColumnElement[int]) -> ColumnElement[bool]:
    """Whether an enrolment completed its exercise: `domain.completion.evaluate` in SQL.

    `rule` has the exercise's rule as columns (`min_attendance_share`,
    `late_counts_as_present`, `excused_in_denominator`, `post_test_pass_mark`: the
    `Exercise` model or a subquery of them) and `sessions` counts its live sessions. The
    query joins `Enrolment`, then the tally and scores (`with_tally_and_scores`).
    """
    tally = AttendanceTally
    present = func.coalesce(tally.present, 0)
    late = func.coalesce(tally.late, 0)
    excused = func.coalesce(tally.excused, 0)
    attended = present + case((rule.late_counts_as_present, late), else_=0)
    counted = sessions - case((rule.excused_in_denominator, 0), else_=excused)
    share = cast(attended, Float) / func.nullif(counted, 0)
    return and_(
        Enrolment.status == EnrolmentStatus.ENROLLED,
        sessions > 0,
        counted > 0,
        share + TOLERANCE >= rule.min_attendance_share,
        or_(
            rule.post_test_pass_mark.is_(None),
            and_(
                Assessment.post_test.is_not(None),
                Assessment.post_test + TOLERANCE >= rule.post_test_pass_mark,
            ),
        ),
    )


def any_stale(connection: Connection, exercises: Select[uuid.UUID]) -> bool:
    """Whether any of `exercises` needs recounting (a read: reports of a read-only copy
    whose tallies are up to date never write)."""
    stale = StaleAttendanceTally
    found = select(stale.exercise_id).where(stale.exercise_id.in_(exercises)).limit(1)
    return connection.scalar(found) is not None


def refresh_tallies(connection: Connection, exercises: Select[uuid.UUID]) -> int:
    """Recount the stale exercises among `exercises`; how many were recounted.

    Must be the first statement of the caller's transaction, which the caller commits.
    """
    stale = StaleAttendanceTally
    # A write before any read: on SQLite it takes the write lock at once (a transaction
    # that has read cannot write once another connection has written); on PostgreSQL it
    # locks these rows, so that two reports do not recount the same exercise together.
    connection.execute(
        update(stale).where(stale.exercise_id.in_(exercises)).values(version=stale.version)
    )
    seen = connection.execute(
        select(stale.exercise_id, stale.version).where(stale.exercise_id.in_(exercises))
    ).all()
    if not seen:
        return 0
    ids = [exercise_id for exercise_id, _version in seen]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        connection.execute(delete(AttendanceTally).where(AttendanceTally.exercise_id.in_(chunk)))
        connection.execute(
            insert(AttendanceTally).from_select(
                ["exercise_id", "person_id", "present", "late", "excused", "days"],
                tallies(chunk),
            )
        )
    # A change made while counting raised the version: that exercise stays stale.
    connection.execute(
        delete(stale).where(
            stale.exercise_id == bindparam("exercise"), stale.version == bindparam("counted")
        ),
        [{"exercise": exercise_id, "counted": version} for exercise_id, version in seen],
    )
    return len(seen)


def tallies(
    exercise_ids: Sequence[uuid.UUID],
) -> Select[uuid.UUID, uuid.UUID, int, int, int, int]:
    """Per exercise and person: present, late and excused sessions, and days attended.

    Only live marks of live sessions; absent marks count for nothing, as an unmarked
    session does (`domain.completion.AttendanceTally`).
    """
    session, mark = TrainingSession, AttendanceMark
    return (
        select(
            session.exercise_id,
            mark.person_id,
            func.count().filter(mark.status == AttendanceStatus.PRESENT),
            func.count().filter(mark.status == AttendanceStatus.LATE),
            func.count().filter(mark.status == AttendanceStatus.EXCUSED),
            func.count(distinct(case((mark.status.in_(_ATTENDED), session.day)))),
        )
        .select_from(session)
        .join(mark, mark.session_id == session.id)
        .where(
            session.exercise_id.in_(exercise_ids),
            session.deleted_at.is_(None),
            mark.deleted_at.is_(None),
            mark.status != AttendanceStatus.ABSENT,
        )
        .group_by(session.exercise_id, mark.person_id)
    )
