"""Curricula as a coordinator keeps them: reordering, new versions, competencies, the
crosswalk, and which joint modules officers have completed, on a real database file."""

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests import builders
from tests.conftest import TEST_ACTOR
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.crosswalk import AgencyCoverageRow, SideCoverage
from trainingdesk.domain.enums import (
    AttendanceStatus,
    Country,
    CurriculumKind,
    CurriculumStatus,
    EnrolmentStatus,
    Equivalence,
    Role,
)
from trainingdesk.domain.errors import Conflict, NotFound
from trainingdesk.domain.records import (
    AssessmentDraft,
    CurriculumDraft,
    CurriculumRecord,
    ExerciseRecord,
    MarkChange,
    ModuleDraft,
    ModuleRecord,
    PersonRecord,
)
from trainingdesk.services.container import Services, open_services
from trainingdesk.storage.models import Competency

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
FULL, PARTIAL, NONE = Equivalence.FULL, Equivalence.PARTIAL, Equivalence.NONE


def _curriculum(
    services: Services,
    code: str,
    version: str,
    modules: list[tuple[str, float]],
    *,
    country: Country | None = None,
    status: CurriculumStatus = CurriculumStatus.ADOPTED,
    adopted_on: date | None = None,
) -> tuple[CurriculumRecord, dict[str, ModuleRecord]]:
    kind = CurriculumKind.JOINT if country is None else CurriculumKind.NATIONAL
    curriculum = services.curricula.create(
        CurriculumDraft(
            code, version, f"{code} {version}", kind, country, status=status, adopted_on=adopted_on
        )
    )
    added = {
        module_code: services.curricula.add_module(
            curriculum.id, ModuleDraft(module_code, f"{module_code} title", hours=hours)
        )
        for module_code, hours in modules
    }
    return curriculum, added


def add_catalogue(services: Services) -> None:
    """A few entries of the shared competency catalogue (no screen edits it yet)."""
    with services.database.session_factory.begin() as session:
        session.add_all(
            Competency(id=uuid.uuid4(), code=code, title_en=title, title_local=local)
            for code, title, local in (
                ("SRCH", "Search of persons and cargo", "تلاشی اشخاص و محموله‌ها"),
                ("DOC", "Document examination", "بررسی اسناد"),
                ("HRG", "Human rights and gender", "حقوق بشر و جندر"),
            )
        )


def _codes(modules: list[ModuleRecord]) -> list[tuple[str, int]]:
    return [(m.code, m.position) for m in modules]


# ----------------------------------------------------------------------------- modules


def test_a_module_moves_to_any_place_and_the_others_close_up(services: Services) -> None:
    curriculum, modules = _curriculum(
        services, "AF-ABP", "2012.1", [("ABP-101", 16), ("ABP-102", 32), ("ABP-103", 24)]
    )
    moved = services.curricula.move_module(modules["ABP-103"].id, 0)
    assert _codes(moved) == [("ABP-103", 0), ("ABP-101", 1), ("ABP-102", 2)]
    assert services.curricula.modules(curriculum.id) == moved
    assert _codes(services.curricula.move_module(modules["ABP-103"].id, 1)) == [
        ("ABP-101", 0),
        ("ABP-103", 1),
        ("ABP-102", 2),
    ]
    # Out of range: to the end, or to the start.
    assert _codes(services.curricula.move_module(modules["ABP-101"].id, 99))[-1] == ("ABP-101", 2)
    assert _codes(services.curricula.move_module(modules["ABP-101"].id, -4))[0] == ("ABP-101", 0)


def test_moving_skips_deleted_modules_and_leaves_other_curricula_alone(
    services: Services,
) -> None:
    curriculum, modules = _curriculum(
        services, "AF-ABP", "2012.1", [("ABP-101", 16), ("ABP-102", 32), ("ABP-103", 24)]
    )
    other, _ = _curriculum(services, "AF-ACD", "2012.2", [("ACD-201", 24), ("ACD-202", 24)])
    services.curricula.delete_module(modules["ABP-102"].id)
    moved = services.curricula.move_module(modules["ABP-103"].id, 0)
    assert _codes(moved) == [("ABP-103", 0), ("ABP-101", 1)]
    assert _codes(services.curricula.modules(other.id)) == [("ACD-201", 0), ("ACD-202", 1)]
    with pytest.raises(NotFound):
        services.curricula.move_module(modules["ABP-102"].id, 0)
    assert services.curricula.modules(curriculum.id) == moved


def test_competencies_of_a_module_are_set_and_set_back(services: Services) -> None:
    _, modules = _curriculum(services, "AF-ABP", "2012.1", [("ABP-103", 24)])
    module = modules["ABP-103"]
    add_catalogue(services)
    catalogue = {entry.code: entry for entry in services.curricula.competencies()}
    assert list(catalogue) == sorted(catalogue)
    assert catalogue["SRCH"].title_en == "Search of persons and cargo"
    assert services.curricula.module_competencies(module.id) == []
    chosen = [catalogue["SRCH"].id, catalogue["HRG"].id]
    assert services.curricula.set_module_competencies(module.id, chosen) == [
        catalogue["HRG"],
        catalogue["SRCH"],
    ]
    assert services.curricula.set_module_competencies(module.id, [catalogue["DOC"].id]) == [
        catalogue["DOC"]
    ]
    # Undo puts back the earlier list: the removed links come back rather than doubling.
    assert services.curricula.set_module_competencies(module.id, chosen) == [
        catalogue["HRG"],
        catalogue["SRCH"],
    ]
    assert services.curricula.module_competencies(module.id) == [
        catalogue["HRG"],
        catalogue["SRCH"],
    ]
    with pytest.raises(NotFound):
        services.curricula.set_module_competencies(module.id, [uuid.uuid4()])
    assert len(services.curricula.module_competencies(module.id)) == 2


# ----------------------------------------------------------------------------- versions


def test_a_new_version_copies_modules_competencies_and_links_and_keeps_the_old_one(
    services: Services,
) -> None:
    add_catalogue(services)
    doc = next(c for c in services.curricula.competencies() if c.code == "DOC")
    joint, joint_modules = _curriculum(services, "JBM-T", "2013.1", [("J1", 8), ("J2", 16)])
    national, modules = _curriculum(
        services,
        "AF-T",
        "2012.1",
        [("T-101", 16), ("T-102", 8), ("T-103", 4)],
        country=Country.AF,
        adopted_on=date(2012, 3, 1),
    )
    services.curricula.move_module(modules["T-103"].id, 0)
    services.curricula.delete_module(modules["T-102"].id)
    services.curricula.set_module_competencies(modules["T-101"].id, [doc.id])
    services.curricula.map_module(modules["T-101"].id, joint_modules["J1"].id, FULL, "same")
    services.curricula.map_module(modules["T-103"].id, joint_modules["J2"].id, PARTIAL)
    before = services.curricula.mappings()

    copy = services.curricula.copy_version(national.id, " 2014.1 ", "ABP course, revised")
    assert (copy.code, copy.version, copy.title) == ("AF-T", "2014.1", "ABP course, revised")
    assert (copy.status, copy.adopted_on, copy.retired_on) == (CurriculumStatus.DRAFT, None, None)
    assert (copy.kind, copy.country, copy.modules, copy.hours) == (
        CurriculumKind.NATIONAL,
        Country.AF,
        2,
        20.0,
    )
    copied = services.curricula.modules(copy.id)
    assert _codes(copied) == [("T-103", 0), ("T-101", 1)]
    assert services.curricula.module_competencies(copied[1].id) == [doc]
    links = {
        (m.national_module_id, m.joint_module_id): (m.equivalence, m.note)
        for m in services.curricula.mappings()
    }
    assert links[(copied[1].id, joint_modules["J1"].id)] == (FULL, "same")
    assert links[(copied[0].id, joint_modules["J2"].id)] == (PARTIAL, "")
    assert len(links) == 4
    # The old version is as it was.
    assert services.curricula.by_code("AF-T", "2012.1") == services.curricula.restore(national.id)
    assert _codes(services.curricula.modules(national.id)) == [("T-103", 0), ("T-101", 1)]
    assert all(m in services.curricula.mappings() for m in before)
    # A joint curriculum's copy keeps the national modules that map to it.
    joint_copy = services.curricula.copy_version(joint.id, "2015.1")
    assert joint_copy.title == joint.title
    j1_copy = services.curricula.modules(joint_copy.id)[0]
    national_ends = {
        m.national_module_id
        for m in services.curricula.mappings()
        if m.joint_module_id == j1_copy.id
    }
    assert national_ends == {modules["T-101"].id, copied[1].id}


def test_a_version_is_copied_once(services: Services) -> None:
    national, _ = _curriculum(services, "AF-T", "2012.1", [("T-101", 16)], country=Country.AF)
    services.curricula.copy_version(national.id, "2014.1")
    with pytest.raises(Conflict, match=re.escape("curriculum AF-T version 2014.1 already exists")):
        services.curricula.copy_version(national.id, "2014.1")
    with pytest.raises(Conflict, match="already exists"):
        services.curricula.copy_version(national.id, "2012.1")
    assert [c.version for c in services.curricula.find()] == ["2012.1", "2014.1"]


def test_an_undone_copy_is_not_restored_over_a_newer_one(services: Services) -> None:
    national, _ = _curriculum(services, "AF-T", "2012.1", [("T-101", 16)], country=Country.AF)
    first = services.curricula.copy_version(national.id, "2014.1")
    services.curricula.delete(first.id)
    services.curricula.copy_version(national.id, "2014.1")
    with pytest.raises(Conflict, match="already exists"):
        services.curricula.restore(first.id)


def test_a_curriculum_is_found_by_code_and_version(services: Services) -> None:
    _curriculum(services, "JBM", "2011.1", [], status=CurriculumStatus.RETIRED)
    adopted, _ = _curriculum(services, "JBM", "2013.1", [], adopted_on=date(2013, 3, 1))
    _curriculum(services, "JBM", "2015.1", [], status=CurriculumStatus.DRAFT)
    assert services.curricula.by_code("jbm") == adopted
    assert services.curricula.by_code("JBM", "2015.1").status is CurriculumStatus.DRAFT
    with pytest.raises(NotFound, match=re.escape("no curriculum JBM version 2020.1")):
        services.curricula.by_code("JBM", "2020.1")
    with pytest.raises(NotFound, match="no curriculum XYZ"):
        services.curricula.by_code("XYZ")


# ----------------------------------------------------------------------------- crosswalk


@dataclass
class Curricula:
    """Joint versions 2011.1 (retired), 2013.1 (adopted) and 2015.1 (draft), and two
    national curricula per side, one of them retired."""

    joint: dict[str, CurriculumRecord]
    modules: dict[str, ModuleRecord]
    abp: CurriculumRecord
    abp_old: CurriculumRecord
    pc: CurriculumRecord


def _curricula(services: Services) -> Curricula:
    joint = {}
    modules: dict[str, ModuleRecord] = {}
    for version, status, adopted in (
        ("2011.1", CurriculumStatus.RETIRED, date(2011, 3, 1)),
        ("2013.1", CurriculumStatus.ADOPTED, date(2013, 3, 1)),
        ("2015.1", CurriculumStatus.DRAFT, None),
    ):
        joint[version], added = _curriculum(
            services,
            "JBM",
            version,
            [("J1", 8), ("J2", 16), ("J3", 12)],
            status=status,
            adopted_on=adopted,
        )
        modules.update({f"{code}/{version}": module for code, module in added.items()})
    abp, added = _curriculum(
        services, "AF-ABP", "2012.1", [("A1", 16), ("A2", 8), ("A3", 4)], country=Country.AF
    )
    modules.update(added)
    abp_old, added = _curriculum(
        services,
        "AF-ABP",
        "2008.1",
        [("OLD-1", 40)],
        country=Country.AF,
        status=CurriculumStatus.RETIRED,
    )
    modules.update(added)
    pc, added = _curriculum(
        services, "PK-PC", "2011.3", [("P1", 24), ("P2", 6)], country=Country.PK
    )
    modules.update(added)
    for national, joint_code, equivalence in (
        ("A1", "J1/2013.1", FULL),
        ("A2", "J2/2013.1", PARTIAL),
        ("A3", "J3/2013.1", NONE),
        ("OLD-1", "J3/2013.1", FULL),
        ("A1", "J1/2011.1", FULL),
        ("A2", "J2/2011.1", FULL),
        ("P1", "J2/2013.1", FULL),
        ("P1", "J1/2013.1", PARTIAL),
    ):
        services.curricula.map_module(
            modules[national].id, modules[joint_code].id, equivalence, f"{national} to {joint_code}"
        )
    return Curricula(joint, modules, abp, abp_old, pc)


def test_the_crosswalk_compares_the_joint_curriculum_in_force(services: Services) -> None:
    curricula = _curricula(services)
    crosswalk = services.curricula.crosswalk()
    assert (crosswalk.joint.code, crosswalk.joint.version) == ("JBM", "2013.1")
    # The retired ABP version is left out; its full link would otherwise cover J3.
    assert [h.id for h in crosswalk.afghan] == [curricula.abp.id]
    assert [h.id for h in crosswalk.pakistani] == [curricula.pc.id]
    assert [(r.module.code, r.afghan_cover, r.pakistani_cover) for r in crosswalk.rows] == [
        ("J1", FULL, PARTIAL),
        ("J2", PARTIAL, FULL),
        ("J3", NONE, NONE),
    ]
    assert crosswalk.rows[0].afghan[0][1].note == "A1 to J1/2013.1"
    assert [m.code for m in crosswalk.unmatched_afghan] == ["A3"]
    assert [m.code for m in crosswalk.unmatched_pakistani] == ["P2"]
    assert crosswalk.afghan_coverage == SideCoverage(
        Country.AF, 3, 36.0, 1, 8.0, 1, 16.0, 3, 28.0, 1, 4.0
    )
    assert crosswalk.pakistani_coverage == SideCoverage(
        Country.PK, 3, 36.0, 1, 16.0, 1, 8.0, 2, 30.0, 1, 6.0
    )


def test_the_crosswalk_of_another_version_or_other_curricula(services: Services) -> None:
    curricula = _curricula(services)
    old = services.curricula.crosswalk(curricula.joint["2011.1"].id)
    assert [(r.afghan_cover, r.pakistani_cover) for r in old.rows] == [
        (FULL, NONE),
        (FULL, NONE),
        (NONE, NONE),
    ]
    assert [m.code for m in old.unmatched_pakistani] == ["P1", "P2"]
    chosen = services.curricula.crosswalk(afghan=[curricula.abp_old.id], pakistani=[])
    assert [m.code for m in chosen.afghan_modules] == ["OLD-1"]
    assert chosen.pakistani == () and chosen.pakistani_coverage.gap_modules == 3
    assert chosen.afghan_coverage.covered_hours == 12.0
    with pytest.raises(
        Conflict, match=re.escape("AF-ABP 2012.1 is not a Pakistani national curriculum")
    ):
        services.curricula.crosswalk(pakistani=[curricula.abp.id])
    with pytest.raises(
        Conflict, match=re.escape("JBM 2013.1 is not an Afghan national curriculum")
    ):
        services.curricula.crosswalk(afghan=[curricula.joint["2013.1"].id])
    with pytest.raises(
        Conflict, match=re.escape("AF-ABP 2012.1 is a national curriculum, not a joint one")
    ):
        services.curricula.crosswalk(curricula.abp.id)


def test_without_an_adopted_joint_curriculum_the_highest_version_is_compared(
    services: Services,
) -> None:
    curricula = _curricula(services)
    services.curricula.delete(curricula.joint["2013.1"].id)
    assert services.curricula.crosswalk().joint.version == "2015.1"
    services.curricula.update(
        curricula.joint["2011.1"].id,
        CurriculumDraft(
            "JBM", "2011.1", "JBM", CurriculumKind.JOINT, status=CurriculumStatus.ADOPTED
        ),
    )
    assert services.curricula.crosswalk().joint.version == "2011.1"


def test_there_is_no_crosswalk_without_a_joint_curriculum(services: Services) -> None:
    _curriculum(services, "AF-ABP", "2012.1", [("A1", 16)], country=Country.AF)
    with pytest.raises(NotFound, match="there is no joint curriculum yet"):
        services.curricula.crosswalk()
    with pytest.raises(NotFound, match="there is no joint curriculum yet"):
        services.curricula.agency_coverage()


# ----------------------------------------------------------------------- competency records


@dataclass
class Programme:
    """Three exercises delivering joint modules, with marks that the rules judge."""

    joint: CurriculumRecord
    modules: dict[str, ModuleRecord]
    people: dict[str, PersonRecord]
    exercises: dict[str, ExerciseRecord]


def _exercise(
    services: Services,
    code: str,
    days: tuple[date, date],
    modules: list[ModuleRecord],
    marks: dict[PersonRecord, str],
    rule: CompletionRule | None = None,
) -> ExerciseRecord:
    exercise = builders.exercise(
        services, builders.exercise_draft(code, start=days[0], end=days[1], rule=rule)
    )
    services.exercises.set_modules(exercise.id, [m.id for m in modules])
    sessions = services.exercises.generate_daily_sessions(exercise.id)
    services.enrolments.enrol(exercise.id, [person.id for person in marks])
    statuses = {"P": P, "L": L, "E": E, "A": A}
    services.grid.set_marks(
        [
            MarkChange(session.id, person.id, statuses[letter])
            for person, letters in marks.items()
            for session, letter in zip(sessions, letters, strict=True)
            if letter != "-"
        ]
    )
    return exercise


def _programme(services: Services) -> Programme:
    abp = builders.agency(services)
    pc = builders.agency(services, "PC", Country.PK)
    joint, modules = _curriculum(
        services, "JBM", "2013.1", [("J1", 8), ("J2", 16), ("J3", 12)], adopted_on=date(2013, 3, 1)
    )
    _, old = _curriculum(services, "JBM", "2011.1", [("J1", 8)], status=CurriculumStatus.RETIRED)
    people = {
        "karimi": builders.person(services, agency_record=abp),
        "safi": builders.person(
            services, "Ahmad", "Safi", native_name="احمد صافی", agency_record=abp
        ),
        "noor": builders.person(services, "Gul", "Noor", native_name="گل نور"),
        "khan": builders.person(
            services, "Imran", "Khan", native_name="عمران خان", country=Country.PK, agency_record=pc
        ),
        "trainer": builders.person(
            services, "Tariq", "Aziz", native_name="طارق عزیز", country=Country.PK, agency_record=pc
        ),
    }
    p = people
    # JTX: J1 and J2. Karimi late once (counts as present); Safi absent twice; Noor excused
    # once (left out: 2 of 2); Khan attended but withdrew; the trainer is no participant.
    jtx = _exercise(
        services,
        "JTX-2012-03",
        (date(2012, 10, 6), date(2012, 10, 8)),
        [modules["J1"], modules["J2"]],
        {
            p["karimi"]: "PPL",
            p["safi"]: "PAA",
            p["noor"]: "PEP",
            p["khan"]: "PPP",
            p["trainer"]: "PPP",
        },
    )
    enrolled = {e.person_id: e for e in services.enrolments.for_exercise(jtx.id)}
    services.enrolments.update(
        enrolled[p["khan"].id].id, role=Role.PARTICIPANT, status=EnrolmentStatus.WITHDRAWN
    )
    services.enrolments.update(
        enrolled[p["trainer"].id].id, role=Role.TRAINER, status=EnrolmentStatus.ENROLLED
    )
    # CRS: J1 and J3 with a post-test pass mark of 60. Safi attended but scored 50.
    crs = _exercise(
        services,
        "CRS-2013-01",
        (date(2013, 4, 1), date(2013, 4, 2)),
        [modules["J1"], modules["J3"]],
        {p["karimi"]: "PP", p["safi"]: "PP", p["khan"]: "PP"},
        CompletionRule(post_test_pass_mark=60),
    )
    for name, score in (("karimi", 75), ("safi", 50), ("khan", 80)):
        services.attendance.set_assessment(crs.id, p[name].id, AssessmentDraft(post_test=score))
    # WSH: a module of the retired joint version only; Safi completed it.
    wsh = _exercise(
        services, "WSH-2011-02", (date(2011, 9, 1), date(2011, 9, 1)), [old["J1"]], {p["safi"]: "P"}
    )
    return Programme(joint, modules, people, {"jtx": jtx, "crs": crs, "wsh": wsh})


def _record(services: Services, person: PersonRecord) -> tuple[list[tuple[str, str]], list[str]]:
    record = services.curricula.competency_record(person.id)
    return (
        [(done.module.code, done.exercise_code) for done in record.completed],
        [module.code for module in record.remaining],
    )


def test_an_officer_s_record_follows_the_completion_rules(services: Services) -> None:
    programme = _programme(services)
    people = programme.people
    karimi = services.curricula.competency_record(people["karimi"].id)
    assert karimi.joint.id == programme.joint.id
    # J1 also came with CRS in 2013; the earlier exercise is the one shown.
    assert [(d.module.code, d.exercise_code, d.completed_on) for d in karimi.completed] == [
        ("J1", "JTX-2012-03", date(2012, 10, 8)),
        ("J2", "JTX-2012-03", date(2012, 10, 8)),
        ("J3", "CRS-2013-01", date(2013, 4, 2)),
    ]
    assert karimi.completed[0].exercise_title == "Joint cargo search exercise at Torkham"
    assert (karimi.remaining, karimi.completed_hours) == ((), 36.0)
    assert _record(services, people["safi"]) == ([], ["J1", "J2", "J3"])
    assert _record(services, people["noor"]) == (
        [("J1", "JTX-2012-03"), ("J2", "JTX-2012-03")],
        ["J3"],
    )
    assert _record(services, people["khan"]) == (
        [("J1", "CRS-2013-01"), ("J3", "CRS-2013-01")],
        ["J2"],
    )
    assert _record(services, people["trainer"]) == ([], ["J1", "J2", "J3"])


def test_the_record_agrees_with_the_completion_the_certificates_use(services: Services) -> None:
    programme = _programme(services)
    for exercise in programme.exercises.values():
        for completion in services.attendance.completion(exercise.id):
            record = services.curricula.competency_record(completion.person_id)
            through = {done.exercise_id for done in record.completed}
            if exercise.id in through:
                assert completion.eligible


def test_a_record_against_another_joint_version_or_for_nobody(services: Services) -> None:
    programme = _programme(services)
    old = services.curricula.by_code("JBM", "2011.1")
    record = services.curricula.competency_record(programme.people["safi"].id, old.id)
    assert [(d.module.code, d.exercise_code) for d in record.completed] == [("J1", "WSH-2011-02")]
    with pytest.raises(NotFound):
        services.curricula.competency_record(uuid.uuid4())


def test_a_later_mark_changes_the_record(services: Services) -> None:
    programme = _programme(services)
    safi = programme.people["safi"]
    sessions = services.exercises.sessions(programme.exercises["jtx"].id)
    services.grid.set_marks([MarkChange(s.id, safi.id, P) for s in sessions])
    assert _record(services, safi) == ([("J1", "JTX-2012-03"), ("J2", "JTX-2012-03")], ["J3"])


# ----------------------------------------------------------------------------- per agency


def test_agency_coverage_counts_officers_and_modules_exactly(services: Services) -> None:
    programme = _programme(services)
    coverage = services.curricula.agency_coverage()
    assert coverage.joint.id == programme.joint.id
    assert [m.code for m in coverage.modules] == ["J1", "J2", "J3"]
    abp = services.reference.agency_by_acronym("ABP")
    pc = services.reference.agency_by_acronym("PC")
    assert coverage.rows == (
        # Karimi did everything; Safi completed only the workshop of the retired version.
        AgencyCoverageRow(abp.id, "Afghan Border Police (ABP)", Country.AF, 2, (1, 1, 1), 1),
        AgencyCoverageRow(None, "No agency recorded", Country.AF, 1, (1, 1, 0), 0),
        # Khan withdrew from JTX; the trainer is not counted.
        AgencyCoverageRow(pc.id, "Pakistan Customs (PC)", Country.PK, 1, (1, 0, 1), 0),
    )


def test_agency_coverage_leaves_out_deleted_people_and_exercises(services: Services) -> None:
    programme = _programme(services)
    services.people.delete(programme.people["noor"].id)
    services.exercises.delete(programme.exercises["crs"].id)
    rows = services.curricula.agency_coverage().rows
    assert [(r.agency, r.officers, r.completed, r.complete_curriculum) for r in rows] == [
        ("Afghan Border Police (ABP)", 2, (1, 1, 0), 0),
    ]
    old = services.curricula.by_code("JBM", "2011.1")
    rows = services.curricula.agency_coverage(old.id).rows
    assert [(r.agency, r.officers, r.completed, r.complete_curriculum) for r in rows] == [
        ("Afghan Border Police (ABP)", 2, (1,), 1),
    ]


# ---------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("curricula-demo") / "demo.sqlite"
    services = open_services(str(path), actor=TEST_ACTOR)
    services.demo.generate(people=60, seed=7, today=date(2014, 6, 30))
    services.close()
    return path


def test_the_demo_crosswalk_has_gaps_on_both_sides_and_a_version_history(demo: Path) -> None:
    services = open_services(str(demo), actor=TEST_ACTOR)
    try:
        joint = [c for c in services.curricula.find() if c.kind is CurriculumKind.JOINT]
        assert [(c.version, c.status) for c in joint] == [
            ("2011.1", CurriculumStatus.RETIRED),
            ("2013.1", CurriculumStatus.ADOPTED),
        ]
        crosswalk = services.curricula.crosswalk()
        assert crosswalk.joint.version == "2013.1"
        afghan_gaps = {r.module.code for r in crosswalk.rows if r.afghan_cover is NONE}
        pakistani_gaps = {r.module.code for r in crosswalk.rows if r.pakistani_cover is NONE}
        assert afghan_gaps and pakistani_gaps and not afghan_gaps & pakistani_gaps
        assert crosswalk.unmatched_afghan and crosswalk.unmatched_pakistani
        for coverage in (crosswalk.afghan_coverage, crosswalk.pakistani_coverage):
            assert coverage.covered_modules and coverage.partly_covered_modules
        assert all(row.module.title_local for row in crosswalk.rows)
    finally:
        services.close()


def test_agency_coverage_agrees_with_the_officers_records_on_demo_data(demo: Path) -> None:
    services = open_services(str(demo), actor=TEST_ACTOR)
    try:
        coverage = services.curricula.agency_coverage()
        assert sum(row.officers for row in coverage.rows) > 20
        agencies = {a.acronym: a.id for c in Country for a in services.reference.list_agencies(c)}
        expected: Counter[tuple[uuid.UUID | None, uuid.UUID]] = Counter()
        for person in services.people.find():
            agency = agencies.get(person.agency_acronym)
            for done in services.curricula.competency_record(person.id).completed:
                expected[(agency, done.module.id)] += 1
        counted = Counter(
            {
                (row.agency_id, module.id): count
                for row in coverage.rows
                for module, count in zip(coverage.modules, row.completed, strict=True)
                if count
            }
        )
        assert counted == expected
        assert sum(expected.values()) > 50
    finally:
        services.close()
