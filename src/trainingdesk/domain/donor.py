"""The donor summary report: its scope, and the figures it carries, with no person in them.

The service computes a `DonorReport`; the PDF and the workbook only lay it out. Every count
of people in it has already been through small-cell suppression: a cell that could point
at a few individuals holds the text `"<5"` (for a threshold of 5) instead of its number,
and enough other cells are hidden with it that no total gives it away by subtraction.
"""

from dataclasses import dataclass, field
from datetime import date

from trainingdesk.domain.enums import ExerciseType, KeyArea

DEFAULT_MIN_CELL = 5

# A table cell: a number, a suppressed count ("<5"), a label, or nothing to show.
Cell = int | float | str | None


@dataclass(frozen=True)
class ReportScope:
    """Which exercises a report covers: those that took place in the period, filtered."""

    start: date
    end: date
    project_code: str | None = None
    key_area: KeyArea | None = None
    site_code: str | None = None
    exercise_type: ExerciseType | None = None
    min_cell: int = DEFAULT_MIN_CELL  # 0 turns suppression off, for internal use only


@dataclass(frozen=True)
class Headline:
    """One figure of the one-page summary, e.g. ("People trained", 1234, "")."""

    label: str
    value: Cell
    note: str = ""


@dataclass(frozen=True)
class IndicatorTable:
    """One indicator table, as it appears in the PDF and as one sheet of the workbook.

    The first `label_columns` columns name the row (country, sex, agency…); the others are
    figures. When `has_total_row`, the last row is the total of the rows above it.
    """

    key: str  # short and unique: the sheet name, e.g. "trained"
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    label_columns: int = 1
    has_total_row: bool = False
    note: str = ""


@dataclass(frozen=True)
class QuarterFigures:
    """Trend point: one calendar quarter inside the period."""

    label: str  # e.g. "2025 Q2"
    trained: Cell
    completed: Cell
    sessions: int
    joint_sessions: int


@dataclass(frozen=True)
class ExerciseSummary:
    """One exercise of the period: what took place where, and how many took part."""

    code: str
    title: str
    start: date
    end: date
    site: str
    key_area: KeyArea
    participants_af: Cell
    participants_pk: Cell
    participants_other: Cell
    completion_rate: float | None  # completed / participants, None when no one took part


@dataclass(frozen=True)
class ModuleDelivered:
    """A curriculum module taught in the period."""

    code: str
    title: str
    hours: float
    exercises: int  # how many exercises delivered it


@dataclass(frozen=True)
class DonorReport:
    """Everything a donor summary shows, already aggregated and suppressed."""

    scope: ReportScope
    generated_on: date
    project_name: str  # "All projects" when the scope names none
    donor: str
    headlines: tuple[Headline, ...]
    tables: tuple[IndicatorTable, ...]
    quarters: tuple[QuarterFigures, ...]
    exercises: tuple[ExerciseSummary, ...]
    modules: tuple[ModuleDelivered, ...]
    methodology: tuple[str, ...] = field(default=())
