"""The crosswalk's coverage figures and an officer's competency record, worked out by hand."""

import uuid
from datetime import date

from trainingdesk.domain.crosswalk import (
    Crosswalk,
    CrosswalkLink,
    CrosswalkModule,
    CurriculumHeading,
    ModuleCompletion,
    SideCoverage,
    build_crosswalk,
    competency_record,
)
from trainingdesk.domain.enums import Country, CurriculumStatus, Equivalence

FULL, PARTIAL, NONE = Equivalence.FULL, Equivalence.PARTIAL, Equivalence.NONE


def _heading(code: str, country: Country | None = None) -> CurriculumHeading:
    return CurriculumHeading(uuid.uuid4(), code, "1", code, CurriculumStatus.ADOPTED, country)


def _module(heading: CurriculumHeading, code: str, hours: float) -> CrosswalkModule:
    return CrosswalkModule(uuid.uuid4(), heading.id, code, f"{code} title", "", hours)


def _link(
    national: CrosswalkModule, joint: CrosswalkModule, equivalence: Equivalence
) -> CrosswalkLink:
    return CrosswalkLink(uuid.uuid4(), national.id, joint.id, equivalence, "")


JOINT = _heading("JBM")
J1, J2, J3, J4, J5 = (
    _module(JOINT, code, hours)
    for code, hours in (("J1", 8), ("J2", 16), ("J3", 12), ("J4", 4.5), ("J5", 10))
)
ABP, ACD = _heading("ABP", Country.AF), _heading("ACD", Country.AF)
A1, A2, A3 = _module(ABP, "A1", 10), _module(ABP, "A2", 6), _module(ABP, "A3", 2.5)
B1 = _module(ACD, "B1", 20)
PC = _heading("PC", Country.PK)
P1, P2, P3 = _module(PC, "P1", 8), _module(PC, "P2", 4), _module(PC, "P3", 3)
OTHER_JOINT = _heading("JBM-OLD")
OLD = _module(OTHER_JOINT, "J1-OLD", 8)
FC = _heading("FC", Country.PK)
F1 = _module(FC, "F1", 16)

LINKS = (
    # Given out of order: each side lists its links in curriculum order all the same.
    _link(B1, J1, PARTIAL),
    _link(A1, J1, FULL),
    _link(A2, J2, PARTIAL),
    _link(A3, J3, NONE),
    _link(B1, J4, FULL),
    _link(P1, J1, PARTIAL),
    _link(P1, J2, PARTIAL),
    _link(P2, J3, FULL),
    _link(P3, J5, NONE),
    # Neither end shown: another joint version, a national curriculum not compared.
    _link(A2, OLD, FULL),
    _link(F1, J5, FULL),
)


def _crosswalk() -> Crosswalk:
    modules = (J1, J2, J3, J4, J5, A1, A2, A3, B1, P1, P2, P3, OLD, F1)
    return build_crosswalk(JOINT, (ABP, ACD), (PC,), modules, LINKS)


def test_each_joint_module_shows_its_links_and_each_sides_best_cover() -> None:
    crosswalk = _crosswalk()
    assert [row.module.code for row in crosswalk.rows] == ["J1", "J2", "J3", "J4", "J5"]
    shown = [
        (
            [(m.code, link.equivalence) for m, link in row.afghan],
            row.afghan_cover,
            [(m.code, link.equivalence) for m, link in row.pakistani],
            row.pakistani_cover,
        )
        for row in crosswalk.rows
    ]
    assert shown == [
        ([("A1", FULL), ("B1", PARTIAL)], FULL, [("P1", PARTIAL)], PARTIAL),
        ([("A2", PARTIAL)], PARTIAL, [("P1", PARTIAL)], PARTIAL),
        ([("A3", NONE)], NONE, [("P2", FULL)], FULL),
        ([("B1", FULL)], FULL, [], NONE),
        ([], NONE, [("P3", NONE)], NONE),
    ]


def test_the_sides_list_their_curricula_in_order_and_the_modules_without_equivalent() -> None:
    crosswalk = _crosswalk()
    assert (crosswalk.joint, crosswalk.afghan, crosswalk.pakistani) == (JOINT, (ABP, ACD), (PC,))
    assert [m.code for m in crosswalk.afghan_modules] == ["A1", "A2", "A3", "B1"]
    assert [m.code for m in crosswalk.pakistani_modules] == ["P1", "P2", "P3"]
    # A "none" link says there is no equivalent; A2's full link is to another joint version.
    assert [m.code for m in crosswalk.unmatched_afghan] == ["A3"]
    assert [m.code for m in crosswalk.unmatched_pakistani] == ["P3"]


def test_coverage_in_modules_and_hours() -> None:
    crosswalk = _crosswalk()
    # 50.5 joint hours. Afghan: J1 and J4 covered (8 + 4.5), J2 partly (16), J3 and J5 gaps.
    assert crosswalk.afghan_coverage == SideCoverage(
        country=Country.AF,
        joint_modules=5,
        joint_hours=50.5,
        covered_modules=2,
        covered_hours=12.5,
        partly_covered_modules=1,
        partly_covered_hours=16.0,
        national_modules=4,
        national_hours=38.5,
        unmatched_national_modules=1,
        unmatched_national_hours=2.5,
    )
    assert (crosswalk.afghan_coverage.gap_modules, crosswalk.afghan_coverage.gap_hours) == (2, 22)
    # Pakistani: J3 covered (12), J1 and J2 partly (8 + 16), J4 and J5 gaps.
    assert crosswalk.pakistani_coverage == SideCoverage(
        country=Country.PK,
        joint_modules=5,
        joint_hours=50.5,
        covered_modules=1,
        covered_hours=12.0,
        partly_covered_modules=2,
        partly_covered_hours=24.0,
        national_modules=3,
        national_hours=15.0,
        unmatched_national_modules=1,
        unmatched_national_hours=3.0,
    )
    assert crosswalk.pakistani_coverage.gap_hours == 14.5


def test_tenths_of_hours_add_up_exactly() -> None:
    joint = _heading("J")
    modules = [_module(joint, f"J{n}", hours) for n, hours in enumerate((0.1, 0.2, 0.7), 1)]
    national = _heading("N", Country.AF)
    covering = _module(national, "N1", 1)
    links = [_link(covering, module, FULL) for module in modules]
    coverage = build_crosswalk(joint, (national,), (), [*modules, covering], links)
    assert coverage.afghan_coverage.covered_hours == 1.0
    assert coverage.afghan_coverage.gap_hours == 0
    assert coverage.pakistani_coverage.gap_hours == 1.0


def test_hour_figures_are_exact_to_hundredths_with_no_crumbs_left() -> None:
    """0.1 + 0.2 is 0.30000000000000004 in floating point; a gap of 2.8e-17 hours was shown."""
    joint = _heading("J")
    tenth, fifth = _module(joint, "J1", 0.1), _module(joint, "J2", 0.2)
    afghan, pakistani = _heading("A", Country.AF), _heading("P", Country.PK)
    a1, a2 = _module(afghan, "A1", 0.1), _module(afghan, "A2", 0.2)
    p1 = _module(pakistani, "P1", 0.3)
    links = [_link(a1, tenth, FULL), _link(a2, fifth, PARTIAL)]
    crosswalk = build_crosswalk(joint, (afghan,), (pakistani,), [tenth, fifth, a1, a2, p1], links)
    afghan_side, pakistani_side = crosswalk.afghan_coverage, crosswalk.pakistani_coverage
    assert (afghan_side.joint_hours, afghan_side.national_hours) == (0.3, 0.3)
    assert (afghan_side.covered_hours, afghan_side.partly_covered_hours) == (0.1, 0.2)
    assert repr(afghan_side.gap_hours) == "0.0"
    assert repr(pakistani_side.gap_hours) == "0.3"
    assert repr(pakistani_side.unmatched_national_hours) == "0.3"
    record = competency_record(
        uuid.uuid4(), joint, (tenth, fifth), [_done(tenth, "X", date(2013, 1, 1))]
    )
    assert (repr(record.completed_hours), repr(record.remaining_hours)) == ("0.1", "0.2")
    everything = competency_record(uuid.uuid4(), joint, (tenth, fifth), [])
    assert repr(everything.remaining_hours) == "0.3"


def test_a_side_without_curricula_covers_nothing() -> None:
    crosswalk = build_crosswalk(JOINT, (), (), (J1, J2), ())
    assert crosswalk.afghan_coverage == SideCoverage(Country.AF, 2, 24.0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert crosswalk.afghan_coverage.gap_modules == 2
    assert all(row.afghan == () and row.afghan_cover is NONE for row in crosswalk.rows)


def _done(module: CrosswalkModule, code: str, day: date) -> ModuleCompletion:
    return ModuleCompletion(module, uuid.uuid4(), code, f"{code} exercise", day)


def test_the_record_keeps_the_earliest_completion_and_lists_what_remains_in_order() -> None:
    person = uuid.uuid4()
    later = _done(J3, "CRS-2013-02", date(2013, 5, 2))
    earliest = _done(J3, "JTX-2012-01", date(2012, 10, 8))
    same_day = _done(J1, "WSH-2012-04", date(2012, 10, 8))
    first_by_code = _done(J1, "CRS-2012-04", date(2012, 10, 8))
    elsewhere = _done(OLD, "JTX-2011-01", date(2011, 6, 1))
    record = competency_record(
        person,
        JOINT,
        (J1, J2, J3, J4, J5),
        [later, same_day, earliest, elsewhere, first_by_code],
    )
    assert record.person_id == person and record.joint == JOINT
    assert record.completed == (first_by_code, earliest)
    assert [m.code for m in record.remaining] == ["J2", "J4", "J5"]
    assert (record.completed_hours, record.remaining_hours) == (20, 30.5)


def test_a_record_with_nothing_completed_lists_every_module() -> None:
    record = competency_record(uuid.uuid4(), JOINT, (J1, J2), [])
    assert record.completed == ()
    assert record.remaining == (J1, J2)
    assert record.completed_hours == 0
