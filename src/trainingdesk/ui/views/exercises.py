"""Exercises: the list with filters, and the sessions and enrolments of the one selected."""

import uuid
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import CurriculumKind, EnrolmentStatus, ExerciseStatus, KeyArea, Role
from trainingdesk.domain.errors import NotFound
from trainingdesk.domain.records import EnrolmentRecord, ExerciseRecord, ModuleRecord, SessionRecord
from trainingdesk.services.container import Services
from trainingdesk.ui.commands import (
    DeleteExercise,
    Editing,
    EditSession,
    EnrolPeople,
    GenerateSessions,
    RemoveEnrolment,
    SaveExercise,
    UpdateEnrolment,
)
from trainingdesk.ui.models.records import Column, RecordTableModel
from trainingdesk.ui.views.exercise_form import ExerciseDialog
from trainingdesk.ui.views.forms import chain_tab_order, confirm_delete
from trainingdesk.ui.views.people_picker import PeoplePicker
from trainingdesk.ui.views.session_form import SessionDialog
from trainingdesk.ui.views.tables import record_table

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
SESSION_COLUMNS: tuple[Column[SessionRecord], ...] = (
    Column("No.", lambda s: str(s.number)),
    Column("Day", lambda s: s.day.isoformat()),
    Column("From", lambda s: f"{s.start_time:%H:%M}" if s.start_time else ""),
    Column("To", lambda s: f"{s.end_time:%H:%M}" if s.end_time else ""),
    Column("Module", lambda s: s.module_code),
    Column("Title", lambda s: s.title),
)
ENROLMENT_COLUMNS: tuple[Column[EnrolmentRecord], ...] = (
    Column("Name", lambda e: e.person_name),
    Column("Native name", lambda e: e.native_name, right_to_left=True),
    Column("Country", lambda e: e.country.value),
    Column("Agency", lambda e: e.agency_acronym),
    Column("Role", lambda e: e.role.value),
    Column("Status", lambda e: e.status.value),
)


class ExercisesView(QWidget):
    """The exercises list; below it, the selected exercise's sessions and enrolments."""

    def __init__(
        self,
        services: Services,
        editing: Editing,
        take_attendance: Callable[[uuid.UUID], None],
        issue_certificates: Callable[[uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._editing = editing
        self._take_attendance = take_attendance
        self._issue_certificates = issue_certificates
        self.model = RecordTableModel(EXERCISE_COLUMNS, self)
        self.sessions_model = RecordTableModel(SESSION_COLUMNS, self)
        self.enrolments_model = RecordTableModel(ENROLMENT_COLUMNS, self)
        self.year = QComboBox()
        self.year.setAccessibleName("Year")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItems([ANY, *(s.value for s in ExerciseStatus)])
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.key_area = QComboBox()
        self.key_area.setAccessibleName("Key area")
        self.key_area.addItem(ANY, None)
        for area in KeyArea:
            self.key_area.addItem(area.label, area.value)
        self.count = QLabel()
        self.table = record_table(self.model, (110, 90, 90, 240, 90, 90, 70, 420))
        self.sessions_table = record_table(self.sessions_model, (50, 100, 60, 60, 90))
        self.enrolments_table = record_table(
            self.enrolments_model,
            (200, 200, 70, 80, 100),
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.detail_caption = QLabel("Select an exercise to see its sessions and enrolments.")
        self.generate_button = QPushButton("&Generate one session per day")
        self.edit_session_button = QPushButton("Edit &session…")
        self.add_people_button = QPushButton("Add &people…")
        self.remove_button = QPushButton("Re&move from exercise")
        self.role_choice = QComboBox()
        self.role_choice.setAccessibleName("New role")
        for role in Role:
            self.role_choice.addItem(role.value, role)
        self.status_choice = QComboBox()
        self.status_choice.setAccessibleName("New status")
        for status in EnrolmentStatus:
            self.status_choice.addItem(status.value, status)
        self.apply_role_button = QPushButton("Set role and s&tatus")
        self._build_layout()
        self._connect()
        self._show_detail(None)

    def _build_layout(self) -> None:
        new_button = QPushButton("&New exercise…")
        edit_button = QPushButton("Ed&it…")
        self.attendance_button = QPushButton("&Attendance…")
        self.attendance_button.setToolTip("The attendance grid of this exercise (Ctrl+T)")
        self.attendance_button.clicked.connect(self.open_attendance)
        self.certificates_button = QPushButton("&Certificates…")
        self.certificates_button.setToolTip("Issue the certificates of this exercise")
        self.certificates_button.clicked.connect(self.issue_certificates)
        new_button.clicked.connect(self.new_exercise)
        edit_button.clicked.connect(self.edit_selected)
        filters = QHBoxLayout()
        for label, combo in (
            ("&Year", self.year),
            ("&Status", self.status),
            ("Si&te", self.site),
            ("&Key area", self.key_area),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
        filters.addStretch()
        filters.addWidget(new_button)
        filters.addWidget(edit_button)
        filters.addWidget(self.attendance_button)
        filters.addWidget(self.certificates_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            _panel(self.sessions_table, [self.generate_button, self.edit_session_button]),
            "Sessions",
        )
        self.tabs.addTab(
            _panel(
                self.enrolments_table,
                [
                    self.add_people_button,
                    self.remove_button,
                    self.role_choice,
                    self.status_choice,
                    self.apply_role_button,
                ],
            ),
            "Enrolments",
        )
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_caption)
        lower_layout.addWidget(self.tabs)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(filters)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        chain_tab_order(
            self.year,
            self.status,
            self.site,
            self.key_area,
            new_button,
            edit_button,
            self.attendance_button,
            self.certificates_button,
            self.table,
            self.tabs,
            self.generate_button,
            self.edit_session_button,
            self.sessions_table,
            self.add_people_button,
            self.remove_button,
            self.role_choice,
            self.status_choice,
            self.apply_role_button,
            self.enrolments_table,
        )

    def _connect(self) -> None:
        self.year.currentIndexChanged.connect(lambda _index: self.reload_rows())
        self.status.currentIndexChanged.connect(lambda _index: self.reload_rows())
        self.site.currentIndexChanged.connect(lambda _index: self.reload_rows())
        self.key_area.currentIndexChanged.connect(lambda _index: self.reload_rows())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.generate_button.clicked.connect(self.generate_sessions)
        self.edit_session_button.clicked.connect(self.edit_session)
        self.sessions_table.doubleClicked.connect(lambda _index: self.edit_session())
        self.add_people_button.clicked.connect(self.add_people)
        self.remove_button.clicked.connect(self.remove_enrolments)
        self.apply_role_button.clicked.connect(self.set_role_and_status)
        for keys, owner, slot in (
            (QKeySequence(QKeySequence.StandardKey.New), self, self.new_exercise),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected),
            (QKeySequence("Ctrl+T"), self, self.open_attendance),
            (QKeySequence(Qt.Key.Key_Return), self.sessions_table, self.edit_session),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected),
            (
                QKeySequence(QKeySequence.StandardKey.Delete),
                self.enrolments_table,
                self.remove_enrolments,
            ),
        ):
            shortcut = QShortcut(keys, owner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def reload(self) -> None:
        """Refresh the year choices and the list."""
        years = self._services.exercises.years()
        current = self.year.currentText()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItems([ANY, *(str(y) for y in years)])
        self.year.setCurrentText(current)
        self.year.blockSignals(False)
        chosen_site = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        self.site.addItem(ANY, None)
        for site in self._services.reference.list_sites():
            self.site.addItem(f"{site.code} — {site.name}", str(site.id))
        self.site.setCurrentIndex(max(self.site.findData(chosen_site), 0))
        self.site.blockSignals(False)
        self.reload_rows()

    def show_filtered(self, year: int | None = None, status: ExerciseStatus | None = None) -> None:
        """Show the list narrowed to a year and status (from the dashboard)."""
        self.year.setCurrentText(str(year) if year else ANY)
        self.status.setCurrentText(status.value if status else ANY)
        self.reload_rows()

    def reload_rows(self, keep: uuid.UUID | None = None) -> None:
        """Query the exercises for the chosen filters, keeping the selection if possible."""
        current = self.selected()
        keep = keep or (current.id if current else None)
        year = self.year.currentText()
        status = self.status.currentText()
        site, area = self.site.currentData(), self.key_area.currentData()
        rows = self._services.exercises.find(
            year=int(year) if year not in ("", ANY) else None,
            status=ExerciseStatus(status) if status != ANY else None,
            site_id=uuid.UUID(site) if site else None,
            key_area=KeyArea(area) if area else None,
        )
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows):,} exercise(s)")
        position = next((n for n, row in enumerate(rows) if row.id == keep), None)
        if position is not None:
            self.table.selectRow(position)
        else:
            self._show_detail(None)

    def open_attendance(self) -> None:
        """Ctrl+T: the attendance grid of the selected exercise."""
        exercise = self.selected()
        if exercise is not None:
            self._take_attendance(exercise.id)

    def issue_certificates(self) -> None:
        """The issue dialog of the Certificates screen, for the selected exercise."""
        exercise = self.selected()
        if exercise is not None:
            self._issue_certificates(exercise.id)

    def selected(self) -> ExerciseRecord | None:
        """The exercise of the selected row."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def new_exercise(self) -> None:
        """Ctrl+N: the form, then an undoable create."""
        dialog = self._dialog(None, [])
        if dialog.exec() and dialog.result_draft is not None:
            self._push(
                SaveExercise(
                    self._services.exercises,
                    (dialog.result_draft, dialog.covered_modules()),
                    None,
                    self._changed,
                    self._editing.show_error,
                )
            )

    def edit_selected(self) -> None:
        """Enter or double-click: the form, then an undoable edit."""
        exercise = self.selected()
        if exercise is None:
            return
        covered = self._services.exercises.module_ids(exercise.id)
        dialog = self._dialog(exercise, covered)
        if dialog.exec() and dialog.result_draft is not None:
            after = (dialog.result_draft, dialog.covered_modules())
            if after != (exercise.draft(), covered):
                self._push(
                    SaveExercise(
                        self._services.exercises,
                        after,
                        (exercise.id, exercise.draft(), covered),
                        self._changed,
                        self._editing.show_error,
                    )
                )

    def delete_selected(self) -> None:
        """Delete: asks first; undoable."""
        exercise = self.selected()
        if exercise is None:
            return
        if confirm_delete(self, "Delete exercise", f"{exercise.code} ({exercise.title})"):
            self._push(
                DeleteExercise(
                    self._services.exercises,
                    exercise.id,
                    exercise.code,
                    self._changed,
                    self._editing.show_error,
                )
            )

    def generate_sessions(self) -> None:
        """One session per day of the selected exercise, undoable."""
        exercise = self.selected()
        if exercise is not None:
            self._push(
                GenerateSessions(
                    self._services.exercises, exercise.id, self._changed, self._editing.show_error
                )
            )

    def add_people(self) -> None:
        """The picker, then an undoable enrolment of everyone chosen."""
        exercise = self.selected()
        if exercise is None:
            return
        enrolled = {e.person_id for e in self._services.enrolments.for_exercise(exercise.id)}
        candidates = [p for p in self._services.people.table_rows() if p.id not in enrolled]
        picker = PeoplePicker(candidates, self)
        if picker.exec() and picker.chosen():
            self._push(
                EnrolPeople(
                    self._services.enrolments,
                    exercise.id,
                    picker.chosen(),
                    picker.chosen_role(),
                    self._changed,
                    self._editing.show_error,
                )
            )

    def remove_enrolments(self) -> None:
        """Take the selected people out of the exercise, each undoable."""
        rows = sorted({i.row() for i in self.enrolments_table.selectionModel().selectedRows()})
        chosen = [self.enrolments_model.row_at(row) for row in rows]
        if not chosen:
            return
        what = (
            f"the enrolment of {chosen[0].person_name}"
            if len(chosen) == 1
            else f"the enrolments of {len(chosen)} people"
        )
        if not confirm_delete(self, "Remove from the exercise", what):
            return
        self._editing.undo_stack.beginMacro(f"Remove {len(chosen)} person(s)")
        for enrolment in chosen:
            self._push(
                RemoveEnrolment(
                    self._services.enrolments, enrolment, self._changed, self._editing.show_error
                )
            )
        self._editing.undo_stack.endMacro()

    def edit_session(self) -> None:
        """Enter or double-click on a session: its form, then an undoable edit."""
        exercise = self.selected()
        rows = self.sessions_table.selectionModel().selectedRows()
        if exercise is None or not rows:
            return
        session = self.sessions_model.row_at(rows[0].row())
        covered = set(self._services.exercises.module_ids(exercise.id))
        modules = [m for m in self._joint_modules() if not covered or m.id in covered]
        trainers = [
            e for e in self._services.enrolments.for_exercise(exercise.id) if e.role is Role.TRAINER
        ]
        dialog = SessionDialog(
            session.draft(), exercise.start_date, exercise.end_date, modules, trainers, self
        )
        if dialog.exec() and dialog.result_draft not in (None, session.draft()):
            assert dialog.result_draft is not None
            self._push(
                EditSession(
                    self._services.exercises,
                    session,
                    dialog.result_draft,
                    self._changed,
                    self._editing.show_error,
                )
            )

    def set_role_and_status(self) -> None:
        """Give the selected people the chosen role and status, as one undoable step."""
        rows = sorted({i.row() for i in self.enrolments_table.selectionModel().selectedRows()})
        role = Role(self.role_choice.currentData())
        status = EnrolmentStatus(self.status_choice.currentData())
        chosen = [
            e
            for e in (self.enrolments_model.row_at(row) for row in rows)
            if (e.role, e.status) != (role, status)
        ]
        if not chosen:
            return
        self._editing.undo_stack.beginMacro(f"Set {len(chosen)} person(s) to {role.value}")
        for enrolment in chosen:
            self._push(
                UpdateEnrolment(
                    self._services.enrolments,
                    enrolment,
                    role,
                    status,
                    self._changed,
                    self._editing.show_error,
                )
            )
        self._editing.undo_stack.endMacro()

    def _dialog(self, exercise: ExerciseRecord | None, covered: list[uuid.UUID]) -> ExerciseDialog:
        return ExerciseDialog(
            self._services.reference.list_sites(),
            self._services.reference.list_projects(),
            self._joint_modules(),
            exercise.draft() if exercise else None,
            covered,
            self,
        )

    def _joint_modules(self) -> list[ModuleRecord]:
        curricula = self._services.curricula
        return [
            module
            for curriculum in curricula.find()
            if curriculum.kind is CurriculumKind.JOINT
            for module in curricula.modules(curriculum.id)
        ]

    def _push(self, command: QUndoCommand) -> None:
        self._editing.undo_stack.push(command)

    def _changed(self, exercise_id: uuid.UUID) -> None:
        """Show one changed exercise in place; only a newly shown one needs the list again."""
        position = next(
            (n for n, row in enumerate(self.model.rows()) if row.id == exercise_id), None
        )
        try:
            fresh = self._services.exercises.get(exercise_id)
        except NotFound:
            fresh = None
        if position is None:
            self.reload_rows(keep=exercise_id if fresh else None)
        elif fresh is None:
            self.model.remove_row(position)
            self.count.setText(f"{self.model.rowCount():,} exercise(s)")
        else:
            self.model.replace_row(position, fresh)
            self.table.selectRow(position)
            self._show_detail(fresh)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected())

    def _show_detail(self, exercise: ExerciseRecord | None) -> None:
        for button in (
            self.generate_button,
            self.edit_session_button,
            self.add_people_button,
            self.remove_button,
            self.apply_role_button,
            self.attendance_button,
            self.certificates_button,
        ):
            button.setEnabled(exercise is not None)
        if exercise is None:
            self.sessions_model.set_rows([])
            self.enrolments_model.set_rows([])
            self.detail_caption.setText("Select an exercise to see its sessions and enrolments.")
            return
        self.sessions_model.set_rows(self._services.exercises.sessions(exercise.id))
        self.enrolments_model.set_rows(self._services.enrolments.for_exercise(exercise.id))
        self.detail_caption.setText(f"{exercise.code}: {exercise.title}")


def _panel(table: QTableView, controls: list[QWidget]) -> QWidget:
    panel = QWidget()
    row = QHBoxLayout()
    for control in controls:
        row.addWidget(control)
    row.addStretch()
    layout = QVBoxLayout(panel)
    layout.addLayout(row)
    layout.addWidget(table)
    return panel
