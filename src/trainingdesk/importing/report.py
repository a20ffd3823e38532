"""What importers tell the user about a file: row errors, and the rows to send back.

Whatever TrainingDesk writes from a file someone else made may be opened in Excel or
LibreOffice, which run a cell starting with `=` as a formula. `inert_cell` is applied to
every cell written here so that a hostile or accidental formula stays text.
"""

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from trainingdesk.domain.names import is_arabic_script
from trainingdesk.domain.spreadsheet import inert_cell

__all__ = [
    "RowError",
    "describe_errors",
    "inert_cell",
    "looks_like_formula",
    "without_text_mark",
    "write_rejected_rows",
]

PROBLEM_HEADER = "Problem"
ROW_HEADER = "Row"


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or, on the header row, one column) of the file."""

    row: int
    column: str
    value: str
    message: str


def describe_errors(errors: Sequence[RowError]) -> str:
    """The errors of one row as one line: "Sex: 'X' is not ...; Phone: ..."."""
    return "; ".join(f"{e.column}: {e.message}" if e.column else e.message for e in errors)


def looks_like_formula(text: str) -> bool:
    """True for a cell read from a file that a spreadsheet would run: `=...`, `@...`, `+SUM`.

    A sign followed by a digit or a space is a number or a phone number (+93 700...).
    """
    if text.startswith(("=", "@")):
        return True
    signed = text.startswith(("+", "-")) and len(text) > 1
    return signed and not (text[1].isdigit() or text[1] == " ")


def without_text_mark(text: str) -> str:
    """A cell without the apostrophe that marks it as text, as `inert_cell` writes it."""
    # Only before what the apostrophe protects: a name may start with one (ʼAbd, 'Ali).
    if text.startswith("'") and len(text) > 1 and (text[1].isdigit() or text[1] in "=+-@\t"):
        return text[1:]
    return text


def write_rejected_rows(
    path: Path, headers: Sequence[str], rows: Sequence[tuple[int, tuple[str, ...], str]]
) -> None:
    """Save rejected rows (row number, original cells, problem) for the agency to correct.

    The file has a "Row" column (the row number in the file received), the original
    columns with their headers, and a "Problem" column. `.csv` gives UTF-8 with a BOM, which
    Excel opens with Arabic script intact; `.xlsx` gives a workbook, right-to-left when
    most headers are in Arabic script. Every cell goes through `inert_cell`.
    """
    width = max([len(headers), *(len(cells) for _, cells, _ in rows)])
    table = [[ROW_HEADER, *_padded(headers, width), PROBLEM_HEADER]]
    table += [[str(number), *_padded(cells, width), problem] for number, cells, problem in rows]
    # Control characters go first: once dropped, they could uncover a formula.
    safe = [[inert_cell(ILLEGAL_CHARACTERS_RE.sub("", cell)) for cell in line] for line in table]
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        _write_csv(path, safe)
    elif suffix == ".xlsx":
        _write_xlsx(path, safe, right_to_left=_mostly_arabic(headers))
    else:
        raise ValueError(f"Rejected rows are saved as .csv or .xlsx, not '{path.suffix}'.")


def _padded(cells: Sequence[str], width: int) -> list[str]:
    return [*cells, *[""] * (width - len(cells))]


def _mostly_arabic(headers: Sequence[str]) -> bool:
    named = [header for header in headers if header.strip()]
    return sum(is_arabic_script(header) for header in named) * 2 > len(named)


def _write_csv(path: Path, table: list[list[str]]) -> None:
    # UTF-8 with a BOM: without it, Excel reads the file in the computer's ANSI code page.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table)


def _write_xlsx(path: Path, table: list[list[str]], *, right_to_left: bool) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rejected rows"
    sheet.sheet_view.rightToLeft = right_to_left
    for line in table:
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    workbook.save(path)
