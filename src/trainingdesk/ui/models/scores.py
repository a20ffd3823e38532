"""Test scores and satisfaction per participant, typed into the table like marks."""

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from trainingdesk.domain.names import fold_digits
from trainingdesk.domain.records import AssessmentDraft, GridParticipant
from trainingdesk.ui.models.records import RIGHT_TO_LEFT, AnyIndex, column_header

HEADERS = ("Name", "Native name", "Pre-test", "Post-test", "Gain", "Satisfaction")
PRE, POST, GAIN, SATISFACTION = 2, 3, 4, 5
FIELDS = {PRE: "pre_test", POST: "post_test", SATISFACTION: "satisfaction"}
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
ScoresEdited = Callable[[uuid.UUID, AssessmentDraft, AssessmentDraft], None]


def parse_score(column: int, text: str) -> float | None:
    """The value typed in a score column; raises ValueError with the reason."""
    cleaned = fold_digits(text.strip()).replace("٫", ".").replace(",", ".").rstrip("%")
    if not cleaned:
        return None
    if column == SATISFACTION:
        if not cleaned.isdigit() or not 1 <= int(cleaned) <= 5:
            raise ValueError("satisfaction is a whole number from 1 to 5")
        return float(cleaned)
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("a test score is a number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise ValueError("a test score is a number from 0 to 100")
    return value


class ScoresModel(QAbstractTableModel):
    """One row per participant; pre-test, post-test and satisfaction are edited in place."""

    rejected = Signal(str)

    def __init__(self, edited: ScoresEdited, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edited = edited
        self._participants: list[GridParticipant] = []
        self._scores: dict[uuid.UUID, AssessmentDraft] = {}

    def load(
        self, participants: tuple[GridParticipant, ...], scores: dict[uuid.UUID, AssessmentDraft]
    ) -> None:
        """Show these participants with their scores."""
        self.beginResetModel()
        self._participants = list(participants)
        self._scores = dict(scores)
        self.endResetModel()

    def scores_of(self, person_id: uuid.UUID) -> AssessmentDraft:
        """What is stored for a participant (all empty if nothing)."""
        return self._scores.get(person_id, AssessmentDraft())

    def show_scores(self, person_id: uuid.UUID, draft: AssessmentDraft) -> None:
        """Show scores the database has accepted."""
        self._scores[person_id] = draft
        row = next(n for n, p in enumerate(self._participants) if p.person_id == person_id)
        self.dataChanged.emit(self.index(row, PRE), self.index(row, SATISFACTION))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per participant."""
        return 0 if parent.isValid() else len(self._participants)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Names, three scores and the gain."""
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Scores are editable; names and the gain are not."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE if index.column() in FIELDS else _READ_ONLY

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Names and numbers."""
        if not index.isValid() or not 0 <= index.row() < len(self._participants):
            return None
        participant = self._participants[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return participant.full_name
            if column == 1:
                return participant.native_name
            return _number_text(self._value(participant.person_id, column))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 1:
                return RIGHT_TO_LEFT
            if column >= PRE:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Check what was typed; a valid value goes to the database through an undoable edit."""
        if role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        participant = self._participants[index.row()]
        try:
            number = parse_score(index.column(), str(value))
        except ValueError as exc:
            self.rejected.emit(f"{participant.full_name}: {exc}; “{value}” was not saved.")
            return False
        before = self.scores_of(participant.person_id)
        after = _with_score(before, index.column(), number)
        if after != before:
            self._edited(participant.person_id, before, after)
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column names."""
        return column_header(HEADERS, section, orientation, role)

    def _value(self, person_id: uuid.UUID, column: int) -> float | int | None:
        scores = self.scores_of(person_id)
        if column == GAIN:
            if scores.pre_test is None or scores.post_test is None:
                return None
            return scores.post_test - scores.pre_test
        value: float | int | None = getattr(scores, FIELDS[column])
        return value


def _with_score(draft: AssessmentDraft, column: int, number: float | None) -> AssessmentDraft:
    if column == PRE:
        return replace(draft, pre_test=number)
    if column == POST:
        return replace(draft, post_test=number)
    return replace(draft, satisfaction=None if number is None else int(number))


def _number_text(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
