"""Attendance marks, test scores and completion, as certificates will use them."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import update

from tests import builders
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import AttendanceStatus, EnrolmentStatus, Role
from trainingdesk.domain.errors import Conflict, ValidationFailed
from trainingdesk.domain.records import (
    AssessmentDraft,
    ExerciseRecord,
    MarkChange,
    MarkRecord,
    PersonRecord,
    SessionRecord,
)
from trainingdesk.services.container import Services
from trainingdesk.storage.models import TrainingSession, utcnow

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def _exercise_with(
    services: Services, rule: CompletionRule | None = None, people: int = 1
) -> tuple[ExerciseRecord, list[SessionRecord], list[PersonRecord]]:
    exercise = builders.exercise(services, builders.exercise_draft(rule=rule))
    sessions = services.exercises.generate_daily_sessions(exercise.id)
    enrolled = [
        builders.person(services, f"Officer{n}", "Safi", native_name=f"افسر {n}")
        for n in range(people)
    ]
    services.enrolments.enrol(exercise.id, [p.id for p in enrolled])
    return exercise, sessions, enrolled


def test_a_mark_is_in_the_file_as_soon_as_it_is_set(
    services: Services, migrated_db_path: Path
) -> None:
    _, sessions, (person,) = _exercise_with(services)
    services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])
    # Another connection, as after a crash and restart, sees the committed mark.
    with sqlite3.connect(migrated_db_path) as other:
        statuses = other.execute("SELECT status FROM attendance_mark").fetchall()
    other.close()
    assert statuses == [("P",)]


def test_setting_a_mark_returns_what_puts_it_back(services: Services) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    cell = (sessions[0].id, person.id)
    assert services.grid.set_marks([MarkChange(*cell, P)]) == [MarkChange(*cell, None)]
    undo = services.grid.set_marks([MarkChange(*cell, L, "traffic at the gate")])
    assert undo == [MarkChange(*cell, P, "")]
    assert services.attendance.marks(exercise.id) == [MarkRecord(*cell, L, "traffic at the gate")]
    services.grid.set_marks([MarkChange(*cell, None)])
    assert services.attendance.marks(exercise.id) == []
    services.grid.set_marks([MarkChange(*cell, A)])
    assert services.attendance.marks(exercise.id)[0].status is A


def test_only_enrolled_people_get_marks(services: Services) -> None:
    _, sessions, _ = _exercise_with(services)
    stranger = builders.person(services, "Zahir", "Popal", native_name="ظاهر پوپل")
    with pytest.raises(Conflict, match="not enrolled"):
        services.grid.set_marks([MarkChange(sessions[0].id, stranger.id, P)])


def test_a_locked_session_refuses_marks(services: Services) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    with services.database.session_factory.begin() as session:
        session.execute(
            update(TrainingSession)
            .where(TrainingSession.id == sessions[0].id)
            .values(locked_at=utcnow(), locked_by="Coordinator Torkham")
        )
    with pytest.raises(Conflict, match="signed off by Coordinator Torkham"):
        services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])
    assert services.attendance.marks(exercise.id) == []


def test_completion_follows_the_exercises_rule(services: Services) -> None:
    exercise, sessions, people = _exercise_with(services, people=4)
    steady, late_comer, excused, absent = people
    for session in sessions:
        services.grid.set_marks([MarkChange(session.id, steady.id, P)])
        services.grid.set_marks([MarkChange(session.id, late_comer.id, L)])
        services.grid.set_marks([MarkChange(session.id, absent.id, A)])
    services.grid.set_marks([MarkChange(sessions[0].id, excused.id, E)])
    services.grid.set_marks([MarkChange(sessions[1].id, excused.id, P)])
    services.grid.set_marks([MarkChange(sessions[2].id, excused.id, P)])
    results = {c.person_id: c for c in services.attendance.completion(exercise.id)}
    assert results[steady.id].eligible
    assert results[late_comer.id].eligible
    assert results[excused.id].result.attendance_share == 1.0
    assert results[excused.id].eligible
    assert not results[absent.id].eligible
    assert results[absent.id].result.attendance_share == 0.0


def test_an_exercise_without_sessions_completes_nobody(services: Services) -> None:
    exercise = builders.exercise(services)
    person = builders.person(services)
    services.enrolments.enrol(exercise.id, [person.id])
    (result,) = services.attendance.completion(exercise.id)
    assert not result.eligible
    assert result.result.reasons == ("the exercise has no sessions",)


def test_unmarked_sessions_keep_completion_back(services: Services) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])
    (result,) = services.attendance.completion(exercise.id)
    assert not result.eligible
    assert "2 session(s) not marked yet" in result.result.reasons


def test_deleted_sessions_do_not_count(services: Services) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])
    services.grid.set_marks([MarkChange(sessions[1].id, person.id, P)])
    services.grid.set_marks([MarkChange(sessions[2].id, person.id, A)])
    services.exercises.delete_session(sessions[2].id)
    (result,) = services.attendance.completion(exercise.id)
    assert result.eligible


def test_withdrawn_participants_and_trainers_get_no_certificate(services: Services) -> None:
    exercise, sessions, people = _exercise_with(services, people=2)
    for session in sessions:
        for person in people:
            services.grid.set_marks([MarkChange(session.id, person.id, P)])
    enrolments = services.enrolments.for_exercise(exercise.id)
    services.enrolments.update(
        enrolments[0].id, role=Role.PARTICIPANT, status=EnrolmentStatus.WITHDRAWN
    )
    services.enrolments.update(enrolments[1].id, role=Role.TRAINER, status=EnrolmentStatus.ENROLLED)
    assert [c.eligible for c in services.attendance.completion(exercise.id)] == [False, False]
    assert all(c.result.completed for c in services.attendance.completion(exercise.id))


def test_the_post_test_pass_mark_is_applied(services: Services) -> None:
    exercise, sessions, people = _exercise_with(
        services, CompletionRule(post_test_pass_mark=60), people=2
    )
    passed, failed = people
    for session in sessions:
        services.grid.set_marks([MarkChange(session.id, passed.id, P)])
        services.grid.set_marks([MarkChange(session.id, failed.id, P)])
    services.attendance.set_assessment(exercise.id, passed.id, AssessmentDraft(40, 75, 5))
    services.attendance.set_assessment(exercise.id, failed.id, AssessmentDraft(40, 55, 4))
    results = {c.person_id: c for c in services.attendance.completion(exercise.id)}
    assert results[passed.id].eligible
    assert results[failed.id].result.reasons == ("post-test 55 below the pass mark 60",)


def test_assessments_are_validated_and_return_the_previous_scores(services: Services) -> None:
    exercise, _, (person,) = _exercise_with(services)
    with pytest.raises(ValidationFailed) as failure:
        services.attendance.set_assessment(exercise.id, person.id, AssessmentDraft(120, -1, 6))
    assert set(failure.value.errors) == {"pre_test", "post_test", "satisfaction"}
    assert (
        services.attendance.set_assessment(exercise.id, person.id, AssessmentDraft(50, 70, 4))
        is None
    )
    previous = services.attendance.set_assessment(
        exercise.id, person.id, AssessmentDraft(50, 80, 5)
    )
    assert previous is not None and previous.post_test == 70
    (stored,) = services.attendance.assessments(exercise.id)
    assert (stored.pre_test, stored.post_test, stored.satisfaction) == (50, 80, 5)
