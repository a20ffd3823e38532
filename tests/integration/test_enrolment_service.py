"""Enrolling officers in an exercise."""

import pytest
from sqlalchemy import func, select

from tests import builders
from trainingdesk.domain.enums import Country, EnrolmentStatus, Role
from trainingdesk.domain.errors import NotFound
from trainingdesk.services.container import Services
from trainingdesk.storage.models import Enrolment


def test_several_people_are_enrolled_at_once_and_twice_is_once(services: Services) -> None:
    exercise = builders.exercise(services)
    afghan = builders.person(services)
    pakistani = builders.person(
        services, "Imran", "Afridi", native_name="عمران آفریدی", country=Country.PK
    )
    services.enrolments.enrol(exercise.id, [afghan.id, pakistani.id])
    services.enrolments.enrol(exercise.id, [afghan.id])
    enrolled = services.enrolments.for_exercise(exercise.id)
    assert [(e.person_name, e.role) for e in enrolled] == [
        ("Imran Afridi", Role.PARTICIPANT),
        ("Mohammad Karimi", Role.PARTICIPANT),
    ]
    assert services.exercises.get(exercise.id).participants == 2


def test_a_removed_person_enrolled_again_gets_the_same_row_back(services: Services) -> None:
    exercise = builders.exercise(services)
    person = builders.person(services)
    (enrolment,) = services.enrolments.enrol(exercise.id, [person.id], Role.TRAINER)
    services.enrolments.remove(enrolment.id)
    assert services.enrolments.for_exercise(exercise.id) == []
    (again,) = services.enrolments.enrol(exercise.id, [person.id])
    assert again.id == enrolment.id
    assert again.role is Role.PARTICIPANT
    with services.database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Enrolment)) == 1


def test_role_and_status_change_and_removal_is_undoable(services: Services) -> None:
    exercise = builders.exercise(services)
    person = builders.person(services)
    (enrolment,) = services.enrolments.enrol(exercise.id, [person.id])
    changed = services.enrolments.update(
        enrolment.id, role=Role.OBSERVER, status=EnrolmentStatus.WITHDRAWN
    )
    assert (changed.role, changed.status) == (Role.OBSERVER, EnrolmentStatus.WITHDRAWN)
    services.enrolments.remove(enrolment.id)
    assert services.enrolments.restore(enrolment.id) == changed


def test_enrolling_an_unknown_person_changes_nothing(services: Services) -> None:
    exercise = builders.exercise(services)
    person = builders.person(services)
    services.people.delete(person.id)
    with pytest.raises(NotFound):
        services.enrolments.enrol(exercise.id, [person.id])
    assert services.enrolments.for_exercise(exercise.id) == []
