"""The same schema, services and demo on a real PostgreSQL server (the server mode's base)."""

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from tests import builders
from tests.conftest import TEST_ACTOR
from trainingdesk.domain.enums import AttendanceStatus, Country
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.records import MarkChange
from trainingdesk.services.container import open_services
from trainingdesk.storage.database import open_database
from trainingdesk.storage.errors import DatabaseTooNew, NotTrainingDeskDatabase
from trainingdesk.storage.models import Base

pytestmark = pytest.mark.postgres


def test_migrations_give_exactly_the_models_schema_on_postgresql(postgres_url: str) -> None:
    database = open_database(postgres_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert database.location.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    database.close()


def test_services_work_on_postgresql(postgres_url: str) -> None:
    services = open_services(postgres_url, actor=TEST_ACTOR)
    person = builders.person(services, service_number="AF-12345")
    assert [p.id for p in services.people.find(search="Muhammad")] == [person.id]
    assert [p.id for p in services.people.find(search="۱۲۳۴۵")] == [person.id]
    exercise = builders.exercise(services)
    with pytest.raises(Conflict):
        builders.exercise(services)
    sessions = services.exercises.generate_daily_sessions(exercise.id)
    services.enrolments.enrol(exercise.id, [person.id])
    for session in sessions:
        services.grid.set_marks([MarkChange(session.id, person.id, AttendanceStatus.PRESENT)])
    (completion,) = services.attendance.completion(exercise.id)
    assert completion.eligible
    grid = services.grid.grid(exercise.id)
    assert len(grid.marks) == len(sessions)
    services.grid.lock_session(sessions[0].id)
    assert services.grid.unlock_session(sessions[0].id, "typo on the sheet").locked is False
    assert services.exercises.find(year=2012) == [services.exercises.get(exercise.id)]
    services.close()


def test_the_demo_loads_into_postgresql(postgres_url: str) -> None:
    services = open_services(postgres_url, actor=TEST_ACTOR)
    summary = services.demo.generate(people=40, seed=5, today=date(2026, 11, 27))
    assert summary.counts["person"] == 40
    assert summary.counts["attendance_mark"] > 1000
    countries = {p.country for p in services.people.find()}
    assert countries == {Country.AF, Country.PK}
    with services.database.engine.connect() as connection:
        indexes = set(
            connection.scalars(
                text("SELECT indexname FROM pg_indexes WHERE tablename = 'attendance_mark'")
            )
        )
    assert "uq_attendance_mark_session_id_person_id" in indexes
    assert "ix_attendance_mark_session_id_status_person_id" in indexes
    services.close()


def test_a_newer_or_foreign_postgresql_database_is_refused(postgres_url: str) -> None:
    open_database(postgres_url).close()
    database = open_database(postgres_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    database.close()
    with pytest.raises(DatabaseTooNew):
        open_database(postgres_url)


def test_a_postgresql_database_of_another_program_is_refused(postgres_url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    with pytest.raises(NotTrainingDeskDatabase):
        open_database(postgres_url)
