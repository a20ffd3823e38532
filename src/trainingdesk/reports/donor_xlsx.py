"""The figures of a donor report as an Excel workbook: one sheet per indicator table.

Numbers stay numbers (rates as percentages, dates as dates) so that a donor can add them
up; a suppressed count keeps its mark ("<5", "x") as text, as in the PDF. The workbook
holds what the DonorReport holds and nothing else: no person is named in it.
"""

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainingdesk.domain.donor import Cell, DonorReport, IndicatorTable

__all__ = ["write_donor_workbook"]

_TITLE_ROW = 1
_HEADER_ROW = 2
_FIRST_ROW = 3
_HEADER_FILL = PatternFill("solid", start_color="DCE1EB", end_color="DCE1EB")
_TOTAL_FILL = PatternFill("solid", start_color="EDE8D6", end_color="EDE8D6")
_RIGHT = Alignment(horizontal="right")
_WRAP = Alignment(wrap_text=True, vertical="top")
_PERCENT = "0.0%"
_DECIMAL = "#,##0.0#"
_WHOLE = "#,##0"
_DATE = "yyyy-mm-dd"
_RATE_WORDS = ("rate", "share", "%")
_MIN_WIDTH, _MAX_WIDTH = 8, 60
# Excel refuses these in sheet names, and names longer than 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_donor_workbook(report: DonorReport, out: Path | BinaryIO) -> None:
    """Write the summary, each indicator table, exercises, modules, trend and methodology."""
    workbook = Workbook()
    names: set[str] = set()

    def sheet(name: str) -> Worksheet:
        unique = _sheet_name(name, names)
        names.add(unique)
        if len(names) == 1:
            first = workbook.active
            first.title = unique
            return first
        return workbook.create_sheet(unique)

    _summary(sheet("Summary"), report)
    for table in report.tables:
        _table(sheet(table.key), table)
    _exercises(sheet("Exercises"), report)
    _grid(
        sheet("Modules"),
        "Curriculum modules delivered",
        ("Code", "Module", "Hours", "Exercises"),
        [(m.code, m.title, m.hours, m.exercises) for m in report.modules],
        label_columns=2,
    )
    _grid(
        sheet("Trend"),
        "Quarter by quarter",
        ("Quarter", "Participants", "Completed", "Sessions", "Joint sessions"),
        [(q.label, q.trained, q.completed, q.sessions, q.joint_sessions) for q in report.quarters],
        label_columns=1,
    )
    _methodology(sheet("Methodology"), report)
    workbook.save(out)


def _summary(sheet: Worksheet, report: DonorReport) -> None:
    scope = report.scope
    rows: list[tuple[Cell | date, ...]] = [
        (headline.label, headline.value, headline.note) for headline in report.headlines
    ]
    _grid(
        sheet,
        "Donor summary",
        ("Figure", "Value", "Note"),
        rows,
        label_columns=1,
        rates_by_row=True,
    )
    row = _FIRST_ROW + len(rows) + 1
    details: list[tuple[str, str | date | int]] = [
        ("Project", report.project_name),
        ("Donor", report.donor),
        ("Period from", scope.start),
        ("Period to", scope.end),
        ("Key area", scope.key_area.label if scope.key_area else "All key areas"),
        ("Site", scope.site_code or "All sites"),
        ("Exercise type", scope.exercise_type.value if scope.exercise_type else "All types"),
        ("Small counts hidden below", scope.min_cell),
        ("Made on", report.generated_on),
    ]
    for label, value in details:
        sheet.cell(row, 1, label).font = Font(bold=True)
        _put(sheet.cell(row, 2), value, rate=False)
        row += 1
    _fit_columns(sheet, row - 1)


def _table(sheet: Worksheet, table: IndicatorTable) -> None:
    _grid(
        sheet,
        table.title,
        table.columns,
        table.rows,
        label_columns=table.label_columns,
        total_row=table.has_total_row,
        note=table.note,
    )


def _exercises(sheet: Worksheet, report: DonorReport) -> None:
    rows = [
        (
            e.code,
            e.title,
            e.start,
            e.end,
            e.site,
            e.key_area.label,
            e.participants_af,
            e.participants_pk,
            e.participants_other,
            e.completion_rate,
        )
        for e in report.exercises
    ]
    columns = (
        "Code",
        "Title",
        "Start",
        "End",
        "Site",
        "Key area",
        "Participants AF",
        "Participants PK",
        "Participants other",
        "Completion rate",
    )
    _grid(sheet, "Exercises in the period", columns, rows, label_columns=6)


def _methodology(sheet: Worksheet, report: DonorReport) -> None:
    title = sheet.cell(_TITLE_ROW, 1, "Methodology")
    title.font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
    for number, paragraph in enumerate(report.methodology, start=_HEADER_ROW):
        cell = sheet.cell(number, 1, paragraph)
        cell.alignment = _WRAP
        # Excel does not grow a row to fit wrapped text that openpyxl wrote: roughly 110
        # characters a line.
        sheet.row_dimensions[number].height = 15 * (len(paragraph) // 100 + 1)


def _grid(
    sheet: Worksheet,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell | date]],
    *,
    label_columns: int,
    total_row: bool = False,
    note: str = "",
    rates_by_row: bool = False,
) -> None:
    """A title, a bold frozen header row, the rows, and a note under them."""
    sheet.cell(_TITLE_ROW, 1, title).font = Font(bold=True, size=13)
    for column, header in enumerate(columns, start=1):
        cell = sheet.cell(_HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    rates = [_is_rate(header) for header in columns]
    for offset, values in enumerate(rows):
        row = _FIRST_ROW + offset
        is_total = total_row and offset == len(rows) - 1
        rate_row = rates_by_row and _is_rate(str(values[0]))
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            _put(cell, value, rate=rates[column - 1] or (rate_row and column > label_columns))
            if is_total:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
    if note:
        sheet.cell(_FIRST_ROW + len(rows) + 1, 1, note).font = Font(italic=True)
    sheet.freeze_panes = sheet.cell(_FIRST_ROW, label_columns + 1)
    _fit_columns(sheet, _FIRST_ROW + len(rows) - 1)


def _put(cell: SheetCell, value: Cell | date, *, rate: bool) -> None:
    """A value as a number, a date, or text; marks of suppression aligned like numbers."""
    cell.value = value
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, date):
        cell.number_format = _DATE
    elif isinstance(value, int):
        cell.number_format = _WHOLE
    elif isinstance(value, float):
        cell.number_format = _PERCENT if rate else _DECIMAL
    elif _is_mark(value):
        cell.alignment = _RIGHT


def _is_rate(header: str) -> bool:
    folded = header.casefold()
    return any(word in folded for word in _RATE_WORDS)


def _is_mark(text: str) -> bool:
    return text in ("x", "–") or (text.startswith("<") and text[1:].isdigit())


def _fit_columns(sheet: Worksheet, last_row: int) -> None:
    """Each column as wide as its widest value (headers wrap), within sensible bounds."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=_HEADER_ROW, max_row=last_row):
        for cell in row:
            if cell.value is None:
                continue
            text = cell.value.isoformat() if isinstance(cell.value, date) else str(cell.value)
            words = text.split() or [""]
            longest = max(map(len, words)) if cell.row == _HEADER_ROW else len(text)
            widths[cell.column] = max(widths.get(cell.column, 0), longest + 2)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(
            _MIN_WIDTH, min(_MAX_WIDTH, width)
        )


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid sheet name, unique in the workbook (Excel ignores case)."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, number = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
        number += 1
    return candidate
