"""Importing a roster: choose the file, check the columns, review duplicates and problems."""

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import Country, Role
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.importing.report import write_rejected_rows
from trainingdesk.importing.roster import RosterField, mapping_problems, rejected_rows
from trainingdesk.importing.tables import Table, read_table
from trainingdesk.services.container import Services
from trainingdesk.services.roster_import import Action, Decision, RosterPlan, RosterResult
from trainingdesk.ui.tasks import BackgroundTask
from trainingdesk.ui.views.forms import ERROR_STYLE

ENCODINGS = (
    ("Detect", None),
    ("UTF-8", "utf-8"),
    ("UTF-16", "utf-16"),
    ("Windows-1256 (Arabic)", "cp1256"),
    ("Windows-1252 (Western)", "cp1252"),
)
FIELD_NAMES = {
    RosterField.GIVEN_NAME: "Given name",
    RosterField.FAMILY_NAME: "Family name",
    RosterField.FULL_NAME: "Full name (given + family)",
    RosterField.NATIVE_NAME: "Name in native script",
    RosterField.FATHER_NAME: "Father's name",
    RosterField.FATHER_NAME_NATIVE: "Father's name, native script",
    RosterField.SEX: "Sex",
    RosterField.COUNTRY: "Country",
    RosterField.AGENCY: "Agency",
    RosterField.RANK: "Rank",
    RosterField.SERVICE_NUMBER: "ID / service number",
    RosterField.PHONE: "Phone",
    RosterField.BIRTH_DATE: "Date of birth",
    RosterField.IGNORE: "(ignore this column)",
}
SAMPLES = 3
Imported = Callable[[RosterResult], None]


class RosterImportDialog(QDialog):
    """Three steps: the file, its columns, then what will happen to every row."""

    def __init__(self, services: Services, imported: Imported, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a roster")
        self._services = services
        self._imported = imported
        self.table: Table | None = None
        self.plan: RosterPlan | None = None
        self.task: BackgroundTask | None = None
        self.decisions: dict[int, QComboBox] = {}
        self._acronyms = {a.id: a.acronym for a in services.reference.list_agencies()}
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._review_page())
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Next")
        self.import_button = QPushButton("&Import")
        cancel = QPushButton("Cancel")
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.import_rows)
        cancel.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, stretch=1)
        for button in (self.back_button, self.next_button, self.import_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self._show_page(0)

    # -- step 1: the file ----------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setPlaceholderText("A CSV or XLSX file from an agency")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.encoding = QComboBox()
        for text, value in ENCODINGS:
            self.encoding.addItem(text, value)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText("the first sheet")
        row = QHBoxLayout()
        row.addWidget(self.path, stretch=1)
        row.addWidget(browse)
        form = QFormLayout(page)
        caption = QLabel("&File")
        caption.setBuddy(self.path)
        form.addRow(caption, row)
        form.addRow("&Encoding (CSV)", self.encoding)
        form.addRow("&Sheet (XLSX)", self.sheet)
        return page

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a roster", "", "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    def load_file(self) -> bool:
        """Read the chosen file; say what is wrong with it, or show its columns."""
        text = self.path.text().strip()
        if not text:
            self.message.setText("Choose a file first.")
            return False
        try:
            self.table = read_table(
                Path(text),
                encoding=self.encoding.currentData(),
                sheet=self.sheet.text().strip() or None,
            )
        except (TrainingDeskError, OSError) as exc:
            self.message.setText(str(exc))
            return False
        self._fill_columns(self.table)
        return True

    # -- step 2: the columns -------------------------------------------------------

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(("Column in the file", "First values", "Holds"))
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.setColumnWidth(0, 220)
        self.columns.setColumnWidth(1, 320)
        self.columns.verticalHeader().hide()
        self.default_country = QComboBox()
        self.default_country.addItem("(none: the file or the agency says)", None)
        for country in (Country.AF, Country.PK):
            self.default_country.addItem(country.value, country.value)
        self.mapping_message = QLabel()
        self.mapping_message.setWordWrap(True)
        self.mapping_message.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Check what each column holds; your choices are remembered."))
        layout.addWidget(self.columns)
        country_row = QHBoxLayout()
        caption = QLabel("Country when the file does not say")
        caption.setBuddy(self.default_country)
        country_row.addWidget(caption)
        country_row.addWidget(self.default_country)
        country_row.addStretch()
        layout.addLayout(country_row)
        layout.addWidget(self.mapping_message)
        return page

    def _fill_columns(self, table: Table) -> None:
        mapping = self._services.rosters.remembered_mapping(table.headers)
        self.columns.setRowCount(len(table.headers))
        for index, header in enumerate(table.headers):
            samples = [row.cell(index) for row in table.rows[:SAMPLES] if row.cell(index)]
            self.columns.setItem(index, 0, _item(header or f"(column {index + 1})"))
            self.columns.setItem(index, 1, _item(" | ".join(samples)))
            choice = QComboBox()
            choice.setAccessibleName(f"What column {header} holds")
            for field, name in FIELD_NAMES.items():
                choice.addItem(name, field.value)
            choice.setCurrentIndex(choice.findData(mapping.get(index, RosterField.IGNORE).value))
            choice.currentIndexChanged.connect(lambda _index: self._check_mapping())
            self.columns.setCellWidget(index, 2, choice)
        self._check_mapping()

    def mapping(self) -> dict[int, RosterField]:
        """The fields chosen for the columns."""
        return {
            index: RosterField(self.field_choice(index).currentData())
            for index in range(self.columns.rowCount())
        }

    def field_choice(self, column: int) -> QComboBox:
        """The combo box of one column of the file."""
        widget = self.columns.cellWidget(column, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def _check_mapping(self) -> bool:
        problems = mapping_problems(self.mapping())
        self.mapping_message.setText(" ".join(problems))
        return not problems

    # -- step 3: review ------------------------------------------------------------

    def _review_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.review = QTabWidget()
        self.new_rows = _review_table(
            ("Row", "Name", "Native name", "Agency", "ID number"), (50, 220, 220, 80)
        )
        self.duplicates = _review_table(
            ("Row", "In the file", "May be", "Score", "Decision"), (50, 250, 250, 50)
        )
        self.problems = _review_table(("Row", "Column", "Value", "Problem"), (50, 120, 200))
        self.review.addTab(self.new_rows, "New people")
        self.review.addTab(self.duplicates, "Probable duplicates")
        problems_page = QWidget()
        problems_layout = QVBoxLayout(problems_page)
        problems_layout.addWidget(self.problems)
        save_problems = QPushButton("Save the rows with problems…")
        save_problems.clicked.connect(lambda _checked: self.save_rejected())
        self.skip_invalid = QCheckBox("Import the other rows and leave these out")
        self.skip_invalid.toggled.connect(lambda _on: self._update_import_button())
        problems_row = QHBoxLayout()
        problems_row.addWidget(self.skip_invalid)
        problems_row.addStretch()
        problems_row.addWidget(save_problems)
        problems_layout.addLayout(problems_row)
        self.review.addTab(problems_page, "Problems")
        self.exercise = QComboBox()
        self.exercise.addItem("(do not enrol)", None)
        for label in self._services.exercises.labels():
            self.exercise.addItem(label.text(), str(label.id))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role.value)
        enrol = QHBoxLayout()
        caption = QLabel("Also en&rol in")
        caption.setBuddy(self.exercise)
        enrol.addWidget(caption)
        enrol.addWidget(self.exercise, stretch=1)
        enrol.addWidget(QLabel("as"))
        enrol.addWidget(self.role)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.review)
        layout.addLayout(enrol)
        return page

    def _make_plan(self) -> None:
        assert self.table is not None
        table, mapping = self.table, self.mapping()
        country = self.default_country.currentData()
        rosters = self._services.rosters

        def work(report: Callable[[str], None]) -> RosterPlan:
            report(f"Checking {len(table.rows):,} rows and looking for people already known…")
            return rosters.plan(
                table, mapping, default_country=Country(country) if country else None
            )

        self.next_button.setEnabled(False)
        self.task = BackgroundTask(self, "Checking the roster", work, self._show_plan, self._fail)

    def _show_plan(self, plan: RosterPlan) -> None:
        self.plan = plan
        matched = set(plan.rows_with_matches())
        new = [row for row in plan.accepted if row.row not in matched]
        self.new_rows.setRowCount(len(new))
        for line, row in enumerate(new):
            draft = row.draft
            assert draft is not None
            agency = self._agency_acronym(draft.agency_id)
            for column, text in enumerate(
                (
                    str(row.row),
                    f"{draft.given_name} {draft.family_name}".strip(),
                    draft.native_name,
                    agency,
                    draft.service_number,
                )
            ):
                self.new_rows.setItem(line, column, _item(text))
        self._fill_duplicates(plan)
        errors = [error for row in plan.rejected for error in row.errors]
        self.problems.setRowCount(len(errors))
        for line, error in enumerate(errors):
            for column, text in enumerate(
                (str(error.row), error.column, error.value, error.message)
            ):
                self.problems.setItem(line, column, _item(text))
        self.review.setTabText(0, f"New people ({len(new)})")
        self.review.setTabText(1, f"Probable duplicates ({len(matched)})")
        self.review.setTabText(2, f"Problems ({len(plan.rejected)} rows)")
        self.skip_invalid.setVisible(bool(plan.rejected))
        self.summary.setText(
            f"{len(plan.rows)} row(s): {len(new)} new, {len(matched)} may be someone already "
            f"known (decide for each), {len(plan.rejected)} with problems. Nothing is written "
            "until you press Import, and then every row or none."
        )
        self._show_page(2)

    def _fill_duplicates(self, plan: RosterPlan) -> None:
        names = {identity.key: identity for identity in self._services.rosters.identities()}
        drafts = {row.row: row.draft for row in plan.accepted}
        rows = plan.rows_with_matches()
        self.duplicates.setRowCount(len(rows))
        self.decisions = {}
        for line, number in enumerate(rows):
            draft = drafts[number]
            assert draft is not None
            matches = plan.matches_of(number)
            best = matches[0]
            known = names.get(best.existing) if best.existing else None
            may_be = (
                f"{known.given_name} {known.family_name} {known.service_number}".strip()
                if known
                else f"row {best.other_row} of this file"
            )
            shown = (
                str(number),
                f"{draft.given_name} {draft.family_name} {draft.native_name}".strip(),
                may_be,
                f"{best.score:.2f}",
            )
            for column, text in enumerate(shown):
                item = _item(text)
                if column == 2:
                    item.setToolTip("; ".join(best.reasons))
                self.duplicates.setItem(line, column, item)
            choice = QComboBox()
            choice.setAccessibleName(f"Decision for row {number}")
            choice.addItem("— decide —", None)
            for match in matches:
                target = names.get(match.existing) if match.existing else None
                label = (
                    f"Same person as {target.given_name} {target.family_name}"
                    if target
                    else f"Same person as row {match.other_row}"
                )
                choice.addItem(
                    f"{label} ({match.score:.2f})",
                    (Action.MERGE.value, match.existing, match.other_row),
                )
            choice.addItem("A different person: add as new", (Action.NEW.value, None, None))
            choice.addItem("Leave this row out", (Action.SKIP.value, None, None))
            choice.currentIndexChanged.connect(lambda _index: self._update_import_button())
            self.duplicates.setCellWidget(line, 4, choice)
            self.decisions[number] = choice

    def chosen_decisions(self) -> dict[int, Decision] | None:
        """The decision of every probable duplicate, or None while one is open."""
        decisions: dict[int, Decision] = {}
        for number, choice in self.decisions.items():
            data = choice.currentData()
            if data is None:
                return None
            action, existing, other_row = data
            decisions[number] = Decision(Action(action), existing, other_row)
        return decisions

    def _update_import_button(self) -> None:
        ready = (
            self.pages.currentIndex() == 2
            and self.plan is not None
            and self.chosen_decisions() is not None
            and (not self.plan.rejected or self.skip_invalid.isChecked())
        )
        self.import_button.setEnabled(ready)
        if self.pages.currentIndex() == 2 and not ready and self.plan is not None:
            rows = " and what to do with the rows with problems" if self.plan.rejected else ""
            self.message.setText(f"Decide for every probable duplicate{rows}.")
        elif ready:
            self.message.clear()

    def save_rejected(self, target: Path | None = None) -> None:
        """Write the rows with problems (and what is wrong) for the agency to fix."""
        if self.plan is None or self.table is None:
            return
        if target is None:
            source = Path(self.path.text())
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Save the rows with problems",
                str(source.with_name(f"{source.stem}-problems.xlsx")),
                "Excel workbooks (*.xlsx);;CSV files (*.csv)",
            )
            if not chosen:
                return
            target = Path(chosen)
        write_rejected_rows(target, self.table.headers, rejected_rows(self.plan.rejected))

    def import_rows(self) -> None:
        """Write every row as decided, in one transaction, off the window's thread."""
        decisions = self.chosen_decisions()
        if self.plan is None or decisions is None:
            return
        plan, skip = self.plan, self.skip_invalid.isChecked()
        exercise = self.exercise.currentData()
        role = Role(self.role.currentData())
        rosters, table, mapping = self._services.rosters, self.table, self.mapping()

        def work(report: Callable[[str], None]) -> RosterResult:
            report(f"Writing {len(plan.accepted):,} people…")
            result = rosters.apply(
                plan,
                decisions,
                exercise_id=uuid.UUID(exercise) if exercise else None,
                role=role,
                skip_invalid=skip,
            )
            assert table is not None
            rosters.remember_mapping(table.headers, mapping)
            return result

        self.import_button.setEnabled(False)
        self.task = BackgroundTask(self, "Importing the roster", work, self._done, self._fail)

    def _done(self, result: RosterResult) -> None:
        self._imported(result)
        self.accept()

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.next_button.setEnabled(True)
        self._update_import_button()

    # -- moving between steps -------------------------------------------------------

    def next(self) -> None:
        """On to the next step, if this one is complete."""
        page = self.pages.currentIndex()
        if page == 0 and self.load_file():
            self._show_page(1)
        elif page == 1 and self._check_mapping():
            self._make_plan()

    def back(self) -> None:
        """Back one step."""
        self._show_page(max(self.pages.currentIndex() - 1, 0))

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.message.clear()
        self.back_button.setEnabled(page > 0)
        self.next_button.setVisible(page < 2)
        self.next_button.setEnabled(True)
        self.import_button.setVisible(page == 2)
        self._update_import_button()

    def _agency_acronym(self, agency_id: uuid.UUID | None) -> str:
        return self._acronyms.get(agency_id, "") if agency_id else ""


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _review_table(headers: tuple[str, ...], widths: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table
