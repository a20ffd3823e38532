"""Curricula as a coordinator keeps them: reordering, new versions, competencies, the
crosswalk, and which joint modules officers have completed, on a real database file."""

import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

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
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
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
    """A curriculum with modules; unless given, adopted on 1 March of the version's year and
    retired two years later, as its status has it."""
    kind = CurriculumKind.JOINT if country is None else CurriculumKind.NATIONAL
    year = int(version[:4])
    if status is not CurriculumStatus.DRAFT and adopted_on is None:
        adopted_on = date(year, 3, 1)
    retired_on = date(year + 2, 3, 1) if status is CurriculumStatus.RETIRED else None
    curriculum = services.curricula.create(
        CurriculumDraft(
            code,
            version,
            f"{code} {version}",
            kind,
            country,
            status=status,
            adopted_on=adopted_on,
            retired_on=retired_on,
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


def test_undoing_a_deletion_and_a_move_puts_the_modules_back_in_their_order(
    services: Services,
) -> None:
    """The reviewer's sequence: delete a module, move another to the top, undo both."""
    curriculum, _ = _curriculum(
        services, "AF-ABP", "2012.1", [(f"ABP-10{n}", 8) for n in range(1, 7)], country=Country.AF
    )
    start = services.curricula.modules(curriculum.id)
    deleted = start[2]
    services.curricula.delete_module(deleted.id)
    live = services.curricula.modules(curriculum.id)
    assert _codes(live) == [(m.code, n) for n, m in enumerate(start[:2] + start[3:])]
    last = live[-1]
    services.curricula.move_module(last.id, 0)
    services.curricula.move_module(last.id, len(live) - 1)  # undo the move
    assert services.curricula.restore_module(deleted.id).position == 2  # undo the deletion
    assert services.curricula.modules(curriculum.id) == start

    # Codes out of position order: ABP-106 moved second, then deleted; ABP-102 moved up.
    services.curricula.move_module(start[-1].id, 1)
    reference = [m.code for m in services.curricula.modules(curriculum.id)]
    assert reference[:3] == ["ABP-101", "ABP-106", "ABP-102"]
    services.curricula.delete_module(start[-1].id)
    services.curricula.move_module(start[1].id, 0)
    services.curricula.move_module(start[1].id, 1)
    services.curricula.restore_module(start[-1].id)
    after = services.curricula.modules(curriculum.id)
    assert [m.code for m in after] == reference
    assert [m.position for m in after] == list(range(len(reference)))


def test_a_restored_module_that_was_never_deleted_stays_in_place(services: Services) -> None:
    curriculum, modules = _curriculum(services, "AF-ABP", "2012.1", [("A", 1), ("B", 1)])
    before = services.curricula.modules(curriculum.id)
    assert services.curricula.restore_module(modules["B"].id) == before[1]
    assert services.curricula.modules(curriculum.id) == before


def test_a_module_list_with_competencies_takes_two_queries_however_long(
    services: Services,
) -> None:
    add_catalogue(services)
    catalogue = {entry.code: entry for entry in services.curricula.competencies()}
    curriculum, modules = _curriculum(
        services, "AF-ABP", "2012.1", [(f"ABP-1{n:02}", 8) for n in range(12)], country=Country.AF
    )
    services.curricula.set_module_competencies(
        modules["ABP-100"].id, [catalogue["SRCH"].id, catalogue["DOC"].id]
    )
    services.curricula.set_module_competencies(modules["ABP-105"].id, [catalogue["HRG"].id])
    services.curricula.delete_module(modules["ABP-101"].id)
    with _statements(services) as run:
        listed = services.curricula.modules_with_competencies(curriculum.id)
    assert listed == [
        (module, services.curricula.module_competencies(module.id))
        for module in services.curricula.modules(curriculum.id)
    ]
    assert [c.code for c in listed[0][1]] == ["DOC", "SRCH"]
    assert len(run) <= 3, run


def test_the_list_of_curricula_takes_one_query_however_many(services: Services) -> None:
    for n in range(6):
        _curriculum(services, f"AF-{n}", "2012.1", [("M1", 8), ("M2", 1.5)], country=Country.AF)
    empty, _ = _curriculum(services, "JBM", "2013.1", [])
    with _statements(services) as run:
        found = services.curricula.find()
    assert len(run) <= 2, run
    assert found[0] == services.curricula.by_code("JBM") == empty
    assert (empty.modules, empty.hours) == (0, 0.0)
    assert {(c.modules, c.hours) for c in found[1:]} == {(2, 9.5)}


@contextmanager
def _statements(services: Services) -> Iterator[list[str]]:
    """The SELECT statements run inside the block."""
    run: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            run.append(statement)

    engine = services.database.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield run
    finally:
        event.remove(engine, "before_cursor_execute", record)


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


def test_the_catalogue_grows_with_unique_codes(services: Services) -> None:
    add_catalogue(services)
    added = services.curricula.add_competency(" RISK ", " Risk analysis ", "تحلیل خطر")
    assert (added.code, added.title_en, added.title_local) == ("RISK", "Risk analysis", "تحلیل خطر")
    assert added in services.curricula.competencies()
    with pytest.raises(Conflict, match=re.escape("competency DOC is already in the catalogue")):
        services.curricula.add_competency("doc", "Documents again")
    with pytest.raises(ValidationFailed) as refused:
        services.curricula.add_competency("BAD CODE", "")
    assert set(refused.value.errors) == {"code", "title_en"}
    with pytest.raises(ValidationFailed, match="one word"):
        services.curricula.add_competency("A,B", "Two codes")
    assert len(services.curricula.competencies()) == 4


# ----------------------------------------------------------------------------- life cycle


def _draft(status: CurriculumStatus, adopted: date | None, retired: date | None) -> CurriculumDraft:
    return CurriculumDraft(
        "JBM",
        "2014.1",
        "JBM",
        CurriculumKind.JOINT,
        status=status,
        adopted_on=adopted,
        retired_on=retired,
    )


@pytest.mark.parametrize(
    ("status", "adopted", "retired", "problems"),
    [
        (CurriculumStatus.DRAFT, None, None, {}),
        (
            CurriculumStatus.DRAFT,
            date(2014, 3, 1),
            date(2015, 3, 1),
            {
                "adopted_on": "a draft curriculum has no adoption date until it is adopted",
                "retired_on": "only a retired curriculum has a retirement date",
            },
        ),
        (
            CurriculumStatus.ADOPTED,
            None,
            None,
            {"adopted_on": "an adopted curriculum needs its adoption date"},
        ),
        (CurriculumStatus.ADOPTED, date(2014, 3, 1), None, {}),
        (
            CurriculumStatus.RETIRED,
            None,
            None,
            {
                "adopted_on": "a retired curriculum needs its adoption date",
                "retired_on": "a retired curriculum needs the date it was retired",
            },
        ),
        (
            CurriculumStatus.RETIRED,
            date(2014, 3, 1),
            date(2014, 2, 28),
            {"retired_on": "cannot be before the adoption date"},
        ),
        (CurriculumStatus.RETIRED, date(2014, 3, 1), date(2014, 3, 1), {}),
    ],
)
def test_the_life_cycle_dates_follow_the_status(
    services: Services,
    status: CurriculumStatus,
    adopted: date | None,
    retired: date | None,
    problems: dict[str, str],
) -> None:
    draft = _draft(status, adopted, retired)
    assert draft.problems() == problems
    if problems:
        with pytest.raises(ValidationFailed) as refused:
            services.curricula.create(draft)
        assert refused.value.errors == problems
    else:
        assert services.curricula.create(draft).status is status


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
            "JBM",
            "2011.1",
            "JBM",
            CurriculumKind.JOINT,
            status=CurriculumStatus.ADOPTED,
            adopted_on=date(2011, 3, 1),
        ),
    )
    assert services.curricula.crosswalk().joint.version == "2011.1"


def test_a_new_draft_version_does_not_join_the_crosswalk_beside_its_original(
    services: Services,
) -> None:
    curricula = _curricula(services)
    before = services.curricula.crosswalk()
    draft = services.curricula.copy_version(curricula.abp.id, "2014.1")
    # One version per national curriculum: the adopted one, not the draft copied from it.
    after = services.curricula.crosswalk()
    assert [h.id for h in after.afghan] == [curricula.abp.id]
    assert after == before
    assert all(len(row.afghan) <= 1 for row in after.rows)
    # Once the new version is adopted later, it is the one compared.
    adopted = services.curricula.update(
        draft.id,
        replace(
            CurriculumDraft(draft.code, draft.version, draft.title, draft.kind, draft.country),
            status=CurriculumStatus.ADOPTED,
            adopted_on=date(2014, 3, 1),
        ),
    )
    newer = services.curricula.crosswalk()
    assert [h.id for h in newer.afghan] == [adopted.id]
    assert newer.afghan_coverage == before.afghan_coverage
    # Without an adopted version, the highest version of each curriculum.
    services.curricula.delete(curricula.pc.id)
    pc, _ = _curriculum(
        services, "PK-PC", "2012.1", [("P1", 2)], country=Country.PK, status=CurriculumStatus.DRAFT
    )
    _curriculum(
        services, "PK-PC", "2012.10", [("P1", 2)], country=Country.PK, status=CurriculumStatus.DRAFT
    )
    assert [(h.code, h.version) for h in services.curricula.crosswalk().pakistani] == [
        ("PK-PC", "2012.10")
    ]
    assert pc.id not in {h.id for h in services.curricula.crosswalk().pakistani}


def test_a_curriculum_with_links_keeps_its_kind_and_country(services: Services) -> None:
    curricula = _curricula(services)
    abp = curricula.abp

    def draft(kind: CurriculumKind, country: Country | None) -> CurriculumDraft:
        return CurriculumDraft(
            abp.code,
            abp.version,
            "Renamed",
            kind,
            country,
            adopted_on=abp.adopted_on,
            status=abp.status,
        )

    with pytest.raises(
        Conflict,
        match=re.escape(
            "AF-ABP 2012.1 has 5 crosswalk link(s), which would no longer fit a Pakistani"
        ),
    ):
        services.curricula.update(abp.id, draft(CurriculumKind.NATIONAL, Country.PK))
    with pytest.raises(Conflict, match="no longer fit a joint curriculum"):
        services.curricula.update(abp.id, draft(CurriculumKind.JOINT, None))
    joint = curricula.joint["2013.1"]
    with pytest.raises(Conflict, match="no longer fit a national curriculum"):
        services.curricula.update(
            joint.id, replace(draft(CurriculumKind.NATIONAL, Country.AF), code=joint.code)
        )
    assert services.curricula.update(abp.id, draft(CurriculumKind.NATIONAL, Country.AF)).title == (
        "Renamed"
    )
    # Without links, a curriculum entered on the wrong side can be moved.
    lone, _ = _curriculum(services, "AF-X", "2012.1", [("X1", 1)], country=Country.AF)
    moved = services.curricula.update(
        lone.id,
        CurriculumDraft(
            "AF-X",
            "2012.1",
            "X",
            CurriculumKind.NATIONAL,
            Country.PK,
            status=lone.status,
            adopted_on=lone.adopted_on,
        ),
    )
    assert moved.country is Country.PK


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
    # Safi failed JTX and CRS, but completed J1 of the 2011.1 version in a workshop.
    assert _record(services, people["safi"]) == ([("J1", "WSH-2011-02")], ["J2", "J3"])
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


def test_a_module_completed_in_another_version_of_the_joint_curriculum_counts(
    services: Services,
) -> None:
    """Versions are copies: J1 of JBM 2011.1 is J1 of JBM 2013.1, in records and coverage."""
    programme = _programme(services)
    safi = programme.people["safi"]
    record = services.curricula.competency_record(safi.id)
    assert record.joint.version == "2013.1"
    assert [(d.module.id, d.exercise_code) for d in record.completed] == [
        (programme.modules["J1"].id, "WSH-2011-02")
    ]
    # Another joint curriculum, or a national one, with a module of the same code does not.
    other_joint, other = _curriculum(services, "JOINT-X", "2013.1", [("J2", 8)])
    national, own = _curriculum(services, "JBM-N", "2013.1", [("J3", 8)], country=Country.AF)
    _exercise(
        services,
        "WSH-2013-09",
        (date(2013, 9, 1), date(2013, 9, 1)),
        [other["J2"], own["J3"]],
        {safi: "P"},
    )
    assert _record(services, safi) == ([("J1", "WSH-2011-02")], ["J2", "J3"])
    abp = services.reference.agency_by_acronym("ABP")
    row = next(r for r in services.curricula.agency_coverage().rows if r.agency_id == abp.id)
    assert (row.officers, row.completed) == (2, (2, 1, 1))
    assert services.curricula.competency_record(safi.id, other_joint.id).completed[
        0
    ].exercise_code == ("WSH-2013-09")
    # A new version copied from 2013.1 keeps what the officers completed.
    copy = services.curricula.copy_version(programme.joint.id, "2015.1")
    karimi = programme.people["karimi"]
    assert _record(services, karimi) == (
        [("J1", "JTX-2012-03"), ("J2", "JTX-2012-03"), ("J3", "CRS-2013-01")],
        [],
    )
    copied = services.curricula.competency_record(karimi.id, copy.id)
    assert [(d.module.code, d.exercise_code) for d in copied.completed] == [
        ("J1", "JTX-2012-03"),
        ("J2", "JTX-2012-03"),
        ("J3", "CRS-2013-01"),
    ]
    assert {m.curriculum_id for m in (d.module for d in copied.completed)} == {copy.id}
    coverage = services.curricula.agency_coverage(copy.id)
    assert next(r for r in coverage.rows if r.agency_id == abp.id).completed == (2, 1, 1)
    assert national.kind is CurriculumKind.NATIONAL


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
    # J1 came first with the workshop of 2011, in the earlier version.
    assert _record(services, safi) == ([("J1", "WSH-2011-02"), ("J2", "JTX-2012-03")], ["J3"])


# ----------------------------------------------------------------------------- per agency


def test_agency_coverage_counts_officers_and_modules_exactly(services: Services) -> None:
    programme = _programme(services)
    coverage = services.curricula.agency_coverage()
    assert coverage.joint.id == programme.joint.id
    assert [m.code for m in coverage.modules] == ["J1", "J2", "J3"]
    abp = services.reference.agency_by_acronym("ABP")
    pc = services.reference.agency_by_acronym("PC")
    assert coverage.rows == (
        # Karimi did everything; Safi completed only the workshop, which delivered J1 of the
        # retired version: J1 all the same.
        AgencyCoverageRow(abp.id, "Afghan Border Police (ABP)", Country.AF, 2, (2, 1, 1), 1),
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
        ("Afghan Border Police (ABP)", 2, (2, 1, 0), 0),
    ]
    # Against the old version, Karimi's J1 of JTX (in the 2013.1 version) counts too.
    old = services.curricula.by_code("JBM", "2011.1")
    rows = services.curricula.agency_coverage(old.id).rows
    assert [(r.agency, r.officers, r.completed, r.complete_curriculum) for r in rows] == [
        ("Afghan Border Police (ABP)", 2, (2,), 2),
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
