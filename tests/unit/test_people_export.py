"""The people export: what a coordinator sees in Excel, and that no cell can run as a formula."""

import csv
import uuid
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from trainingdesk.domain.enums import Country, EnrolmentStatus, Role, Sex
from trainingdesk.domain.records import EnrolmentExportRow, PersonRecord
from trainingdesk.reports import people_export
from trainingdesk.reports.people_export import enrolments_csv_path, write_people

KARIMI = PersonRecord(
    given_name="Mohammad",
    family_name="Karimi",
    native_name="محمد کریمی",
    father_name="Abdul Rahman",
    father_name_native="عبدالرحمن",
    sex=Sex.MALE,
    country=Country.AF,
    rank="Captain",
    service_number="0012345",
    phone="+93 70 123 4567",
    birth_date=date(1984, 3, 21),
    consent_photo=True,
    id=uuid.UUID("00000000-0000-4000-8000-000000000001"),
    agency_acronym="ABP",
)
QURESHI = PersonRecord(
    given_name="Bilal Ahmed",
    family_name="Qureshi",
    native_name="بلال احمد قریشی",
    sex=Sex.MALE,
    country=Country.PK,
    service_number="PC-4471",
    phone="+92 300 1234567",
    consent_roster=True,
    id=uuid.UUID("00000000-0000-4000-8000-000000000002"),
    agency_acronym="PC",
)
ATTACKER = PersonRecord(
    given_name='=HYPERLINK("http://x","y")',
    family_name="@SUM(A1:A9)",
    father_name=" -2+3",
    rank="\t=1+1",
    sex=Sex.FEMALE,
    country=Country.OTHER,
    id=uuid.UUID("00000000-0000-4000-8000-000000000003"),
)
ENROLMENT = EnrolmentExportRow(
    exercise_code="JTX-2012-03",
    exercise_title="Joint cargo search exercise at Torkham",
    start_date=date(2012, 10, 6),
    end_date=date(2012, 10, 8),
    person_id=KARIMI.id,
    person_name="Mohammad Karimi",
    native_name="محمد کریمی",
    service_number="0012345",
    role=Role.PARTICIPANT,
    status=EnrolmentStatus.ENROLLED,
)
PEOPLE = (KARIMI, QURESHI, ATTACKER)
ENROLMENTS = (
    ENROLMENT,
    replace(
        ENROLMENT,
        person_id=ATTACKER.id,
        person_name="=cmd|' /C calc'!A0",
        native_name="",
        service_number="",
        role=Role.OBSERVER,
        status=EnrolmentStatus.WITHDRAWN,
    ),
)
PEOPLE_HEADERS = [
    "Given name",
    "Family name",
    "Native name",
    "Father's name",
    "Father's name (native)",
    "Sex",
    "Country",
    "Agency",
    "Rank",
    "ID number",
    "Phone",
    "Date of birth",
    "Consent to photos",
    "Consent to rosters",
    "Person ID",
]


def workbook_sheets(tmp_path: Path) -> tuple[Worksheet, Worksheet, Path]:
    out = tmp_path / "people.xlsx"
    write_people(PEOPLE, ENROLMENTS, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["People", "Enrolments"]
    return workbook["People"], workbook["Enrolments"], out


def rows_of(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_the_people_sheet_has_one_row_per_person_with_readable_values(tmp_path: Path) -> None:
    people, _, _ = workbook_sheets(tmp_path)
    rows = rows_of(people)
    assert rows[0] == PEOPLE_HEADERS
    assert rows[1] == [
        "Mohammad",
        "Karimi",
        "محمد کریمی",
        "Abdul Rahman",
        "عبدالرحمن",
        "M",
        "AF",
        "ABP",
        "Captain",
        "0012345",
        "+93 70 123 4567",
        datetime(1984, 3, 21),
        "Yes",
        "No",
        str(KARIMI.id),
    ]
    assert rows[2][9:14] == ["PC-4471", "+92 300 1234567", None, "No", "Yes"]
    assert len(rows) == 1 + len(PEOPLE)


def test_identifiers_are_text_and_the_birth_date_is_a_date(tmp_path: Path) -> None:
    people, _, _ = workbook_sheets(tmp_path)
    service_number, phone, birth = people["J2"], people["K2"], people["L2"]
    assert (service_number.data_type, service_number.number_format) == ("s", "@")
    assert (phone.data_type, phone.number_format) == ("s", "@")
    assert birth.is_date
    assert birth.number_format == "yyyy-mm-dd"


def test_headers_are_bold_frozen_and_filtered_and_native_names_run_right_to_left(
    tmp_path: Path,
) -> None:
    people, enrolments, _ = workbook_sheets(tmp_path)
    for sheet in (people, enrolments):
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
            sheet.max_row
        )
    for cell in (people["C2"], people["E2"], enrolments["F2"]):
        assert cell.alignment.readingOrder == 2
        assert cell.alignment.horizontal == "right"
    assert people["A2"].alignment.readingOrder != 2


def test_the_enrolments_sheet_lists_exercise_person_role_and_status(tmp_path: Path) -> None:
    _, enrolments, _ = workbook_sheets(tmp_path)
    assert rows_of(enrolments)[:2] == [
        [
            "Exercise",
            "Title",
            "Start",
            "End",
            "Name",
            "Native name",
            "ID number",
            "Role",
            "Status",
            "Person ID",
        ],
        [
            "JTX-2012-03",
            "Joint cargo search exercise at Torkham",
            datetime(2012, 10, 6),
            datetime(2012, 10, 8),
            "Mohammad Karimi",
            "محمد کریمی",
            "0012345",
            "participant",
            "enrolled",
            str(KARIMI.id),
        ],
    ]
    assert enrolments["C2"].is_date
    assert enrolments["D2"].is_date


def test_formula_like_text_stays_exact_text_in_the_workbook(tmp_path: Path) -> None:
    people, enrolments, out = workbook_sheets(tmp_path)
    attacker = people[4]
    assert [cell.value for cell in attacker[:4]] == [
        '=HYPERLINK("http://x","y")',
        "@SUM(A1:A9)",
        None,
        " -2+3",
    ]
    assert attacker[8].value == "\t=1+1"
    for cell in (*attacker[:4], attacker[8], enrolments["E3"]):
        if cell.value is not None:
            assert cell.data_type == "s"
            assert cell.quotePrefix
    assert not people["A2"].quotePrefix
    with zipfile.ZipFile(out) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name)


def test_the_csv_pair_holds_both_tables_with_formulas_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "people.csv"
    write_people(PEOPLE, ENROLMENTS, out)
    enrolments_path = tmp_path / "people-enrolments.csv"
    assert enrolments_csv_path(out) == enrolments_path
    people = csv_rows(out)
    assert people[0] == PEOPLE_HEADERS
    assert people[1] == [
        "Mohammad",
        "Karimi",
        "محمد کریمی",
        "Abdul Rahman",
        "عبدالرحمن",
        "M",
        "AF",
        "ABP",
        "Captain",
        "0012345",
        "'+93 70 123 4567",
        "1984-03-21",
        "Yes",
        "No",
        str(KARIMI.id),
    ]
    assert people[2][10:12] == ["'+92 300 1234567", ""]
    assert people[3][:4] == ['\'=HYPERLINK("http://x","y")', "'@SUM(A1:A9)", "", "' -2+3"]
    assert people[3][8] == "'\t=1+1"
    enrolments = csv_rows(enrolments_path)
    assert enrolments[1][:3] == [
        "JTX-2012-03",
        "Joint cargo search exercise at Torkham",
        "2012-10-06",
    ]
    assert enrolments[2][4] == "'=cmd|' /C calc'!A0"
    assert len(enrolments) == 1 + len(ENROLMENTS)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "+1"),  # a plain signed number is data
        ("-1", "-1"),
        ("@x", "'@x"),
        ("  =1", "'  =1"),
        ("\t=1", "'\t=1"),
        ("\r\n=1", "'\r\n=1"),
        ("Ali-Khel", "Ali-Khel"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_csv_neutralisation_rule(tmp_path: Path, text: str, written: str) -> None:
    out = tmp_path / "people.csv"
    write_people([replace(QURESHI, rank=text)], [], out)
    assert csv_rows(out)[1][8] == written


def test_csv_files_start_with_a_bom_and_keep_arabic_script_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "people.csv"
    write_people(PEOPLE, ENROLMENTS, out)
    for path in (out, enrolments_csv_path(out)):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert "محمد کریمی".encode() in data
    assert "عبدالرحمن".encode() in out.read_bytes()


def test_a_control_character_xml_cannot_hold_is_left_out_of_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "people.xlsx"
    write_people([replace(KARIMI, rank="Cap\x01tain")], [], out)
    assert load_workbook(out)["People"]["I2"].value == "Captain"


def test_nothing_to_export_still_gives_headers(tmp_path: Path) -> None:
    write_people([], [], tmp_path / "none.xlsx")
    workbook = load_workbook(tmp_path / "none.xlsx")
    assert rows_of(workbook["People"]) == [PEOPLE_HEADERS]
    assert workbook["Enrolments"].max_row == 1
    write_people([], [], tmp_path / "none.csv")
    assert csv_rows(tmp_path / "none.csv") == [PEOPLE_HEADERS]
    assert len(csv_rows(tmp_path / "none-enrolments.csv")) == 1


def test_the_suffix_chooses_the_format_whatever_its_case(tmp_path: Path) -> None:
    write_people(PEOPLE, ENROLMENTS, tmp_path / "People.XLSX")
    assert load_workbook(tmp_path / "People.XLSX").sheetnames == ["People", "Enrolments"]
    write_people(PEOPLE, ENROLMENTS, tmp_path / "People.CSV")
    assert len(csv_rows(tmp_path / "People-enrolments.CSV")) == 1 + len(ENROLMENTS)


@pytest.mark.parametrize("name", ["people.ods", "people.xls", "people"])
def test_another_suffix_is_refused_before_anything_is_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=r"must end in \.csv or \.xlsx"):
        write_people(PEOPLE, ENROLMENTS, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_more_rows_than_excel_shows_are_refused_for_xlsx_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_export, "XLSX_MAX_ROWS", len(PEOPLE))
    with pytest.raises(
        ValueError, match=r"do not fit in an Excel sheet of 3 rows; export to \.csv"
    ):
        write_people(PEOPLE, ENROLMENTS, tmp_path / "people.xlsx")
    assert list(tmp_path.iterdir()) == []
    write_people(PEOPLE, ENROLMENTS, tmp_path / "people.csv")
    assert len(csv_rows(tmp_path / "people.csv")) == 1 + len(PEOPLE)
