"""A small synthetic programme whose donor figures can be worked out by hand.

Two exercises in FY 2025-26, and three that must not count; the comments say what each
officer did and so what each figure must be.
"""

import uuid
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from tests.conftest import TEST_ACTOR
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import (
    AttendanceStatus,
    Country,
    CurriculumKind,
    EnrolmentStatus,
    ExerciseStatus,
    ExerciseType,
    KeyArea,
    Role,
    Sex,
    SiteKind,
)
from trainingdesk.domain.records import (
    AgencyDraft,
    AssessmentDraft,
    CurriculumDraft,
    ExerciseDraft,
    ExerciseRecord,
    MarkChange,
    ModuleDraft,
    PersonDraft,
    PersonRecord,
    SessionDraft,
    SiteDraft,
)
from trainingdesk.services.container import Services
from trainingdesk.storage.models import Project
from trainingdesk.storage.unit_of_work import unit_of_work_factory


@dataclass
class Programme:
    """The people of the synthetic programme, by the short names the comments use."""

    people: dict[str, PersonRecord]


def _project(services: Services, code: str, donor: str) -> uuid.UUID:
    uow = unit_of_work_factory(services.database, TEST_ACTOR)()
    with uow:
        project = uow.projects.add(
            Project(id=uuid.uuid4(), code=code, name=f"Project {code}", donor=donor)
        )
        uow.commit()
        return project.id


def _marks(services: Services, exercise_id: uuid.UUID, rows: dict[PersonRecord, str]) -> None:
    """rows: person -> one letter per session (P, L, E, A; "-" for no mark)."""
    sessions = services.exercises.sessions(exercise_id)
    services.grid.set_marks(
        [
            MarkChange(session.id, person.id, AttendanceStatus(letter))
            for person, letters in rows.items()
            for session, letter in zip(sessions, letters, strict=True)
            if letter != "-"
        ]
    )


def build_programme(services: Services) -> Programme:
    """Two exercises in FY 2025-26, and three that must not count.

    JTX (infrastructure, Torkham, May 2025): four sessions, two on the first day.
    CRS (harmonisation, Chaman, October 2025): four days, post-test pass mark 60.
    """
    reference = services.reference
    abp = reference.create_agency(AgencyDraft(Country.AF, "ABP", "Afghan Border Police"))
    acd = reference.create_agency(AgencyDraft(Country.AF, "ACD", "Afghan Customs Department"))
    pc = reference.create_agency(AgencyDraft(Country.PK, "PC", "Pakistan Customs"))
    fia = reference.create_agency(AgencyDraft(Country.PK, "FIA", "Federal Investigation Agency"))
    torkham = reference.create_site(
        SiteDraft("TKM-AF", "Torkham (Nangarhar side)", Country.AF, SiteKind.CROSSING)
    )
    chaman = reference.create_site(
        SiteDraft("CHM-PK", "Chaman (Balochistan side)", Country.PK, SiteKind.CROSSING)
    )
    apcp = _project(services, "APCP-1", "Global Affairs Canada")
    other = _project(services, "JPN-2", "Government of Japan")

    people: dict[str, PersonRecord] = {}

    def officer(short: str, country: Country, sex: Sex, agency: uuid.UUID, number: int) -> None:
        people[short] = services.people.create(
            PersonDraft(
                given_name=f"Zarbaz{short}",
                family_name=f"Qalandari{number:02d}",
                native_name=f"زرباز {number}",
                father_name=f"Sherdil{short}",
                father_name_native=f"شېردل {number}",
                sex=sex,
                country=country,
                agency_id=agency,
                service_number=f"SN-{700100 + number}",
            )
        )

    for n in range(1, 7):
        officer(f"A{n}", Country.AF, Sex.MALE, abp.id, n)
        officer(f"B{n}", Country.PK, Sex.MALE, pc.id, 10 + n)
    officer("W1", Country.AF, Sex.FEMALE, abp.id, 21)
    officer("W2", Country.AF, Sex.FEMALE, abp.id, 22)
    officer("C1", Country.AF, Sex.MALE, acd.id, 23)
    officer("V1", Country.PK, Sex.FEMALE, fia.id, 24)
    officer("T1", Country.AF, Sex.MALE, abp.id, 25)
    p = people

    curriculum = services.curricula.create(
        CurriculumDraft("JBM", "2025", "Joint border management", CurriculumKind.JOINT)
    )
    risk = services.curricula.add_module(
        curriculum.id, ModuleDraft("JBM-01", "Risk analysis", hours=8.0)
    )
    cargo = services.curricula.add_module(
        curriculum.id, ModuleDraft("JBM-02", "Cargo inspection", hours=12.0)
    )

    def exercise(
        code: str, kind: ExerciseType, area: KeyArea, start: date, end: date, **more: Any
    ) -> ExerciseRecord:
        return services.exercises.create(
            ExerciseDraft(
                code=code,
                title=f"{kind.value} {code}",
                type=kind,
                key_area=area,
                start_date=start,
                end_date=end,
                **more,
            )
        )

    jtx = exercise(
        "JTX-2025-01",
        ExerciseType.JOINT_EXERCISE,
        KeyArea.INFRASTRUCTURE,
        date(2025, 5, 5),
        date(2025, 5, 7),
        site_id=torkham.id,
        project_id=apcp,
    )
    services.exercises.generate_daily_sessions(jtx.id)
    services.exercises.add_session(jtx.id, SessionDraft(date(2025, 5, 5), time(14), time(16)))
    services.exercises.set_modules(jtx.id, [risk.id, cargo.id])
    participants = [p[f"A{n}"] for n in range(1, 7)] + [p[f"B{n}"] for n in range(1, 7)]
    participants += [p["W1"], p["W2"], p["C1"], p["V1"]]
    services.enrolments.enrol(jtx.id, [x.id for x in participants])
    services.enrolments.enrol(jtx.id, [p["T1"].id], Role.TRAINER)
    withdrawn = next(
        e for e in services.enrolments.for_exercise(jtx.id) if e.person_id == p["C1"].id
    )
    services.enrolments.update(
        withdrawn.id, role=Role.PARTICIPANT, status=EnrolmentStatus.WITHDRAWN
    )
    # Sessions in order: 5 May morning, 5 May afternoon (added last, sorted by day), 6, 7 May.
    _marks(
        services,
        jtx.id,
        {
            **{p[f"A{n}"]: "PPPP" for n in range(1, 7)},  # trained, completed, 3 days
            p["W1"]: "PAAA",  # 25 %: trained, not completed, 1 day
            p["W2"]: "LLLE",  # late counts, excused left out: 3 of 3, 2 days
            p["C1"]: "PPPP",  # withdrawn: trained, not completed, 3 days
            p["V1"]: "AAAA",  # never attended: not trained
            **{p[f"B{n}"]: "PPPP" for n in range(1, 6)},  # completed, 3 days
            p["B6"]: "PPAA",  # 50 %: not completed, 1 day
            p["T1"]: "PPPP",  # a trainer: counts for joint sessions only
        },
    )
    crs = exercise(
        "CRS-2025-01",
        ExerciseType.COURSE,
        KeyArea.HARMONISATION,
        date(2025, 10, 6),
        date(2025, 10, 9),
        site_id=chaman.id,
        project_id=other,
        rule=CompletionRule(post_test_pass_mark=60.0),
    )
    services.exercises.generate_daily_sessions(crs.id)
    services.exercises.set_modules(crs.id, [cargo.id])
    course = [p["A1"], p["A2"], p["A3"], p["W1"], p["V1"]] + [p[f"B{n}"] for n in range(1, 6)]
    services.enrolments.enrol(crs.id, [x.id for x in course])
    _marks(
        services,
        crs.id,
        {
            **{p[k]: "PPPE" for k in ("A1", "A2", "A3")},  # 3 of 3; day 4 has no Afghan
            p["W1"]: "PPPA",  # 75 %: not completed
            **{p[f"B{n}"]: "PPPP" for n in range(1, 6)},
            p["V1"]: "PPPP",
        },
    )
    scores = {
        "A1": (50, 80, 5),  # passes: completed
        "A2": (40, 55, 4),  # fails the pass mark
        "A3": (60, None, 3),  # no post-test: not completed
        "W1": (70, 90, 4),
        **{f"B{n}": (50, 70, 4) for n in range(1, 6)},
        "V1": (45, 65, 5),
    }
    for short, (pre, post, satisfaction) in scores.items():
        services.attendance.set_assessment(
            crs.id, p[short].id, AssessmentDraft(pre, post, satisfaction)
        )

    # Outside the year, cancelled, and never held: none of them counts.
    before = exercise(
        "DLG-2025-01", ExerciseType.DIALOGUE, KeyArea.DIALOGUE, date(2025, 3, 10), date(2025, 3, 10)
    )
    services.exercises.generate_daily_sessions(before.id)
    services.enrolments.enrol(before.id, [p["A1"].id, p["W1"].id])
    _marks(services, before.id, {p["A1"]: "P", p["W1"]: "P"})
    cancelled = exercise(
        "WSH-2025-01",
        ExerciseType.WORKSHOP,
        KeyArea.DIALOGUE,
        date(2025, 6, 2),
        date(2025, 6, 2),
        status=ExerciseStatus.CANCELLED,
    )
    services.exercises.generate_daily_sessions(cancelled.id)
    services.enrolments.enrol(cancelled.id, [p["A4"].id])
    _marks(services, cancelled.id, {p["A4"]: "P"})
    planned = exercise(
        "TTX-2026-01", ExerciseType.TABLETOP, KeyArea.DIALOGUE, date(2026, 2, 2), date(2026, 2, 3)
    )
    services.exercises.generate_daily_sessions(planned.id)
    services.enrolments.enrol(planned.id, [p["A5"].id])

    issued = services.certificates.issue(jtx.id)
    assert len(issued) == 12
    services.certificates.revoke(issued[0].serial, "issued in error")
    return Programme(people)
