"""Exercises: the list, newest first, filtered by year and status."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import ExerciseStatus
from trainingdesk.domain.records import ExerciseRecord
from trainingdesk.services.exercises import ExerciseService
from trainingdesk.ui.models.records import Column, RecordTableModel

ANY = "All"
EXERCISE_COLUMNS: tuple[Column[ExerciseRecord], ...] = (
    Column("Code", lambda e: e.code),
    Column("Start", lambda e: e.start_date.isoformat()),
    Column("End", lambda e: e.end_date.isoformat()),
    Column("Site", lambda e: e.site_name),
    Column("Status", lambda e: e.status.value),
    Column("Participants", lambda e: str(e.participants)),
    Column("Sessions", lambda e: str(e.sessions)),
    Column("Title", lambda e: e.title),
    Column("Key area", lambda e: e.key_area.label),
)


class ExercisesView(QWidget):
    """The exercises list."""

    def __init__(self, exercises: ExerciseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exercises = exercises
        self.model = RecordTableModel(EXERCISE_COLUMNS, self)
        self.year = QComboBox()
        self.year.setAccessibleName("Year")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItems([ANY, *(s.value for s in ExerciseStatus)])
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 90, 90, 240, 90, 90, 70, 420)):
            self.table.setColumnWidth(column, width)

        filters = QHBoxLayout()
        for label, combo in (("&Year", self.year), ("&Status", self.status)):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
        filters.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.year.currentIndexChanged.connect(self.reload_rows)
        self.status.currentIndexChanged.connect(self.reload_rows)

    def reload(self) -> None:
        """Refresh the year choices and the list."""
        years = sorted({e.start_date.year for e in self._exercises.find()}, reverse=True)
        current = self.year.currentText()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItems([ANY, *(str(y) for y in years)])
        self.year.setCurrentText(current)
        self.year.blockSignals(False)
        self.reload_rows()

    def show_filtered(self, year: int | None = None, status: ExerciseStatus | None = None) -> None:
        """Show the list narrowed to a year and status (from the dashboard)."""
        self.year.setCurrentText(str(year) if year else ANY)
        self.status.setCurrentText(status.value if status else ANY)
        self.reload_rows()

    def reload_rows(self) -> None:
        """Query the exercises for the chosen filters."""
        year = self.year.currentText()
        status = self.status.currentText()
        rows = self._exercises.find(
            year=int(year) if year not in ("", ANY) else None,
            status=ExerciseStatus(status) if status != ANY else None,
        )
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows):,} exercise(s)")
