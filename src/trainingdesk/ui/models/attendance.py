"""The attendance grid as a table: participants down, sessions across, shares at the end.

The model holds the grid read from the service and is told of each change after the
service has committed it; `data()` only reads what it holds.
"""

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from trainingdesk.domain.completion import AttendanceTally, CompletionResult, evaluate
from trainingdesk.domain.enums import AttendanceStatus
from trainingdesk.domain.records import (
    AttendanceGrid,
    GridParticipant,
    GridSession,
    MarkChange,
    MarkRecord,
)
from trainingdesk.ui.models.records import RIGHT_TO_LEFT, AnyIndex

PERSON_COLUMNS = ("Name", "Native name", "Agency", "Country")
# Shares sit beside the names, before the sessions, so they stay in view while typing.
SHARE_COLUMN, COMPLETION_COLUMN = len(PERSON_COLUMNS), len(PERSON_COLUMNS) + 1
FIRST_SESSION_COLUMN = COMPLETION_COLUMN + 1
SHARE_HEADER, COMPLETION_HEADER = "Attended", "Completed"
CENTRE = Qt.AlignmentFlag.AlignCenter

STATUS_NAMES = {
    AttendanceStatus.PRESENT: "present",
    AttendanceStatus.LATE: "late",
    AttendanceStatus.EXCUSED: "excused",
    AttendanceStatus.ABSENT: "absent",
}
# Colour and letter together: the grid must read on a washed-out projector and for
# colour-blind coordinators alike.
STATUS_COLOURS = {
    AttendanceStatus.PRESENT: QColor("#c8e6c9"),
    AttendanceStatus.LATE: QColor("#ffe0b2"),
    AttendanceStatus.EXCUSED: QColor("#bbdefb"),
    AttendanceStatus.ABSENT: QColor("#ffcdd2"),
}
STATUS_BRUSHES = {status: QBrush(colour) for status, colour in STATUS_COLOURS.items()}
LOCKED_TEXT_BRUSH = QBrush(QColor("#616161"))
LOCKED_BRUSH = QBrush(QColor("#f2f2f2"))
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)
COUNT_ROW_BRUSH = QBrush(QColor("#eeeeee"))


class AttendanceGridModel(QAbstractTableModel):
    """One row per participant and a last row of per-session counts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: AttendanceGrid | None = None
        # Marks by [row][session position]: looking cells up by number keeps painting and
        # the live shares cheap (UUID keys hash in Python).
        self._cells: list[list[MarkRecord | None]] = []
        self._positions: dict[uuid.UUID, int] = {}
        self._results: list[CompletionResult] = []
        self._rows_of: dict[uuid.UUID, int] = {}
        self._sessions: list[GridSession] = []
        self._counts: list[int] = []
        self._post_tests: dict[uuid.UUID, float] = {}

    # -- what the view asks --------------------------------------------------------

    def load(self, grid: AttendanceGrid | None) -> None:
        """Show another grid (or none)."""
        self.beginResetModel()
        self._grid = grid
        self._post_tests = dict(grid.post_tests) if grid else {}
        self._sessions = list(grid.sessions) if grid else []
        participants = grid.participants if grid else ()
        self._rows_of = {p.person_id: n for n, p in enumerate(participants)}
        self._positions = {s.id: n for n, s in enumerate(self._sessions)}
        self._cells = [[None] * len(self._sessions) for _ in participants]
        for (session_id, person_id), mark in grid.marks.items() if grid else ():
            row, position = self._rows_of.get(person_id), self._positions.get(session_id)
            if row is not None and position is not None:
                self._cells[row][position] = mark
        self._results = [self._evaluate(row) for row in range(len(participants))]
        self._counts = [self._attended(position) for position in range(len(self._sessions))]
        self.endResetModel()

    @property
    def grid(self) -> AttendanceGrid | None:
        """The grid shown, as last loaded."""
        return self._grid

    def participant_count(self) -> int:
        """Participant rows (the count row excluded)."""
        return len(self._grid.participants) if self._grid else 0

    def session_at(self, column: int) -> GridSession | None:
        """The session of a column, or None for the name and share columns."""
        number = column - FIRST_SESSION_COLUMN
        return self._sessions[number] if 0 <= number < len(self._sessions) else None

    def participant_at(self, row: int) -> GridParticipant | None:
        """The participant of a row, or None for the count row."""
        if self._grid is None or not 0 <= row < len(self._grid.participants):
            return None
        return self._grid.participants[row]

    def cell(self, index: QModelIndex) -> tuple[GridSession, GridParticipant] | None:
        """The session and participant of a mark cell; None elsewhere."""
        session = self.session_at(index.column())
        participant = self.participant_at(index.row())
        if session is None or participant is None:
            return None
        return session, participant

    def mark(self, session_id: uuid.UUID, person_id: uuid.UUID) -> MarkRecord | None:
        """The mark shown in a cell."""
        row, position = self._rows_of.get(person_id), self._positions.get(session_id)
        if row is None or position is None:
            return None
        return self._cells[row][position]

    def session_column(self, number: int) -> int:
        """Column of the session at 0-based position `number`."""
        return FIRST_SESSION_COLUMN + number

    def share_column(self) -> int:
        """Column of the attendance share (completion is the next one)."""
        return SHARE_COLUMN

    # -- what the view tells -------------------------------------------------------

    def apply(self, changes: list[MarkChange]) -> None:
        """Show changes the database has accepted, and what follows from them."""
        rows: set[int] = set()
        positions: set[int] = set()
        for change in changes:
            row = self._rows_of.get(change.person_id)
            position = self._positions.get(change.session_id)
            if row is None or position is None:
                continue
            self._cells[row][position] = (
                None
                if change.status is None
                else MarkRecord(change.session_id, change.person_id, change.status, change.remark)
            )
            rows.add(row)
            positions.add(position)
        if not rows:
            return
        for row in rows:
            self._results[row] = self._evaluate(row)
        for position in positions:
            self._counts[position] = self._attended(position)
        first, last = self.session_column(min(positions)), self.session_column(max(positions))
        self.dataChanged.emit(self.index(min(rows), first), self.index(max(rows), last))
        share = self.share_column()
        self.dataChanged.emit(self.index(min(rows), share), self.index(max(rows), share + 1))
        counts = self.participant_count()
        self.dataChanged.emit(self.index(counts, first), self.index(counts, last))

    def set_post_test(self, person_id: uuid.UUID, score: float | None) -> None:
        """Show completion again after a post-test score changed."""
        row = self._rows_of.get(person_id)
        if row is None or self._grid is None:
            return
        if score is None:
            self._post_tests.pop(person_id, None)
        else:
            self._post_tests[person_id] = score
        self._results[row] = self._evaluate(row)
        share = self.share_column()
        self.dataChanged.emit(self.index(row, share), self.index(row, share + 1))

    def replace_session(self, session: GridSession) -> None:
        """Show a session locked or unlocked."""
        position = self._positions.get(session.id)
        if position is None:
            return
        self._sessions[position] = session
        column = self.session_column(position)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    # -- Qt's side -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Participants and the count row (none without a grid)."""
        if parent.isValid() or self._grid is None:
            return 0
        return len(self._grid.participants) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Person columns, one per session, share and completion."""
        if parent.isValid() or self._grid is None:
            return 0
        return FIRST_SESSION_COLUMN + len(self._sessions)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The count row cannot be selected, so arrows and selections never land there."""
        if not index.isValid() or index.row() >= len(self._cells):
            return Qt.ItemFlag.NoItemFlags
        return _CELL_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Letters, colours, tooltips and alignment of every cell."""
        if role not in _ROLES or self._grid is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == len(self._cells):
            return self._count_data(column, role)
        if column >= FIRST_SESSION_COLUMN:
            # Painting asks for every visible cell several times: index by number only.
            position = column - FIRST_SESSION_COLUMN
            return self._mark_data(row, position, self._cells[row][position], role)
        participant = self._grid.participants[row]
        if column < len(PERSON_COLUMNS):
            return self._person_data(participant, column, role)
        return self._result_data(row, column, role)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Session headers show number, date and module, and whether the session is locked."""
        if orientation != Qt.Orientation.Horizontal or self._grid is None:
            return None
        if not 0 <= section < self.columnCount():
            return None
        session = self.session_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if session is not None:
                lock = " locked" if session.locked else ""
                return f"{session.number}{lock}\n{session.day:%d %b}\n{session.module_code or '—'}"
            if section < len(PERSON_COLUMNS):
                return PERSON_COLUMNS[section]
            return SHARE_HEADER if section == SHARE_COLUMN else COMPLETION_HEADER
        if role == Qt.ItemDataRole.ToolTipRole and session is not None:
            signed = (
                f"\nSigned off by {session.locked_by} on {session.locked_at:%Y-%m-%d %H:%M} UTC"
                if session.locked and session.locked_at is not None
                else ""
            )
            title = f" — {session.module_title}" if session.module_title else ""
            return f"Session {session.number}, {session.day:%A %d %B %Y}{title}{signed}"
        return None

    def _person_data(self, participant: GridParticipant, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                participant.full_name,
                participant.native_name,
                participant.agency_acronym,
                participant.country.value,
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return RIGHT_TO_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{participant.full_name} — {participant.rank}, ID {participant.service_number}"
        return None

    def _mark_data(self, row: int, position: int, mark: MarkRecord | None, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if mark is None:
                return ""
            return mark.status.value + ("•" if mark.remark else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE
        session = self._sessions[position]
        if role == Qt.ItemDataRole.BackgroundRole:
            if mark is not None:
                return STATUS_BRUSHES[mark.status]
            return LOCKED_BRUSH if session.locked else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return LOCKED_TEXT_BRUSH if session.locked else None
        if role == Qt.ItemDataRole.ToolTipRole:
            assert self._grid is not None
            participant = self._grid.participants[row]
            state = STATUS_NAMES[mark.status] if mark else "not marked yet"
            remark = f": {mark.remark}" if mark and mark.remark else ""
            locked = " (signed off)" if session.locked else ""
            return f"{participant.full_name}, session {session.number}: {state}{remark}{locked}"
        return None

    def _result_data(self, row: int, column: int, role: int) -> Any:
        result = self._results[row]
        if column == SHARE_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                share = result.attendance_share
                return "—" if share is None else f"{share:.0%}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Yes" if result.completed else "Not yet"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Completed" if result.completed else "; ".join(result.reasons)
        if role == Qt.ItemDataRole.BackgroundRole and result.completed:
            return STATUS_BRUSHES[AttendanceStatus.PRESENT]
        return None

    def _count_data(self, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return COUNT_ROW_BRUSH
        session = self.session_at(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "Present or late"
            if session is None:
                return None
            return f"{self._counts[self._positions[session.id]]}/{self.participant_count()}"
        if role == Qt.ItemDataRole.TextAlignmentRole and session is not None:
            return CENTRE
        return None

    def _attended(self, position: int) -> int:
        attended = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        return sum(
            1
            for cells in self._cells
            if (mark := cells[position]) is not None and mark.status in attended
        )

    def _evaluate(self, row: int) -> CompletionResult:
        assert self._grid is not None
        tally = AttendanceTally.of(mark.status if mark else None for mark in self._cells[row])
        person_id = self._grid.participants[row].person_id
        return evaluate(tally, self._grid.rule, self._post_tests.get(person_id))
