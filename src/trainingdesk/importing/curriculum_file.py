"""Read a curriculum file (CSV or XLSX, laid out as `domain.curriculum_file` says).

The file may come from TrainingDesk on another laptop or from an academy's own Excel
sheet, so every cell is checked and every problem reported at once, with its row and
column. Nothing here touches the database: whether the joint modules named exist, and
whether the version is new, is for the service that imports the file.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeVar

from trainingdesk.domain.curriculum_file import (
    ASSESSMENT,
    COMPETENCIES,
    COMPETENCIES_SECTION,
    COMPETENCY_CODE,
    EQUIVALENCE,
    HEADING_LABELS,
    HOURS,
    MAPPINGS_SECTION,
    MODULE_CODE,
    MODULE_COLUMNS,
    MODULES_SECTION,
    NOTE,
    OBJECTIVES,
    REQUIRED_COMPETENCY_COLUMNS,
    REQUIRED_MODULE_COLUMNS,
    SECTIONS,
    TITLE_EN,
    TITLE_LOCAL,
    CurriculumFile,
    FileCompetency,
    FileLink,
    FileModule,
    LinkColumns,
    link_columns,
)
from trainingdesk.domain.dates import parse_date
from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus, Equivalence
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.names import fold_digits
from trainingdesk.domain.records import CompetencyDraft, CurriculumDraft, ModuleDraft
from trainingdesk.importing.report import RowError, without_text_mark
from trainingdesk.importing.tables import UnreadableFile, read_table

__all__ = ["CurriculumFileInvalid", "describe", "read_curriculum_file"]

# Hours as typed in either country: 16, 1.5, 1,5 (French Excel) or ۱٫۵ (Persian digits and
# decimal separator). At most two decimals, so that "1,000" is refused, not read as 1.
_HOURS = re.compile(r"(\d+)(?:[.,٫](\d{1,2}))?")
_COMPETENCY_SEPARATORS = re.compile(r"[\s,;،؛]+")
_COUNTRIES = {
    "af": Country.AF,
    "afghanistan": Country.AF,
    "pk": Country.PK,
    "pakistan": Country.PK,
}
_REQUIRED_HEADING = ("code", "version", "title", "kind")

E = TypeVar("E", CurriculumKind, CurriculumStatus, Equivalence)
Line = tuple[int, tuple[str, ...]]


class CurriculumFileInvalid(TrainingDeskError):
    """The file cannot be imported as it is; `errors` says where and why, cell by cell."""

    SHOWN = 5

    def __init__(self, name: str, errors: Sequence[RowError]) -> None:
        self.name = name
        self.errors = tuple(errors)
        shown = "; ".join(describe(error) for error in self.errors[: self.SHOWN])
        more = len(self.errors) - self.SHOWN
        super().__init__(
            f"{len(self.errors)} problem(s) in {name}: {shown}"
            + (f"; and {more} more" if more > 0 else "")
        )


def describe(error: RowError) -> str:
    """`row 12, Hours: 'twelve' is not a number of hours`."""
    where = f"row {error.row}" if error.row else "the file"
    return (
        f"{where}, {error.column}: {error.message}" if error.column else f"{where}: {error.message}"
    )


def read_curriculum_file(path: Path) -> CurriculumFile:
    """The curriculum in the file; `UnreadableFile` or `CurriculumFileInvalid` if it is not."""
    try:
        table = read_table(path)
    except UnreadableFile as exc:
        # The table reader's own advice is about attendance sheets; say what a curriculum
        # file looks like instead.
        if not str(exc).startswith(f"{path.name} has no header row"):
            raise
        raise UnreadableFile(
            f"{path.name} is not a curriculum file: one begins with a row 'Curriculum code' "
            f"and the code, then 'Version' and the version, and so on, followed by a "
            f"'{MODULES_SECTION}' section. Export a curriculum to see the layout."
        ) from exc
    lines = [(table.header_row, table.headers), *((row.number, row.cells) for row in table.rows)]
    # A CSV written by TrainingDesk marks formula-like text with an apostrophe; not data.
    clean = [(number, tuple(without_text_mark(cell) for cell in cells)) for number, cells in lines]
    return _Reader(path.name).read(clean)


def _parse_hours(text: str) -> float | None:
    """The hours written in `text` (any digits), or None if it is not a number of hours."""
    match = _HOURS.fullmatch(fold_digits(text).strip())
    if match is None:
        return None
    whole, fraction = match.groups()
    return float(f"{whole}.{fraction or 0}")


class _Heading(NamedTuple):
    draft: CurriculumDraft | None  # None when the heading has a problem
    kind: CurriculumKind | None
    owner: str
    rows: dict[str, int]


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[RowError] = []

    def error(self, row: int, column: str, value: str, message: str) -> None:
        self.errors.append(RowError(row, column, value, message))

    def read(self, lines: list[Line]) -> CurriculumFile:
        heading_lines, sections = self.sections(lines)
        heading = self.heading(heading_lines, first_row=lines[0][0])
        # None: the modules could not be read, so links cannot be checked against them.
        modules: tuple[FileModule, ...] | None = None
        if MODULES_SECTION in sections:
            modules = self.modules(*sections[MODULES_SECTION])
        else:
            self.error(
                0,
                "",
                "",
                f"there is no {MODULES_SECTION} section: a row with '{MODULES_SECTION}' alone, "
                f"then a row of column names ({', '.join(MODULE_COLUMNS)})",
            )
        competencies: tuple[FileCompetency, ...] = ()
        if COMPETENCIES_SECTION in sections:
            competencies = self.competencies(*sections[COMPETENCIES_SECTION])
        links: tuple[FileLink, ...] = ()
        if MAPPINGS_SECTION in sections and heading.kind is not None:
            links = self.links(heading.kind, modules, *sections[MAPPINGS_SECTION])
        if self.errors or heading.draft is None or modules is None:
            raise CurriculumFileInvalid(self.name, self.errors)
        return CurriculumFile(
            heading.draft,
            heading.owner,
            modules,
            links,
            heading.rows,
            competencies=competencies,
        )

    def sections(self, lines: list[Line]) -> tuple[list[Line], dict[str, tuple[int, list[Line]]]]:
        """The heading's lines, and each section's title row and lines."""
        titles = {title.casefold(): title for title in SECTIONS}
        heading: list[Line] = []
        sections: dict[str, tuple[int, list[Line]]] = {}
        current = heading
        for number, cells in lines:
            title = titles.get(cells[0].casefold()) if cells else None
            if title is not None and not any(cells[1:]):
                if title in sections:
                    first = sections[title][0]
                    self.error(
                        number, "", title, f"a second {title} section (the first is on row {first})"
                    )
                sections[title] = (number, [])
                current = sections[title][1]
                continue
            current.append((number, cells))
        return heading, sections

    def heading(self, lines: list[Line], first_row: int) -> _Heading:
        by_label = {label.casefold(): key for key, label in HEADING_LABELS.items()}
        values: dict[str, str] = {}
        rows: dict[str, int] = {}
        for number, cells in lines:
            label = cells[0] if cells else ""
            key = by_label.get(label.casefold())
            if key is None:
                self.error(
                    number,
                    label,
                    "",
                    f"'{label}' is not part of a curriculum heading, which has "
                    f"{', '.join(HEADING_LABELS.values())}",
                )
            elif key in rows:
                self.error(number, label, "", f"given twice (first on row {rows[key]})")
            else:
                values[key] = cells[1] if len(cells) > 1 else ""
                rows[key] = number
        for key in _REQUIRED_HEADING:
            if not values.get(key):
                self.error(rows.get(key, first_row), HEADING_LABELS[key], "", "is required")

        def cell(key: str) -> tuple[int, str, str]:
            return rows.get(key, first_row), HEADING_LABELS[key], values.get(key, "")

        before = len(self.errors)
        kind = self.choice(CurriculumKind, *cell("kind")) if values.get("kind") else None
        status = (
            self.choice(CurriculumStatus, *cell("status"))
            if values.get("status")
            else CurriculumStatus.DRAFT
        )
        country = self.country(*cell("country"))
        adopted_on, retired_on = self.day(*cell("adopted_on")), self.day(*cell("retired_on"))
        if kind is None or status is None or len(self.errors) > before:
            return _Heading(None, kind, values.get("owner", ""), rows)
        draft = CurriculumDraft(
            code=values.get("code", ""),
            version=values.get("version", ""),
            title=values.get("title", ""),
            kind=kind,
            country=country,
            status=status,
            adopted_on=adopted_on,
            retired_on=retired_on,
        )
        for field, message in draft.problems().items():
            # An empty code, version or title has been reported above.
            if values.get(field) or field not in _REQUIRED_HEADING:
                row, column, text = cell(field)
                self.error(row, column, text, message)
        return _Heading(draft, kind, values.get("owner", ""), rows)

    def choice(self, enum: type[E], row: int, column: str, text: str) -> E | None:
        for member in enum:
            if member.value == text.strip().casefold():
                return member
        allowed = ", ".join(member.value for member in enum)
        self.error(row, column, text, f"'{text}' is not one of {allowed}")
        return None

    def country(self, row: int, column: str, text: str) -> Country | None:
        if not text.strip():
            return None
        country = _COUNTRIES.get(text.strip().casefold())
        if country is None:
            self.error(
                row, column, text, f"'{text}' is not AF, PK or empty (for a joint curriculum)"
            )
        return country

    def day(self, row: int, column: str, text: str) -> date | None:
        if not text.strip():
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.error(row, column, text, str(exc))
            return None

    def columns(
        self, section: str, title_row: int, lines: list[Line], required: Sequence[str]
    ) -> tuple[dict[str, int], list[Line]] | None:
        """Column name -> index from the section's first line, and the lines below it."""
        if not lines:
            self.error(title_row, "", section, f"the {section} section has no row of column names")
            return None
        number, header = lines[0]
        index: dict[str, int] = {}
        for position, name in enumerate(header):
            key = name.strip().casefold()
            if key and key in index:
                self.error(number, name, "", f"the {section} section has two '{name}' columns")
            elif key:
                index[key] = position
        missing = [name for name in required if name.casefold() not in index]
        for name in missing:
            self.error(number, name, "", f"the {section} section has no '{name}' column")
        if missing:
            return None
        return index, lines[1:]

    def modules(self, title_row: int, lines: list[Line]) -> tuple[FileModule, ...] | None:
        """The section's modules, or None if its columns cannot be read."""
        found = self.columns(MODULES_SECTION, title_row, lines, REQUIRED_MODULE_COLUMNS)
        if found is None:
            return None
        index, rows = found
        seen: dict[str, int] = {}
        modules = []
        for number, cells in rows:
            cell = _cells(index, cells)
            code = cell(MODULE_CODE)
            hours_text = cell(HOURS)
            hours = _parse_hours(hours_text)
            if hours is None:
                message = (
                    "is required (0 if the module has no set hours)"
                    if not hours_text
                    else f"'{hours_text}' is not a number of hours"
                )
                self.error(number, HOURS, hours_text, message)
            draft = ModuleDraft(
                code=code,
                title_en=cell(TITLE_EN),
                title_local=cell(TITLE_LOCAL),
                hours=hours if hours is not None else 0.0,
                objectives=cell(OBJECTIVES),
                assessment_method=cell(ASSESSMENT),
            )
            columns = {"code": MODULE_CODE, "title_en": TITLE_EN, "hours": HOURS}
            for field, message in draft.problems().items():
                if field != "hours" or hours is not None:
                    self.error(number, columns[field], cell(columns[field]), message)
            key = code.casefold()
            if key and key in seen:
                self.error(number, MODULE_CODE, code, f"{code} is already on row {seen[key]}")
            elif key:
                seen[key] = number
            # "DOC, doc" names one competency: the catalogue matches codes in any case.
            competencies: dict[str, str] = {}
            for part in _COMPETENCY_SEPARATORS.split(cell(COMPETENCIES)):
                if part:
                    competencies.setdefault(part.casefold(), part)
            modules.append(FileModule(draft, tuple(competencies.values()), number))
        return tuple(modules)

    def competencies(self, title_row: int, lines: list[Line]) -> tuple[FileCompetency, ...]:
        found = self.columns(COMPETENCIES_SECTION, title_row, lines, REQUIRED_COMPETENCY_COLUMNS)
        if found is None:
            return ()
        index, rows = found
        seen: dict[str, int] = {}
        competencies = []
        for number, cells in rows:
            cell = _cells(index, cells)
            draft = CompetencyDraft(cell(COMPETENCY_CODE), cell(TITLE_EN), cell(TITLE_LOCAL))
            columns = {"code": COMPETENCY_CODE, "title_en": TITLE_EN, "title_local": TITLE_LOCAL}
            problems = draft.problems()
            for field, message in problems.items():
                self.error(number, columns[field], cell(columns[field]), message)
            key = draft.code.casefold()
            if key and key in seen:
                message = f"{draft.code} is already on row {seen[key]}"
                self.error(number, COMPETENCY_CODE, draft.code, message)
                continue
            if key:
                seen[key] = number
            if not problems:
                competencies.append(
                    FileCompetency(draft.code, draft.title_en, draft.title_local, number)
                )
        return tuple(competencies)

    def links(
        self,
        kind: CurriculumKind,
        modules: Sequence[FileModule] | None,
        title_row: int,
        lines: list[Line],
    ) -> tuple[FileLink, ...]:
        names = link_columns(kind)
        found = self.columns(MAPPINGS_SECTION, title_row, lines, names.required)
        if found is None:
            return ()
        index, rows = found
        codes = (
            {module.draft.code.casefold() for module in modules} if modules is not None else None
        )
        seen: dict[tuple[str, ...], int] = {}
        links = []
        for number, cells in rows:
            cell = _cells(index, cells)
            link = self.link(names, number, cell, codes)
            if link is None:
                continue
            key = tuple(
                part.casefold()
                for part in (
                    link.module_code,
                    link.curriculum_code,
                    link.curriculum_version,
                    link.other_module_code,
                )
            )
            if key in seen:
                self.error(number, "", "", f"the same link as on row {seen[key]}")
                continue
            seen[key] = number
            links.append(link)
        return tuple(links)

    def link(
        self,
        names: LinkColumns,
        number: int,
        cell: Callable[[str], str],
        codes: set[str] | None,
    ) -> FileLink | None:
        """The link on this row; `codes` are the modules' codes, None if they are unknown."""
        before = len(self.errors)
        for name in names.required:
            if not cell(name):
                self.error(number, name, "", "is required")
        code = cell(MODULE_CODE)
        if code and codes is not None and code.casefold() not in codes:
            self.error(number, MODULE_CODE, code, f"{code} is not in the {MODULES_SECTION} section")
        equivalence = (
            self.choice(Equivalence, number, EQUIVALENCE, cell(EQUIVALENCE))
            if cell(EQUIVALENCE)
            else None
        )
        if len(self.errors) > before or equivalence is None:
            return None
        return FileLink(
            module_code=code,
            curriculum_code=cell(names.curriculum),
            curriculum_version=cell(names.version),
            other_module_code=cell(names.module),
            equivalence=equivalence,
            note=cell(NOTE),
            row=number,
        )


def _cells(index: dict[str, int], cells: tuple[str, ...]) -> Callable[[str], str]:
    def cell(name: str) -> str:
        position = index.get(name.casefold())
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    return cell
