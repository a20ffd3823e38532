"""A curriculum version as an XLSX workbook or a CSV file, for academies to exchange.

Both hold the layout of `domain.curriculum_file`, which `importing.curriculum_file` reads
back. Titles and objectives are typed by academy staff and travel between offices, so no
cell is ever left to run as a formula (see `domain.spreadsheet`).
"""

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainingdesk.domain.curriculum_file import (
    COMPETENCIES_SECTION,
    COMPETENCY_COLUMNS,
    HEADING_LABELS,
    MAPPINGS_SECTION,
    MODULE_COLUMNS,
    MODULES_SECTION,
    TITLE_LOCAL,
    CurriculumFile,
    link_columns,
)
from trainingdesk.domain.names import is_arabic_script
from trainingdesk.domain.spreadsheet import inert_cell

__all__ = ["SUFFIXES", "write_curriculum_file"]

SUFFIXES = (".csv", ".xlsx")

Value = str | float | date | None
Tables = tuple[list[list[Value]], list[tuple[str, list[list[Value]]]]]
_BOLD = Font(bold=True)
_SECTION = Font(bold=True, size=12)
# readingOrder=2 is right to left, so that Excel keeps the words of a Dari title in order.
_RTL = Alignment(horizontal="right", readingOrder=2, wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDTHS = (16, 40, 40, 8, 60, 22, 18)


def write_curriculum_file(content: CurriculumFile, out: Path) -> None:
    """Write the curriculum to `out`, a `.xlsx` workbook or a `.csv` file (by its suffix)."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{out.name}: a curriculum is saved as .xlsx or .csv")
    heading, sections = _tables(content)
    if suffix == ".csv":
        _write_csv(out, heading, sections)
    else:
        _write_xlsx(out, heading, sections)


def _tables(content: CurriculumFile) -> Tables:
    """The heading's rows, and each section's title with its column names and rows."""
    draft = content.curriculum
    values: dict[str, Value] = {
        "code": draft.code,
        "version": draft.version,
        "title": draft.title,
        "kind": draft.kind.value,
        "country": draft.country.value if draft.country else "",
        "status": draft.status.value,
        "adopted_on": draft.adopted_on,
        "retired_on": draft.retired_on,
        "owner": content.owner_acronym,
    }
    heading: list[list[Value]] = [[label, values[key]] for key, label in HEADING_LABELS.items()]
    modules: list[list[Value]] = [list(MODULE_COLUMNS)]
    for module in content.modules:
        m = module.draft
        modules.append(
            [
                m.code,
                m.title_en,
                m.title_local,
                m.hours,
                m.objectives,
                m.assessment_method,
                ", ".join(module.competencies),
            ]
        )
    competencies: list[list[Value]] = [list(COMPETENCY_COLUMNS)]
    for competency in content.competencies:
        competencies.append([competency.code, competency.title_en, competency.title_local])
    links: list[list[Value]] = [list(link_columns(draft.kind).names)]
    for link in content.links:
        other = (link.curriculum_code, link.curriculum_version, link.other_module_code)
        links.append([link.module_code, *other, link.equivalence.value, link.note])
    return heading, [
        (MODULES_SECTION, modules),
        (COMPETENCIES_SECTION, competencies),
        (MAPPINGS_SECTION, links),
    ]


def _write_csv(
    path: Path, heading: list[list[Value]], sections: list[tuple[str, list[list[Value]]]]
) -> None:
    rows: list[list[Value]] = list(heading)
    for title, table in sections:
        rows.extend([[], [title], *table])
    # UTF-8 with a BOM: without it, Excel reads the file in the computer's ANSI code page
    # and the Dari, Pashto and Urdu titles come out garbled.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows([_csv_text(value) for value in row] for row in rows)


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return inert_cell(value)


def _write_xlsx(
    path: Path, heading: list[list[Value]], sections: list[tuple[str, list[list[Value]]]]
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Curriculum"
    for number, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for label, value in heading:
        _append(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = _BOLD
    for title, table in sections:
        sheet.append([])
        _append(sheet, [title])
        sheet.cell(sheet.max_row, 1).font = _SECTION
        _append(sheet, table[0])
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
        right_to_left = {i for i, name in enumerate(table[0]) if name == TITLE_LOCAL}
        for row in table[1:]:
            _append(sheet, row)
            for index, cell in enumerate(sheet[sheet.max_row]):
                if index in right_to_left and isinstance(cell.value, str):
                    cell.alignment = _RTL if is_arabic_script(cell.value) else _WRAP
                else:
                    cell.alignment = _WRAP
    workbook.save(path)


def _append(sheet: Worksheet, row: Sequence[Value]) -> None:
    sheet.append([_xlsx_value(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(cell.value, str):
            # A typed text cell never runs as a formula; the flag also keeps it text when
            # someone edits it in Excel and presses Enter.
            cell.data_type = "s"
            cell.quotePrefix = inert_cell(cell.value) != cell.value


def _xlsx_value(value: Value) -> Value | int:
    if isinstance(value, str):
        # XML cannot hold most control characters; a title pasted with one keeps the rest.
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
