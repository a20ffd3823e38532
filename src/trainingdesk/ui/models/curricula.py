"""Table models of the Curricula screen: modules (reordered by dragging), the crosswalk and the
per-agency coverage. Thin adapters over records the curriculum service returns."""

import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from trainingdesk.domain.crosswalk import (
    AgencyCoverage,
    Crosswalk,
    CrosswalkLink,
    CrosswalkModule,
    JointRow,
)
from trainingdesk.domain.enums import Country, Equivalence
from trainingdesk.domain.records import CompetencyEntry, CurriculumRecord, ModuleRecord
from trainingdesk.ui.models.records import (
    LEFT,
    AnyIndex,
    Column,
    R,
    RecordTableModel,
    column_header,
)

MODULE_MIME = "application/x-trainingdesk-module"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

# Each state has a word and a mark of its own; the colour only repeats what they say.
COVER_TEXT = {
    Equivalence.FULL: "✔ covered",
    Equivalence.PARTIAL: "◐ partly",
    Equivalence.NONE: "✘ GAP",
}
UNMATCHED_TEXT = "⚠ no joint equivalent"
COVER_COLOUR = {
    Equivalence.FULL: QColor("#d8f0d8"),
    Equivalence.PARTIAL: QColor("#fbeccb"),
    Equivalence.NONE: QColor("#f6d2d2"),
}
UNMATCHED_COLOUR = QColor("#fbeccb")
NUMBER_COLUMNS = (0, 4)  # No. and Hours of the module table
CURRICULUM_NUMBERS = (7, 8)  # Modules and Hours of the curricula table
SIDE_NAME = {Country.AF: "Afghan", Country.PK: "Pakistani"}
# The Pashto, Dari or Urdu line of a cell, which a delegate draws right-aligned.
LOCAL_LINE_ROLE = Qt.ItemDataRole.UserRole + 1


def hours(value: float) -> str:
    """Hours as a coordinator writes them: 12, 1.5, 1.25; never 2.77556e-17 or 1e+03."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def curriculum_columns(
    owner: Callable[[uuid.UUID], str],
) -> tuple[Column[CurriculumRecord], ...]:
    """The columns of the curricula table; `owner` names an owning agency."""

    def day(value: date | None) -> str:
        return value.isoformat() if value is not None else ""

    return (
        Column("Code", lambda c: c.code),
        Column("Version", lambda c: c.version),
        Column("Kind", lambda c: c.kind.value),
        Column("Country", lambda c: c.country.value if c.country else "joint"),
        Column("Status", lambda c: c.status.value),
        Column("Adopted", lambda c: day(c.adopted_on)),
        Column("Retired", lambda c: day(c.retired_on)),
        Column("Modules", lambda c: str(c.modules)),
        Column("Hours", lambda c: hours(c.hours)),
        Column("Owner", lambda c: owner(c.owner_agency_id) if c.owner_agency_id else "programme"),
        Column("Title", lambda c: c.title),
    )


@dataclass(frozen=True)
class ModuleRow:
    """A module of the table with the competencies it develops."""

    module: ModuleRecord
    competencies: tuple[CompetencyEntry, ...]


class AlignedTableModel(RecordTableModel[R]):
    """A record table whose number columns are aligned right."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        numbers: Collection[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._numbers = frozenset(numbers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As any record table, with numbers aligned right."""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numbers:
            return RIGHT if index.isValid() else None
        return super().data(index, role)


MODULE_COLUMNS: tuple[Column[ModuleRow], ...] = (
    Column("No.", lambda _r: ""),  # the row number: see ModuleTableModel.data
    Column("Code", lambda r: r.module.code),
    Column("Title", lambda r: r.module.title_en),
    Column("Local title", lambda r: r.module.title_local, right_to_left=True),
    Column("Hours", lambda r: hours(r.module.hours)),
    Column("Assessment", lambda r: r.module.assessment_method),
    Column("Competencies", lambda r: ", ".join(c.code for c in r.competencies)),
)


class ModuleTableModel(AlignedTableModel[ModuleRow]):
    """The modules of one curriculum in their order; a row dragged elsewhere asks to move.

    The model never reorders itself: a drop emits `move_requested`, the screen pushes an
    undoable move, and the rows come back from the service in their new order.
    """

    move_requested = Signal(object, int)  # module id, new 0-based position

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(MODULE_COLUMNS, NUMBER_COLUMNS, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As any record table; No. counts the rows 1..n (stored positions may have gaps)."""
        if (
            index.isValid()
            and index.column() == 0
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and 0 <= index.row() < self.rowCount()
        ):
            return str(index.row() + 1)
        return super().data(index, role)

    def position_of(self, module_id: uuid.UUID) -> int | None:
        """The row showing a module."""
        return next((n for n, r in enumerate(self.rows()) if r.module.id == module_id), None)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Rows can be dragged; drops land between rows (never on one)."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        """Only moves within the table."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        """Only moves within the table."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        """A module identifier."""
        return [MODULE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        """The module of the first row dragged."""
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MODULE_MIME, str(self.row_at(rows[0]).module.id).encode())
        return data

    def canDropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """A module of this table, dropped between two rows."""
        return action == Qt.DropAction.MoveAction and self._dragged(data) is not None

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """Work out the module's new place and ask for the move."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        module_id = self._dragged(data)
        if action != Qt.DropAction.MoveAction or module_id is None:
            return False
        source = self.position_of(module_id)
        assert source is not None
        before = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        position = min(before - 1 if before > source else before, self.rowCount() - 1)
        if position == source:
            return False
        self.move_requested.emit(module_id, position)
        return True

    def removeRows(  # noqa: N802
        self,
        row: int,
        count: int,
        parent: AnyIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        """Nothing to remove after a move: the rows were read again in their new order."""
        return False

    def _dragged(self, data: QMimeData) -> uuid.UUID | None:
        if not data.hasFormat(MODULE_MIME):
            return None
        try:
            module_id = uuid.UUID(bytes(data.data(MODULE_MIME).data()).decode())
        except ValueError:
            return None
        return module_id if self.position_of(module_id) is not None else None


@dataclass(frozen=True)
class CrosswalkLine:
    """One line of the crosswalk table: a joint module with its links, or a national module
    that no joint module matches."""

    joint: JointRow | None = None
    unmatched: CrosswalkModule | None = None
    side: Country | None = None


CROSSWALK_HEADERS = (
    "Afghan modules",
    "Afghan cover",
    "Joint module",
    "Hours",
    "Pakistani cover",
    "Pakistani modules",
)
AF_MODULES, AF_COVER, JOINT, JOINT_HOURS, PK_COVER, PK_MODULES = range(6)


def module_label(module: CrosswalkModule) -> str:
    """Code and English title."""
    return f"{module.code}  {module.title_en}"


def _links_text(links: Sequence[tuple[CrosswalkModule, CrosswalkLink]]) -> str:
    return "\n".join(f"{module_label(module)} — {link.equivalence.value}" for module, link in links)


def _links_tip(links: Sequence[tuple[CrosswalkModule, CrosswalkLink]]) -> str:
    return "\n".join(
        f"{module_label(module)} ({hours(module.hours)} h): {link.equivalence.value}"
        + (f" — {link.note}" if link.note else "")
        for module, link in links
    )


class CrosswalkModel(QAbstractTableModel):
    """The Afghan, joint and Pakistani curricula side by side.

    First a line per joint module with the national modules linked to it and how well each
    side covers it; then a line per national module with no joint equivalent.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[CrosswalkLine] = []

    def set_crosswalk(self, crosswalk: Crosswalk | None) -> None:
        """Show another crosswalk (or none)."""
        self.beginResetModel()
        self._lines = []
        if crosswalk is not None:
            self._lines.extend(CrosswalkLine(joint=row) for row in crosswalk.rows)
            for side, modules in (
                (Country.AF, crosswalk.unmatched_afghan),
                (Country.PK, crosswalk.unmatched_pakistani),
            ):
                self._lines.extend(CrosswalkLine(unmatched=m, side=side) for m in modules)
        self.endResetModel()

    def line_at(self, row: int) -> CrosswalkLine:
        """What a row shows."""
        return self._lines[row]

    def lines(self) -> list[CrosswalkLine]:
        """Every line, in order."""
        return self._lines

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Joint modules, then unmatched national modules."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Three curricula and two cover columns, with the joint hours."""
        return 0 if parent.isValid() else len(CROSSWALK_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers."""
        return column_header(CROSSWALK_HEADERS, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tip, colour and alignment of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if line.joint is not None:
            return _joint_data(line.joint, column, role)
        assert line.unmatched is not None
        return _unmatched_data(line.unmatched, line.side, column, role)


def _joint_data(row: JointRow, column: int, role: int) -> Any:
    cover = {AF_COVER: row.afghan_cover, PK_COVER: row.pakistani_cover}.get(column)
    links = {AF_MODULES: row.afghan, PK_MODULES: row.pakistani}.get(column)
    if role == Qt.ItemDataRole.DisplayRole:
        if cover is not None:
            return COVER_TEXT[cover]
        if links is not None:
            return _links_text(links) or "—"
        if column == JOINT:
            local = f"\n{row.module.title_local}" if row.module.title_local else ""
            return f"{module_label(row.module)}{local}"
        return hours(row.module.hours)
    if role == Qt.ItemDataRole.ToolTipRole:
        if cover is not None:
            side = "Afghan" if column == AF_COVER else "Pakistani"
            return f"{side} cover of {row.module.code}: {COVER_TEXT[cover]}"
        if links is not None:
            return _links_tip(links) or "No national module is linked to this joint module."
        return f"{module_label(row.module)} ({hours(row.module.hours)} h)"
    if role == LOCAL_LINE_ROLE and column == JOINT:
        return row.module.title_local or None
    if role == Qt.ItemDataRole.BackgroundRole and cover is not None:
        return QBrush(COVER_COLOUR[cover])
    if role == Qt.ItemDataRole.FontRole and cover is Equivalence.NONE:
        return _bold()
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return RIGHT if column == JOINT_HOURS else TOP_LEFT
    return None


def _unmatched_data(module: CrosswalkModule, side: Country | None, column: int, role: int) -> Any:
    own_modules, own_cover = (
        (AF_MODULES, AF_COVER) if side is Country.AF else (PK_MODULES, PK_COVER)
    )
    if role == Qt.ItemDataRole.DisplayRole:
        if column == own_modules:
            return f"{module_label(module)} ({hours(module.hours)} h)"
        if column == own_cover:
            return UNMATCHED_TEXT
        if column == JOINT:
            return "(no joint module)"
        return ""
    if role == Qt.ItemDataRole.ToolTipRole and column in (own_modules, own_cover):
        return (
            f"{SIDE_NAME.get(side or Country.OTHER, 'National')} module {module.code} has no "
            "full or partial equivalent in the joint curriculum"
        )
    if role == Qt.ItemDataRole.BackgroundRole and column in (own_modules, own_cover):
        return QBrush(UNMATCHED_COLOUR)
    if role == Qt.ItemDataRole.FontRole and column == own_cover:
        return _bold()
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return TOP_LEFT
    return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@dataclass(frozen=True)
class LinkRow:
    """One link of the selected crosswalk line, as the link table lists it."""

    side: Country
    national: CrosswalkModule
    joint: CrosswalkModule
    link: CrosswalkLink


LINK_COLUMNS: tuple[Column[LinkRow], ...] = (
    Column("Side", lambda r: SIDE_NAME.get(r.side, r.side.value)),
    Column("National module", lambda r: module_label(r.national)),
    Column("Joint module", lambda r: module_label(r.joint)),
    Column("Equivalence", lambda r: r.link.equivalence.value),
    Column("Note", lambda r: r.link.note),
)


def line_links(line: CrosswalkLine) -> list[LinkRow]:
    """The links a crosswalk line shows."""
    if line.joint is None:
        return []
    row = line.joint
    return [
        LinkRow(side, national, row.module, link)
        for side, links in ((Country.AF, row.afghan), (Country.PK, row.pakistani))
        for national, link in links
    ]


class AgencyCoverageModel(QAbstractTableModel):
    """Agencies down, joint modules across: how many officers of each completed each."""

    FIXED = ("Agency", "Country", "Officers")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._coverage: AgencyCoverage | None = None

    def set_coverage(self, coverage: AgencyCoverage | None) -> None:
        """Show another table (or none)."""
        self.beginResetModel()
        self._coverage = coverage
        self.endResetModel()

    def coverage(self) -> AgencyCoverage | None:
        """The table shown."""
        return self._coverage

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per agency."""
        if parent.isValid() or self._coverage is None:
            return 0
        return len(self._coverage.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Agency, country, officers, a column per module, and the whole curriculum."""
        if parent.isValid() or self._coverage is None:
            return 0
        return len(self.FIXED) + len(self._coverage.modules) + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Module codes across; their titles as tips."""
        coverage = self._coverage
        if coverage is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < self.columnCount():
            return None
        module = section - len(self.FIXED)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(self.FIXED):
                return self.FIXED[section]
            if module < len(coverage.modules):
                return coverage.modules[module].code
            return "All modules"
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= module < len(coverage.modules):
            shown = coverage.modules[module]
            return f"{module_label(shown)} ({hours(shown.hours)} h)"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Counts, with the share of the agency's officers as a tip."""
        coverage = self._coverage
        if coverage is None or not index.isValid() or not 0 <= index.row() < len(coverage.rows):
            return None
        row, column = coverage.rows[index.row()], index.column()
        module = column - len(self.FIXED)
        if column < len(self.FIXED):
            fixed = (row.agency, row.country.value if row.country else "", str(row.officers))
            if role == Qt.ItemDataRole.DisplayRole:
                return fixed[column]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT if column == 2 else LEFT
            if role == Qt.ItemDataRole.ToolTipRole and column == 0:
                return f"{row.agency}: {row.officers} officer(s) who completed an exercise"
            return None
        count = row.completed[module] if module < len(row.completed) else row.complete_curriculum
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            share = f" ({count / row.officers:.0%})" if row.officers else ""
            what = (
                module_label(coverage.modules[module])
                if module < len(coverage.modules)
                else "every module"
            )
            return f"{count} of {row.officers} {row.agency} officer(s){share} completed {what}"
        return None
