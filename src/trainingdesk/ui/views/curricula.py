"""Curricula and their modules, read-only (editing comes with the curricula issue)."""

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.records import CurriculumRecord, ModuleRecord
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.models.records import Column, RecordTableModel
from trainingdesk.ui.views.tables import record_table

CURRICULUM_COLUMNS: tuple[Column[CurriculumRecord], ...] = (
    Column("Code", lambda c: c.code),
    Column("Version", lambda c: c.version),
    Column("Kind", lambda c: c.kind.value),
    Column("Country", lambda c: c.country.value if c.country else "joint"),
    Column("Status", lambda c: c.status.value),
    Column("Modules", lambda c: str(c.modules)),
    Column("Hours", lambda c: f"{c.hours:g}"),
    Column("Title", lambda c: c.title),
)
MODULE_COLUMNS: tuple[Column[ModuleRecord], ...] = (
    Column("Code", lambda m: m.code),
    Column("Title", lambda m: m.title_en),
    Column("Local title", lambda m: m.title_local, right_to_left=True),
    Column("Hours", lambda m: f"{m.hours:g}"),
    Column("Assessment", lambda m: m.assessment_method),
)


class CurriculaView(QWidget):
    """Curricula above, the modules of the selected one below."""

    def __init__(self, curricula: CurriculumService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curricula = curricula
        self.curricula_model = RecordTableModel(CURRICULUM_COLUMNS, self)
        self.modules_model = RecordTableModel(MODULE_COLUMNS, self)
        self.curricula_table = record_table(self.curricula_model, (130, 70, 80, 70, 80, 70, 60))
        self.modules_table = record_table(self.modules_model, (90, 330, 330, 60))
        self.modules_caption = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.modules_caption)
        lower_layout.addWidget(self.modules_table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.curricula_table)
        self.splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.curricula_table.selectionModel().selectionChanged.connect(self._show_modules)

    def reload(self) -> None:
        """Read the curricula again and select the first."""
        self.curricula_model.set_rows(self._curricula.find())
        self.modules_model.set_rows([])
        self.modules_caption.setText("Select a curriculum to see its modules.")
        if self.curricula_model.rowCount():
            self.curricula_table.selectRow(0)

    def _show_modules(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if not rows:
            return
        curriculum = self.curricula_model.row_at(min(rows))
        self.modules_model.set_rows(self._curricula.modules(curriculum.id))
        self.modules_caption.setText(
            f"Modules of {curriculum.code} {curriculum.version}: {curriculum.title}"
        )
