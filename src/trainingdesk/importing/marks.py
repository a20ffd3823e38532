"""Plan an import of attendance marks from a table with one row per person, one column per session.

The plan says what would change and what is wrong, row by row; it changes nothing. The
caller applies `changes` only when the plan is `ok`, so that an import is all or nothing,
and otherwise shows the errors (or saves them with `write_error_report`).
"""

import csv
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from trainingdesk.domain.enums import AttendanceStatus
from trainingdesk.domain.names import fold_digits, is_arabic_script, match_key, normalize_identifier
from trainingdesk.domain.records import AttendanceGrid, GridParticipant, GridSession, MarkChange
from trainingdesk.importing.report import RowError, inert_cell
from trainingdesk.importing.tables import Table, TableRow

__all__ = [
    "MarkImportPlan",
    "RowError",
    "mark_from_text",
    "plan_mark_import",
    "write_error_report",
]

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
_STATUS_WORDS = {P: "present", L: "late", E: "excused", A: "absent"}

# Only words whose meaning on an attendance sheet is certain. Latin words are matched
# without accents or case (Présent, EXCUSÉE); Arabic-script words through `match_key`, so
# keyboard variants (غائب/غایب, ي/ی) and the space or ZWNJ in غیر حاضر do not matter.
_MARK_WORDS: dict[AttendanceStatus, tuple[str, ...]] = {
    P: ("p", "present", "présent", "présente", "حاضر"),
    L: ("l", "late", "retard", "en retard"),
    E: ("e", "excused", "excusé", "excusée"),
    A: ("a", "absent", "absente", "غایب", "غائب", "غیرحاضر", "غیر حاضر"),
}

# Header words, "|"-separated; compared without case, accents or punctuation.
_ID_HEADERS = (
    "id|id no|id number|identity number|service no|service number|service id|personnel number|"
    "cnic|cnic no|cnic number|tazkira|tazkira no|tazkira number|matricule|numéro de service|"
    "شماره|شماره تذکره|نمبر"
)
_NAME_HEADERS = (
    "name|names|full name|participant|participant name|nom|nom complet|nom et prénom|"
    "prénom et nom|نام|نام و تخلص|نام کامل|نوم"
)
_NATIVE_HEADERS = "native name|name native|native script name|local name"

_SESSION_WORDS = "s|session|day|seance|jour|جلسه|روز|ورځ|دن"
_SESSION_NUMBER = re.compile(rf"^(?:(?:{_SESSION_WORDS})\s*)?[#.:\-]?\s*(\d{{1,4}})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?%?$")


@dataclass(frozen=True)
class MarkImportPlan:
    """The marks an import would set, how many cells already agreed, and what is wrong."""

    changes: tuple[MarkChange, ...]
    unchanged: int
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong, i.e. `changes` may be applied."""
        return not self.errors


def plan_mark_import(table: Table, grid: AttendanceGrid) -> MarkImportPlan:
    """Compare a marks file with the exercise's grid and list changes and errors.

    People are found by ID number (digits of any script, case, spaces and hyphens
    ignored) or else by name in either script; a name and an ID on the same row must
    agree. A session column is headed by the session number (1, S1, Session 1, Day 1,
    ۱; only the first line of a multi-line header counts) or the session's date (ISO or
    dd/mm/yyyy); a date on a later header line must be that session's date.

    Cells hold P/L/E/A or a word for them in English, French, Dari, Pashto or Urdu. An
    empty cell keeps the mark as it is: an import never clears a mark, and a changed mark
    keeps its remark. A row without ID or name is skipped when its session cells are
    empty or numbers (a totals row). Changing a locked session is an error.

    Nothing is applied here. The caller applies `changes` only if the plan is `ok`, so an
    import is all or nothing.
    """
    errors: list[RowError] = []
    columns = _Columns.classify(table, grid, errors)
    if columns.person_columns() and columns.sessions:
        finder = _PersonFinder(grid.participants, columns)
        return _plan_rows(table, grid, columns, finder, errors)
    if not columns.person_columns():
        errors.append(
            RowError(
                table.header_row,
                "",
                "",
                "No column with ID numbers or names was found. Head one column 'ID number' "
                "or 'Name' so that TrainingDesk knows whose marks each row holds.",
            )
        )
    if not columns.sessions:
        errors.append(
            RowError(
                table.header_row,
                "",
                "",
                "No session column was found. Head each session's column with its number "
                "(1, 2, ...) or its date (2027-03-01).",
            )
        )
    return MarkImportPlan((), 0, tuple(errors))


def write_error_report(plan: MarkImportPlan, out: Path) -> None:
    """Save the errors as a CSV file that Excel opens with Arabic script intact."""
    # UTF-8 with a BOM: without it, Excel reads the file in the computer's ANSI code page.
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["row", "column", "value", "problem"])
        for error in plan.errors:
            writer.writerow(
                [error.row, *(inert_cell(t) for t in (error.column, error.value, error.message))]
            )


def mark_from_text(text: str) -> AttendanceStatus | None:
    """The status a cell stands for, or None when it is not a mark TrainingDesk knows."""
    return _MARKS.get(_mark_key(text))


# ------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class _Columns:
    """Which column holds what; indexes are 0-based positions in the table's rows."""

    labels: tuple[str, ...]
    # "id", "name" or "native" -> column
    person: dict[str, int]
    sessions: tuple[tuple[int, GridSession], ...]

    def person_columns(self) -> tuple[int, ...]:
        """The columns that say who a row is about."""
        return tuple(self.person.values())

    @classmethod
    def classify(cls, table: Table, grid: AttendanceGrid, errors: list[RowError]) -> "_Columns":
        """Recognise every header; headers that cannot be right become errors."""
        labels = tuple(_label(header, i) for i, header in enumerate(table.headers))
        width = max((len(row.cells) for row in table.rows), default=len(labels))
        labels += tuple(_label("", i) for i in range(len(labels), width))
        person: dict[str, int] = {}
        sessions: dict[int, int] = {}
        found_sessions: list[tuple[int, GridSession]] = []

        def error(index: int, message: str) -> None:
            errors.append(RowError(table.header_row, labels[index], labels[index], message))

        for index in range(width):
            header = table.headers[index] if index < len(table.headers) else ""
            key = _header_key(header)
            kind = next((kind for kind, words in _PERSON_HEADERS.items() if key in words), None)
            if kind is not None:
                if kind in person:
                    error(
                        index,
                        f"Two columns hold the same thing: '{labels[person[kind]]}' and this.",
                    )
                else:
                    person[kind] = index
                continue
            found = _session_for_header(header, grid)
            if isinstance(found, GridSession):
                if found.number in sessions:
                    first = labels[sessions[found.number]]
                    error(index, f"Session {found.number} already has a column: '{first}'.")
                else:
                    sessions[found.number] = index
                    found_sessions.append((index, found))
            elif found is not None:
                error(index, found)
            elif _holds_marks(row.cell(index) for row in table.rows):
                error(
                    index,
                    "This column holds attendance marks, but its header names no session. "
                    "Head it with the session number (1, 2, ...) or its date (2027-03-01).",
                )
        return cls(labels, person, tuple(found_sessions))


def _label(header: str, index: int) -> str:
    return " ".join(header.split()) or f"column {index + 1}"


def _header_key(header: str) -> str:
    text = _fold(header).replace("#", " no ")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _session_for_header(header: str, grid: AttendanceGrid) -> GridSession | str | None:
    """The session a header names, a message if it names none, None if not session-like."""
    lines = [_fold(line) for line in header.splitlines() if line.strip()]
    if not lines:
        return None
    first, later = lines[0], lines[1:]
    number = _SESSION_NUMBER.match(first)
    if number:
        session = grid.session_by_number(int(number.group(1)))
        if session is None:
            numbers = sorted(s.number for s in grid.sessions)
            have = f"1 to {numbers[-1]}" if numbers else "none"
            return f"This exercise has no session {int(number.group(1))} (its sessions: {have})."
        for line in later:
            day = _parse_date(line)
            if isinstance(day, date) and day != session.day:
                return (
                    f"The header says session {session.number} on {day.isoformat()}, but "
                    f"session {session.number} is on {session.day.isoformat()}."
                )
        return session
    day = _parse_date(first)
    if not isinstance(day, date):
        return day
    on_day = [s for s in grid.sessions if s.day == day]
    if not on_day:
        return f"This exercise has no session on {day.isoformat()}."
    if len(on_day) > 1:
        listed = ", ".join(str(s.number) for s in on_day)
        return (
            f"Sessions {listed} are all on {day.isoformat()}; head the columns with the "
            "session numbers instead of the date."
        )
    return on_day[0]


def _parse_date(text: str) -> date | str | None:
    """A date, a message for a date that cannot be, or None when the text is no date."""
    iso = _ISO_DATE.match(text)
    dmy = _DMY_DATE.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif dmy:
        day, month, year = (int(part) for part in dmy.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return f"'{text}' is not a valid date (day/month/year)."


def _holds_marks(cells: Iterable[str]) -> bool:
    filled = [cell for cell in cells if cell]
    return bool(filled) and all(mark_from_text(cell) is not None for cell in filled)


# -------------------------------------------------------------------------- people


class _PersonFinder:
    """Finds the enrolled person a row is about, or says why it cannot."""

    def __init__(self, participants: Iterable[GridParticipant], columns: _Columns) -> None:
        self._columns = columns
        self._by_id: dict[str, list[GridParticipant]] = {}
        self._by_name: dict[str, list[GridParticipant]] = {}
        for person in participants:
            if key := normalize_identifier(person.service_number):
                self._by_id.setdefault(key, []).append(person)
            for name in {match_key(person.full_name), match_key(person.native_name)} - {""}:
                self._by_name.setdefault(name, []).append(person)

    def find(self, row: TableRow) -> GridParticipant | RowError:
        """The person of a row that has an ID number or a name."""
        id_column = self._columns.person.get("id")
        id_text = row.cell(id_column) if id_column is not None else ""
        if id_column is None or not id_text:
            return self._by_name_only(row)
        holders = self._by_id.get(normalize_identifier(id_text), [])
        if len(holders) > 1:
            return self._error(
                row,
                id_column,
                f"{len(holders)} people enrolled in this exercise have ID number {id_text} "
                f"({_names(holders)}); correct their ID numbers in TrainingDesk first.",
            )
        if holders:
            if not self._names_agree(row, holders[0]):
                return self._error(
                    row,
                    id_column,
                    f"ID number {id_text} belongs to {_name(holders[0])}, but this row has "
                    "another name. Check which of the two is right.",
                )
            return holders[0]
        # Someone enrolled without an ID number in TrainingDesk is still found by name.
        named = self._named(row)
        if len(named) == 1 and not named[0].service_number:
            return named[0]
        return self._error(
            row, id_column, f"No one enrolled in this exercise has ID number {id_text}."
        )

    def _name_cells(self, row: TableRow) -> list[tuple[int, str]]:
        columns = (self._columns.person.get("name"), self._columns.person.get("native"))
        return [(i, row.cell(i)) for i in columns if i is not None and row.cell(i)]

    def _named(self, row: TableRow) -> list[GridParticipant]:
        """The people whom every name on the row fits."""
        found: list[GridParticipant] | None = None
        for _, text in self._name_cells(row):
            matches = self._by_name.get(match_key(text), [])
            found = matches if found is None else [p for p in found if p in matches]
        return found or []

    def _by_name_only(self, row: TableRow) -> GridParticipant | RowError:
        cells = self._name_cells(row)
        for index, text in cells:
            if match_key(text) not in self._by_name:
                return self._error(
                    row, index, f"No one called {text} is enrolled in this exercise."
                )
        named = self._named(row)
        index, text = cells[0]
        if not named:
            return self._error(
                row, index, "The name and the native name on this row are two different people."
            )
        if len(named) > 1:
            return self._error(
                row,
                index,
                f"{len(named)} people enrolled in this exercise are called {text} "
                f"({_names(named)}); add their ID numbers to tell them apart.",
            )
        return named[0]

    def _names_agree(self, row: TableRow, person: GridParticipant) -> bool:
        # Loose on purpose: a paper sheet often has the family name only, or an extra word.
        known = [set(match_key(name).split()) for name in (person.full_name, person.native_name)]
        for _, text in self._name_cells(row):
            given = set(match_key(text).split())
            if given and not any(k and (given <= k or k <= given) for k in known):
                return False
        return True

    def _error(self, row: TableRow, index: int, message: str) -> RowError:
        return RowError(row.number, self._columns.labels[index], row.cell(index), message)


def _name(person: GridParticipant) -> str:
    return person.full_name or person.native_name


def _names(people: Iterable[GridParticipant]) -> str:
    return ", ".join(f"{_name(p)} ({p.agency_acronym or p.country.value})" for p in people)


# ---------------------------------------------------------------------------- rows


def _plan_rows(
    table: Table,
    grid: AttendanceGrid,
    columns: _Columns,
    finder: _PersonFinder,
    errors: list[RowError],
) -> MarkImportPlan:
    changes: list[MarkChange] = []
    unchanged = 0
    seen: dict[uuid.UUID, int] = {}
    for row in table.rows:
        filled = [(i, s, row.cell(i)) for i, s in columns.sessions if row.cell(i)]
        if not any(row.cell(i) for i in columns.person_columns()):
            if any(not _NUMBER.match(fold_digits(text)) for _, _, text in filled):
                errors.append(
                    RowError(row.number, "", "", "This row has marks but no ID number or name.")
                )
            continue
        person = finder.find(row)
        if isinstance(person, RowError):
            errors.append(person)
            continue
        if person.person_id in seen:
            index = next(i for i in columns.person_columns() if row.cell(i))
            errors.append(
                RowError(
                    row.number,
                    columns.labels[index],
                    row.cell(index),
                    f"{_name(person)} is already on row "
                    f"{seen[person.person_id]}; keep one row per person.",
                )
            )
            continue
        seen[person.person_id] = row.number
        for index, session, text in filled:
            status = mark_from_text(text)
            problem = None
            if status is None:
                problem = (
                    f"'{text}' is not an attendance mark. Use P (present), L (late), "
                    "E (excused) or A (absent); leave the cell empty to keep the mark as it is."
                )
            else:
                existing = grid.marks.get((session.id, person.person_id))
                if existing is not None and existing.status is status:
                    unchanged += 1
                    continue
                if session.locked:
                    problem = _locked_message(session, status)
                else:
                    remark = existing.remark if existing is not None else ""
                    changes.append(MarkChange(session.id, person.person_id, status, remark))
            if problem is not None:
                errors.append(RowError(row.number, columns.labels[index], text, problem))
    return MarkImportPlan(tuple(changes), unchanged, tuple(errors))


def _locked_message(session: GridSession, status: AttendanceStatus) -> str:
    by = f" by {session.locked_by}" if session.locked_by else ""
    return (
        f"Session {session.number} ({session.day.isoformat()}) is signed off{by} and locked; "
        f"its marks cannot be changed (this cell would make it {_STATUS_WORDS[status]})."
    )


# --------------------------------------------------------------------------- text


def _fold(text: str) -> str:
    """Casefolded, accents and surrounding spaces dropped, digits ASCII: for comparing words."""
    decomposed = unicodedata.normalize("NFKD", fold_digits(text).casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", kept).split())


def _mark_key(text: str) -> str:
    if is_arabic_script(text):
        # match_key drops punctuation, and "حاضر؟" (present?) must not read as present.
        if all(unicodedata.category(ch)[0] in "LMZ" or _invisible(ch) for ch in text):
            return match_key(text).replace(" ", "")
        return text
    return _fold(text).rstrip(".")


def _invisible(ch: str) -> bool:
    # ZWNJ inside words, bidi marks around text pasted from web pages and Word.
    return unicodedata.category(ch) == "Cf"


_MARKS = {_mark_key(word): status for status, words in _MARK_WORDS.items() for word in words}
_PERSON_HEADERS = {
    "id": frozenset(_header_key(h) for h in _ID_HEADERS.split("|")),
    "name": frozenset(_header_key(h) for h in _NAME_HEADERS.split("|")),
    "native": frozenset(_header_key(h) for h in _NATIVE_HEADERS.split("|")),
}
