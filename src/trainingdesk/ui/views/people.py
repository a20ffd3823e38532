"""People: search in any script, filter by country, sex and agency."""

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.reports.people_export import write_people
from trainingdesk.services.container import Services
from trainingdesk.services.roster_import import RosterResult
from trainingdesk.ui.commands import (
    CreatePerson,
    DeletePerson,
    Editing,
    EditPerson,
    ImportRoster,
    MergePeople,
)
from trainingdesk.ui.models.people import PeopleCriteria, PeopleTableModel
from trainingdesk.ui.tasks import BackgroundTask
from trainingdesk.ui.views.forms import confirm_delete
from trainingdesk.ui.views.merge_dialog import MergeDialog
from trainingdesk.ui.views.person_form import PersonDialog
from trainingdesk.ui.views.roster_import import RosterImportDialog
from trainingdesk.ui.views.tables import record_table

ANY = "All"


class PeopleView(QWidget):
    """The people list with search-as-you-type; new, edit and delete are undoable."""

    def __init__(self, services: Services, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._people = services.people
        self._reference = services.reference
        self._undo_stack = editing.undo_stack
        self._show_error = editing.show_error
        self.model = PeopleTableModel(self)
        self.task: BackgroundTask | None = None

        self.search = QLineEdit(placeholderText="Search names, fathers' names, ID numbers…")
        self.search.setClearButtonEnabled(True)
        self.country = _combo([ANY, *(c.value for c in Country)], "Country")
        self.sex = _combo([ANY, *(s.value for s in Sex)], "Sex")
        self.agency = _combo([ANY], "Agency")
        self.count = QLabel()

        self.table = record_table(
            self.model,
            (190, 190, 150, 40, 60, 80, 170),
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
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
        actions = self._actions()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.country, self.sex, self.agency):
            combo.currentIndexChanged.connect(self.apply_filter)
        screen, table = (
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            Qt.ShortcutContext.WidgetShortcut,
        )
        for keys, owner, slot, context in (
            (QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search, screen),
            (QKeySequence(QKeySequence.StandardKey.New), self, self.new_person, screen),
            (QKeySequence("Ctrl+M"), self, self.merge_selected, screen),
            (QKeySequence("Ctrl+I"), self, self.import_roster, screen),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected, table),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.edit_selected, table),
            (
                QKeySequence(QKeySequence.StandardKey.Delete),
                self.table,
                self.delete_selected,
                table,
            ),
        ):
            shortcut = QShortcut(keys, owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

    def _actions(self) -> QHBoxLayout:
        self.new_button = QPushButton("&New person…")
        self.edit_button = QPushButton("Ed&it…")
        self.merge_button = QPushButton("&Merge two…")
        self.merge_button.setToolTip("Select two records of the same person (Ctrl+M)")
        self.import_button = QPushButton("Im&port roster…")
        self.import_button.setToolTip("People from a CSV or XLSX file (Ctrl+I)")
        self.export_button = QPushButton("Expor&t…")
        self.export_button.setToolTip("Everyone and their enrolments to CSV or XLSX")
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.merge_button):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.import_button.clicked.connect(self.import_roster)
        self.export_button.clicked.connect(lambda _checked: self.export_people())
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        return actions

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
        self.model.set_criteria(
            PeopleCriteria(
                search=self.search.text(),
                country=None
                if self.country.currentText() == ANY
                else Country(self.country.currentText()),
                sex=None if self.sex.currentText() == ANY else Sex(self.sex.currentText()),
                agency=None if self.agency.currentText() == ANY else self.agency.currentText(),
            )
        )
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"{self.model.rowCount():,} of {len(self.model.everyone()):,} people")

    def selected_person(self) -> PersonRow | None:
        """The person of the current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def new_person(self) -> None:
        """Ctrl+N: the form, then an undoable create."""
        dialog = PersonDialog(self._people, self._reference.list_agencies(), parent=self)
        if dialog.exec() and dialog.result_draft is not None:
            self._undo_stack.push(
                CreatePerson(
                    self._people, dialog.result_draft, self.refresh_person, self._show_error
                )
            )

    def edit_selected(self) -> None:
        """Enter or double-click: the form, then an undoable edit."""
        person = self.selected_person()
        if person is None:
            return
        before = self._people.get(person.id).draft()
        dialog = PersonDialog(self._people, self._reference.list_agencies(), before, parent=self)
        if dialog.exec() and dialog.result_draft is not None and dialog.result_draft != before:
            self._undo_stack.push(
                EditPerson(
                    self._people,
                    person.id,
                    before,
                    dialog.result_draft,
                    self.refresh_person,
                    self._show_error,
                )
            )

    def delete_selected(self) -> None:
        """Delete: asks first; undoable."""
        person = self.selected_person()
        if person is None:
            return
        if confirm_delete(self, "Delete person", person.full_name):
            self._undo_stack.push(
                DeletePerson(
                    self._people, person.id, person.full_name, self.refresh_person, self._show_error
                )
            )

    def selected_people(self) -> list[PersonRow]:
        """The people of the selected rows, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def merge_selected(self) -> None:
        """Ctrl+M: two selected records of one person become one, as chosen field by field."""
        chosen = self.selected_people()
        if len(chosen) != 2:
            self._show_error("Select exactly two records of the same person to merge them.")
            return
        merge = self._services.merge
        first = merge.preview(chosen[0].id, chosen[1].id)
        second = merge.preview(chosen[1].id, chosen[0].id)
        dialog = MergeDialog(first, second, self)
        if dialog.exec():
            self._undo_stack.push(
                MergePeople(
                    merge,
                    dialog.preview(),
                    dialog.chosen(),
                    self.refresh_person,
                    self._show_error,
                )
            )

    def import_roster(self) -> None:
        """Ctrl+I: a roster file, checked and reviewed before anything is written."""
        dialog = RosterImportDialog(self._services, self._roster_imported, self)
        dialog.exec()

    def _roster_imported(self, result: RosterResult) -> None:
        self._undo_stack.push(
            ImportRoster(self._services.rosters, result, self.reload, self._show_error)
        )
        self.reload()

    def export_people(self, target: Path | None = None) -> None:
        """Everyone and their enrolments to a CSV or XLSX file (off the window's thread)."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Export people",
                str(Path.home() / "people.xlsx"),
                "Excel workbooks (*.xlsx);;CSV files (*.csv)",
            )
            if not chosen:
                return
            target = Path(chosen)
        services, path = self._services, target

        def work(report: Callable[[str], None]) -> Path:
            report("Reading people and enrolments…")
            people, enrolments = services.people.find(), services.enrolments.export_rows()
            report(f"Writing {len(people):,} people and {len(enrolments):,} enrolments…")
            write_people(people, enrolments, path)
            return path

        self.task = BackgroundTask(
            self,
            "Exporting people",
            work,
            lambda saved: self.count.setText(f"Saved to {saved}"),
            self._show_error,
        )

    def refresh_person(self, person_id: uuid.UUID) -> None:
        """Show one person as the database now has them (changed, added or gone)."""
        fresh = self._people.table_row(person_id)
        if fresh is None:
            self.model.discard(person_id)
        else:
            self.model.put(fresh)
        self._show_count()
        row = self.model.row_of(person_id)
        if row is not None:
            self.table.selectRow(row)


def _combo(items: list[str], name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(items)
    combo.setAccessibleName(name)
    return combo
