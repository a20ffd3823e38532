"""Curricula: edit the versions and their modules, and look at the crosswalk, who has covered
what and how far each agency has come."""

import uuid
from collections.abc import Callable
from dataclasses import fields

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import CurriculumStatus
from trainingdesk.domain.records import CurriculumDraft, CurriculumRecord, ModuleDraft
from trainingdesk.services.container import Services
from trainingdesk.ui.commands import Editing
from trainingdesk.ui.commands_curricula import (
    CopyCurriculumVersion,
    DeleteCurriculum,
    DeleteModule,
    MoveModule,
    SaveCurriculum,
    SaveModule,
)
from trainingdesk.ui.models.curricula import (
    CURRICULUM_NUMBERS,
    AlignedTableModel,
    ModuleRow,
    ModuleTableModel,
    curriculum_columns,
    hours,
)
from trainingdesk.ui.views.curriculum_crosswalk import CrosswalkView
from trainingdesk.ui.views.curriculum_files import CurriculumFiles
from trainingdesk.ui.views.curriculum_forms import (
    CurriculumDialog,
    ModuleDialog,
    NewVersionDialog,
    curriculum_name,
)
from trainingdesk.ui.views.curriculum_record import AgencyCoverageView, CompetencyRecordView
from trainingdesk.ui.views.forms import chain_tab_order, confirm_delete
from trainingdesk.ui.views.tables import record_table

ShowError = Callable[[str, str], None]


class CurriculaView(QWidget):
    """Four tabs: curricula and modules (editable), crosswalk, competency record, agencies."""

    def __init__(
        self,
        services: Services,
        editing: Editing,
        show_error: ShowError,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._curricula = services.curricula
        self._editing = editing
        self._show_error = show_error
        self._agency_names: dict[uuid.UUID, str] = {}
        self.files = CurriculumFiles(
            self, services.curricula, self._say, self._imported, show_error
        )
        self.curricula_model = AlignedTableModel(
            curriculum_columns(lambda agency_id: self._agency_names.get(agency_id, "")),
            CURRICULUM_NUMBERS,
            self,
        )
        self.modules_model = ModuleTableModel(self)
        self.curricula_table = record_table(
            self.curricula_model, (120, 60, 70, 70, 70, 90, 90, 65, 55, 85)
        )
        self.modules_table = record_table(self.modules_model, (40, 90, 280, 240, 50, 130))
        self._allow_dragging()
        self.modules_caption = QLabel()
        self.module_detail = QLabel()
        self.module_detail.setWordWrap(True)
        self.module_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.crosswalk = CrosswalkView(
            services.curricula, editing, show_error, lambda: services.certificates.settings().logos
        )
        self.record = CompetencyRecordView(services)
        self.coverage = AgencyCoverageView(services.curricula)
        self.tabs = QTabWidget()
        self.editor = self._editor()
        self.tabs.addTab(self.editor, "Curricula and &modules")
        self.tabs.addTab(self.crosswalk, "Cro&sswalk")
        self.tabs.addTab(self.record, "Competenc&y record")
        self.tabs.addTab(self.coverage, "A&gency coverage")
        self.tabs.currentChanged.connect(lambda _index: self._reload_shown_tab())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._connect()

    def _allow_dragging(self) -> None:
        table = self.modules_table
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragDropOverwriteMode(False)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setToolTip("Drag a module, or press Ctrl+Up and Ctrl+Down, to change the order")

    def _editor(self) -> QWidget:
        self.new_button = QPushButton("&New curriculum…")
        self.edit_button = QPushButton("Ed&it…")
        self.version_button = QPushButton("New ve&rsion…")
        self.version_button.setToolTip("Copy the selected curriculum into a new draft version")
        self.delete_button = QPushButton("&Delete")
        self.import_button = QPushButton("Im&port…")
        self.export_button = QPushButton("E&xport…")
        self.add_module_button = QPushButton("&Add module…")
        self.edit_module_button = QPushButton("Edit m&odule…")
        self.delete_module_button = QPushButton("De&lete module")
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setToolTip("Ctrl+Down")
        top = _row(
            self.new_button,
            self.edit_button,
            self.version_button,
            self.delete_button,
            None,
            self.import_button,
            self.export_button,
        )
        upper = _column(top, self.curricula_table)
        module_row = _row(
            self.modules_caption,
            None,
            self.add_module_button,
            self.edit_module_button,
            self.delete_module_button,
            self.up_button,
            self.down_button,
        )
        lower = _column(module_row, self.modules_table, self.module_detail)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([260, 440])
        chain_tab_order(
            self.new_button,
            self.edit_button,
            self.version_button,
            self.delete_button,
            self.import_button,
            self.export_button,
            self.curricula_table,
            self.add_module_button,
            self.edit_module_button,
            self.delete_module_button,
            self.up_button,
            self.down_button,
            self.modules_table,
        )
        return _column(self.splitter, self.message)

    def _connect(self) -> None:
        for button, slot in (
            (self.new_button, self.new_curriculum),
            (self.edit_button, self.edit_curriculum),
            (self.version_button, self.new_version),
            (self.delete_button, self.delete_curriculum),
            (self.import_button, self.import_curriculum),
            (self.export_button, self.export_curriculum),
            (self.add_module_button, self.add_module),
            (self.edit_module_button, self.edit_module),
            (self.delete_module_button, self.delete_module),
            (self.up_button, lambda: self.move_module(-1)),
            (self.down_button, lambda: self.move_module(+1)),
        ):
            button.clicked.connect(lambda _=False, act=slot: act())
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self.editor)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_curriculum)
        _table_keys(
            self.curricula_table, self.edit_curriculum, self.delete_curriculum, self.new_curriculum
        )
        _table_keys(self.modules_table, self.edit_module, self.delete_module, self.add_module)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", +1)):
            move = QShortcut(QKeySequence(keys), self.modules_table)
            move.setContext(Qt.ShortcutContext.WidgetShortcut)
            move.activated.connect(lambda by=step: self.move_module(by))
        self.curricula_table.doubleClicked.connect(lambda _index: self.edit_curriculum())
        self.modules_table.doubleClicked.connect(lambda _index: self.edit_module())
        self.curricula_table.selectionModel().selectionChanged.connect(self._curriculum_selected)
        self.modules_table.selectionModel().selectionChanged.connect(self._module_selected)
        self.modules_model.move_requested.connect(self._dropped)

    # Reading

    def reload(self, keep: uuid.UUID | None = None) -> None:
        """Read the curricula again, keeping (or choosing) the selected one; refresh the tab."""
        current = self.selected()
        keep = keep or (current.id if current else None)
        self._agency_names = {a.id: a.acronym for a in self._services.reference.list_agencies()}
        rows = self._curricula.find()
        self.curricula_model.set_rows(rows)
        position = next((n for n, row in enumerate(rows) if row.id == keep), None)
        if position is None and rows:
            # First the curricula in use: a retired version is history.
            position = next(
                (n for n, row in enumerate(rows) if row.status is not CurriculumStatus.RETIRED), 0
            )
        if position is not None:
            self.curricula_table.selectRow(position)
        self._show_modules(self.selected())
        self._reload_shown_tab()

    def _reload_shown_tab(self) -> None:
        for tab in (self.crosswalk, self.record, self.coverage):
            if self.tabs.currentWidget() is tab:
                tab.reload()

    def selected(self) -> CurriculumRecord | None:
        """The curriculum of the selected row."""
        rows = self.curricula_table.selectionModel().selectedRows()
        return self.curricula_model.row_at(rows[0].row()) if rows else None

    def selected_module(self) -> ModuleRow | None:
        """The module of the selected row."""
        rows = self.modules_table.selectionModel().selectedRows()
        return self.modules_model.row_at(rows[0].row()) if rows else None

    def _curriculum_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_modules(self.selected())

    def _show_modules(
        self, curriculum: CurriculumRecord | None, keep: uuid.UUID | None = None
    ) -> None:
        for button in (
            self.edit_button,
            self.version_button,
            self.delete_button,
            self.export_button,
            self.add_module_button,
        ):
            button.setEnabled(curriculum is not None)
        if curriculum is None:
            self.modules_model.set_rows([])
            self.modules_caption.setText("Select a curriculum to see its modules.")
            self._module_selected()
            return
        modules = self._curricula.modules(curriculum.id)
        self.modules_model.set_rows(
            [ModuleRow(m, tuple(self._curricula.module_competencies(m.id))) for m in modules]
        )
        self.modules_caption.setText(
            f"Modules of {curriculum_name(curriculum)} ({curriculum.status.value}): "
            f"{curriculum.title}"
        )
        position = self.modules_model.position_of(keep) if keep else None
        if position is not None:
            self.modules_table.selectRow(position)
        self._module_selected()

    def _module_selected(self, *_args: object) -> None:
        row = self.selected_module()
        for button in (self.edit_module_button, self.delete_module_button):
            button.setEnabled(row is not None)
        # The place in the table, not the stored position: a deletion leaves gaps in those.
        place = self.modules_model.position_of(row.module.id) if row is not None else None
        last = self.modules_model.rowCount() - 1
        self.up_button.setEnabled(place is not None and place > 0)
        self.down_button.setEnabled(place is not None and place < last)
        if row is None:
            self.module_detail.setText("")
            return
        objectives = row.module.objectives.replace("\n", "; ") or "none recorded"
        competencies = ", ".join(c.title_en for c in row.competencies) or "none chosen"
        self.module_detail.setText(
            f"{row.module.code} — objectives: {objectives}. Competencies: {competencies}."
        )

    # Curricula

    def _taken(self, own: uuid.UUID | None = None) -> set[tuple[str, str]]:
        return {(c.code.upper(), c.version) for c in self.curricula_model.rows() if c.id != own}

    def new_curriculum(self) -> None:
        """Ctrl+N: the form, then an undoable create."""
        dialog = CurriculumDialog(
            self._services.reference.list_agencies(), self._taken(), None, self
        )
        if dialog.exec() and dialog.result_draft is not None:
            self._push(
                SaveCurriculum(
                    self._curricula, dialog.result_draft, None, self._changed, self._error
                )
            )

    def edit_curriculum(self) -> None:
        """Enter or double-click: the form (status and dates included), then an undoable edit."""
        curriculum = self.selected()
        if curriculum is None:
            return
        before = _draft(curriculum)
        dialog = CurriculumDialog(
            self._services.reference.list_agencies(), self._taken(curriculum.id), before, self
        )
        if dialog.exec() and dialog.result_draft not in (None, before):
            assert dialog.result_draft is not None
            self._push(
                SaveCurriculum(
                    self._curricula,
                    dialog.result_draft,
                    (curriculum.id, before),
                    self._changed,
                    self._error,
                )
            )

    def new_version(self) -> None:
        """Copy the selected curriculum into a new draft version; the old one stays."""
        curriculum = self.selected()
        if curriculum is None:
            return
        dialog = NewVersionDialog(curriculum, self._taken(), self)
        if dialog.exec() and dialog.chosen is not None:
            version, title = dialog.chosen
            self._push(
                CopyCurriculumVersion(
                    self._curricula,
                    curriculum.id,
                    version,
                    title,
                    curriculum.code,
                    self._changed,
                    self._error,
                )
            )

    def delete_curriculum(self) -> None:
        """Delete: asks first; undoable. Exercises keep the modules they delivered."""
        curriculum = self.selected()
        if curriculum is None:
            return
        what = f"curriculum {curriculum_name(curriculum)} with its {curriculum.modules} module(s)"
        if confirm_delete(self, "Delete curriculum", what):
            self._push(
                DeleteCurriculum(
                    self._curricula,
                    curriculum.id,
                    curriculum_name(curriculum),
                    self._changed,
                    self._error,
                )
            )

    def _changed(self, curriculum_id: uuid.UUID | None) -> None:
        self.reload(keep=curriculum_id)

    # Modules

    def add_module(self) -> None:
        """The module form, then an undoable add at the end of the curriculum."""
        curriculum = self.selected()
        if curriculum is None:
            return
        dialog = ModuleDialog(self._curricula.competencies(), self._codes(None), parent=self)
        if dialog.exec() and dialog.result_draft is not None:
            content = (dialog.result_draft, dialog.chosen_competencies())
            self._push(
                SaveModule(
                    self._curricula, curriculum.id, content, None, self._module_changed, self._error
                )
            )

    def edit_module(self) -> None:
        """Enter or double-click on a module: its form, then an undoable edit."""
        curriculum, row = self.selected(), self.selected_module()
        if curriculum is None or row is None:
            return
        module = row.module
        before = (module.id, _module_draft(row), [c.id for c in row.competencies])
        dialog = ModuleDialog(
            self._curricula.competencies(), self._codes(module.id), before[1], before[2], self
        )
        if not dialog.exec() or dialog.result_draft is None:
            return
        after = (dialog.result_draft, dialog.chosen_competencies())
        if dialog.changed():
            self._push(
                SaveModule(
                    self._curricula, curriculum.id, after, before, self._module_changed, self._error
                )
            )

    def delete_module(self) -> None:
        """Delete the selected module: asks first; undoable."""
        curriculum, row = self.selected(), self.selected_module()
        if curriculum is None or row is None:
            return
        module = row.module
        if confirm_delete(self, "Delete module", f"module {module.code} ({module.title_en})"):
            self._push(
                DeleteModule(
                    self._curricula,
                    curriculum.id,
                    module.id,
                    module.code,
                    self._module_changed,
                    self._error,
                )
            )

    def move_module(self, step: int) -> None:
        """Ctrl+Up / Ctrl+Down: one place up or down, undoable."""
        row = self.selected_module()
        if row is not None:
            self._move(row.module.id, self.modules_model.position_of(row.module.id), step)

    def _dropped(self, module_id: uuid.UUID, position: int) -> None:
        source = self.modules_model.position_of(module_id)
        if source is not None:
            self._move(module_id, source, position - source)

    def _move(self, module_id: uuid.UUID, source: int | None, step: int) -> None:
        curriculum = self.selected()
        if curriculum is None or source is None:
            return
        target = min(max(source + step, 0), self.modules_model.rowCount() - 1)
        if target == source:
            return
        code = self.modules_model.row_at(source).module.code
        self._push(
            MoveModule(
                self._curricula,
                curriculum.id,
                module_id,
                code,
                (source, target),
                self._module_changed,
                self._error,
            )
        )

    def _codes(self, own: uuid.UUID | None) -> set[str]:
        return {r.module.code.upper() for r in self.modules_model.rows() if r.module.id != own}

    def _module_changed(self, curriculum_id: uuid.UUID, module_id: uuid.UUID | None) -> None:
        """Show the curriculum changed (its counts too) with the module selected."""
        keep = module_id
        if keep is None:
            current = self.selected_module()
            keep = current.module.id if current else None
        self.reload(keep=curriculum_id)
        self._show_modules(self.selected(), keep=keep)
        self.modules_table.setFocus()

    # Files

    def export_curriculum(self) -> None:
        """Write the selected curriculum with its modules and links to XLSX or CSV."""
        curriculum = self.selected()
        if curriculum is not None:
            self.files.export(curriculum)

    def import_curriculum(self) -> None:
        """Read a curriculum from XLSX or CSV; one already there is refused, nothing changes."""
        self.files.import_file()

    def _imported(self, curriculum: CurriculumRecord) -> None:
        self.tabs.setCurrentIndex(0)
        self.reload(keep=curriculum.id)
        # Links to curriculum versions not here yet are left out; the import says which.
        notes: tuple[str, ...] = getattr(curriculum, "notes", ())
        self.message.setText(
            " ".join(
                (
                    f"Imported {curriculum_name(curriculum)} ({curriculum.status.value}) with "
                    f"{curriculum.modules} module(s), {hours(curriculum.hours)} h.",
                    *notes,
                )
            )
        )

    # Elsewhere

    def show_competency_record(self, person_id: uuid.UUID | None) -> None:
        """The competency record tab, on a person if one is given."""
        self.tabs.setCurrentWidget(self.record)
        if person_id is not None:
            self.record.show_person(person_id)
        self.record.search.setFocus()

    def _say(self, message: str) -> None:
        self.message.setText(message)

    def _push(self, command: QUndoCommand) -> None:
        self.message.setText("")
        self._editing.undo_stack.push(command)

    def _error(self, message: str) -> None:
        self._editing.show_error(message)


def _draft(curriculum: CurriculumRecord) -> CurriculumDraft:
    return CurriculumDraft(**{f.name: getattr(curriculum, f.name) for f in fields(CurriculumDraft)})


def _module_draft(row: ModuleRow) -> ModuleDraft:
    return ModuleDraft(**{f.name: getattr(row.module, f.name) for f in fields(ModuleDraft)})


def _table_keys(
    table: QTableView,
    edit: Callable[[], None],
    delete: Callable[[], None],
    insert: Callable[[], None],
) -> None:
    """On a focused table, Enter edits the row, Delete deletes it and Insert adds one."""
    for keys, slot in (
        (QKeySequence(Qt.Key.Key_Return), edit),
        (QKeySequence(Qt.Key.Key_Enter), edit),
        (QKeySequence(QKeySequence.StandardKey.Delete), delete),
        (QKeySequence(Qt.Key.Key_Insert), insert),
    ):
        shortcut = QShortcut(keys, table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)


def _row(*parts: QWidget | None) -> QHBoxLayout:
    """Widgets left to right; None is the stretch between groups."""
    row = QHBoxLayout()
    for part in parts:
        if part is None:
            row.addStretch()
        else:
            row.addWidget(part)
    return row


def _column(*parts: QHBoxLayout | QWidget) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return column
