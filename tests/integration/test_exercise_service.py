"""A coordinator plans exercises, their sessions and the modules they cover."""

from dataclasses import replace
from datetime import date, time

import pytest

from tests import builders
from trainingdesk.domain.enums import CurriculumKind, ExerciseStatus, KeyArea
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import CurriculumDraft, ModuleDraft, SessionDraft
from trainingdesk.services.container import Services


def test_an_exercise_is_stored_with_its_site_and_completion_rule(services: Services) -> None:
    torkham = builders.site(services)
    created = builders.exercise(services, builders.exercise_draft(site_record=torkham))
    assert services.exercises.get(created.id) == created
    assert created.site_code == "TKM-AF"
    assert created.rule.min_attendance_share == 0.8
    assert services.exercises.by_code("jtx-2012-03") == created


def test_an_exercise_code_is_unique_whatever_its_case(services: Services) -> None:
    builders.exercise(services)
    with pytest.raises(Conflict, match="already in use"):
        builders.exercise(services, builders.exercise_draft("jtx-2012-03"))


def test_a_deleted_exercise_frees_its_code_and_cannot_then_be_restored(services: Services) -> None:
    first = builders.exercise(services)
    services.exercises.delete(first.id)
    with pytest.raises(NotFound, match="no exercise with code"):
        services.exercises.by_code("JTX-2012-03")
    builders.exercise(services)
    with pytest.raises(Conflict, match="now belongs to another exercise"):
        services.exercises.restore(first.id)


def test_deleting_and_restoring_an_exercise(services: Services) -> None:
    created = builders.exercise(services)
    services.exercises.delete(created.id)
    assert services.exercises.find() == []
    assert services.exercises.restore(created.id) == created


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": date(2012, 10, 1)}, "end_date"),
        ({"end_date": date(2014, 1, 1)}, "end_date"),
        ({"code": "  "}, "code"),
        ({"title": ""}, "title"),
    ],
)
def test_impossible_exercises_are_refused_field_by_field(
    services: Services, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as failure:
        services.exercises.create(replace(builders.exercise_draft(), **change))
    assert field in failure.value.errors


def test_editing_an_exercise(services: Services) -> None:
    created = builders.exercise(services)
    updated = services.exercises.update(
        created.id, replace(created.draft(), status=ExerciseStatus.COMPLETED)
    )
    assert updated.status is ExerciseStatus.COMPLETED


def test_exercises_are_filtered_by_year_and_key_area(services: Services) -> None:
    older = builders.exercise(services)
    newer = builders.exercise(
        services,
        replace(
            builders.exercise_draft("WSH-2013-01", start=date(2013, 5, 1), end=date(2013, 5, 2)),
            key_area=KeyArea.DIALOGUE,
        ),
    )
    assert services.exercises.find() == [newer, older]
    assert services.exercises.find(year=2012) == [older]
    assert services.exercises.find(key_area=KeyArea.DIALOGUE) == [newer]
    labels = services.exercises.labels()
    assert [label.id for label in labels] == [newer.id, older.id]
    assert labels[0].text() == f"WSH-2013-01 — {newer.title} (01 May 2013)"


def test_one_session_per_day_is_generated_once(services: Services) -> None:
    created = builders.exercise(services)
    sessions = services.exercises.generate_daily_sessions(created.id)
    assert [(s.number, s.day) for s in sessions] == [
        (1, date(2012, 10, 6)),
        (2, date(2012, 10, 7)),
        (3, date(2012, 10, 8)),
    ]
    assert services.exercises.generate_daily_sessions(created.id) == sessions
    assert services.exercises.get(created.id).sessions == 3


def test_sessions_are_numbered_by_day_and_time(services: Services) -> None:
    created = builders.exercise(services)
    afternoon = services.exercises.add_session(
        created.id, SessionDraft(day=date(2012, 10, 6), start_time=time(13, 30))
    )
    morning = services.exercises.add_session(
        created.id, SessionDraft(day=date(2012, 10, 6), start_time=time(8, 30))
    )
    assert [s.id for s in services.exercises.sessions(created.id)] == [morning.id, afternoon.id]
    assert services.exercises.session_by_number(created.id, 2).id == afternoon.id
    with pytest.raises(NotFound, match="has 2 session"):
        services.exercises.session_by_number(created.id, 3)


def test_a_session_must_fall_within_the_exercise(services: Services) -> None:
    created = builders.exercise(services)
    with pytest.raises(Conflict, match="outside the exercise"):
        services.exercises.add_session(created.id, SessionDraft(day=date(2012, 10, 9)))
    with pytest.raises(ValidationFailed, match="after the start time"):
        services.exercises.add_session(
            created.id,
            SessionDraft(day=date(2012, 10, 6), start_time=time(12), end_time=time(9)),
        )


def test_a_session_is_edited_deleted_and_restored(services: Services) -> None:
    created = builders.exercise(services)
    session = services.exercises.add_session(created.id, SessionDraft(day=date(2012, 10, 6)))
    edited = services.exercises.update_session(
        session.id, SessionDraft(day=date(2012, 10, 7), title="Cargo search")
    )
    assert (edited.day, edited.title) == (date(2012, 10, 7), "Cargo search")
    services.exercises.delete_session(session.id)
    assert services.exercises.sessions(created.id) == []
    assert services.exercises.restore_session(session.id) == edited


def test_covered_modules_are_replaced_and_the_old_list_returned_for_undo(
    services: Services,
) -> None:
    joint = services.curricula.create(
        CurriculumDraft(code="JBM", version="2013.1", title="Joint", kind=CurriculumKind.JOINT)
    )
    first = services.curricula.add_module(joint.id, ModuleDraft(code="JBM-01", title_en="IBM"))
    second = services.curricula.add_module(joint.id, ModuleDraft(code="JBM-02", title_en="Risk"))
    created = builders.exercise(services)
    assert services.exercises.set_modules(created.id, [first.id, second.id]) == []
    assert services.exercises.set_modules(created.id, [second.id]) == [first.id, second.id]
    assert services.exercises.module_ids(created.id) == [second.id]
    services.exercises.set_modules(created.id, [first.id, second.id])
    assert services.exercises.module_ids(created.id) == [first.id, second.id]
