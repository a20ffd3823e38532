"""Test scores, the marks as stored, and who completed an exercise."""

import uuid
from collections import defaultdict

from sqlalchemy import func, select

from trainingdesk.domain.completion import AttendanceTally, eligible_for_certificate, evaluate
from trainingdesk.domain.enums import AttendanceStatus
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.records import (
    AssessmentDraft,
    AssessmentRecord,
    MarkRecord,
    ParticipantCompletion,
)
from trainingdesk.services.common import validated
from trainingdesk.services.exercises import rule_of
from trainingdesk.storage.models import (
    Assessment,
    AttendanceMark,
    Enrolment,
    Person,
    TrainingSession,
)
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory


class AttendanceService:
    """Record marks and scores; compute completion from them."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def marks(self, exercise_id: uuid.UUID) -> list[MarkRecord]:
        """Every live mark of an exercise's live sessions."""
        with self._uow() as uow:
            query = (
                select(AttendanceMark)
                .join(TrainingSession, TrainingSession.id == AttendanceMark.session_id)
                .where(TrainingSession.exercise_id == exercise_id)
                .where(TrainingSession.deleted_at.is_(None), AttendanceMark.deleted_at.is_(None))
                .order_by(TrainingSession.day, TrainingSession.start_time, AttendanceMark.person_id)
            )
            return [_mark_record(row) for row in uow.session.scalars(query)]

    def set_assessment(
        self, exercise_id: uuid.UUID, person_id: uuid.UUID, draft: AssessmentDraft
    ) -> AssessmentRecord | None:
        """Record a participant's scores; returns the previous ones for undo."""
        draft = validated(draft)
        with self._uow() as uow:
            uow.exercises.require(exercise_id)
            _require_enrolled(uow, exercise_id, person_id)
            row = uow.assessments.find_one(
                Assessment.exercise_id == exercise_id,
                Assessment.person_id == person_id,
                include_deleted=True,
            )
            previous = (
                _assessment_record(row) if row is not None and row.deleted_at is None else None
            )
            if row is None:
                row = uow.assessments.add(
                    Assessment(id=uuid.uuid4(), exercise_id=exercise_id, person_id=person_id)
                )
            uow.assessments.restore(row)
            row.pre_test = draft.pre_test
            row.post_test = draft.post_test
            row.satisfaction = draft.satisfaction
            uow.commit()
            return previous

    def assessments(self, exercise_id: uuid.UUID) -> list[AssessmentRecord]:
        """Scores of an exercise's participants."""
        with self._uow() as uow:
            rows = uow.assessments.where(
                Assessment.exercise_id == exercise_id, order_by=(Assessment.person_id,)
            )
            return [_assessment_record(row) for row in rows]

    def completion(self, exercise_id: uuid.UUID) -> list[ParticipantCompletion]:
        """Completion and certificate eligibility of everyone enrolled."""
        with self._uow() as uow:
            exercise = uow.exercises.require(exercise_id)
            rule = rule_of(exercise)
            live_sessions = (
                select(TrainingSession.id)
                .where(TrainingSession.exercise_id == exercise_id)
                .where(TrainingSession.deleted_at.is_(None))
            )
            session_count = int(
                uow.session.scalar(select(func.count()).select_from(live_sessions.subquery())) or 0
            )
            counts: dict[uuid.UUID, dict[AttendanceStatus, int]] = defaultdict(dict)
            tallies = uow.session.execute(
                select(AttendanceMark.person_id, AttendanceMark.status, func.count())
                .where(AttendanceMark.session_id.in_(live_sessions))
                .where(AttendanceMark.deleted_at.is_(None))
                .group_by(AttendanceMark.person_id, AttendanceMark.status)
            )
            for person_id, status, count in tallies:
                counts[person_id][status] = count
            post_tests = dict(
                uow.session.execute(
                    select(Assessment.person_id, Assessment.post_test)
                    .where(Assessment.exercise_id == exercise_id)
                    .where(Assessment.deleted_at.is_(None))
                ).all()
            )
            enrolled = uow.session.execute(
                select(Enrolment, Person.given_name, Person.family_name)
                .join(Person, Person.id == Enrolment.person_id)
                .where(Enrolment.exercise_id == exercise_id, Enrolment.deleted_at.is_(None))
                .where(Person.deleted_at.is_(None))
                .order_by(Person.family_name, Person.given_name, Person.id)
            )
            results = []
            for enrolment, given, family in enrolled:
                by_status = counts.get(enrolment.person_id, {})
                marked = sum(by_status.values())
                tally = AttendanceTally(
                    present=by_status.get(AttendanceStatus.PRESENT, 0),
                    late=by_status.get(AttendanceStatus.LATE, 0),
                    excused=by_status.get(AttendanceStatus.EXCUSED, 0),
                    absent=by_status.get(AttendanceStatus.ABSENT, 0),
                    unmarked=max(session_count - marked, 0),
                )
                post_test = post_tests.get(enrolment.person_id)
                result = evaluate(tally, rule, post_test)
                results.append(
                    ParticipantCompletion(
                        person_id=enrolment.person_id,
                        person_name=f"{given} {family}".strip(),
                        role=enrolment.role,
                        status=enrolment.status,
                        result=result,
                        post_test=post_test,
                        eligible=eligible_for_certificate(enrolment.role, enrolment.status, result),
                    )
                )
            return results


def _require_enrolled(uow: UnitOfWork, exercise_id: uuid.UUID, person_id: uuid.UUID) -> None:
    enrolment = uow.enrolments.find_one(
        Enrolment.exercise_id == exercise_id, Enrolment.person_id == person_id
    )
    if enrolment is None:
        raise Conflict("the person is not enrolled in this exercise")


def _mark_record(row: AttendanceMark) -> MarkRecord:
    return MarkRecord(
        session_id=row.session_id, person_id=row.person_id, status=row.status, remark=row.remark
    )


def _assessment_record(row: Assessment) -> AssessmentRecord:
    return AssessmentRecord(
        pre_test=row.pre_test,
        post_test=row.post_test,
        satisfaction=row.satisfaction,
        exercise_id=row.exercise_id,
        person_id=row.person_id,
    )
