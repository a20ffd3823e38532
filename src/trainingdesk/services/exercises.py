"""Exercises, their sessions and the modules they cover."""

import uuid
from dataclasses import fields
from datetime import timedelta

from sqlalchemy import ColumnElement, extract, func, select

from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import EnrolmentStatus, ExerciseStatus, KeyArea, Role
from trainingdesk.domain.errors import Conflict, NotFound
from trainingdesk.domain.records import (
    ExerciseDraft,
    ExerciseLabel,
    ExerciseRecord,
    SessionDraft,
    SessionRecord,
)
from trainingdesk.services.common import validated
from trainingdesk.storage.models import (
    Enrolment,
    Exercise,
    ExerciseModule,
    Module,
    Project,
    Site,
    TrainingSession,
)
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

_EXERCISE_FIELDS = tuple(f.name for f in fields(ExerciseDraft) if f.name != "rule")
_SESSION_FIELDS = tuple(f.name for f in fields(SessionDraft))


class ExerciseService:
    """Plan exercises and their sessions."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def create(self, draft: ExerciseDraft) -> ExerciseRecord:
        """Add an exercise with a code no live exercise uses."""
        draft = validated(draft)
        with self._uow() as uow:
            self._check(uow, draft, None)
            exercise = uow.exercises.add(Exercise(id=uuid.uuid4()))
            _apply(exercise, draft)
            uow.commit()
            return self._get(uow, exercise.id)

    def update(self, exercise_id: uuid.UUID, draft: ExerciseDraft) -> ExerciseRecord:
        """Change an exercise."""
        draft = validated(draft)
        with self._uow() as uow:
            exercise = uow.exercises.require(exercise_id)
            self._check(uow, draft, exercise_id)
            _apply(exercise, draft)
            uow.commit()
            return self._get(uow, exercise_id)

    def delete(self, exercise_id: uuid.UUID) -> None:
        """Delete an exercise (a tombstone; its sessions and marks stay for history)."""
        with self._uow() as uow:
            uow.exercises.delete(uow.exercises.require(exercise_id))
            uow.commit()

    def restore(self, exercise_id: uuid.UUID) -> ExerciseRecord:
        """Undo a deletion, unless its code was given to another exercise meanwhile."""
        with self._uow() as uow:
            exercise = uow.exercises.require_including_deleted(exercise_id)
            if uow.exercises.find_one(Exercise.code == exercise.code, Exercise.id != exercise_id):
                raise Conflict(f"the code {exercise.code} now belongs to another exercise")
            uow.exercises.restore(exercise)
            uow.commit()
            return self._get(uow, exercise_id)

    def get(self, exercise_id: uuid.UUID) -> ExerciseRecord:
        """One exercise."""
        with self._uow() as uow:
            return self._get(uow, exercise_id)

    def by_code(self, code: str) -> ExerciseRecord:
        """The exercise a user names by its code (case-insensitive)."""
        with self._uow() as uow:
            row = uow.exercises.find_one(func.upper(Exercise.code) == code.strip().upper())
            if row is None:
                raise NotFound(f"no exercise with code {code!r}")
            return self._get(uow, row.id)

    def find(
        self,
        *,
        year: int | None = None,
        site_id: uuid.UUID | None = None,
        key_area: KeyArea | None = None,
        status: ExerciseStatus | None = None,
    ) -> list[ExerciseRecord]:
        """Exercises matching every given filter, newest first."""
        conditions: list[ColumnElement[bool]] = [Exercise.deleted_at.is_(None)]
        if year is not None:
            conditions.append(extract("year", Exercise.start_date) == year)
        if site_id is not None:
            conditions.append(Exercise.site_id == site_id)
        if key_area is not None:
            conditions.append(Exercise.key_area == key_area)
        if status is not None:
            conditions.append(Exercise.status == status)
        with self._uow() as uow:
            return _records(uow, conditions)

    def labels(self) -> list[ExerciseLabel]:
        """Every live exercise, newest first, as a chooser lists it (one light query)."""
        query = (
            select(Exercise.id, Exercise.code, Exercise.title, Exercise.start_date)
            .where(Exercise.deleted_at.is_(None))
            .order_by(Exercise.start_date.desc(), Exercise.code)
        )
        with self._uow() as uow:
            return [
                ExerciseLabel(exercise_id, code, title, start)
                for exercise_id, code, title, start in uow.session.connection().execute(query)
            ]

    def years(self) -> list[int]:
        """Years in which live exercises start, newest first."""
        year = extract("year", Exercise.start_date)
        with self._uow() as uow:
            query = (
                select(year).where(Exercise.deleted_at.is_(None)).distinct().order_by(year.desc())
            )
            return [int(value) for value in uow.session.scalars(query)]

    def set_modules(self, exercise_id: uuid.UUID, module_ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """Make these the modules the exercise covers; returns the previous list (for undo)."""
        with self._uow() as uow:
            uow.exercises.require(exercise_id)
            for module_id in module_ids:
                uow.modules.require(module_id)
            existing = {
                link.module_id: link
                for link in uow.session.scalars(
                    select(ExerciseModule).where(ExerciseModule.exercise_id == exercise_id)
                )
            }
            previous = _module_ids(uow, exercise_id)
            wanted: set[uuid.UUID] = set(module_ids)
            for module_id, link in existing.items():
                if module_id in wanted and link.deleted_at is not None:
                    uow.exercise_modules.restore(link)
                elif module_id not in wanted and link.deleted_at is None:
                    uow.exercise_modules.delete(link)
            for module_id in wanted - existing.keys():
                uow.exercise_modules.add(
                    ExerciseModule(id=uuid.uuid4(), exercise_id=exercise_id, module_id=module_id)
                )
            uow.commit()
            return previous

    def module_ids(self, exercise_id: uuid.UUID) -> list[uuid.UUID]:
        """Modules the exercise covers, in curriculum order."""
        with self._uow() as uow:
            return _module_ids(uow, exercise_id)

    def add_session(self, exercise_id: uuid.UUID, draft: SessionDraft) -> SessionRecord:
        """Add a session on a day within the exercise's dates."""
        draft = validated(draft)
        with self._uow() as uow:
            exercise = uow.exercises.require(exercise_id)
            _check_session(uow, exercise, draft)
            session = uow.sessions.add(TrainingSession(id=uuid.uuid4(), exercise_id=exercise_id))
            for name in _SESSION_FIELDS:
                setattr(session, name, getattr(draft, name))
            uow.commit()
            return _session_by_id(uow, session.id)

    def update_session(self, session_id: uuid.UUID, draft: SessionDraft) -> SessionRecord:
        """Change a session's day, times, module or trainer."""
        draft = validated(draft)
        with self._uow() as uow:
            session = uow.sessions.require(session_id)
            if session.locked_at is not None:
                raise Conflict("the session is locked; unlock it before changing it")
            _check_session(uow, uow.exercises.require(session.exercise_id), draft)
            for name in _SESSION_FIELDS:
                setattr(session, name, getattr(draft, name))
            uow.commit()
            return _session_by_id(uow, session_id)

    def delete_session(self, session_id: uuid.UUID) -> None:
        """Delete a session (a tombstone, with its marks kept for history)."""
        with self._uow() as uow:
            session = uow.sessions.require(session_id)
            if session.locked_at is not None:
                raise Conflict("the session is locked; unlock it before deleting it")
            uow.sessions.delete(session)
            uow.commit()

    def restore_session(self, session_id: uuid.UUID) -> SessionRecord:
        """Undo a session's deletion."""
        with self._uow() as uow:
            session = uow.sessions.require_including_deleted(session_id)
            uow.sessions.restore(session)
            uow.commit()
            return _session_by_id(uow, session_id)

    def generate_daily_sessions(self, exercise_id: uuid.UUID) -> list[SessionRecord]:
        """One session per day of the exercise for the days that have none yet."""
        with self._uow() as uow:
            exercise = uow.exercises.require(exercise_id)
            taken = {s.day for s in uow.sessions.where(TrainingSession.exercise_id == exercise_id)}
            day = exercise.start_date
            while day <= exercise.end_date:
                if day not in taken:
                    uow.sessions.add(
                        TrainingSession(
                            id=uuid.uuid4(),
                            exercise_id=exercise_id,
                            day=day,
                            title=f"Day {day:%d %b}",
                        )
                    )
                day += timedelta(days=1)
            uow.commit()
            return _sessions(uow, exercise_id)

    def sessions(self, exercise_id: uuid.UUID) -> list[SessionRecord]:
        """Sessions of an exercise, numbered in date and time order."""
        with self._uow() as uow:
            uow.exercises.require(exercise_id)
            return _sessions(uow, exercise_id)

    def session_by_number(self, exercise_id: uuid.UUID, number: int) -> SessionRecord:
        """Session N (1-based) of an exercise, as users count them."""
        sessions = self.sessions(exercise_id)
        if not 1 <= number <= len(sessions):
            raise NotFound(
                f"the exercise has {len(sessions)} session(s); there is no session {number}"
            )
        return sessions[number - 1]

    @staticmethod
    def _check(uow: UnitOfWork, draft: ExerciseDraft, own_id: uuid.UUID | None) -> None:
        clash = uow.exercises.find_one(func.upper(Exercise.code) == draft.code.strip().upper())
        if clash is not None and clash.id != own_id:
            raise Conflict(f"exercise code {draft.code} is already in use")
        if draft.site_id is not None:
            uow.sites.require(draft.site_id)
        if draft.project_id is not None:
            uow.projects.require(draft.project_id)

    @staticmethod
    def _get(uow: UnitOfWork, exercise_id: uuid.UUID) -> ExerciseRecord:
        records = _records(uow, [Exercise.id == exercise_id, Exercise.deleted_at.is_(None)])
        if not records:
            raise NotFound(f"no exercise with id {exercise_id}")
        return records[0]


def _module_ids(uow: UnitOfWork, exercise_id: uuid.UUID) -> list[uuid.UUID]:
    query = (
        select(Module.id)
        .join(ExerciseModule, ExerciseModule.module_id == Module.id)
        .where(ExerciseModule.exercise_id == exercise_id)
        .where(ExerciseModule.deleted_at.is_(None))
        .order_by(Module.position, Module.code)
    )
    return list(uow.session.scalars(query))


def _apply(exercise: Exercise, draft: ExerciseDraft) -> None:
    for name in _EXERCISE_FIELDS:
        setattr(exercise, name, getattr(draft, name))
    exercise.code = draft.code.strip()
    exercise.min_attendance_share = draft.rule.min_attendance_share
    exercise.late_counts_as_present = draft.rule.late_counts_as_present
    exercise.excused_in_denominator = draft.rule.excused_in_denominator
    exercise.post_test_pass_mark = draft.rule.post_test_pass_mark


def rule_of(exercise: Exercise) -> CompletionRule:
    """The completion rule stored on an exercise row."""
    return CompletionRule(
        min_attendance_share=exercise.min_attendance_share,
        late_counts_as_present=exercise.late_counts_as_present,
        excused_in_denominator=exercise.excused_in_denominator,
        post_test_pass_mark=exercise.post_test_pass_mark,
    )


def _records(uow: UnitOfWork, conditions: list[ColumnElement[bool]]) -> list[ExerciseRecord]:
    participants = (
        select(func.count())
        .where(Enrolment.exercise_id == Exercise.id, Enrolment.deleted_at.is_(None))
        .where(Enrolment.role == Role.PARTICIPANT, Enrolment.status == EnrolmentStatus.ENROLLED)
        .scalar_subquery()
    )
    sessions = (
        select(func.count())
        .where(TrainingSession.exercise_id == Exercise.id, TrainingSession.deleted_at.is_(None))
        .scalar_subquery()
    )
    query = (
        select(Exercise, Site.code, Site.name, Project.code, participants, sessions)
        .outerjoin(Site, Site.id == Exercise.site_id)
        .outerjoin(Project, Project.id == Exercise.project_id)
        .where(*conditions)
        .order_by(Exercise.start_date.desc(), Exercise.code)
    )
    rows = uow.session.execute(query)
    return [
        ExerciseRecord(
            **{name: getattr(row, name) for name in _EXERCISE_FIELDS},
            rule=rule_of(row),
            id=row.id,
            site_code=site_code or "",
            site_name=site_name or "",
            project_code=project_code or "",
            participants=n_participants,
            sessions=n_sessions,
        )
        for row, site_code, site_name, project_code, n_participants, n_sessions in rows
    ]


def _check_session(uow: UnitOfWork, exercise: Exercise, draft: SessionDraft) -> None:
    if not exercise.start_date <= draft.day <= exercise.end_date:
        raise Conflict(
            f"{draft.day.isoformat()} is outside the exercise "
            f"({exercise.start_date.isoformat()} to {exercise.end_date.isoformat()})"
        )
    if draft.module_id is not None:
        uow.modules.require(draft.module_id)
    if draft.trainer_id is not None:
        uow.people.require(draft.trainer_id)


def _sessions(uow: UnitOfWork, exercise_id: uuid.UUID) -> list[SessionRecord]:
    query = (
        select(TrainingSession, Module.code)
        .outerjoin(Module, Module.id == TrainingSession.module_id)
        .where(TrainingSession.exercise_id == exercise_id, TrainingSession.deleted_at.is_(None))
        .order_by(
            TrainingSession.day,
            TrainingSession.start_time.is_(None).desc(),
            TrainingSession.start_time,
            TrainingSession.created_at,
            TrainingSession.id,
        )
    )
    return [
        _session_record(row, module_code, number)
        for number, (row, module_code) in enumerate(uow.session.execute(query), start=1)
    ]


def _session_by_id(uow: UnitOfWork, session_id: uuid.UUID) -> SessionRecord:
    session = uow.sessions.require(session_id)
    for record in _sessions(uow, session.exercise_id):
        if record.id == session_id:
            return record
    raise NotFound(f"no session with id {session_id}")


def _session_record(row: TrainingSession, module_code: str | None, number: int) -> SessionRecord:
    return SessionRecord(
        **{name: getattr(row, name) for name in _SESSION_FIELDS},
        id=row.id,
        exercise_id=row.exercise_id,
        number=number,
        module_code=module_code or "",
        locked=row.locked_at is not None,
    )
