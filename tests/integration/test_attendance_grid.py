"""The attendance grid service: reading a whole grid, batches of marks, sign-off."""

import pytest
from sqlalchemy import select

from tests import builders
from tests.integration.test_attendance_service import A, L, P, _exercise_with
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import AssessmentDraft, MarkChange, MarkRecord
from trainingdesk.services.container import Services
from trainingdesk.storage.models import AuditEntry


def test_the_grid_holds_participants_sessions_marks_and_post_tests(services: Services) -> None:
    exercise, sessions, people = _exercise_with(services, people=3)
    services.grid.set_marks([MarkChange(sessions[1].id, people[2].id, L, "checkpoint queue")])
    services.attendance.set_assessment(exercise.id, people[0].id, AssessmentDraft(40, 75, 4))

    grid = services.grid.grid(exercise.id)

    assert grid.exercise.code == exercise.code
    assert [s.number for s in grid.sessions] == [1, 2, 3]
    assert [s.day for s in grid.sessions] == [s.day for s in sessions]
    assert {p.person_id for p in grid.participants} == {p.id for p in people}
    assert grid.participants[0].native_name.startswith("افسر")
    assert grid.marks == {
        (sessions[1].id, people[2].id): MarkRecord(
            sessions[1].id, people[2].id, L, "checkpoint queue"
        )
    }
    assert grid.post_tests == {people[0].id: 75}
    assert grid.session_by_number(3) == grid.sessions[2]
    assert grid.session_by_number(4) is None


def test_a_batch_of_marks_lands_whole_and_its_undo_puts_every_cell_back(
    services: Services,
) -> None:
    exercise, sessions, people = _exercise_with(services, people=2)
    services.grid.set_marks([MarkChange(sessions[0].id, people[0].id, A)])
    before = services.attendance.marks(exercise.id)

    column = [MarkChange(sessions[0].id, p.id, P) for p in people]
    undo = services.grid.set_marks(column)
    assert {m.status for m in services.attendance.marks(exercise.id)} == {P}

    services.grid.set_marks(undo)
    assert services.attendance.marks(exercise.id) == before


def test_one_bad_cell_refuses_the_whole_batch(services: Services) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    stranger = builders.person(services, "Zahir", "Popal", native_name="ظاهر پوپل")
    with pytest.raises(Conflict, match="not enrolled"):
        services.grid.set_marks(
            [MarkChange(sessions[0].id, person.id, P), MarkChange(sessions[1].id, stranger.id, P)]
        )
    assert services.attendance.marks(exercise.id) == []


def test_a_signed_off_session_is_read_only_until_unlocked_with_a_reason(
    services: Services,
) -> None:
    exercise, sessions, (person,) = _exercise_with(services)
    locked = services.grid.lock_session(sessions[0].id)
    assert locked.locked
    assert locked.locked_by == services.actor.user_name
    with pytest.raises(Conflict, match="signed off"):
        services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])

    with pytest.raises(ValidationFailed):
        services.grid.unlock_session(sessions[0].id, "   ")
    assert services.grid.grid(exercise.id).sessions[0].locked

    reopened = services.grid.unlock_session(sessions[0].id, "Sheet of day 1 found in the car")
    assert not reopened.locked
    services.grid.set_marks([MarkChange(sessions[0].id, person.id, P)])
    with services.database.session_factory() as db:
        entries = list(db.scalars(select(AuditEntry).where(AuditEntry.row_id == sessions[0].id)))
        shown = [(e.action, e.reason, e.changes) for e in entries]
    reasons = [reason for _action, reason, _changes in shown if reason]
    assert reasons == ["Sheet of day 1 found in the car"], shown


def test_the_sign_in_sheet_lists_the_participants_of_a_session(services: Services) -> None:
    exercise, _, people = _exercise_with(services, people=2)
    sheet = services.grid.sign_in_sheet(exercise.id, 2)
    assert sheet.session.number == 2
    assert {p.person_id for p in sheet.participants} == {p.id for p in people}
    with pytest.raises(NotFound, match="there is no session 9"):
        services.grid.sign_in_sheet(exercise.id, 9)
