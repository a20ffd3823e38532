"""The enrolments a people export lists: live ones only, in calendar order."""

from datetime import date

from tests import builders
from trainingdesk.domain.enums import Country, EnrolmentStatus, Role
from trainingdesk.domain.records import EnrolmentExportRow
from trainingdesk.services.container import Services


def test_each_enrolment_comes_with_its_exercise_and_person(services: Services) -> None:
    exercise = builders.exercise(services)
    officer = builders.person(services, service_number="0012345")
    (enrolment,) = services.enrolments.enrol(exercise.id, [officer.id], Role.TRAINER)
    services.enrolments.update(enrolment.id, role=Role.TRAINER, status=EnrolmentStatus.WITHDRAWN)
    assert services.enrolments.export_rows() == [
        EnrolmentExportRow(
            exercise_code="JTX-2012-03",
            exercise_title="Joint cargo search exercise at Torkham",
            start_date=date(2012, 10, 6),
            end_date=date(2012, 10, 8),
            person_id=officer.id,
            person_name="Mohammad Karimi",
            native_name="محمد کریمی",
            service_number="0012345",
            role=Role.TRAINER,
            status=EnrolmentStatus.WITHDRAWN,
        )
    ]


def test_rows_follow_the_calendar_then_family_names(services: Services) -> None:
    later = builders.exercise(
        services,
        builders.exercise_draft("CRS-2013-01", start=date(2013, 2, 3), end=date(2013, 2, 7)),
    )
    earlier = builders.exercise(services)
    karimi = builders.person(services)
    afridi = builders.person(
        services, "Imran", "Afridi", native_name="عمران آفریدی", country=Country.PK
    )
    services.enrolments.enrol(later.id, [karimi.id, afridi.id])
    services.enrolments.enrol(earlier.id, [karimi.id, afridi.id])
    rows = services.enrolments.export_rows()
    assert [(row.exercise_code, row.person_name) for row in rows] == [
        ("JTX-2012-03", "Imran Afridi"),
        ("JTX-2012-03", "Mohammad Karimi"),
        ("CRS-2013-01", "Imran Afridi"),
        ("CRS-2013-01", "Mohammad Karimi"),
    ]


def test_removed_enrolments_and_deleted_people_or_exercises_are_left_out(
    services: Services,
) -> None:
    kept = builders.exercise(services)
    deleted_exercise = builders.exercise(services, builders.exercise_draft("WSH-2012-09"))
    karimi = builders.person(services)
    afridi = builders.person(services, "Imran", "Afridi", native_name="عمران آفریدی")
    noori = builders.person(services, "Ahmad Zahir", "Noori", native_name="احمد ظاهر نوری")
    enrolled = services.enrolments.enrol(kept.id, [karimi.id, afridi.id, noori.id])
    services.enrolments.enrol(deleted_exercise.id, [karimi.id])
    services.exercises.delete(deleted_exercise.id)
    services.people.delete(afridi.id)
    services.enrolments.remove(next(e.id for e in enrolled if e.person_id == noori.id))
    rows = services.enrolments.export_rows()
    assert [(row.exercise_code, row.person_id) for row in rows] == [(kept.code, karimi.id)]


def test_an_empty_database_exports_no_enrolments(services: Services) -> None:
    assert services.enrolments.export_rows() == []
