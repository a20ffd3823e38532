"""The crosswalk: Afghan, joint and Pakistani curricula side by side, the gaps, the coverage of
each side, the links (made and changed undoably) and the PDF for the working group."""

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.crosswalk import (
    Crosswalk,
    CrosswalkLink,
    CurriculumHeading,
    SideCoverage,
)
from trainingdesk.domain.enums import Country, CurriculumKind, Equivalence
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import CurriculumRecord, MappingRecord
from trainingdesk.reports.crosswalk_pdf import write_crosswalk_pdf
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.commands import Editing
from trainingdesk.ui.commands_curricula import LinkModules, UnlinkModules
from trainingdesk.ui.models.curricula import (
    COVER_TEXT,
    JOINT,
    LINK_COLUMNS,
    SIDE_NAME,
    UNMATCHED_TEXT,
    CrosswalkLine,
    CrosswalkModel,
    LinkRow,
    hours,
    line_links,
)
from trainingdesk.ui.models.records import RecordTableModel
from trainingdesk.ui.tasks import BackgroundTask, Report
from trainingdesk.ui.views.curriculum_link import LinkDialog
from trainingdesk.ui.views.curriculum_widgets import BilingualDelegate, name_side, side_button
from trainingdesk.ui.views.forms import chain_tab_order, select_data
from trainingdesk.ui.views.tables import record_table

ShowError = Callable[[str, str], None]
LineKey = tuple[str, uuid.UUID]
NOTHING_SHOWN = "No crosswalk to show:"
LEGEND = (
    f"{COVER_TEXT[Equivalence.FULL]}: a national module is fully equivalent · "
    f"{COVER_TEXT[Equivalence.PARTIAL]}: partial equivalents only · "
    f"{COVER_TEXT[Equivalence.NONE]}: nothing on that side covers the joint module · "
    f"{UNMATCHED_TEXT}: a national module that maps to no joint module"
)


def heading_name(heading: CurriculumHeading | CurriculumRecord) -> str:
    """Code and version."""
    return f"{heading.code} {heading.version}"


def coverage_text(side: SideCoverage) -> str:
    """The coverage figures of one side, in modules and hours."""
    return (
        f"✔ {side.covered_modules} of {side.joint_modules} joint modules covered "
        f"({hours(side.covered_hours)} of {hours(side.joint_hours)} h) · "
        f"◐ {side.partly_covered_modules} partly ({hours(side.partly_covered_hours)} h) · "
        f"✘ {side.gap_modules} {'gap' if side.gap_modules == 1 else 'gaps'} "
        f"({hours(side.gap_hours)} h) · "
        f"⚠ {side.unmatched_national_modules} of {side.national_modules} national modules "
        f"({hours(side.unmatched_national_hours)} of {hours(side.national_hours)} h) "
        "with no joint equivalent"
    )


class CrosswalkView(QWidget):
    """Pick the joint version and the national curricula; see and change how they meet."""

    def __init__(
        self,
        curricula: CurriculumService,
        editing: Editing,
        show_error: ShowError,
        logos: Callable[[], Sequence[bytes]] = tuple,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._curricula = curricula
        self._logos = logos
        self._editing = editing
        self._show_error = show_error
        self.crosswalk: Crosswalk | None = None
        self.task: BackgroundTask | None = None
        # None: whatever the service shows by default (the adopted versions).
        self._joint_id: uuid.UUID | None = None
        self._chosen: dict[Country, list[uuid.UUID] | None] = {Country.AF: None, Country.PK: None}
        self.joint = QComboBox()
        self.joint.setAccessibleName("Joint curriculum")
        self.joint.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sides = {country: side_button(name) for country, name in SIDE_NAME.items()}
        self.save_pdf_button = QPushButton("Save crosswalk P&DF…")
        self.summaries = {Country.AF: _summary(), Country.PK: _summary()}
        self.model = CrosswalkModel(self)
        self.table = record_table(self.model, (230, 150, 270, 45, 150, 250))
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(JOINT, BilingualDelegate(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Crosswalk")
        self.links_model: RecordTableModel[LinkRow] = RecordTableModel(LINK_COLUMNS, self)
        self.links_table = record_table(self.links_model, (80, 260, 260, 90))
        self.links_table.setAccessibleName("Links")
        self.links_caption = QLabel()
        self.link_button = QPushButton("&Link…")
        self.link_button.setToolTip("Link a national module to a joint module (Ctrl+L)")
        self.edit_link_button = QPushButton("Change l&ink…")
        self.unlink_button = QPushButton("&Remove link")
        self.message = QLabel()
        self.message.setWordWrap(True)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        self._build_layout(legend)
        self._connect()

    def _build_layout(self, legend: QLabel) -> None:
        choices = QHBoxLayout()
        for text, widget in (
            ("&Joint curriculum", self.joint),
            ("&Afghan", self.sides[Country.AF]),
            ("Pa&kistani", self.sides[Country.PK]),
        ):
            caption = QLabel(text)
            caption.setBuddy(widget)
            choices.addWidget(caption)
            choices.addWidget(widget)
        choices.addStretch()
        choices.addWidget(self.save_pdf_button)
        figures = QVBoxLayout()
        for country, summary in self.summaries.items():
            line = QHBoxLayout()
            name = QLabel(f"<b>{SIDE_NAME[country]} side:</b>")
            name.setMinimumWidth(110)
            line.addWidget(name)
            line.addWidget(summary, stretch=1)
            figures.addLayout(line)
        buttons = QHBoxLayout()
        buttons.addWidget(self.links_caption, stretch=1)
        for button in (self.link_button, self.edit_link_button, self.unlink_button):
            buttons.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.links_table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 170])
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(figures)
        layout.addWidget(legend)
        layout.addWidget(self.splitter, stretch=1)
        layout.addWidget(self.message)
        chain_tab_order(
            self.joint,
            self.sides[Country.AF],
            self.sides[Country.PK],
            self.save_pdf_button,
            self.table,
            self.link_button,
            self.edit_link_button,
            self.unlink_button,
            self.links_table,
        )

    def _connect(self) -> None:
        self.joint.activated.connect(lambda _index: self._joint_chosen())
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.link_button.clicked.connect(self.link)
        self.edit_link_button.clicked.connect(self.edit_link)
        self.unlink_button.clicked.connect(self.unlink)
        self.table.selectionModel().selectionChanged.connect(self._line_selected)
        self.links_table.selectionModel().selectionChanged.connect(self._link_selected)
        self.table.doubleClicked.connect(lambda _index: self.link())
        self.links_table.doubleClicked.connect(lambda _index: self.edit_link())
        table, screen = (
            Qt.ShortcutContext.WidgetShortcut,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for keys, owner, slot, context in (
            (QKeySequence("Ctrl+L"), self, self.link, screen),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.link, table),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.link, table),
            (QKeySequence(Qt.Key.Key_Return), self.links_table, self.edit_link, table),
            (QKeySequence(Qt.Key.Key_Enter), self.links_table, self.edit_link, table),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.links_table, self.unlink, table),
        ):
            shortcut = QShortcut(keys, owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # Choosing what to compare

    def choose(
        self,
        joint_id: uuid.UUID | None = None,
        afghan: list[uuid.UUID] | None = None,
        pakistani: list[uuid.UUID] | None = None,
    ) -> None:
        """Compare these curricula (None: the default choice) and show the result."""
        self._joint_id = joint_id
        self._chosen = {Country.AF: afghan, Country.PK: pakistani}
        self.reload()

    def _joint_chosen(self) -> None:
        chosen = self.joint.currentData()
        self._joint_id = chosen if isinstance(chosen, uuid.UUID) else None
        self.reload()

    def _side_toggled(self, country: Country) -> None:
        self._chosen[country] = [
            action.data() for action in self._side_menu(country).actions() if action.isChecked()
        ]
        self.reload()

    def _side_menu(self, country: Country) -> QMenu:
        menu = self.sides[country].menu()
        assert menu is not None
        return menu

    def reload(self) -> None:
        """Read the curricula and the crosswalk again, keeping the selected line."""
        kept = self._selected_key()
        curricula = self._curricula.find()
        known = {c.id for c in curricula}
        if self._joint_id not in known:
            self._joint_id = None
        for country, chosen in self._chosen.items():
            if chosen is not None:
                self._chosen[country] = [c for c in chosen if c in known]
        try:
            crosswalk = self._curricula.crosswalk(
                joint_id=self._joint_id,
                afghan=self._chosen[Country.AF],
                pakistani=self._chosen[Country.PK],
            )
        except TrainingDeskError as exc:
            crosswalk = None
            self.message.setText(f"{NOTHING_SHOWN} {exc}")
        else:
            if self.message.text().startswith(NOTHING_SHOWN):
                self.message.setText("")
        self._fill_choices(curricula, crosswalk)
        self._show(crosswalk, kept)

    def _fill_choices(self, curricula: list[CurriculumRecord], shown: Crosswalk | None) -> None:
        self.joint.blockSignals(True)
        self.joint.clear()
        for curriculum in curricula:
            if curriculum.kind is CurriculumKind.JOINT:
                self.joint.addItem(
                    f"{heading_name(curriculum)} ({curriculum.status.value})", curriculum.id
                )
                self.joint.setItemData(
                    self.joint.count() - 1, curriculum.title, Qt.ItemDataRole.ToolTipRole
                )
        if shown is not None:
            select_data(self.joint, shown.joint.id)
        self.joint.blockSignals(False)
        for country, headings in (
            (Country.AF, shown.afghan if shown else ()),
            (Country.PK, shown.pakistani if shown else ()),
        ):
            # The same menu throughout, changed in place: it may be open, being ticked.
            menu = self._side_menu(country)
            offered = [
                (c.id, f"{heading_name(c)} ({c.status.value}) — {c.title}")
                for c in curricula
                if c.kind is CurriculumKind.NATIONAL and c.country is country
            ]
            if [(action.data(), action.text()) for action in menu.actions()] != offered:
                menu.clear()
                for curriculum_id, text in offered:
                    action = menu.addAction(text)
                    action.setCheckable(True)
                    action.setData(curriculum_id)
                    action.toggled.connect(lambda _on, side=country: self._side_toggled(side))
            ticked = {h.id for h in headings}
            for action in menu.actions():
                action.blockSignals(True)
                action.setChecked(action.data() in ticked)
                action.blockSignals(False)
            name_side(self.sides[country], SIDE_NAME[country], [heading_name(h) for h in headings])

    def _show(self, crosswalk: Crosswalk | None, kept: LineKey | None) -> None:
        self.crosswalk = crosswalk
        self.model.set_crosswalk(crosswalk)
        self.save_pdf_button.setEnabled(crosswalk is not None)
        self.link_button.setEnabled(crosswalk is not None)
        if crosswalk is None:
            for summary in self.summaries.values():
                summary.setText("")
        else:
            for country, side in (
                (Country.AF, crosswalk.afghan_coverage),
                (Country.PK, crosswalk.pakistani_coverage),
            ):
                self.summaries[country].setText(coverage_text(side))
        position = next(
            (n for n, line in enumerate(self.model.lines()) if _key(line) == kept),
            0 if self.model.rowCount() else None,
        )
        if position is not None:
            self.table.selectRow(position)
        self._line_selected()

    # The selected line and its links

    def selected_line(self) -> CrosswalkLine | None:
        """The crosswalk line selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.line_at(rows[0].row()) if rows else None

    def selected_link(self) -> LinkRow | None:
        """The link selected in the links table (or the only one there)."""
        rows = self.links_table.selectionModel().selectedRows()
        if rows:
            return self.links_model.row_at(rows[0].row())
        return self.links_model.row_at(0) if self.links_model.rowCount() == 1 else None

    def _selected_key(self) -> LineKey | None:
        line = self.selected_line()
        return _key(line) if line else None

    def _line_selected(self, *_args: object) -> None:
        line = self.selected_line()
        links = self._links_of(line) if line else []
        self.links_model.set_rows(links)
        if line is None:
            self.links_caption.setText("Select a line to see its links.")
        elif line.joint is not None:
            self.links_caption.setText(
                f"Links to joint module {line.joint.module.code} "
                f"({hours(line.joint.module.hours)} h): {len(links)}"
            )
        else:
            assert line.unmatched is not None
            self.links_caption.setText(
                f"{SIDE_NAME.get(line.side or Country.OTHER, '')} module {line.unmatched.code} has "
                "no full or partial joint equivalent; link it with Link…"
            )
        if links:
            self.links_table.selectRow(0)
        self._link_selected()

    def _link_selected(self, *_args: object) -> None:
        chosen = self.selected_link() is not None
        self.edit_link_button.setEnabled(chosen)
        self.unlink_button.setEnabled(chosen)

    def _links_of(self, line: CrosswalkLine) -> list[LinkRow]:
        if line.joint is not None or self.crosswalk is None or line.unmatched is None:
            return line_links(line)
        module_id = line.unmatched.id
        return [
            link
            for row in self.crosswalk.rows
            for link in line_links(CrosswalkLine(joint=row))
            if link.national.id == module_id
        ]

    # Links

    def link(self) -> None:
        """Ctrl+L, Enter or double-click on a line: link modules (or change a link)."""
        crosswalk, line = self.crosswalk, self.selected_line()
        if crosswalk is None:
            return
        preset: tuple[uuid.UUID | None, uuid.UUID | None] = (None, None)
        if line is not None and line.joint is not None:
            preset = (None, line.joint.module.id)
        elif line is not None and line.unmatched is not None:
            preset = (line.unmatched.id, None)
        self._open_link_dialog(crosswalk, preset)

    def edit_link(self) -> None:
        """Enter or double-click on a link: change its equivalence or note."""
        chosen = self.selected_link()
        if self.crosswalk is not None and chosen is not None:
            self._open_link_dialog(self.crosswalk, (chosen.national.id, chosen.joint.id))

    def _open_link_dialog(
        self, crosswalk: Crosswalk, preset: tuple[uuid.UUID | None, uuid.UUID | None]
    ) -> None:
        national = [(Country.AF, m) for m in crosswalk.afghan_modules] + [
            (Country.PK, m) for m in crosswalk.pakistani_modules
        ]
        joint = [row.module for row in crosswalk.rows]
        existing = _existing_links(crosswalk)
        dialog = LinkDialog(national, joint, existing, preset, self)
        if not dialog.exec() or dialog.chosen is None:
            return
        national_id, joint_id, equivalence, note = dialog.chosen
        old = existing.get((national_id, joint_id))
        if old is not None and (old.equivalence, old.note) == (equivalence, note):
            return
        codes = {m.id: m.code for _, m in national} | {m.id: m.code for m in joint}
        pair = f"{codes[national_id]} → {codes[joint_id]}"
        text = (
            f"Change link {pair} to {equivalence.value}"
            if old
            else f"Link {pair} ({equivalence.value})"
        )
        before = _mapping(old) if old else None
        self._push(
            LinkModules(
                self._curricula,
                (national_id, joint_id),
                (equivalence, note),
                before,
                text,
                self.reload,
                self._editing.show_error,
            )
        )

    def unlink(self) -> None:
        """Delete on a link: remove it (Ctrl+Z puts it back)."""
        chosen = self.selected_link()
        if chosen is None:
            return
        text = f"Remove link {chosen.national.code} → {chosen.joint.code}"
        self._push(
            UnlinkModules(
                self._curricula, _mapping(chosen.link), text, self.reload, self._editing.show_error
            )
        )
        self.message.setText(f"{text}: done; Ctrl+Z puts it back.")

    def _push(self, command: QUndoCommand) -> None:
        self.message.setText("")
        self._editing.undo_stack.push(command)

    # The PDF

    def save_pdf(self) -> None:
        """The three columns, the coverage and the gaps as a PDF, written in the background."""
        crosswalk = self.crosswalk
        if crosswalk is None or (self.task is not None and not self.task.finished.is_set()):
            return
        name = f"crosswalk-{crosswalk.joint.code}-{crosswalk.joint.version}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the crosswalk", str(Path.home() / name), "PDF (*.pdf)"
        )
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        logos = self._logos()

        def work(report: Report) -> Path:
            report("Writing the crosswalk")
            write_crosswalk_pdf(crosswalk, target, logos=logos)
            return target

        self.task = BackgroundTask(
            self,
            "Saving the crosswalk",
            work,
            lambda written: self.message.setText(f"Saved the crosswalk to {written}."),
            lambda message: self._show_error("The crosswalk was not saved", message),
        )


def _key(line: CrosswalkLine) -> LineKey:
    if line.joint is not None:
        return ("joint", line.joint.module.id)
    assert line.unmatched is not None
    return (str(line.side), line.unmatched.id)


def _existing_links(crosswalk: Crosswalk) -> dict[tuple[uuid.UUID, uuid.UUID], CrosswalkLink]:
    return {
        (link.national_module_id, link.joint_module_id): link
        for row in crosswalk.rows
        for _, link in (*row.afghan, *row.pakistani)
    }


def _mapping(link: CrosswalkLink) -> MappingRecord:
    return MappingRecord(
        id=link.id,
        national_module_id=link.national_module_id,
        joint_module_id=link.joint_module_id,
        equivalence=link.equivalence,
        note=link.note,
    )


def _summary() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
