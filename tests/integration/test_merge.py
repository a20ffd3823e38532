"""Two records of one officer become one; the merge can be taken back exactly."""

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests import builders
from trainingdesk.domain.enums import AttendanceStatus, Role
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.records import AssessmentDraft, MarkChange, PersonRecord
from trainingdesk.services.container import Services
from trainingdesk.storage.models import (
    Assessment,
    AttendanceMark,
    AuditEntry,
    Certificate,
    Enrolment,
    Person,
)

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


def _two_records(services: Services) -> tuple[PersonRecord, PersonRecord]:
    first = builders.person(services, "Mohammad", "Karim", service_number="ABP-1001")
    second = builders.person(
        services, "Muhammad", "Kareem", native_name="محمد کریم", service_number=""
    )
    return first, second


def _snapshot(services: Services) -> set[tuple[Any, ...]]:
    """Every owned row and person, with who owns it and whether it is live."""
    rows: set[tuple[Any, ...]] = set()
    with services.database.session_factory() as db:
        for model, values in (
            (Enrolment, ("exercise_id", "role", "status")),
            (AttendanceMark, ("session_id", "status", "remark")),
            (Assessment, ("exercise_id", "pre_test", "post_test", "satisfaction")),
            (Certificate, ("exercise_id", "serial")),
        ):
            for row in db.scalars(select(model)):
                rows.add(
                    (
                        model.__tablename__,
                        row.id,
                        row.person_id,
                        row.deleted_at is None,
                        *(getattr(row, name) for name in values),
                    )
                )
        for person in db.scalars(select(Person)):
            rows.add(("person", person.id, person.given_name, person.deleted_at is None))
    return rows


def _certificate(services: Services, person_id: uuid.UUID, exercise_id: uuid.UUID) -> None:
    with services.database.session_factory.begin() as db:
        db.add(
            Certificate(
                id=uuid.uuid4(),
                serial=f"APCP-2013-{uuid.uuid4().int % 1_000_000:06d}",
                person_id=person_id,
                exercise_id=exercise_id,
                issue_date=date(2013, 10, 10),
            )
        )


def test_everything_of_the_merged_record_moves_to_the_survivor(services: Services) -> None:
    keep, go = _two_records(services)
    exercise = builders.exercise(services)
    sessions = services.exercises.generate_daily_sessions(exercise.id)
    services.enrolments.enrol(exercise.id, [go.id], Role.PARTICIPANT)
    services.grid.set_marks([MarkChange(s.id, go.id, P) for s in sessions])
    services.attendance.set_assessment(exercise.id, go.id, AssessmentDraft(40, 80, 5))
    _certificate(services, go.id, exercise.id)

    preview = services.merge.preview(keep.id, go.id)
    assert dict(preview.moving) == {
        "assessment": 1,
        "attendance mark": len(sessions),
        "certificate": 1,
        "enrolment": 1,
    }
    assert preview.dropping == ()

    chosen = replace(keep.draft(), native_name=go.native_name)
    services.merge.merge(keep.id, go.id, chosen)

    assert services.people.get(keep.id).native_name == "محمد کریم"
    assert [e.person_id for e in services.enrolments.for_exercise(exercise.id)] == [keep.id]
    assert {m.person_id for m in services.attendance.marks(exercise.id)} == {keep.id}
    (completion,) = services.attendance.completion(exercise.id)
    assert completion.person_id == keep.id and completion.eligible
    assert go.id not in {p.id for p in services.people.find()}
    with services.database.session_factory() as db:
        reasons = {entry.reason for entry in db.scalars(select(AuditEntry)) if entry.reason}
    assert any(reason.startswith("merged Muhammad Kareem") for reason in reasons)


def test_where_both_took_part_the_survivors_rows_are_kept_and_undo_restores_all(
    services: Services,
) -> None:
    keep, go = _two_records(services)
    both = builders.exercise(services)
    sessions = services.exercises.generate_daily_sessions(both.id)
    services.enrolments.enrol(both.id, [keep.id, go.id], Role.PARTICIPANT)
    services.grid.set_marks([MarkChange(sessions[0].id, keep.id, P)])
    services.grid.set_marks([MarkChange(sessions[0].id, go.id, A)])
    services.grid.set_marks([MarkChange(sessions[1].id, go.id, P)])
    # The survivor was once enrolled in this one and removed: that tombstone comes back.
    earlier = builders.exercise(
        services,
        builders.exercise_draft("WSH-2013-02", start=date(2013, 2, 1), end=date(2013, 2, 2)),
    )
    enrolled = services.enrolments.enrol(earlier.id, [keep.id, go.id], Role.PARTICIPANT)
    services.enrolments.remove(next(e.id for e in enrolled if e.person_id == keep.id))
    before = _snapshot(services)

    preview = services.merge.preview(keep.id, go.id)
    assert dict(preview.dropping) == {"attendance mark": 1, "enrolment": 1}
    record = services.merge.merge(keep.id, go.id, keep.draft())

    marks = {m.session_id: m for m in services.attendance.marks(both.id)}
    assert marks[sessions[0].id].status is P, "the survivor's own mark wins"
    assert marks[sessions[1].id].person_id == keep.id
    assert [e.person_id for e in services.enrolments.for_exercise(earlier.id)] == [keep.id]
    assert _snapshot(services) != before

    services.merge.unmerge(record)
    assert _snapshot(services) == before


def test_a_person_is_not_merged_with_themselves(services: Services) -> None:
    keep, _ = _two_records(services)
    with pytest.raises(Conflict, match="themselves"):
        services.merge.merge(keep.id, keep.id, keep.draft())
