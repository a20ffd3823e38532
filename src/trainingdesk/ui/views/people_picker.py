"""Choose several people at once, by searching in any script, and the role they take."""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import Role
from trainingdesk.domain.records import PersonRow
from trainingdesk.ui.models.people import PeopleCriteria, PeopleTableModel
from trainingdesk.ui.views.tables import record_table


class PeoplePicker(QDialog):
    """Search, select several rows (Ctrl/Shift+click or Shift+arrows), pick a role, OK."""

    def __init__(self, people: list[PersonRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add people to the exercise")
        self.model = PeopleTableModel(self)
        self.model.set_rows(people)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, fathers' names, ID numbers…")
        self.table = record_table(
            self.model,
            (190, 190, 150, 40, 60, 80, 170),
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role)
        role_caption = QLabel("&Role")
        role_caption.setBuddy(self.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(role_caption)
        bottom.addWidget(self.role)
        bottom.addStretch()
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.search.textChanged.connect(
            lambda text: self.model.set_criteria(PeopleCriteria(search=text))
        )
        self.resize(900, 560)

    def chosen(self) -> list[uuid.UUID]:
        """The people selected, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row).id for row in rows]

    def chosen_role(self) -> Role:
        """The role for everyone chosen."""
        # Qt hands enum members back as plain strings (StrEnum is a str).
        return Role(self.role.currentData())
