"""The attendance grid of an exercise: read in a few Core queries, written cell by cell.

Marks are what coordinators enter most, hours later from paper, on laptops with
unreliable power: every call here is one transaction committed before it returns.
"""

import uuid

from sqlalchemy import select

from trainingdesk.domain.enums import Role
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import (
    AttendanceGrid,
    GridParticipant,
    GridSession,
    MarkChange,
    MarkRecord,
    SignInSheet,
)
from trainingdesk.services.exercises import ExerciseService, rule_of
from trainingdesk.storage.models import (
    Agency,
    Assessment,
    AttendanceMark,
    Enrolment,
    Module,
    Person,
    TrainingSession,
    utcnow,
)
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory


class AttendanceGridService:
    """Read the grid, set and clear marks (one or many at once), sign sessions off."""

    def __init__(self, unit_of_work: UnitOfWorkFactory, exercises: ExerciseService) -> None:
        self._uow = unit_of_work
        self._exercises = exercises

    def grid(self, exercise_id: uuid.UUID) -> AttendanceGrid:
        """Participants, sessions and marks of an exercise.

        Rows come through the Core connection: building ORM objects for a 300 x 30 grid
        would cost more than the queries.
        """
        exercise = self._exercises.get(exercise_id)
        with self._uow() as uow:
            row = uow.exercises.require(exercise_id)
            rule = rule_of(row)
            sessions = _grid_sessions(uow, exercise_id)
            participants = _participants(uow, exercise_id)
            connection = uow.session.connection()
            session_ids = [s.id for s in sessions]
            marks: dict[tuple[uuid.UUID, uuid.UUID], MarkRecord] = {}
            if session_ids:
                query = select(
                    AttendanceMark.session_id,
                    AttendanceMark.person_id,
                    AttendanceMark.status,
                    AttendanceMark.remark,
                ).where(
                    AttendanceMark.session_id.in_(session_ids),
                    AttendanceMark.deleted_at.is_(None),
                )
                for session_id, person_id, status, remark in connection.execute(query):
                    marks[session_id, person_id] = MarkRecord(session_id, person_id, status, remark)
            post_tests = {
                person_id: score
                for person_id, score in connection.execute(
                    select(Assessment.person_id, Assessment.post_test).where(
                        Assessment.exercise_id == exercise_id,
                        Assessment.deleted_at.is_(None),
                    )
                )
                if score is not None
            }
        return AttendanceGrid(
            exercise=exercise,
            rule=rule,
            participants=tuple(participants),
            sessions=tuple(sessions),
            marks=marks,
            post_tests=post_tests,
        )

    def set_marks(self, changes: list[MarkChange]) -> list[MarkChange]:
        """Apply every change or none; returns the changes that put the cells back (undo).

        A locked session, a person not enrolled, or a session of a deleted exercise
        refuses the whole batch.
        """
        if not changes:
            return []
        with self._uow() as uow:
            sessions = {
                s.id: s
                for s in uow.sessions.where(TrainingSession.id.in_({c.session_id for c in changes}))
            }
            exercise_ids = {s.exercise_id for s in sessions.values()}
            missing = {c.session_id for c in changes} - sessions.keys()
            if missing:
                raise NotFound("a session of these marks no longer exists")
            for session in sessions.values():
                if session.locked_at is not None:
                    raise Conflict(
                        f"the session of {session.day.isoformat()} is signed off by "
                        f"{session.locked_by or 'the coordinator'}; unlock it to change marks"
                    )
            enrolled = {
                (e.exercise_id, e.person_id)
                for e in uow.enrolments.where(
                    Enrolment.exercise_id.in_(exercise_ids),
                    Enrolment.person_id.in_({c.person_id for c in changes}),
                )
            }
            # Tombstones too: setting a cleared cell again brings its row back.
            existing = {
                (m.session_id, m.person_id): m
                for m in uow.session.scalars(
                    select(AttendanceMark).where(
                        AttendanceMark.session_id.in_(sessions.keys()),
                        AttendanceMark.person_id.in_({c.person_id for c in changes}),
                    )
                )
            }
            undo: list[MarkChange] = []
            for change in changes:
                exercise_id = sessions[change.session_id].exercise_id
                if (exercise_id, change.person_id) not in enrolled:
                    raise Conflict("a person of these marks is not enrolled in the exercise")
                row = existing.get((change.session_id, change.person_id))
                live = row is not None and row.deleted_at is None
                undo.append(
                    MarkChange(
                        change.session_id,
                        change.person_id,
                        row.status if row is not None and live else None,
                        row.remark if row is not None and live else "",
                    )
                )
                if change.status is None:
                    if row is not None and live:
                        uow.marks.delete(row)
                    continue
                if row is None:
                    row = uow.marks.add(
                        AttendanceMark(
                            id=uuid.uuid4(),
                            session_id=change.session_id,
                            person_id=change.person_id,
                        )
                    )
                    existing[change.session_id, change.person_id] = row
                uow.marks.restore(row)
                row.status = change.status
                row.remark = change.remark.strip()
                row.marked_by = uow.actor.user_name
            uow.commit()
            undo.reverse()  # applied in reverse, a batch that set one cell twice undoes right
            return undo

    def lock_session(self, session_id: uuid.UUID) -> GridSession:
        """Sign a session off: its marks become read-only until it is unlocked."""
        with self._uow() as uow:
            session = uow.sessions.require(session_id)
            if session.locked_at is None:
                session.locked_at = utcnow()
                session.locked_by = uow.actor.user_name
                uow.commit()
            exercise_id = session.exercise_id
        return _one_session(self.grid_sessions(exercise_id), session_id)

    def unlock_session(self, session_id: uuid.UUID, reason: str) -> GridSession:
        """Lift a sign-off; the reason is kept in the audit log."""
        if not reason.strip():
            raise ValidationFailed({"reason": "say why the signed-off session is reopened"})
        with self._uow() as uow:
            session = uow.sessions.require(session_id)
            if session.locked_at is not None:
                session.locked_at = None
                session.locked_by = ""
                uow.give_reason(reason)
                uow.commit()
            exercise_id = session.exercise_id
        return _one_session(self.grid_sessions(exercise_id), session_id)

    def grid_sessions(self, exercise_id: uuid.UUID) -> list[GridSession]:
        """The sessions of an exercise as grid columns, numbered from 1."""
        with self._uow() as uow:
            uow.exercises.require(exercise_id)
            return _grid_sessions(uow, exercise_id)

    def sign_in_sheet(self, exercise_id: uuid.UUID, number: int) -> SignInSheet:
        """What the paper sign-in sheet of session `number` (1-based) lists."""
        grid = self.grid(exercise_id)
        session = grid.session_by_number(number)
        if session is None:
            raise NotFound(
                f"exercise {grid.exercise.code} has {len(grid.sessions)} session(s); "
                f"there is no session {number}"
            )
        return SignInSheet(exercise=grid.exercise, session=session, participants=grid.participants)


def _one_session(sessions: list[GridSession], session_id: uuid.UUID) -> GridSession:
    return next(s for s in sessions if s.id == session_id)


def _grid_sessions(uow: UnitOfWork, exercise_id: uuid.UUID) -> list[GridSession]:
    query = (
        select(
            TrainingSession.id,
            TrainingSession.day,
            TrainingSession.start_time,
            TrainingSession.end_time,
            Module.code,
            Module.title_en,
            TrainingSession.title,
            TrainingSession.locked_by,
            TrainingSession.locked_at,
        )
        .outerjoin(Module, Module.id == TrainingSession.module_id)
        .where(TrainingSession.exercise_id == exercise_id, TrainingSession.deleted_at.is_(None))
        .order_by(TrainingSession.day, TrainingSession.start_time, TrainingSession.id)
    )
    return [
        GridSession(
            id=session_id,
            number=number,
            day=day,
            start_time=start,
            end_time=end,
            module_code=module_code or "",
            module_title=module_title or title or "",
            locked_by=locked_by or None,
            locked_at=locked_at,
        )
        for number, (
            session_id,
            day,
            start,
            end,
            module_code,
            module_title,
            title,
            locked_by,
            locked_at,
        ) in enumerate(uow.session.connection().execute(query), start=1)
    ]


def _participants(uow: UnitOfWork, exercise_id: uuid.UUID) -> list[GridParticipant]:
    query = (
        select(
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.native_name,
            Person.father_name,
            Agency.acronym,
            Person.country,
            Person.rank,
            Person.service_number,
            Enrolment.role,
        )
        .join(Enrolment, Enrolment.person_id == Person.id)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .where(Enrolment.exercise_id == exercise_id, Enrolment.deleted_at.is_(None))
        .where(Enrolment.role == Role.PARTICIPANT, Person.deleted_at.is_(None))
        .order_by(Person.family_name, Person.given_name, Person.id)
    )
    return [
        GridParticipant(
            person_id=person_id,
            full_name=f"{given} {family}".strip(),
            native_name=native,
            father_name=father,
            agency_acronym=acronym or "",
            country=country,
            rank=rank,
            service_number=number,
            role=role,
        )
        for (
            person_id,
            given,
            family,
            native,
            father,
            acronym,
            country,
            rank,
            number,
            role,
        ) in uow.session.connection().execute(query)
    ]
