"""The demo database: realistic, consistent, repeatable, and never mixed with real data."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests import builders
from tests.conftest import TEST_ACTOR
from trainingdesk.domain.enums import (
    AttendanceStatus,
    CertificateStatus,
    Country,
    ExerciseStatus,
    Role,
    Sex,
)
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.names import is_arabic_script
from trainingdesk.services.container import Services, open_services
from trainingdesk.services.demo import DEMO_CERTIFIED_EXERCISES
from trainingdesk.storage.models import AttendanceMark, Person

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Services:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    services = open_services(str(path), actor=TEST_ACTOR)
    services.demo.generate(people=60, seed=7, today=TODAY)
    return services


def test_the_demo_has_both_countries_women_and_names_in_both_scripts(demo: Services) -> None:
    people = demo.people.find()
    assert len(people) == 60
    assert Counter(p.country for p in people) == {Country.AF: 30, Country.PK: 30}
    assert all(p.father_name and p.father_name_native for p in people)
    assert all(is_arabic_script(p.native_name) for p in people)
    assert all(p.agency_acronym for p in people)
    assert len({p.agency_acronym for p in people}) >= 6
    assert any(p.sex is Sex.FEMALE for p in people)


def test_the_demo_programme_spans_2011_to_2014_with_upcoming_exercises(demo: Services) -> None:
    exercises = demo.exercises.find()
    years = {e.start_date.year for e in exercises}
    assert {2011, 2012, 2013} <= years
    assert any(e.start_date > TODAY for e in exercises)
    assert all(e.sessions > 0 and e.site_code for e in exercises)
    assert len({e.code for e in exercises}) == len(exercises)


def test_the_demo_attendance_has_gaps_and_every_status(demo: Services) -> None:
    with demo.database.session_factory() as session:
        statuses = Counter(
            dict(
                session.execute(
                    select(AttendanceMark.status, func.count()).group_by(AttendanceMark.status)
                ).all()
            )
        )
    assert set(statuses) == set(AttendanceStatus)
    assert statuses.most_common(1)[0][0] is AttendanceStatus.PRESENT
    held = [e for e in demo.exercises.find() if e.end_date < TODAY and e.participants]
    cells = sum(
        e.sessions
        * sum(1 for n in demo.enrolments.for_exercise(e.id) if n.role is Role.PARTICIPANT)
        for e in held
    )
    marked = sum(len(demo.attendance.marks(e.id)) for e in held)
    assert 0.9 * cells < marked < cells


def test_the_demo_keeps_every_foreign_key_and_its_indexes(demo: Services) -> None:
    with demo.database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
        indexes = {row[1] for row in connection.execute(text("PRAGMA index_list(attendance_mark)"))}
    assert "ix_attendance_mark_session_id_status_person_id" in indexes


def test_completion_works_on_demo_data(demo: Services) -> None:
    completed = [e for e in demo.exercises.find() if e.end_date < TODAY and e.participants]
    results = demo.attendance.completion(completed[0].id)
    assert results
    assert any(r.eligible for r in results)


def test_the_demo_register_leaves_the_latest_finished_exercise_to_be_issued(
    demo: Services,
) -> None:
    register = demo.certificates.find()
    assert Counter(c.status for c in register) == {
        CertificateStatus.VALID: len(register) - 2,
        CertificateStatus.REVOKED: 1,
        CertificateStatus.SUPERSEDED: 1,
    }
    assert all(c.issue_date <= TODAY for c in register)
    certified = {c.exercise_id for c in register}
    assert 1 < len(certified) <= DEMO_CERTIFIED_EXERCISES
    finished = sorted(
        (e for e in demo.exercises.find() if e.status is ExerciseStatus.COMPLETED),
        key=lambda e: (e.end_date, e.code),
    )
    assert finished[-1].id not in certified
    assert any(c.eligible for c in demo.attendance.completion(finished[-1].id))


def test_the_same_seed_gives_the_same_data(tmp_path: Path, demo: Services) -> None:
    again = open_services(str(tmp_path / "again.sqlite"), actor=TEST_ACTOR)
    again.demo.generate(people=60, seed=7, today=TODAY)
    assert again.people.find() == demo.people.find()
    assert [e.code for e in again.exercises.find()] == [e.code for e in demo.exercises.find()]
    again.close()


def test_the_demo_refuses_a_database_that_holds_data(services: Services) -> None:
    builders.person(services)
    with pytest.raises(Conflict, match="already holds people or exercises"):
        services.demo.generate(people=20)
    with services.database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_the_demo_needs_a_few_people(services: Services) -> None:
    with pytest.raises(Conflict, match="between 10 and 100,000 people"):
        services.demo.generate(people=3)
