"""The attendance grid of one exercise as an Excel workbook, for printing, sharing and re-import.

The sheet is laid out so that `trainingdesk.importing.marks` reads it back: the title is a
single merged cell (a title row to the table reader), each session header starts with
the session number on its own line, and the totals row names nobody.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainingdesk.domain.completion import AttendanceTally, evaluate
from trainingdesk.domain.enums import AttendanceStatus, Country, Role
from trainingdesk.domain.records import AttendanceGrid, GridSession

__all__ = ["write_attendance_xlsx"]

_SHEET = "Attendance"
_TITLE_ROW = 1
_HEADER_ROW = 3
_PERSON_HEADERS = ("No.", "Name", "Native name", "Agency", "Country", "ID number")
_NATIVE_COLUMN = 3
_COUNT_LABEL = "Present + late"

# Excel's own "good / neutral / bad" fills for P, L, A, and a light blue for excused.
_FILLS = {
    AttendanceStatus.PRESENT: PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE"),
    AttendanceStatus.LATE: PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C"),
    AttendanceStatus.EXCUSED: PatternFill("solid", start_color="BDD7EE", end_color="BDD7EE"),
    AttendanceStatus.ABSENT: PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE"),
}
_HEADER_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center")
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
# readingOrder=2 is right-to-left, so that Excel keeps the words of a name in their order.
_RTL = Alignment(horizontal="right", vertical="center", readingOrder=2)
_COUNTRY_LABELS = {Country.AF: "AF", Country.PK: "PK", Country.OTHER: "Other"}
_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def write_attendance_xlsx(grid: AttendanceGrid, out: Path | BinaryIO) -> None:
    """Write the grid's marks, attendance shares and completion to a one-sheet workbook."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _SHEET
    sessions = sorted(grid.sessions, key=lambda s: s.number)
    first_session = len(_PERSON_HEADERS) + 1
    last_column = first_session + len(sessions) + 1

    _title(sheet, grid, last_column)
    headers = [*_PERSON_HEADERS, *(_session_header(s) for s in sessions), "Attended %", "Completed"]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(_HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
        cell.border = _BORDER
    sheet.row_dimensions[_HEADER_ROW].height = 15 * max(h.count("\n") + 1 for h in headers)

    row = _HEADER_ROW
    for number, person in enumerate(grid.participants, start=1):
        row += 1
        records = [grid.marks.get((s.id, person.person_id)) for s in sessions]
        marks = [record.status if record is not None else None for record in records]
        result = evaluate(
            AttendanceTally.of(marks), grid.rule, grid.post_tests.get(person.person_id)
        )
        values = (
            number,
            person.full_name,
            person.native_name,
            person.agency_acronym,
            _COUNTRY_LABELS[person.country],
            person.service_number,
        )
        for column, value in enumerate(values, start=1):
            _text_cell(sheet, row, column, value).border = _BORDER
        sheet.cell(row, _NATIVE_COLUMN).alignment = _RTL
        for column, status in enumerate(marks, start=first_session):
            cell = sheet.cell(row, column, status.value if status is not None else None)
            cell.alignment = _CENTRE
            cell.border = _BORDER
            if status is not None:
                cell.fill = _FILLS[status]
        share = sheet.cell(row, last_column - 1, result.attendance_share)
        share.number_format = "0%"
        share.border = _BORDER
        # Completion is what certificates follow; for trainers and observers it means nothing.
        completed = "Yes" if result.completed else "No"
        done = sheet.cell(row, last_column, completed if person.role is Role.PARTICIPANT else None)
        done.alignment = _CENTRE
        done.border = _BORDER

    _count_row(sheet, grid, sessions, row + 1, first_session)
    _layout(sheet, grid, len(sessions), first_session)
    workbook.save(out)


def _title(sheet: Worksheet, grid: AttendanceGrid, last_column: int) -> None:
    exercise = grid.exercise
    dates = f"{exercise.start_date.isoformat()} to {exercise.end_date.isoformat()}"
    title = _text_cell(sheet, _TITLE_ROW, 1, f"{exercise.code} — {exercise.title} — {dates}")
    title.font = Font(bold=True, size=14)
    sheet.merge_cells(
        start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=last_column
    )


def _session_header(session: GridSession) -> str:
    lines = [str(session.number), session.day.isoformat(), session.module_code]
    return "\n".join(line for line in lines if line)


def _count_row(
    sheet: Worksheet,
    grid: AttendanceGrid,
    sessions: list[GridSession],
    row: int,
    first_session: int,
) -> None:
    # The label spans the person columns and nobody's name is on the row, so that a
    # re-import of this sheet takes it for a totals row.
    label = sheet.cell(row, 1, _COUNT_LABEL)
    label.font = Font(bold=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=first_session - 1)
    for column, session in enumerate(sessions, start=first_session):
        marks = (grid.marks.get((session.id, p.person_id)) for p in grid.participants)
        count = sum(1 for mark in marks if mark is not None and mark.status in _ATTENDED)
        cell = sheet.cell(row, column, count)
        cell.font = Font(bold=True)
        cell.alignment = _CENTRE
        cell.border = _BORDER


def _layout(sheet: Worksheet, grid: AttendanceGrid, sessions: int, first_session: int) -> None:
    people = grid.participants
    widths = [
        6,
        _fit((p.full_name for p in people), 14, 40),
        _fit((p.native_name for p in people), 14, 40),
        _fit((p.agency_acronym for p in people), 8, 20),
        8,
        _fit((p.service_number for p in people), 11, 24),
        *([12] * sessions),
        11,
        11,
    ]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(_HEADER_ROW + 1, first_session)
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _fit(texts: Iterable[str], least: int, most: int) -> int:
    return min(most, max([least, *(len(text) + 2 for text in texts)]))


def _text_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    cell = sheet.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        # Names and ID numbers are data: openpyxl would store "=..." as a formula.
        cell.data_type = "s"
    return cell
