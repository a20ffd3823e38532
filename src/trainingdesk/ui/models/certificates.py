"""Who gets a certificate: the participants of an exercise, each with a tick box."""

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from trainingdesk.domain.enums import EnrolmentStatus, Role
from trainingdesk.domain.records import ParticipantCompletion
from trainingdesk.ui.models.records import LEFT, RIGHT_TO_LEFT, AnyIndex, column_header

CHOICE_HEADERS = ("Issue", "Name", "Native name", "Attendance", "Post-test", "Completion")


@dataclass(frozen=True)
class Candidate:
    """A participant as the issue dialog shows them."""

    completion: ParticipantCompletion
    native_name: str
    holds: str  # the serial of the valid certificate they hold, or ""

    @property
    def person_id(self) -> uuid.UUID:
        """Who this is."""
        return self.completion.person_id

    @property
    def eligible(self) -> bool:
        """Whether they meet the exercise's completion rules."""
        return self.completion.eligible

    def completion_text(self) -> str:
        """Completed, or why not; and the certificate they already hold."""
        completion = self.completion
        if self.holds:
            return f"holds {self.holds}"
        if self.eligible:
            return "completed"
        if completion.role is not Role.PARTICIPANT:
            return f"{completion.role.value}, not a participant"
        if completion.status is not EnrolmentStatus.ENROLLED:
            return completion.status.value
        return "; ".join(completion.result.reasons) or "not completed"


class CandidateModel(QAbstractTableModel):
    """Participants with a tick box; those who already hold a certificate cannot be ticked."""

    chosen_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Candidate] = []
        self._chosen: set[uuid.UUID] = set()

    def set_candidates(self, candidates: list[Candidate]) -> None:
        """Show an exercise's participants, the eligible ones ticked."""
        self.beginResetModel()
        self._rows = list(candidates)
        self._chosen = {c.person_id for c in candidates if c.eligible and not c.holds}
        self.endResetModel()
        self.chosen_changed.emit()

    def chosen(self) -> list[Candidate]:
        """The ticked participants, in table order."""
        return [c for c in self._rows if c.person_id in self._chosen]

    def set_all(self, ticked: bool) -> None:
        """Tick or untick everyone who can be."""
        self._chosen = {c.person_id for c in self._rows if ticked and not c.holds}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.chosen_changed.emit()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of participants."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns."""
        return 0 if parent.isValid() else len(CHOICE_HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The tick box is checkable unless the person already holds a certificate."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        if not self._rows[index.row()].holds:
            flags |= Qt.ItemFlag.ItemIsEnabled
            if index.column() == 0:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Tick state, texts and alignment."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        candidate = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = candidate.person_id in self._chosen
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(candidate, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_TO_LEFT if column == 2 else LEFT
        return None

    def setData(  # noqa: N802
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Tick or untick one participant."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        candidate = self._rows[index.row()]
        if candidate.holds:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(candidate.person_id)
        else:
            self._chosen.discard(candidate.person_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers."""
        return column_header(CHOICE_HEADERS, section, orientation, role)

    @staticmethod
    def _text(candidate: Candidate, column: int) -> str:
        completion = candidate.completion
        share = completion.result.attendance_share
        return (
            "",
            completion.person_name,
            candidate.native_name,
            "" if share is None else f"{share:.0%}",
            "" if completion.post_test is None else f"{completion.post_test:g}",
            candidate.completion_text(),
        )[column]
