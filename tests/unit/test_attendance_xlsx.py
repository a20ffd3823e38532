"""The attendance workbook: what a coordinator sees in Excel, and that it imports back."""

import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.unit.test_mark_import import QURESHI, change, make_grid, who
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import AttendanceStatus, Country, Role
from trainingdesk.domain.records import AttendanceGrid
from trainingdesk.importing.marks import plan_mark_import
from trainingdesk.importing.tables import read_table
from trainingdesk.reports.attendance_xlsx import write_attendance_xlsx

MARKS = {
    ("Mohammad Karimi", 1): "P",
    ("Mohammad Karimi", 2): "L",
    ("Mohammad Karimi", 3): "P",
    ("Ahmad Zahir Noori", 1): "P",
    ("Ahmad Zahir Noori", 2): "A",
    ("Ahmad Zahir Noori", 3): "A",
    ("Bilal Ahmed Qureshi", 1): "E",
    ("Bilal Ahmed Qureshi", 2): "P",
    ("Fatima Siddiqui", 1): "P",
}


@pytest.fixture
def grid() -> AttendanceGrid:
    """Three sessions, the first signed off; Qureshi not marked yet for the last one."""
    return make_grid(locked=[1], marks=MARKS)


def exported(grid: AttendanceGrid, tmp_path: Path) -> Path:
    out = tmp_path / "JX-2027-01 attendance.xlsx"
    write_attendance_xlsx(grid, out)
    return out


def open_sheet(path: Path) -> Worksheet:
    return load_workbook(path)["Attendance"]


def row_values(sheet: Worksheet, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


def test_the_sheet_has_a_title_a_header_and_one_row_per_participant(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    sheet = open_sheet(exported(grid, tmp_path))

    assert sheet.parent.sheetnames == ["Attendance"]
    assert sheet["A1"].value == (
        "JX-2027-01 — Joint border management exercise — 2027-03-01 to 2027-03-03"
    )
    assert "A1:K1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert row_values(sheet, 3) == [
        "No.",
        "Name",
        "Native name",
        "Agency",
        "Country",
        "ID number",
        "1\n2027-03-01\nBM-01",
        "2\n2027-03-02\nBM-02",
        "3\n2027-03-03\nBM-03",
        "Attended %",
        "Completed",
    ]
    assert row_values(sheet, 4)[:9] == [
        1,
        "Mohammad Karimi",
        "محمد کریمی",
        "ABP",
        "AF",
        "AF-1001",
        "P",
        "L",
        "P",
    ]
    assert row_values(sheet, 6)[:9] == [
        3,
        "Bilal Ahmed Qureshi",
        "بلال احمد قریشی",
        "PC",
        "PK",
        "PK-2001",
        "E",
        "P",
        None,
    ]


def test_each_mark_is_coloured_by_what_it_says(grid: AttendanceGrid, tmp_path: Path) -> None:
    sheet = open_sheet(exported(grid, tmp_path))

    colours = {
        sheet[coordinate].value: sheet[coordinate].fill.fgColor.rgb[-6:]
        for coordinate in ("G4", "H4", "G6", "H5")
    }
    assert colours == {"P": "C6EFCE", "L": "FFEB9C", "E": "BDD7EE", "A": "FFC7CE"}
    assert sheet["I6"].fill.fill_type is None


def test_attendance_share_and_completion_follow_the_exercise_rule(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    sheet = open_sheet(exported(grid, tmp_path))

    shares = [sheet.cell(row, 10).value for row in range(4, 8)]
    assert shares == pytest.approx([1.0, 1 / 3, 1 / 2, 1 / 3])
    assert {sheet.cell(row, 10).number_format for row in range(4, 8)} == {"0%"}
    assert [sheet.cell(row, 11).value for row in range(4, 8)] == ["Yes", "No", "No", "No"]


def test_a_failed_post_test_means_not_completed_despite_full_attendance(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    karimi = who(grid, "Mohammad Karimi").person_id
    strict = replace(grid, rule=CompletionRule(post_test_pass_mark=60.0), post_tests={karimi: 55.0})

    sheet = open_sheet(exported(strict, tmp_path))

    assert sheet["J4"].value == 1.0
    assert sheet["K4"].value == "No"


def test_trainers_get_a_share_but_no_completion(tmp_path: Path) -> None:
    grid = make_grid(marks={("Mohammad Karimi", 1): "P"})
    trainer = replace(grid.participants[0], role=Role.TRAINER)
    grid = replace(grid, participants=(trainer, *grid.participants[1:]))

    sheet = open_sheet(exported(grid, tmp_path))

    assert sheet["J4"].value == pytest.approx(1 / 3)
    assert sheet["K4"].value is None


def test_the_bottom_row_counts_who_was_there_in_each_session(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    sheet = open_sheet(exported(grid, tmp_path))

    assert row_values(sheet, 8)[:9] == ["Present + late", *[None] * 5, 3, 2, 1]


def test_native_names_read_right_to_left_and_the_names_stay_in_view(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    sheet = open_sheet(exported(grid, tmp_path))

    alignment = sheet["C4"].alignment
    assert (alignment.readingOrder, alignment.horizontal) == (2, "right")
    assert sheet.freeze_panes == "G4"
    assert sheet.column_dimensions["B"].width >= len("Bilal Ahmed Qureshi")


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    odd = ('=HYPERLINK("http://example.org")', "", "AF-7", "ABP", Country.AF)
    sheet = open_sheet(exported(make_grid([odd]), tmp_path))

    assert sheet["B4"].data_type == "s"
    assert sheet["B4"].value == odd[0]


def test_the_workbook_can_be_written_to_a_stream(grid: AttendanceGrid) -> None:
    stream = io.BytesIO()

    write_attendance_xlsx(grid, stream)

    assert load_workbook(io.BytesIO(stream.getvalue()))["Attendance"]["B4"].value == (
        "Mohammad Karimi"
    )


def test_an_exercise_without_sessions_or_people_still_exports(tmp_path: Path) -> None:
    sheet = open_sheet(exported(make_grid([], sessions=0), tmp_path))

    assert row_values(sheet, 3) == [
        "No.",
        "Name",
        "Native name",
        "Agency",
        "Country",
        "ID number",
        "Attended %",
        "Completed",
    ]


# -------------------------------------------------------------------- round trip


def test_importing_the_exported_sheet_changes_nothing(grid: AttendanceGrid, tmp_path: Path) -> None:
    plan = plan_mark_import(read_table(exported(grid, tmp_path)), grid)

    assert plan.ok, plan.errors
    assert plan.changes == ()
    assert plan.unchanged == len(MARKS)


def test_one_cell_edited_in_excel_imports_as_exactly_that_change(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    path = exported(grid, tmp_path)
    workbook = load_workbook(path)
    workbook["Attendance"]["I6"] = "L"  # Qureshi arrived late to session 3
    workbook.save(path)

    plan = plan_mark_import(read_table(path), grid)

    assert plan.ok, plan.errors
    assert plan.changes == (change(grid, QURESHI[0], 3, AttendanceStatus.LATE),)
    assert plan.unchanged == len(MARKS)


def test_an_edit_to_a_signed_off_session_is_refused_on_import(
    grid: AttendanceGrid, tmp_path: Path
) -> None:
    path = exported(grid, tmp_path)
    workbook = load_workbook(path)
    workbook["Attendance"]["G5"] = "A"  # Noori's session 1, locked
    workbook.save(path)

    plan = plan_mark_import(read_table(path), grid)

    assert [(e.row, e.column, e.value) for e in plan.errors] == [(5, "1 2027-03-01 BM-01", "A")]
