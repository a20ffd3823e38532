"""The attendance grid's table: a coordinator types marks from a paper sheet at full speed."""

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from trainingdesk.domain.enums import AttendanceStatus

STATUS_KEYS = {status.value: status for status in AttendanceStatus}
CYCLE: tuple[AttendanceStatus | None, ...] = (None, *AttendanceStatus)
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class MarkGrid(QTableView):
    """P L E A mark the current cell and go down; Space cycles; Delete clears the selection.

    Arrows, Tab, Home/End and Page keys move as in any table; Enter goes down.
    """

    def __init__(
        self,
        set_status: Callable[[AttendanceStatus], None],
        cycle: Callable[[], None],
        clear: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._set_status = set_status
        self._cycle = cycle
        self._clear = clear
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAccessibleName("Attendance grid")
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(24)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Marks first; everything else is ordinary table navigation."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers in PLAIN:
            status = STATUS_KEYS.get(event.text().upper())
            if status is not None:
                self._set_status(status)
                return
            if event.key() == Qt.Key.Key_Space:
                self._cycle()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._clear()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_down()
                return
        super().keyPressEvent(event)

    def move_down(self) -> None:
        """To the same session, next participant (the count row is never entered)."""
        current = self.currentIndex()
        below = current.siblingAtRow(current.row() + 1)
        if below.isValid() and below.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.setCurrentIndex(below)

    def mark_cells(self) -> list[QModelIndex]:
        """The selected cells, or the current cell when nothing is selected."""
        selected = self.selectionModel().selectedIndexes()
        if selected:
            return sorted(selected, key=lambda index: (index.column(), index.row()))
        current = self.currentIndex()
        return [current] if current.isValid() else []


class ScoreGrid(QTableView):
    """Scores are typed straight into a cell; Enter saves it and goes to the next participant."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAccessibleName("Test scores")
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)

    def closeEditor(  # noqa: N802
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        """After Enter, the same column of the next row, ready for the next score."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            current = self.currentIndex()
            below = current.siblingAtRow(current.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)
