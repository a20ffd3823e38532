"""What officers have covered: one person's competency record, and the per-agency table."""

import html
import uuid

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.crosswalk import (
    AgencyCoverage,
    CompetencyRecord,
    CrosswalkModule,
    ModuleCompletion,
)
from trainingdesk.domain.enums import CurriculumKind
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import PersonRow
from trainingdesk.services.container import Services
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.models.curricula import AgencyCoverageModel, hours
from trainingdesk.ui.models.people import PeopleCriteria, PeopleTableModel
from trainingdesk.ui.models.records import Column, RecordTableModel
from trainingdesk.ui.views.forms import chain_tab_order, select_data
from trainingdesk.ui.views.tables import record_table

COMPLETED_COLUMNS: tuple[Column[ModuleCompletion], ...] = (
    Column("Code", lambda c: c.module.code),
    Column("Module", lambda c: c.module.title_en),
    Column("Hours", lambda c: hours(c.module.hours)),
    Column("Completed on", lambda c: c.completed_on.isoformat()),
    Column("Exercise", lambda c: c.exercise_code),
    Column("Exercise title", lambda c: c.exercise_title),
)
REMAINING_COLUMNS: tuple[Column[CrosswalkModule], ...] = (
    Column("Code", lambda m: m.code),
    Column("Module", lambda m: m.title_en),
    Column("Local title", lambda m: m.title_local, right_to_left=True),
    Column("Hours", lambda m: hours(m.hours)),
)


def fill_joint_choices(
    combo: QComboBox, curricula: CurriculumService, shown: uuid.UUID | None
) -> None:
    """The joint curriculum versions to choose from, with the one shown selected."""
    combo.blockSignals(True)
    combo.clear()
    for curriculum in curricula.find():
        if curriculum.kind is CurriculumKind.JOINT:
            combo.addItem(
                f"{curriculum.code} {curriculum.version} ({curriculum.status.value})",
                curriculum.id,
            )
    select_data(combo, shown)
    combo.blockSignals(False)


def _joint_combo() -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName("Joint curriculum")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _captioned(text: str, widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    caption = QLabel(text)
    caption.setBuddy(widget)
    row.addWidget(caption)
    row.addWidget(widget)
    row.addStretch()
    return row


class CompetencyRecordView(QWidget):
    """Find a person; see the joint modules they completed, through which exercise and when,
    and the modules (and hours) that remain."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = services.people
        self._curricula = services.curricula
        self._joint_id: uuid.UUID | None = None
        self.record: CompetencyRecord | None = None
        self.search = QLineEdit(placeholderText="Search names, fathers' names, ID numbers…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a person")
        self.people_model = PeopleTableModel(self)
        self.people_table = record_table(self.people_model, (170, 160, 120, 35, 55, 70))
        self.people_table.setAccessibleName("People")
        self.joint = _joint_combo()
        self.summary = QLabel("Choose a person to see their record.")
        self.summary.setWordWrap(True)
        self.completed_model: RecordTableModel[ModuleCompletion] = RecordTableModel(
            COMPLETED_COLUMNS, self
        )
        self.remaining_model: RecordTableModel[CrosswalkModule] = RecordTableModel(
            REMAINING_COLUMNS, self
        )
        self.completed_table = record_table(self.completed_model, (80, 230, 50, 95, 110))
        self.completed_table.setAccessibleName("Completed modules")
        self.remaining_table = record_table(self.remaining_model, (80, 230, 200, 50))
        self.remaining_table.setAccessibleName("Modules still to complete")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(_captioned("&Person", self.search))
        left_layout.addWidget(self.people_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(_captioned("&Joint curriculum", self.joint))
        right_layout.addWidget(self.summary)
        right_layout.addWidget(QLabel("Completed"))
        right_layout.addWidget(self.completed_table, stretch=1)
        right_layout.addWidget(QLabel("Still to complete"))
        right_layout.addWidget(self.remaining_table, stretch=1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([420, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        chain_tab_order(
            self.search, self.people_table, self.joint, self.completed_table, self.remaining_table
        )
        self.search.textChanged.connect(
            lambda text: self.people_model.set_criteria(PeopleCriteria(search=text))
        )
        self.people_table.selectionModel().selectionChanged.connect(self._person_selected)
        self.joint.activated.connect(lambda _index: self._joint_chosen())

    def reload(self) -> None:
        """Read the people and the record of the one selected again."""
        person = self.selected_person()
        self.people_model.set_rows(self._people.table_rows())
        if person is not None:
            self._select(person.id)
        self._show_record()

    def show_person(self, person_id: uuid.UUID) -> None:
        """Select a person (the search is cleared if it hides them) and show their record."""
        if self.people_model.rowCount() == 0 and not self.search.text():
            self.people_model.set_rows(self._people.table_rows())
        if not self._select(person_id) and self.search.text():
            self.search.clear()
            self._select(person_id)

    def selected_person(self) -> PersonRow | None:
        """The person whose record is shown."""
        rows = self.people_table.selectionModel().selectedRows()
        return self.people_model.row_at(rows[0].row()) if rows else None

    def _select(self, person_id: uuid.UUID) -> bool:
        row = next((n for n, p in enumerate(self.people_model.rows()) if p.id == person_id), None)
        if row is None:
            return False
        self.people_table.selectRow(row)
        self.people_table.scrollTo(self.people_model.index(row, 0))
        return True

    def _person_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_record()

    def _joint_chosen(self) -> None:
        chosen = self.joint.currentData()
        self._joint_id = chosen if isinstance(chosen, uuid.UUID) else None
        self._show_record()

    def _show_record(self) -> None:
        person = self.selected_person()
        record: CompetencyRecord | None = None
        if person is None:
            self.summary.setText("Choose a person to see their record.")
        else:
            try:
                record = self._curricula.competency_record(person.id, self._joint_id)
            except TrainingDeskError as exc:
                self.summary.setText(f"No record to show: {exc}")
        self.record = record
        fill_joint_choices(self.joint, self._curricula, record.joint.id if record else None)
        self.completed_model.set_rows(record.completed if record else [])
        self.remaining_model.set_rows(record.remaining if record else [])
        if person is None or record is None:
            return
        total = len(record.completed) + len(record.remaining)
        whole = record.completed_hours + record.remaining_hours
        self.summary.setText(
            f"<b>{html.escape(person.full_name)}</b> ({person.country.value}"
            f"{', ' + html.escape(person.agency_acronym) if person.agency_acronym else ''}) "
            f"has completed "
            f"{len(record.completed)} of the {total} modules of {record.joint.code} "
            f"{record.joint.version} ({hours(record.completed_hours)} of {hours(whole)} h); "
            f"{len(record.remaining)} remain ({hours(record.remaining_hours)} h)."
        )


class AgencyCoverageView(QWidget):
    """Agencies down, modules of a joint curriculum across: officers who completed each."""

    def __init__(self, curricula: CurriculumService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curricula = curricula
        self._joint_id: uuid.UUID | None = None
        self.joint = _joint_combo()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.model = AgencyCoverageModel(self)
        self.table = record_table(self.model, ())
        self.table.setAccessibleName("Coverage by agency")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setMinimumSectionSize(60)
        layout = QVBoxLayout(self)
        layout.addLayout(_captioned("&Joint curriculum", self.joint))
        layout.addWidget(self.caption)
        layout.addWidget(self.table)
        self.joint.activated.connect(lambda _index: self._joint_chosen())

    def _joint_chosen(self) -> None:
        chosen = self.joint.currentData()
        self._joint_id = chosen if isinstance(chosen, uuid.UUID) else None
        self.reload()

    def reload(self) -> None:
        """Count again for the chosen joint curriculum."""
        coverage: AgencyCoverage | None = None
        try:
            coverage = self._curricula.agency_coverage(self._joint_id)
        except TrainingDeskError as exc:
            self.caption.setText(f"No table to show: {exc}")
        fill_joint_choices(self.joint, self._curricula, coverage.joint.id if coverage else None)
        self.model.set_coverage(coverage)
        if coverage is None:
            return
        header = self.table.horizontalHeader()
        for column, width in enumerate((240, 60, 70)):
            self.table.setColumnWidth(column, width)
        for column in range(3, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        officers = sum(row.officers for row in coverage.rows)
        self.caption.setText(
            f"{len(coverage.rows)} agencies, {officers} officer(s) who completed at least one "
            f"exercise. Each number counts the officers of an agency who completed a module of "
            f"{coverage.joint.code} {coverage.joint.version}; the last column those who "
            "completed all of them. Hover over a number for its share."
        )
