"""Attendance: the grid of marks, the test scores, sign-off, and the paper that goes with them."""

import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import AttendanceStatus
from trainingdesk.domain.errors import NotFound
from trainingdesk.domain.records import AssessmentDraft, GridSession, MarkChange
from trainingdesk.services.container import Services
from trainingdesk.ui.commands import Editing
from trainingdesk.ui.commands_attendance import LockSession, SetMarks, SetScores, UnlockSession
from trainingdesk.ui.models.attendance import STATUS_NAMES, AttendanceGridModel
from trainingdesk.ui.models.scores import ScoresModel
from trainingdesk.ui.views.attendance_files import AttendanceFiles
from trainingdesk.ui.views.forms import chain_tab_order
from trainingdesk.ui.views.mark_grid import CYCLE, MarkGrid, ScoreGrid

NO_EXERCISE = "Choose an exercise above, or press Ctrl+T on the Exercises screen."


class AttendanceView(QWidget):
    """One exercise at a time: marks typed at speed, each committed before the next key."""

    def __init__(self, services: Services, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._editing = editing
        self.exercise_id: uuid.UUID | None = None
        self._stale = False
        self.exercise_choice = QComboBox()
        self.exercise_choice.setEditable(True)
        self.exercise_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.exercise_choice.setAccessibleName("Exercise")
        self.exercise_choice.setMinimumWidth(420)
        completer = QCompleter(self.exercise_choice.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.exercise_choice.setCompleter(completer)
        self.model = AttendanceGridModel(self)
        self.table = MarkGrid(self.set_status, self.cycle_status, self.clear_selection)
        self.table.setModel(self.model)
        self.scores_model = ScoresModel(self._scores_edited, self)
        self.scores_table = ScoreGrid()
        self.scores_table.setModel(self.scores_model)
        for column, width in enumerate((220, 220, 80, 80, 60, 90)):
            self.scores_table.setColumnWidth(column, width)
        self.message = QLabel(NO_EXERCISE)
        self.message.setWordWrap(True)
        self.present_button = QPushButton("Mark selection &present")
        self.present_button.setToolTip("Ctrl+Shift+P")
        self.fill_choice = QComboBox()
        self.fill_choice.setAccessibleName("Status for unmarked cells")
        for status in AttendanceStatus:
            self.fill_choice.addItem(STATUS_NAMES[status], status.value)
        self.fill_button = QPushButton("Set &unmarked in this session")
        self.remark_button = QPushButton("&Remark…")
        self.remark_button.setToolTip("F2")
        self.lock_button = QPushButton("Sign &off session")
        self.unlock_button = QPushButton("Re&open session…")
        self.files = AttendanceFiles(self, services, self._import_changes, self.message.setText)
        self.tabs = QTabWidget()
        self._build_layout()
        self._connect()
        self._show_controls()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        caption = QLabel("Exer&cise")
        caption.setBuddy(self.exercise_choice)
        top.addWidget(caption)
        top.addWidget(self.exercise_choice, stretch=1)
        top.addWidget(self.files.sheet_button)
        top.addWidget(self.files.import_button)
        top.addWidget(self.files.export_button)
        actions = QHBoxLayout()
        for widget in (
            self.present_button,
            self.fill_choice,
            self.fill_button,
            self.remark_button,
            self.lock_button,
            self.unlock_button,
        ):
            actions.addWidget(widget)
        actions.addStretch()
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.addLayout(actions)
        grid_layout.addWidget(self.table)
        self.tabs.addTab(grid_page, "&Attendance")
        self.tabs.addTab(self.scores_table, "Test &scores")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        chain_tab_order(
            self.exercise_choice,
            self.files.sheet_button,
            self.files.import_button,
            self.files.export_button,
            self.tabs,
            self.present_button,
            self.fill_choice,
            self.fill_button,
            self.remark_button,
            self.lock_button,
            self.unlock_button,
            self.table,
        )

    def _connect(self) -> None:
        self.exercise_choice.activated.connect(self._exercise_chosen)
        self.present_button.clicked.connect(lambda: self.set_selection(AttendanceStatus.PRESENT))
        self.fill_button.clicked.connect(self.fill_unmarked)
        self.remark_button.clicked.connect(self.edit_remark)
        self.lock_button.clicked.connect(self.lock_current_session)
        self.unlock_button.clicked.connect(self.unlock_current_session)
        self.table.doubleClicked.connect(lambda _index: self.edit_remark())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda point: self._show_cell_menu(self.table.indexAt(point), point)
        )
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_controls())
        self.scores_model.rejected.connect(self.message.setText)
        for keys, slot in (
            ("Ctrl+Shift+P", lambda: self.set_selection(AttendanceStatus.PRESENT)),
            ("F2", self.edit_remark),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    # -- choosing an exercise ------------------------------------------------------

    def reload(self) -> None:
        """Refresh the exercise choices and the grid shown."""
        self.exercise_choice.blockSignals(True)
        self.exercise_choice.clear()
        for label in self._services.exercises.labels():
            self.exercise_choice.addItem(label.text(), str(label.id))
        self.exercise_choice.blockSignals(False)
        if self.exercise_id is not None:
            self.open_exercise(self.exercise_id)
        else:
            self.exercise_choice.setCurrentIndex(-1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Coming back to the screen: people or sessions may have changed meanwhile."""
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """While another screen is shown, the exercise may change there."""
        super().hideEvent(event)
        self._stale = True

    def open_exercise(self, exercise_id: uuid.UUID) -> None:
        """Show an exercise's grid and scores; the current cell stays where it was if it can."""
        self._stale = False
        place = self.table.currentIndex()
        keep = place if exercise_id == self.exercise_id and place.isValid() else None
        keep_row, keep_column = (keep.row(), keep.column()) if keep else (0, -1)
        try:
            grid = self._services.grid.grid(exercise_id)
        except NotFound:
            self.exercise_id = None
            self.model.load(None)
            self.scores_model.load((), {})
            self.exercise_choice.setCurrentIndex(-1)
            self.message.setText("That exercise has been deleted. " + NO_EXERCISE)
            self._show_controls()
            return
        self.exercise_id = exercise_id
        self.model.load(grid)
        scores = {
            record.person_id: AssessmentDraft(
                record.pre_test, record.post_test, record.satisfaction
            )
            for record in self._services.attendance.assessments(exercise_id)
        }
        self.scores_model.load(grid.participants, scores)
        self.exercise_choice.setCurrentIndex(self.exercise_choice.findData(str(exercise_id)))
        self._size_columns()
        if self.model.participant_count() and grid.sessions:
            row = min(keep_row, self.model.participant_count() - 1)
            column = keep_column if keep_column >= 0 else self.model.session_column(0)
            self.table.setCurrentIndex(
                self.model.index(row, min(column, self.model.columnCount() - 1))
            )
        self.message.setText(
            f"{grid.exercise.code}: {len(grid.participants)} participant(s), "
            f"{len(grid.sessions)} session(s). Type P, L, E or A; Space cycles; Delete clears."
            if grid.participants and grid.sessions
            else f"{grid.exercise.code} needs participants and sessions before attendance: "
            "add them on the Exercises screen."
        )
        self._show_controls()

    def _exercise_chosen(self, index: int) -> None:
        data = self.exercise_choice.itemData(index)
        if data:
            self.open_exercise(uuid.UUID(data))
            self.table.setFocus()

    def _size_columns(self) -> None:
        for column, width in enumerate((190, 170, 70, 60)):
            self.table.setColumnWidth(column, width)
        share = self.model.share_column()
        self.table.setColumnWidth(share, 70)
        self.table.setColumnWidth(share + 1, 80)
        for number in range(len(self.model.grid.sessions) if self.model.grid else 0):
            self.table.setColumnWidth(self.model.session_column(number), 66)

    # -- marks ------------------------------------------------------------------------

    def set_status(self, status: AttendanceStatus) -> None:
        """P, L, E or A: mark the current cell, then go to the next participant."""
        index = self.table.currentIndex()
        if self._change([index], lambda _old: status, f"Mark {STATUS_NAMES[status]}"):
            self.table.move_down()

    def cycle_status(self) -> None:
        """Space: blank → P → L → E → A → blank."""
        index = self.table.currentIndex()

        def following(old: AttendanceStatus | None) -> AttendanceStatus | None:
            return CYCLE[(CYCLE.index(old) + 1) % len(CYCLE)]

        self._change([index], following, "Change mark")

    def clear_selection(self) -> None:
        """Delete: clear the selected cells."""
        self._change(self.table.mark_cells(), lambda _old: None, "Clear marks")

    def set_selection(self, status: AttendanceStatus) -> None:
        """Ctrl+Shift+P: everyone selected (a whole column, say) gets the status."""
        self._change(
            self.table.mark_cells(), lambda _old: status, f"Mark selection {STATUS_NAMES[status]}"
        )

    def fill_unmarked(self) -> None:
        """Give every participant not yet marked in the current session the chosen status."""
        session = self._current_session()
        if session is None:
            self.message.setText("Click a cell of the session to fill first.")
            return
        status = AttendanceStatus(self.fill_choice.currentData())
        column = self.table.currentIndex().column()
        cells = [
            self.model.index(row, column)
            for row in range(self.model.participant_count())
            if self.model.mark(session.id, self.model.participant_at(row).person_id) is None  # type: ignore[union-attr]
        ]
        if not cells:
            self.message.setText(f"Everyone is already marked in session {session.number}.")
            return
        self._change(
            cells,
            lambda _old: status,
            f"Mark {len(cells)} unmarked in session {session.number} {STATUS_NAMES[status]}",
        )

    def edit_remark(self) -> None:
        """F2 or double-click: a remark on the current cell (it keeps its status)."""
        cell = self.model.cell(self.table.currentIndex())
        if cell is None:
            return
        session, participant = cell
        mark = self.model.mark(session.id, participant.person_id)
        if mark is None:
            self.message.setText("Give the cell a mark first; a remark explains a mark.")
            return
        if self._refuse_locked(session):
            return
        remark, accepted = QInputDialog.getText(
            self,
            "Remark",
            f"Remark for {participant.full_name}, session {session.number}:",
            text=mark.remark,
        )
        if accepted and remark.strip() != mark.remark:
            self._push_marks(
                [MarkChange(session.id, participant.person_id, mark.status, remark.strip())],
                "Change remark",
            )

    def cell_menu(self, index: QModelIndex) -> QMenu | None:
        """What a right-click on a mark cell offers: the keyboard's actions, for the mouse."""
        if self.model.cell(index) is None:
            return None
        if not self.table.selectionModel().isSelected(index):
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        for status in AttendanceStatus:
            action = menu.addAction(f"{STATUS_NAMES[status].capitalize()}\t{status.value}")
            action.triggered.connect(lambda _=False, chosen=status: self.set_selection(chosen))
        menu.addAction("Clear\tDelete").triggered.connect(lambda _=False: self.clear_selection())
        menu.addSeparator()
        menu.addAction("Remark…\tF2").triggered.connect(lambda _=False: self.edit_remark())
        return menu

    def _show_cell_menu(self, index: QModelIndex, point: QPoint) -> None:
        menu = self.cell_menu(index)
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(point))

    def _change(
        self,
        indexes: list[QModelIndex],
        new_status: Callable[[AttendanceStatus | None], AttendanceStatus | None],
        text: str,
    ) -> bool:
        changes: list[MarkChange] = []
        for index in indexes:
            cell = self.model.cell(index)
            if cell is None:
                continue
            session, participant = cell
            if self._refuse_locked(session):
                return False
            mark = self.model.mark(session.id, participant.person_id)
            old = mark.status if mark else None
            status = new_status(old)
            if status != old:
                remark = mark.remark if mark and status is not None else ""
                changes.append(MarkChange(session.id, participant.person_id, status, remark))
        if not changes:
            return any(self.model.cell(index) is not None for index in indexes)
        return self._push_marks(changes, text)

    def _push_marks(self, changes: list[MarkChange], text: str) -> bool:
        command = SetMarks(
            self._services.grid, changes, text, self.model.apply, self._editing.show_error
        )
        self._editing.undo_stack.push(command)
        return not command.isObsolete()

    def _import_changes(self, changes: list[MarkChange], source: str) -> None:
        self._push_marks(changes, f"Import {len(changes)} mark(s) from {source}")

    def _refuse_locked(self, session: GridSession) -> bool:
        if not session.locked:
            return False
        self.message.setText(
            f"Session {session.number} was signed off by {session.locked_by}; "
            "reopen it (with a reason) to change its marks."
        )
        return True

    # -- sign-off ------------------------------------------------------------------

    def lock_current_session(self) -> None:
        """Sign off the session of the current column."""
        session = self._current_session()
        if session is None or session.locked:
            return
        self._editing.undo_stack.push(
            LockSession(
                self._services.grid, session, self._session_changed, self._editing.show_error
            )
        )

    def unlock_current_session(self) -> None:
        """Reopen a signed-off session, asking why (the reason goes to the audit log)."""
        session = self._current_session()
        if session is None or not session.locked:
            return
        reason, accepted = QInputDialog.getText(
            self,
            "Reopen a signed-off session",
            f"Why must session {session.number} ({session.day:%d %b %Y}) change?",
        )
        if not accepted:
            return
        if not reason.strip():
            self.message.setText("A signed-off session is reopened only with a reason.")
            return
        self._editing.undo_stack.push(
            UnlockSession(
                self._services.grid,
                session,
                reason,
                self._session_changed,
                self._editing.show_error,
            )
        )

    def _session_changed(self, session: GridSession) -> None:
        self.model.replace_session(session)
        self._show_controls()

    def _current_session(self) -> GridSession | None:
        return self.model.session_at(self.table.currentIndex().column())

    def _show_controls(self) -> None:
        session = self._current_session()
        has_grid = self.model.participant_count() > 0
        for button in (self.present_button, self.fill_button, self.remark_button):
            button.setEnabled(has_grid and session is not None and not session.locked)
        self.lock_button.setEnabled(session is not None and not session.locked)
        self.unlock_button.setEnabled(session is not None and session.locked)
        self.files.enable(self.exercise_id, session)

    # -- scores ----------------------------------------------------------------------

    def _scores_edited(
        self, person_id: uuid.UUID, before: AssessmentDraft, after: AssessmentDraft
    ) -> None:
        if self.exercise_id is None:
            return
        self._editing.undo_stack.push(
            SetScores(
                self._services.attendance,
                self.exercise_id,
                person_id,
                before,
                after,
                self._scores_stored,
                self._editing.show_error,
            )
        )

    def _scores_stored(self, person_id: uuid.UUID, draft: AssessmentDraft) -> None:
        self.scores_model.show_scores(person_id, draft)
        self.model.set_post_test(person_id, draft.post_test)  # completion may hang on it
        self.message.setText("Scores saved.")
