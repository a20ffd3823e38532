"""What officers have covered: one person's competency record, and the per-agency table."""

import html
import uuid
from collections.abc import Callable
from typing import Any

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
from trainingdesk.ui.models.curricula import AgencyCoverageModel, AlignedTableModel, hours
from trainingdesk.ui.models.people import PeopleCriteria, PeopleTableModel
from trainingdesk.ui.models.records import Column
from trainingdesk.ui.tasks import BackgroundTask, Report
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


COMPLETED_HOURS, REMAINING_HOURS = 2, 3


def default_joint(curricula: CurriculumService) -> uuid.UUID | None:
    """The joint curriculum the service shows when none is named (the one in force)."""
    try:
        # Without national curricula the crosswalk is only the joint one: quick to read.
        return curricula.crosswalk(None, afghan=(), pakistani=()).joint.id
    except TrainingDeskError:
        return None


def fill_joint_choices(
    combo: QComboBox, curricula: CurriculumService, shown: uuid.UUID | None
) -> None:
    """The joint curriculum versions to choose from, with the one shown selected (or, with
    none, the one the service would show)."""
    combo.blockSignals(True)
    combo.clear()
    for curriculum in curricula.find():
        if curriculum.kind is CurriculumKind.JOINT:
            combo.addItem(
                f"{curriculum.code} {curriculum.version} ({curriculum.status.value})",
                curriculum.id,
            )
    if combo.count():
        select_data(combo, shown or default_joint(curricula))
    combo.blockSignals(False)


class LatestReading:
    """Reads off the GUI thread, one read at a time, for a view that shows the result.

    Asked again while a read runs (another person chosen, say), it drops that read's result
    when it arrives and asks the view to start again, so the view shows what was asked last.
    """

    def __init__(self, parent: QWidget, title: str, again: Callable[[], None]) -> None:
        self._parent = parent
        self._title = title
        self._again = again
        self._stale = False
        self.task: BackgroundTask | None = None

    def busy(self) -> bool:
        """True while a read runs."""
        return self.task is not None and not self.task.finished.is_set()

    def start(
        self,
        message: str,
        read: Callable[[], Any],
        shown: Callable[[Any], None],
        failed: Callable[[str], None],
        cancelled: Callable[[], None],
    ) -> None:
        """Read in the background, then call `shown`, `failed` or `cancelled` (if still due)."""
        if self.busy():
            self._stale = True
            return
        self._stale = False

        def work(report: Report) -> object:
            report(message)
            result = read()
            report(message)  # raises Cancelled if Cancel was pressed meanwhile
            return result

        self.task = BackgroundTask(
            self._parent,
            self._title,
            work,
            lambda result: self._then(lambda: shown(result)),
            lambda text: self._then(lambda: failed(text)),
            lambda: self._then(cancelled),
        )

    def discard(self) -> None:
        """Drop the result of the read running now (the view no longer wants it)."""
        if self.busy():
            self._stale = True

    def _then(self, show: Callable[[], None]) -> None:
        if self._stale:
            self._stale = False
            self._again()
        else:
            show()


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
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # names in bold, escaped
        self.summary.setWordWrap(True)
        self.completed_model: AlignedTableModel[ModuleCompletion] = AlignedTableModel(
            COMPLETED_COLUMNS, (COMPLETED_HOURS,), self
        )
        self.remaining_model: AlignedTableModel[CrosswalkModule] = AlignedTableModel(
            REMAINING_COLUMNS, (REMAINING_HOURS,), self
        )
        self.reading = LatestReading(self, "Reading the competency record", self._show_record)
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
        """Read the selected person's record in the background (it can take a second)."""
        person = self.selected_person()
        if person is None:
            self.reading.discard()
            self._record_read(None, None)
            self.summary.setText("Choose a person to see their record.")
            return
        self._record_read(None, None)
        self.summary.setText(f"Reading the record of {html.escape(person.full_name)}…")
        curricula, joint_id = self._curricula, self._joint_id
        self.reading.start(
            f"Reading the competency record of {person.full_name}",
            lambda: curricula.competency_record(person.id, joint_id),
            lambda record: self._record_read(person, record),
            lambda message: self.summary.setText(f"No record to show: {html.escape(message)}"),
            lambda: self.summary.setText("Reading the record was cancelled."),
        )

    def _record_read(self, person: PersonRow | None, record: CompetencyRecord | None) -> None:
        self.record = record
        fill_joint_choices(
            self.joint, self._curricula, record.joint.id if record else self._joint_id
        )
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
        self.reading = LatestReading(self, "Counting the coverage of each agency", self.reload)
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
        """Count again for the chosen joint curriculum, in the background (on a large
        database counting takes seconds)."""
        fill_joint_choices(self.joint, self._curricula, self._joint_id)
        self.caption.setText("Counting the officers who completed each module…")
        curricula, joint_id = self._curricula, self._joint_id
        self.reading.start(
            "Counting the officers of each agency who completed each module",
            lambda: curricula.agency_coverage(joint_id),
            self._counted,
            self._failed,
            lambda: self.caption.setText(
                "Counting was cancelled; choose a joint curriculum to count again."
            ),
        )

    def _failed(self, message: str) -> None:
        self.model.set_coverage(None)
        self.caption.setText(f"No table to show: {message}")

    def _counted(self, coverage: AgencyCoverage) -> None:
        fill_joint_choices(self.joint, self._curricula, coverage.joint.id)
        self.model.set_coverage(coverage)
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
