"""People and their enrolments as an XLSX workbook or a pair of CSV files, safe to open.

A name or number that starts like a formula (`=`, `+`, `-`, `@`) must never run as one
in the coordinator's spreadsheet (CSV or formula injection). In CSV files such text gets a
leading apostrophe; in the workbook it is a typed text cell marked the way Excel marks
text typed after an apostrophe, so the value itself stays exactly as stored.
"""

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import EnrolmentExportRow, PersonRecord
from trainingdesk.domain.spreadsheet import inert_cell

__all__ = ["XLSX_MAX_ROWS", "enrolments_csv_path", "write_people"]

# Excel shows at most this many rows of a sheet and drops the rest with only a warning.
XLSX_MAX_ROWS = 1_048_576
_DATE_FORMAT = "yyyy-mm-dd"
# "@" is Excel's Text format: an ID number edited in Excel stays text, leading zeros too.
_TEXT_FORMAT = "@"
_BOLD = Font(bold=True)
# readingOrder=2 is right-to-left, so that Excel keeps the words of a name in their order.
_RTL = Alignment(horizontal="right", readingOrder=2)
_SEX_LABELS = {Sex.MALE: "M", Sex.FEMALE: "F"}
_COUNTRY_LABELS = {Country.AF: "AF", Country.PK: "PK", Country.OTHER: "Other"}

Value = str | date | None


class _Kind(Enum):
    """How a column's cells are written to the workbook."""

    TEXT = "text"
    NATIVE = "native"  # Arabic-script text, right to left
    IDENTIFIER = "identifier"  # digits that are not numbers: ID and phone numbers
    DATE = "date"


# The person's record ID closes both tables: it tells namesakes apart and joins the two.
_PEOPLE_COLUMNS = (
    ("Given name", _Kind.TEXT),
    ("Family name", _Kind.TEXT),
    ("Native name", _Kind.NATIVE),
    ("Father's name", _Kind.TEXT),
    ("Father's name (native)", _Kind.NATIVE),
    ("Sex", _Kind.TEXT),
    ("Country", _Kind.TEXT),
    ("Agency", _Kind.TEXT),
    ("Rank", _Kind.TEXT),
    ("ID number", _Kind.IDENTIFIER),
    ("Phone", _Kind.IDENTIFIER),
    ("Date of birth", _Kind.DATE),
    ("Consent to photos", _Kind.TEXT),
    ("Consent to rosters", _Kind.TEXT),
    ("Person ID", _Kind.TEXT),
)
_ENROLMENT_COLUMNS = (
    ("Exercise", _Kind.TEXT),
    ("Title", _Kind.TEXT),
    ("Start", _Kind.DATE),
    ("End", _Kind.DATE),
    ("Name", _Kind.TEXT),
    ("Native name", _Kind.NATIVE),
    ("ID number", _Kind.IDENTIFIER),
    ("Role", _Kind.TEXT),
    ("Status", _Kind.TEXT),
    ("Person ID", _Kind.TEXT),
)
_Columns = tuple[tuple[str, _Kind], ...]


def write_people(
    people: Sequence[PersonRecord], enrolments: Sequence[EnrolmentExportRow], out: Path
) -> None:
    """Write people and enrolments to `out`: a `.xlsx` workbook or a `.csv` pair.

    A CSV file holds one table, so the people go to `out` and the enrolments to
    `enrolments_csv_path(out)` beside it. ValueError, before anything is written, for
    another suffix or for more rows than an Excel sheet holds.
    """
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(
            f"{out.name}: cannot tell the format; the file name must end in .csv or .xlsx"
        )
    if suffix == ".xlsx" and max(len(people), len(enrolments)) >= XLSX_MAX_ROWS:
        raise ValueError(
            f"{out.name}: {len(people):,} people and {len(enrolments):,} enrolments do not fit "
            f"in an Excel sheet of {XLSX_MAX_ROWS:,} rows; export to .csv instead"
        )
    people_rows = [_person_values(person) for person in people]
    enrolment_rows = [_enrolment_values(enrolment) for enrolment in enrolments]
    if suffix == ".xlsx":
        workbook = Workbook(write_only=True)
        _write_sheet(workbook.create_sheet("People"), _PEOPLE_COLUMNS, people_rows)
        _write_sheet(workbook.create_sheet("Enrolments"), _ENROLMENT_COLUMNS, enrolment_rows)
        workbook.save(out)
    else:
        _write_csv(out, _PEOPLE_COLUMNS, people_rows)
        _write_csv(enrolments_csv_path(out), _ENROLMENT_COLUMNS, enrolment_rows)


def enrolments_csv_path(out: Path) -> Path:
    """Where the enrolments go when the people go to the CSV file `out`."""
    return out.with_name(f"{out.stem}-enrolments{out.suffix}")


def _person_values(person: PersonRecord) -> tuple[Value, ...]:
    return (
        person.given_name,
        person.family_name,
        person.native_name,
        person.father_name,
        person.father_name_native,
        _SEX_LABELS[person.sex],
        _COUNTRY_LABELS[person.country],
        person.agency_acronym,
        person.rank,
        person.service_number,
        person.phone,
        person.birth_date,
        _yes_no(person.consent_photo),
        _yes_no(person.consent_roster),
        str(person.id),
    )


def _enrolment_values(enrolment: EnrolmentExportRow) -> tuple[Value, ...]:
    return (
        enrolment.exercise_code,
        enrolment.exercise_title,
        enrolment.start_date,
        enrolment.end_date,
        enrolment.person_name,
        enrolment.native_name,
        enrolment.service_number,
        enrolment.role.value,
        enrolment.status.value,
        str(enrolment.person_id),
    )


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _write_csv(path: Path, columns: _Columns, rows: Iterable[tuple[Value, ...]]) -> None:
    # UTF-8 with a BOM: without it, Excel reads the file in the computer's ANSI code page
    # and Arabic-script names come out as mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header for header, _ in columns)
        writer.writerows(tuple(_csv_text(value) for value in row) for row in rows)


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    # A CSV cell has no type, so a phone number like "+93 70 123 4567" is prefixed too:
    # Excel would otherwise read it as a formula and show an error instead of the number.
    return inert_cell(value)


def _write_sheet(
    sheet: WriteOnlyWorksheet, columns: _Columns, rows: Sequence[tuple[Value, ...]]
) -> None:
    # A write-only sheet streams its rows instead of holding a cell object for each, but
    # its panes and column widths must be set before the first row is appended.
    sheet.freeze_panes = "A2"
    for number, (header, kind) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _width(
            header, kind, (row[number - 1] for row in rows)
        )
    headers = []
    for header, _ in columns:
        cell = WriteOnlyCell(sheet, header)
        cell.font = _BOLD
        headers.append(cell)
    sheet.append(headers)
    kinds = [kind for _, kind in columns]
    for row in rows:
        sheet.append(
            [_xlsx_cell(sheet, value, kind) for value, kind in zip(row, kinds, strict=True)]
        )
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Value, kind: _Kind) -> Cell | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = _DATE_FORMAT
        return cell
    # XML cannot hold most control characters, and openpyxl refuses them; a name that
    # carries one (pasted from somewhere) is still exported, without it.
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    # Every value is stored as a typed text cell, which Excel shows and never evaluates,
    # so no apostrophe is added here: "+93 70 123 4567" reads exactly as stored and
    # "0301…" keeps its zero. openpyxl would make "=…" a formula; the type says otherwise.
    cell.data_type = "s"
    if inert_cell(value) != value:
        # Excel's own flag for text typed after an apostrophe: not part of the value and
        # not shown, but it keeps the cell text if someone edits it and presses Enter.
        cell.quotePrefix = True
    if kind is _Kind.NATIVE:
        cell.alignment = _RTL
    elif kind is _Kind.IDENTIFIER:
        cell.number_format = _TEXT_FORMAT
    return cell


def _width(header: str, kind: _Kind, values: Iterable[Value]) -> int:
    if kind is _Kind.DATE:
        return 13
    longest = max((len(value) for value in values if isinstance(value, str)), default=0)
    return min(45, max(len(header), longest) + 2)
