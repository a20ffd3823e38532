"""Curricula exchanged between academies as CSV or XLSX files: what goes out comes back,
and a file with a problem is refused whole, saying where the problem is."""

import csv
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests import builders
from tests.conftest import TEST_ACTOR
from tests.integration.test_curricula import add_catalogue
from trainingdesk.domain.crosswalk import Crosswalk, CrosswalkModule
from trainingdesk.domain.curriculum_file import LeftOutLinks
from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus, Equivalence
from trainingdesk.domain.errors import Conflict, ValidationFailed
from trainingdesk.domain.records import (
    AgencyDraft,
    CurriculumDraft,
    CurriculumRecord,
    ModuleDraft,
)
from trainingdesk.importing.curriculum_file import CurriculumFileInvalid, describe
from trainingdesk.importing.report import RowError
from trainingdesk.importing.tables import UnreadableFile
from trainingdesk.services.container import Services, open_services

FULL, PARTIAL = Equivalence.FULL, Equivalence.PARTIAL

Snapshot = tuple[object, ...]


def _setup(services: Services) -> tuple[CurriculumRecord, CurriculumRecord]:
    """The joint JBM 2013.1 and the ABP course 2012.1 mapped to it, as an academy has them."""
    add_catalogue(services)
    abp = builders.agency(services)
    catalogue = {entry.code: entry.id for entry in services.curricula.competencies()}
    joint = services.curricula.create(
        CurriculumDraft("JBM", "2013.1", "Joint curriculum", CurriculumKind.JOINT)
    )
    j1 = services.curricula.add_module(
        joint.id, ModuleDraft("JBM-02", "Document examination", "بررسی اسناد", 16)
    )
    j2 = services.curricula.add_module(
        joint.id, ModuleDraft("JBM-04", "Search of persons, vehicles and cargo", hours=24)
    )
    national = services.curricula.create(
        CurriculumDraft(
            "AF-ABP-BASIC",
            "2012.1",
            "ABP Basic Border Management Course",
            CurriculumKind.NATIONAL,
            Country.AF,
            owner_agency_id=abp.id,
            status=CurriculumStatus.ADOPTED,
            adopted_on=date(2012, 3, 1),
        )
    )
    documents = services.curricula.add_module(
        national.id,
        ModuleDraft(
            "ABP-104",
            "Travel document examination",
            "بررسی اسناد سفر",
            16,
            "Identify the security features of passports and Tazkiras\nDetect alterations",
            "practical exercise",
        ),
    )
    search = services.curricula.add_module(
        national.id,
        ModuleDraft(
            "ABP-103",
            '=HYPERLINK("http://example.invalid", "Search")',
            "تلاشی اشخاص و وسایط نقلیه",
            1.5,
        ),
    )
    services.curricula.add_module(
        national.id, ModuleDraft("ABP-102", "Border patrolling", hours=32)
    )
    services.curricula.set_module_competencies(documents.id, [catalogue["DOC"]])
    services.curricula.set_module_competencies(search.id, [catalogue["SRCH"], catalogue["HRG"]])
    services.curricula.map_module(documents.id, j1.id, FULL, "Same content and hours.")
    services.curricula.map_module(search.id, j2.id, PARTIAL, "Persons and vehicles; no cargo.")
    return joint, national


def _snapshot(services: Services, curriculum: CurriculumRecord) -> Snapshot:
    """A curriculum as its file would show it: everything but the ids."""
    record = services.curricula.by_code(curriculum.code, curriculum.version)
    heading = {k: v for k, v in asdict(record).items() if k != "id"}
    modules = services.curricula.modules(record.id)
    codes = {}
    for curriculum_record in services.curricula.find():
        for module in services.curricula.modules(curriculum_record.id):
            codes[module.id] = (curriculum_record.code, curriculum_record.version, module.code)
    links = sorted(
        (codes[m.national_module_id], codes[m.joint_module_id], m.equivalence, m.note)
        for m in services.curricula.mappings()
        if {m.national_module_id, m.joint_module_id} & {module.id for module in modules}
    )
    return (
        heading,
        [
            (
                ModuleDraft(
                    m.code, m.title_en, m.title_local, m.hours, m.objectives, m.assessment_method
                ),
                m.position,
                [c.code for c in services.curricula.module_competencies(m.id)],
            )
            for m in modules
        ],
        links,
    )


def _counts(services: Services) -> tuple[int, int, int]:
    curricula = services.curricula.find()
    return (
        len(curricula),
        sum(c.modules for c in curricula),
        len(services.curricula.mappings()),
    )


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_national_curriculum_goes_out_and_comes_back_the_same(
    services: Services, tmp_path: Path, suffix: str
) -> None:
    _, national = _setup(services)
    path = tmp_path / f"abp{suffix}"
    services.curricula.export_curriculum(national.id, path)
    before = _snapshot(services, national)
    # Another laptop has the joint curriculum but not the ABP course: here, the course is
    # deleted, which lets its version be imported again.
    services.curricula.delete(national.id)
    imported = services.curricula.import_curriculum(path)
    assert imported.id != national.id
    assert _snapshot(services, imported) == before
    assert imported.owner_agency_id == national.owner_agency_id
    again = tmp_path / f"again{suffix}"
    services.curricula.export_curriculum(imported.id, again)
    if suffix == ".csv":
        assert again.read_bytes() == path.read_bytes()
    else:
        assert _cells(again) == _cells(path)
    assert not list(tmp_path.glob(".abp-*")), "no partial file is left behind"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_joint_curriculum_comes_back_with_the_national_modules_mapped_to_it(
    services: Services, tmp_path: Path, suffix: str
) -> None:
    joint, _ = _setup(services)
    path = tmp_path / f"jbm{suffix}"
    services.curricula.export_curriculum(joint.id, path)
    before = _snapshot(services, joint)
    services.curricula.delete(joint.id)
    imported = services.curricula.import_curriculum(path)
    assert _snapshot(services, imported) == before


def test_the_workbook_is_safe_to_open_and_reads_right_to_left_where_it_should(
    services: Services, tmp_path: Path
) -> None:
    _, national = _setup(services)
    path = tmp_path / "abp.xlsx"
    services.curricula.export_curriculum(national.id, path)
    sheet = load_workbook(path).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    formula = cells['=HYPERLINK("http://example.invalid", "Search")']
    assert (formula.data_type, formula.quotePrefix) == ("s", True)
    assert cells["بررسی اسناد سفر"].alignment.readingOrder == 2
    assert cells["Hours"].font.bold
    csv_path = tmp_path / "abp.csv"
    services.curricula.export_curriculum(national.id, csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "بررسی اسناد سفر" in text


def test_a_curriculum_is_saved_only_as_xlsx_or_csv(services: Services, tmp_path: Path) -> None:
    _, national = _setup(services)
    with pytest.raises(ValidationFailed, match=re.escape("abp.pdf: the file name must end")):
        services.curricula.export_curriculum(national.id, tmp_path / "abp.pdf")
    assert not (tmp_path / "abp.pdf").exists()


def _cells(path: Path) -> list[tuple[object, ...]]:
    return [tuple(row) for row in load_workbook(path).active.iter_rows(values_only=True)]


# ------------------------------------------------------------------------- files refused

HEADING = [
    ["Curriculum code", "PK-PC-INDUCT"],  # row 1
    ["Version", "2014.1"],
    ["Title", "Pakistan Customs Induction Course"],
    ["Kind", "national"],
    ["Country", "PK"],  # row 5
    ["Status", "draft"],
]
MODULES = [
    ["Modules"],  # row 7
    ["Module code", "English title", "Local title", "Hours", "Competencies"],  # row 8
]
LINKS = [
    ["Mappings"],
    ["Module code", "Joint curriculum", "Joint version", "Joint module", "Equivalence", "Note"],
]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _refused(services: Services, path: Path) -> list[RowError]:
    before = _counts(services)
    with pytest.raises(CurriculumFileInvalid) as refused:
        services.curricula.import_curriculum(path)
    assert _counts(services) == before, "nothing was imported"
    return list(refused.value.errors)


def _where(errors: list[RowError]) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in errors]


def test_persian_digits_and_a_decimal_comma_are_hours(services: Services, tmp_path: Path) -> None:
    _setup(services)
    rows = [
        *HEADING,
        *MODULES,
        ["PCA-301", "Customs Act 1969", "کسٹمز ایکٹ", "۲۴", "DOC"],
        ["PCA-302", "Anti-smuggling", "", "۱٫۵", "srch; HRG"],
        ["PCA-303", "Valuation", "", "2,5", ""],
        ["PCA-304", "Narcotics", "", " 16 ", ""],
        *LINKS,
        ["PCA-302", "JBM", "2013.1", "jbm-04", "Full", ""],
    ]
    imported = services.curricula.import_curriculum(_csv(tmp_path / "pca.csv", rows))
    modules = services.curricula.modules(imported.id)
    assert [(m.code, m.hours) for m in modules] == [
        ("PCA-301", 24.0),
        ("PCA-302", 1.5),
        ("PCA-303", 2.5),
        ("PCA-304", 16.0),
    ]
    assert [c.code for c in services.curricula.module_competencies(modules[1].id)] == [
        "HRG",
        "SRCH",
    ]
    assert (imported.status, imported.country, imported.owner_agency_id) == (
        CurriculumStatus.DRAFT,
        Country.PK,
        None,
    )
    link = next(m for m in services.curricula.mappings() if m.national_module_id == modules[1].id)
    assert link.equivalence is FULL


def test_a_file_from_dari_windows_excel_is_read(services: Services, tmp_path: Path) -> None:
    _setup(services)
    rows = [*HEADING, *MODULES, ["PCA-301", "Customs Act", "بررسي اسناد گمرکي", "24", ""]]
    imported = services.curricula.import_curriculum(_csv(tmp_path / "pca.csv", rows, "cp1256"))
    assert services.curricula.modules(imported.id)[0].title_local == "بررسي اسناد گمرکي"


def test_an_empty_file_is_refused(services: Services, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match=re.escape("empty.csv is empty")):
        services.curricula.import_curriculum(empty)
    blank = _csv(tmp_path / "blank.csv", [[""], ["", ""]])
    with pytest.raises(UnreadableFile, match=re.escape("blank.csv is empty")):
        services.curricula.import_curriculum(blank)


def test_a_file_in_two_encodings_is_refused_naming_the_line(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    head = "\n".join(",".join(row) for row in HEADING[:3]) + "\nکد,بررسی\n"
    path.write_bytes(head.encode() + "Kind,ملي\n".encode("cp1256"))
    with pytest.raises(
        UnreadableFile, match=re.escape("Line 5 of mixed.csv cannot be read as UTF-8")
    ):
        services.curricula.import_curriculum(path)


def test_missing_columns_and_sections_are_named(services: Services, tmp_path: Path) -> None:
    _setup(services)
    rows = [
        *HEADING,
        ["Modules"],
        ["Module code", "Title", "Local title"],  # row 8
        ["PCA-301", "Customs Act 1969", ""],
        *LINKS[:1],
        ["Module code", "Joint curriculum", "Joint module"],  # row 11
    ]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert _where(errors) == [
        (8, "English title"),
        (8, "Hours"),
        (11, "Joint version"),
        (11, "Equivalence"),
    ]
    assert errors[1].message == "the Modules section has no 'Hours' column"
    no_modules = _refused(services, _csv(tmp_path / "heading.csv", HEADING))
    assert describe(no_modules[0]).startswith("the file: there is no Modules section")


def test_the_heading_is_checked_label_by_label(services: Services, tmp_path: Path) -> None:
    rows = [
        ["Curriculum code", "PK-PC-INDUCT"],
        ["Version", ""],  # a single cell: read as empty
        ["Kind", "national"],
        ["Country", "India"],  # row 4
        ["Adopted on", "31/02/2014"],
        ["Owner", "PC"],
        *MODULES,
    ]
    errors = _refused(services, _csv(tmp_path / "heading.csv", rows))
    assert _where(errors) == [
        (6, "Owner"),
        (2, "Version"),
        (1, "Title"),
        (4, "Country"),
        (5, "Adopted on"),
    ]
    assert "is not part of a curriculum heading" in errors[0].message
    assert errors[3].message == "'India' is not AF, PK or empty (for a joint curriculum)"
    headless = _csv(tmp_path / "headless.csv", [*HEADING[1:], *MODULES])
    assert [(e.row, e.column, e.message) for e in _refused(services, headless)] == [
        (1, "Curriculum code", "is required")
    ]


def test_bad_hours_and_duplicate_codes_are_named_by_row_and_column(
    services: Services, tmp_path: Path
) -> None:
    rows = [
        *HEADING,
        *MODULES,
        ["PCA-301", "Customs Act 1969", "", "twelve", ""],  # row 9
        ["PCA-302", "Anti-smuggling", "", "2000", ""],
        ["pca-301", "Customs Act again", "", "8", ""],
        ["PCA-303", "", "", "", ""],
        ["PCA-304", "Narcotics", "", "1,000", ""],  # row 13
    ]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (9, "Hours", "'twelve' is not a number of hours"),
        (10, "Hours", "must be between 0 and 1000"),
        (11, "Module code", "pca-301 is already on row 9"),
        (12, "Hours", "is required (0 if the module has no set hours)"),
        (12, "English title", "English title is required"),
        (13, "Hours", "'1,000' is not a number of hours"),
    ]


def test_links_to_modules_that_are_not_there_are_named(services: Services, tmp_path: Path) -> None:
    _setup(services)
    rows = [
        *HEADING,
        *MODULES,
        ["PCA-301", "Customs Act 1969", "", "24", "DOC, RISK"],  # row 9
        *LINKS,  # rows 10, 11
        ["PCA-301", "JBM", "2013.1", "JBM-99", "full", ""],
        ["PCA-301", "JBM", "2099.1", "JBM-02", "partial", ""],
        ["PCA-301", "AF-ABP-BASIC", "2012.1", "ABP-104", "partial", ""],
        ["PCA-309", "JBM", "2013.1", "JBM-02", "similar", ""],  # row 15
        ["PCA-301", "JBM", "2013.1", "JBM-02", "full", ""],
        ["pca-301", "jbm", "2013.1", "jbm-02", "partial", ""],
    ]
    file_errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert [(e.row, e.column, e.message) for e in file_errors] == [
        (15, "Module code", "PCA-309 is not in the Modules section"),
        (15, "Equivalence", "'similar' is not one of full, partial, none"),
        (17, "", "the same link as on row 16"),
    ]
    del rows[14:]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    # Row 13 links to a joint version not here: left out, not a problem (see below).
    assert [(e.row, e.column, e.message) for e in errors] == [
        (
            9,
            "Competencies",
            "no competency RISK in the catalogue (it has DOC, HRG, SRCH), and the file has no "
            "Competencies section describing it: add RISK to the catalogue, or ask for the "
            "file exported again by a current TrainingDesk",
        ),
        (12, "Joint module", "JBM 2013.1 has no module JBM-99"),
        (
            14,
            "Joint curriculum",
            "AF-ABP-BASIC version 2012.1 is a national curriculum, not a joint one",
        ),
    ]


def test_an_unknown_owner_agency_is_left_empty_and_named(
    services: Services, tmp_path: Path
) -> None:
    rows = [*HEADING, ["Owner agency", "FIA"], *MODULES]
    imported = services.curricula.import_curriculum(_csv(tmp_path / "pca.csv", rows))
    assert imported.owner_agency_id is None
    assert imported.notes[0].startswith("owner agency FIA is not in this database")
    services.curricula.delete(imported.id)
    builders.agency(services, "FIA", Country.PK)
    again = services.curricula.import_curriculum(tmp_path / "pca.csv")
    assert again.owner_agency_id is not None
    assert again.notes == ()


def test_a_version_already_here_is_never_overwritten(services: Services, tmp_path: Path) -> None:
    _, national = _setup(services)
    path = tmp_path / "abp.csv"
    services.curricula.export_curriculum(national.id, path)
    edited = path.read_text(encoding="utf-8-sig").replace("Border patrolling", "Patrols")
    path.write_text(edited, encoding="utf-8-sig")
    before = _snapshot(services, national)
    message = "curriculum AF-ABP-BASIC version 2012.1 is already here; abp.csv was not imported"
    with pytest.raises(Conflict, match=re.escape(message)):
        services.curricula.import_curriculum(path)
    assert _snapshot(services, national) == before


def test_a_workbook_names_the_rows_of_its_sheet(services: Services, tmp_path: Path) -> None:
    _, national = _setup(services)
    path = tmp_path / "abp.xlsx"
    services.curricula.export_curriculum(national.id, path)
    workbook = load_workbook(path)
    sheet = workbook.active
    row = next(cell.row for cell in sheet["A"] if cell.value == "ABP-102")
    sheet.cell(row, 1).value = "ABP-104"
    sheet.cell(row, 4).value = "سی"
    workbook.save(path)
    services.curricula.delete(national.id)
    errors = _refused(services, path)
    assert [(e.row, e.column) for e in errors] == [(row, "Hours"), (row, "Module code")]
    assert str(CurriculumFileInvalid("abp.xlsx", errors)).startswith(
        f"2 problem(s) in abp.xlsx: row {row}, Hours: 'سی' is not a number of hours; "
    )


def test_the_error_lists_the_first_problems_and_counts_the_rest() -> None:
    errors = [RowError(n, "Hours", "x", "'x' is not a number of hours") for n in range(9, 17)]
    message = str(CurriculumFileInvalid("pca.csv", errors))
    assert message.startswith("8 problem(s) in pca.csv: row 9, Hours: ")
    assert message.endswith("row 13, Hours: 'x' is not a number of hours; and 3 more")


def test_the_modules_of_a_section_without_hours_are_not_blamed_on_the_links(
    services: Services, tmp_path: Path
) -> None:
    _setup(services)
    rows = [
        *HEADING,
        ["Modules"],
        ["Module code", "English title", "Local title"],  # row 8: no Hours
        ["PCA-301", "Customs Act 1969", ""],
        ["PCA-302", "Anti-smuggling", ""],
        *LINKS,
        ["PCA-301", "JBM", "2013.1", "JBM-02", "full", ""],
        ["PCA-302", "JBM", "2013.1", "JBM-04", "partial", ""],
    ]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (8, "Hours", "the Modules section has no 'Hours' column")
    ]


def test_a_file_that_is_no_table_is_explained_as_a_curriculum_file(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "hello.txt"
    path.write_text("hello world\nsecond line\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        services.curricula.import_curriculum(path)
    message = str(refused.value)
    assert message.startswith("hello.txt is not a curriculum file: one begins with a row ")
    assert "'Curriculum code'" in message and "'Modules' section" in message
    assert "session" not in message


def test_life_cycle_dates_that_contradict_the_status_are_refused(
    services: Services, tmp_path: Path
) -> None:
    rows = [
        *HEADING[:5],
        ["Status", "adopted"],  # row 6
        ["Adopted on", ""],
        ["Retired on", "2001-01-01"],  # row 8
        ["Modules"],
        ["Module code", "English title", "Hours"],
        ["PCA-301", "Customs Act 1969", "24"],
    ]
    errors = _refused(services, _csv(tmp_path / "lifecycle.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (7, "Adopted on", "an adopted curriculum needs its adoption date"),
        (8, "Retired on", "only a retired curriculum has a retirement date"),
    ]
    rows[5:8] = [["Status", "retired"], ["Adopted on", "2014-03-01"], ["Retired on", "2013-1-1"]]
    errors = _refused(services, _csv(tmp_path / "lifecycle.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (8, "Retired on", "cannot be before the adoption date")
    ]


def test_a_competency_named_twice_in_any_case_is_named_once(
    services: Services, tmp_path: Path
) -> None:
    _setup(services)
    rows = [
        *HEADING,
        *MODULES,
        ["PCA-301", "Customs Act 1969", "", "24", "DOC, doc"],
        ["PCA-302", "Anti-smuggling", "", "8", "srch; SRCH Srch, hrg"],
    ]
    imported = services.curricula.import_curriculum(_csv(tmp_path / "pca.csv", rows))
    modules = services.curricula.modules(imported.id)
    assert [[c.code for c in services.curricula.module_competencies(m.id)] for m in modules] == [
        ["DOC"],
        ["HRG", "SRCH"],
    ]


# ------------------------------------------------------------ between academies' laptops


@pytest.fixture
def fresh(migrated_template: Path, tmp_path: Path) -> Iterator[Services]:
    """Another laptop: a new database with an empty catalogue and no curricula."""
    path = tmp_path / "fresh.sqlite"
    shutil.copyfile(migrated_template, path)
    opened = open_services(str(path), actor=TEST_ACTOR)
    yield opened
    opened.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_competencies_of_a_file_join_a_catalogue_that_lacks_them(
    services: Services, fresh: Services, tmp_path: Path, suffix: str
) -> None:
    joint, national = _setup(services)
    path = tmp_path / f"abp{suffix}"
    services.curricula.export_curriculum(national.id, path)
    before = _snapshot(services, national)
    builders.agency(fresh)
    # The other laptop has one of the three, typed in lower case: matched, not doubled.
    fresh.curricula.add_competency("doc", "Documents", "اسناد")
    imported = fresh.curricula.import_curriculum(path)
    catalogue = fresh.curricula.competencies()
    assert [(c.code, c.title_en) for c in catalogue] == [
        ("HRG", "Human rights and gender"),
        ("SRCH", "Search of persons and cargo"),
        ("doc", "Documents"),
    ]
    assert catalogue[1].title_local == "تلاشی اشخاص و محموله‌ها"
    assert _in_any_case(_snapshot(fresh, imported)) == _in_any_case((*before[:2], []))
    # The two links to JBM 2013.1, which that laptop does not have, are left out and said.
    assert imported.left_out == (LeftOutLinks("JBM", "2013.1", 2),)
    assert imported.notes == (
        "2 links to JBM 2013.1 left out: that curriculum is not in this database; they are "
        "made when it is imported",
    )
    # Importing the joint curriculum then makes them, from its own file.
    joint_path = tmp_path / f"jbm{suffix}"
    services.curricula.export_curriculum(joint.id, joint_path)
    assert fresh.curricula.import_curriculum(joint_path).left_out == ()
    assert _snapshot(fresh, imported)[2] == before[2]


def _in_any_case(snapshot: Snapshot) -> Snapshot:
    """The snapshot with competency codes in lower case, and no owner (agency ids differ)."""
    heading, modules, links = snapshot
    assert isinstance(heading, dict) and isinstance(modules, list)
    return (
        {key: value for key, value in heading.items() if key != "owner_agency_id"},
        [(draft, position, [c.casefold() for c in codes]) for draft, position, codes in modules],
        links,
    )


def test_a_file_describing_competencies_must_describe_each_one_it_names(
    services: Services, tmp_path: Path
) -> None:
    rows = [
        *HEADING,
        *MODULES,
        ["PCA-301", "Customs Act 1969", "", "24", "CVT, RISK"],  # row 9
        ["Competencies"],
        ["Competency code", "English title", "Local title"],  # row 11
        ["CVT", "Customs valuation", "ارزش‌گذاری گمرکی"],
        ["cvt", "Valuation again", ""],
        ["BAD CODE", "", ""],  # row 14
    ]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (13, "Competency code", "cvt is already on row 12"),
        (14, "Competency code", "a competency code is one word: no spaces, commas or semicolons"),
        (14, "English title", "English title is required"),
    ]
    del rows[12:]
    errors = _refused(services, _csv(tmp_path / "pca.csv", rows))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (
            9,
            "Competencies",
            "no competency RISK in the catalogue (it has none yet), nor in the file's "
            "Competencies section",
        )
    ]
    assert services.curricula.competencies() == []
    rows[9:9] = [["PCA-302", "Risk", "", "8", "risk"]]
    rows.append(["Risk", "Risk analysis", ""])
    imported = services.curricula.import_curriculum(_csv(tmp_path / "pca.csv", rows))
    assert [c.code for c in services.curricula.competencies()] == ["CVT", "Risk"]
    assert imported.modules == 2


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("files-demo") / "demo.sqlite"
    services = open_services(str(path), actor=TEST_ACTOR)
    services.demo.generate(people=20, seed=11, today=date(2014, 6, 30))
    services.close()
    return path


def _comparable(crosswalk: Crosswalk) -> tuple[object, ...]:
    """The crosswalk without its ids."""

    def module(m: CrosswalkModule) -> tuple[object, ...]:
        return (m.code, m.title_en, m.title_local, m.hours)

    return (
        (crosswalk.joint.code, crosswalk.joint.version, crosswalk.joint.status),
        [(h.code, h.version) for h in (*crosswalk.afghan, *crosswalk.pakistani)],
        [
            (
                module(row.module),
                [(module(m), link.equivalence, link.note) for m, link in row.afghan],
                [(module(m), link.equivalence, link.note) for m, link in row.pakistani],
                row.afghan_cover,
                row.pakistani_cover,
            )
            for row in crosswalk.rows
        ],
        [module(m) for m in (*crosswalk.unmatched_afghan, *crosswalk.unmatched_pakistani)],
        crosswalk.afghan_coverage,
        crosswalk.pakistani_coverage,
    )


@pytest.mark.parametrize("joint_first", [True, False], ids=["joint-first", "national-first"])
def test_a_set_of_exported_curricula_is_imported_in_any_order_on_a_fresh_laptop(
    demo: Path, fresh: Services, tmp_path: Path, joint_first: bool
) -> None:
    source = open_services(str(demo), actor=TEST_ACTOR)
    try:
        original = source.curricula.crosswalk()
        national = [*original.afghan, *original.pakistani]
        files = {}
        for heading in (original.joint, *national):
            files[heading.code] = tmp_path / f"{heading.code}.xlsx"
            source.curricula.export_curriculum(heading.id, files[heading.code])
        agencies = [a for country in Country for a in source.reference.list_agencies(country)]
        catalogue = {c.code for c in source.curricula.competencies()}
    finally:
        source.close()
    # Owner agencies are reference data the other laptop has already.
    for agency in agencies:
        fresh.reference.create_agency(AgencyDraft(agency.country, agency.acronym, agency.name))
    order = [h.code for h in national]
    order = ["JBM", *order] if joint_first else [*order, "JBM"]
    left_out = {code: fresh.curricula.import_curriculum(files[code]).left_out for code in order}

    assert _comparable(fresh.curricula.crosswalk()) == _comparable(original)
    assert {c.code for c in fresh.curricula.competencies()} <= catalogue
    joint_links = sum(len(row.afghan) + len(row.pakistani) for row in original.rows)
    if joint_first:
        # The joint file's links wait for the national curricula, whose files make them.
        assert sorted(left.curriculum_code for left in left_out["JBM"]) == sorted(order[1:])
        assert sum(left.count for left in left_out["JBM"]) == joint_links
    else:
        assert left_out["JBM"] == ()
        assert {left.curriculum_version for code in order[:-1] for left in left_out[code]} == {
            "2013.1",
            "2011.1",  # the retired joint version, never imported here
        }
