"""People: search in any script, filter by country, sex and agency."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.services.people import PeopleService
from trainingdesk.ui.models.people import PeopleFilter, people_model

ANY = "All"


class PeopleView(QWidget):
    """The people list with search-as-you-type."""

    def __init__(self, people: PeopleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = people
        self.model = people_model(self)
        self.filter = PeopleFilter(self)
        self.filter.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText="Search names, fathers' names, ID numbers…")
        self.search.setClearButtonEnabled(True)
        self.country = _combo([ANY, *(c.value for c in Country)], "Country")
        self.sex = _combo([ANY, *(s.value for s in Sex)], "Sex")
        self.agency = _combo([ANY], "Agency")
        self.count = QLabel()

        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        for column, width in enumerate((190, 190, 150, 40, 60, 80, 170)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=3)
        for label, combo in (
            ("&Country", self.country),
            ("Se&x", self.sex),
            ("A&gency", self.agency),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.country, self.sex, self.agency):
            combo.currentIndexChanged.connect(self.apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

    def reload(self) -> None:
        """Read the people again from the database."""
        rows = self._people.table_rows()
        self.model.set_rows(rows)
        current = self.agency.currentText()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItems([ANY, *sorted({p.agency_acronym for p in rows if p.agency_acronym})])
        self.agency.setCurrentText(current)
        self.agency.blockSignals(False)
        self.apply_filter()

    def show_filtered(self, country: Country | None = None, sex: Sex | None = None) -> None:
        """Show the list narrowed to one country and sex (from the dashboard)."""
        self.search.clear()
        self.agency.setCurrentText(ANY)
        self.country.setCurrentText(country.value if country else ANY)
        self.sex.setCurrentText(sex.value if sex else ANY)

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus()
        self.search.selectAll()

    def apply_filter(self) -> None:
        """Re-filter with the current search text and choices."""
        self.filter.set_criteria(
            search=self.search.text(),
            country=None
            if self.country.currentText() == ANY
            else Country(self.country.currentText()),
            sex=None if self.sex.currentText() == ANY else Sex(self.sex.currentText()),
            agency=None if self.agency.currentText() == ANY else self.agency.currentText(),
        )
        self.count.setText(f"{self.filter.rowCount():,} of {self.model.rowCount():,} people")


def _combo(items: list[str], name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(items)
    combo.setAccessibleName(name)
    return combo
