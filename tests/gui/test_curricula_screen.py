"""A coordinator keeps the curricula: versions, their status, modules, their order, undo."""

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action, type_text
from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus
from trainingdesk.domain.records import CurriculumRecord, ModuleDraft, ModuleRecord
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.models.curricula import hours
from trainingdesk.ui.views.curricula import CurriculaView
from trainingdesk.ui.views.curriculum_forms import (
    CurriculumDialog,
    ModuleDialog,
    NewVersionDialog,
    next_version,
)


def _screen(window: MainWindow) -> CurriculaView:
    window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    return window.curricula


def _select(view: CurriculaView, code: str) -> CurriculumRecord:
    row = next(n for n, c in enumerate(view.curricula_model.rows()) if c.code == code)
    view.curricula_table.selectRow(row)
    view.curricula_table.setFocus()
    selected = view.selected()
    assert selected is not None and selected.code == code
    return selected


def _stored(window: MainWindow, code: str, version: str) -> CurriculumRecord | None:
    found = [c for c in window.services.curricula.find() if (c.code, c.version) == (code, version)]
    return found[0] if found else None


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    """Give the keyboard to a widget (a closed dialog leaves no window active offscreen)."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()


def _draft_of(module: ModuleRecord) -> ModuleDraft:
    return ModuleDraft(**{f.name: getattr(module, f.name) for f in fields(ModuleDraft)})


def _module_codes(view: CurriculaView) -> list[str]:
    return [row.module.code for row in view.modules_model.rows()]


def _when_form_opens(action: Callable[[QWidget], None], opened: list[str]) -> None:
    """Answer the next form; one that refused what was typed fails the test, not hangs it."""

    def guarded(dialog: QWidget) -> None:
        action(dialog)
        if dialog.isVisible():
            shown = {n: e.text() for n, e in getattr(dialog, "errors", {}).items() if e.isVisible()}
            assert isinstance(dialog, QDialog)
            dialog.reject()
            raise AssertionError(f"{dialog.windowTitle()} refused the input: {shown}")

    _when_dialog_opens(guarded, opened)


def _answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def click(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(button).click()

    return click


def test_a_curriculum_is_created_adopted_and_undone(main_window: MainWindow, qtbot: QtBot) -> None:
    view = _screen(main_window)
    opened: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        dialog.code.setText("AF-MOI-BLO")
        dialog.version.setText("2014.1")
        dialog.title.setText("Border liaison officers' course")
        dialog.country.setCurrentIndex(dialog.country.findData(Country.AF))
        dialog.accept()

    _when_form_opens(fill, opened)
    _focus(qtbot, view.curricula_table)
    qtbot.keyClick(view.curricula_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["New curriculum"]
    created = _stored(main_window, "AF-MOI-BLO", "2014.1")
    assert created is not None
    assert (created.kind, created.country, created.status) == (
        CurriculumKind.NATIONAL,
        Country.AF,
        CurriculumStatus.DRAFT,
    )
    assert view.selected() == created

    def adopt(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        assert dialog.adopted_on.value() is None
        dialog.status.setCurrentIndex(dialog.status.findData(CurriculumStatus.ADOPTED))
        assert dialog.adopted_on.given.isChecked(), "adopting offers a date"
        dialog.adopted_on.day.setDate(QDate(2014, 5, 1))
        dialog.accept()

    _when_form_opens(adopt, opened)
    _focus(qtbot, view.curricula_table)
    qtbot.keyClick(view.curricula_table, Qt.Key.Key_Return)
    assert opened[-1] == "Edit curriculum"
    adopted = _stored(main_window, "AF-MOI-BLO", "2014.1")
    assert adopted is not None
    assert (adopted.status, adopted.adopted_on) == (CurriculumStatus.ADOPTED, date(2014, 5, 1))
    shown = view.curricula_model.rows()[view.curricula_table.currentIndex().row()]
    assert shown.status is CurriculumStatus.ADOPTED

    trigger_menu_action(main_window, "Edit", "Undo")
    undone = _stored(main_window, "AF-MOI-BLO", "2014.1")
    assert undone is not None and undone.status is CurriculumStatus.DRAFT
    trigger_menu_action(main_window, "Edit", "Undo")
    assert _stored(main_window, "AF-MOI-BLO", "2014.1") is None
    assert "AF-MOI-BLO" not in {c.code for c in view.curricula_model.rows()}
    trigger_menu_action(main_window, "Edit", "Redo")
    trigger_menu_action(main_window, "Edit", "Redo")
    redone = _stored(main_window, "AF-MOI-BLO", "2014.1")
    assert redone is not None and redone.id == created.id
    assert redone.status is CurriculumStatus.ADOPTED


def test_the_curriculum_form_says_what_is_wrong_beside_each_field(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    joint = _select(view, "JBM")
    seen: dict[str, str] = {}

    def break_it(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        dialog.title.clear()
        dialog.code.setText("AF-ABP-BASIC")
        dialog.version.setText("2012.1")
        dialog.kind.setCurrentIndex(dialog.kind.findData(CurriculumKind.NATIONAL))
        dialog.country.setCurrentIndex(dialog.country.findData(None))
        dialog.status.setCurrentIndex(dialog.status.findData(CurriculumStatus.RETIRED))
        dialog.retired_on.day.setDate(QDate(2010, 1, 1))
        dialog.accept()
        seen.update(
            {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}
        )
        assert dialog.isVisible(), "a form with problems stays open"
        dialog.reject()

    _when_dialog_opens(break_it, [])
    view.edit_curriculum()
    assert seen == {
        "title": "Title is required",
        "version": "AF-ABP-BASIC version 2012.1 already exists",
        "country": "a national curriculum belongs to Afghanistan or Pakistan",
        "retired_on": "cannot be before the adoption date",
    }
    assert _stored(main_window, "JBM", joint.version) == joint
    assert main_window.undo_stack.count() == 0


def test_a_module_is_added_and_edited_with_its_local_title_and_competencies(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    curriculum = _select(view, "AF-ABP-BASIC")
    before = _module_codes(view)
    catalogue = main_window.services.curricula.competencies()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ModuleDialog)
        assert dialog.title_local.layoutDirection() == Qt.LayoutDirection.RightToLeft
        dialog.code.setText("ABP-120")
        dialog.title_en.setText("Gender and human rights at the border")
        type_text(dialog.title_local, "جندر او بشري حقونه په پوله")
        dialog.hours.setValue(6)
        dialog.objectives.setPlainText("Search women travellers with female officers")
        dialog.assessment.setCurrentText("observation")
        for row in (0, 2):
            item = dialog.competencies.item(row)
            assert item is not None
            item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    _when_form_opens(fill, [])
    qtbot.mouseClick(view.add_module_button, Qt.MouseButton.LeftButton)
    assert _module_codes(view) == [*before, "ABP-120"]
    added = view.selected_module()
    assert added is not None and added.module.code == "ABP-120"
    assert added.module.title_local == "جندر او بشري حقونه په پوله"
    assert added.module.hours == 6
    assert [c.id for c in added.competencies] == [catalogue[0].id, catalogue[2].id]
    assert view.modules_model.data(view.modules_model.index(len(before), 6)) == (
        f"{catalogue[0].code}, {catalogue[2].code}"
    )
    counted = view.selected()
    assert counted is not None and counted.modules == curriculum.modules + 1

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, ModuleDialog)
        assert dialog.title_local.text() == "جندر او بشري حقونه په پوله"
        dialog.hours.setValue(8)
        first = dialog.competencies.item(0)
        assert first is not None
        first.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    _when_form_opens(change, [])
    _focus(qtbot, view.modules_table)
    qtbot.keyClick(view.modules_table, Qt.Key.Key_Return)
    edited = view.selected_module()
    assert edited is not None and edited.module.hours == 8
    assert [c.id for c in edited.competencies] == [catalogue[2].id]

    main_window.undo_stack.undo()
    restored = view.selected_module()
    assert restored is not None and restored.module.hours == 6
    assert len(restored.competencies) == 2
    main_window.undo_stack.undo()
    assert _module_codes(view) == before
    main_window.undo_stack.redo()
    assert _module_codes(view) == [*before, "ABP-120"]


def test_the_module_form_refuses_a_code_already_used_and_a_missing_title(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    _select(view, "AF-ABP-BASIC")
    view.modules_table.selectRow(1)
    seen: dict[str, str] = {}

    def clash(dialog: QWidget) -> None:
        assert isinstance(dialog, ModuleDialog)
        dialog.code.setText("abp-101")
        dialog.title_en.clear()
        dialog.accept()
        seen.update(
            {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}
        )
        dialog.reject()

    _when_dialog_opens(clash, [])
    view.edit_module()
    assert seen == {
        "code": "abp-101 is already used in this curriculum",
        "title_en": "English title is required",
    }
    assert main_window.undo_stack.count() == 0


def test_dragging_a_module_reorders_the_curriculum_and_undo_puts_it_back(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    curriculum = _select(view, "AF-ABP-BASIC")
    before = _module_codes(view)
    model, table = view.modules_model, view.modules_table
    assert table.dragEnabled() and table.acceptDrops() and not table.dragDropOverwriteMode()
    assert table.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    item_flags = model.flags(model.index(0, 1))
    assert item_flags & Qt.ItemFlag.ItemIsDragEnabled
    assert not item_flags & Qt.ItemFlag.ItemIsDropEnabled, "drops land between rows"
    assert model.flags(model.index(-1, -1)) & Qt.ItemFlag.ItemIsDropEnabled
    dragged = model.mimeData([model.index(0, 0), model.index(0, 1)])
    assert model.canDropMimeData(dragged, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    # Dropped between the third and fourth rows.
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    expected = [before[1], before[2], before[0], *before[3:]]
    assert _module_codes(view) == expected
    stored = main_window.services.curricula.modules(curriculum.id)
    assert [m.code for m in stored] == expected
    assert [m.position for m in stored] == list(range(len(expected)))
    assert view.selected_module().module.code == before[0]  # type: ignore[union-attr]
    assert main_window.undo_stack.undoText() == f"Move module {before[0]} down"

    dragged = model.mimeData([model.index(len(before) - 1, 0)])
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert _module_codes(view) == [before[-1], *expected[:-1]]

    main_window.undo_stack.undo()
    assert _module_codes(view) == expected
    main_window.undo_stack.undo()
    assert _module_codes(view) == before
    assert [m.code for m in main_window.services.curricula.modules(curriculum.id)] == before
    main_window.undo_stack.redo()
    assert _module_codes(view) == expected


def test_a_drop_onto_its_own_place_or_from_elsewhere_changes_nothing(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    _select(view, "AF-ABP-BASIC")
    before = _module_codes(view)
    model = view.modules_model
    dragged = model.mimeData([model.index(2, 0)])
    for row in (2, 3):
        assert not model.dropMimeData(
            dragged, Qt.DropAction.MoveAction, row, 0, model.index(-1, -1)
        )
    foreign = model.mimeData([])
    foreign.setData("application/x-trainingdesk-module", b"not a module")
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert _module_codes(view) == before
    assert main_window.undo_stack.count() == 0


def test_ctrl_up_and_ctrl_down_move_the_selected_module(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    _select(view, "PK-PC-INDUCT")
    before = _module_codes(view)
    _focus(qtbot, view.modules_table)
    view.modules_table.selectRow(1)
    qtbot.keyClick(view.modules_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _module_codes(view) == [before[1], before[0], *before[2:]]
    assert view.selected_module().module.code == before[1]  # type: ignore[union-attr]
    assert not view.up_button.isEnabled(), "the first module cannot go further up"
    qtbot.keyClick(view.modules_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert main_window.undo_stack.count() == 1
    for _ in range(2):
        qtbot.keyClick(view.modules_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _module_codes(view) == [before[0], before[2], before[1], *before[3:]]
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert _module_codes(view) == [before[0], before[1], before[2], *before[3:]]
    for _ in range(4):
        trigger_menu_action(main_window, "Edit", "Undo")
    assert _module_codes(view) == before


def test_a_module_is_deleted_after_asking_and_comes_back_with_undo(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    _select(view, "PK-FC-BORDER")
    before = _module_codes(view)
    _focus(qtbot, view.modules_table)
    view.modules_table.selectRow(2)
    questions: list[str] = []
    _when_dialog_opens(_answer(QMessageBox.StandardButton.Yes), questions)
    qtbot.keyClick(view.modules_table, Qt.Key.Key_Delete)
    assert questions == ["Delete module"]
    assert _module_codes(view) == before[:2] + before[3:]
    main_window.undo_stack.undo()
    assert _module_codes(view) == before


def test_a_new_version_is_a_draft_copy_and_the_old_one_stays(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    old = _select(view, "AF-ABP-BASIC")
    old_modules = main_window.services.curricula.modules(old.id)
    opened: list[str] = []

    def name_it(dialog: QWidget) -> None:
        assert isinstance(dialog, NewVersionDialog)
        assert dialog.version.text() == "2012.2"
        dialog.version.setText("2014.1")
        dialog.accept()

    _when_form_opens(name_it, opened)
    qtbot.mouseClick(view.version_button, Qt.MouseButton.LeftButton)
    assert opened == ["New version of AF-ABP-BASIC"]
    copy = view.selected()
    assert copy is not None and (copy.code, copy.version) == ("AF-ABP-BASIC", "2014.1")
    assert (copy.status, copy.modules, copy.hours) == (
        CurriculumStatus.DRAFT,
        old.modules,
        old.hours,
    )
    assert _module_codes(view) == [m.code for m in old_modules]
    assert _stored(main_window, "AF-ABP-BASIC", "2012.1") == old
    assert [m.id for m in main_window.services.curricula.modules(old.id)] == [
        m.id for m in old_modules
    ]
    main_window.undo_stack.undo()
    assert _stored(main_window, "AF-ABP-BASIC", "2014.1") is None
    assert view.selected() == old
    main_window.undo_stack.redo()
    assert _stored(main_window, "AF-ABP-BASIC", "2014.1") is not None


def test_a_version_already_there_is_refused_in_the_form(main_window: MainWindow) -> None:
    view = _screen(main_window)
    _select(view, "PK-PC-INDUCT")
    seen: list[str] = []

    def same(dialog: QWidget) -> None:
        assert isinstance(dialog, NewVersionDialog)
        dialog.version.setText("2011.3")
        dialog.accept()
        seen.append(dialog.errors["version"].text())
        dialog.reject()

    _when_dialog_opens(same, [])
    view.new_version()
    assert seen == ["PK-PC-INDUCT version 2011.3 already exists"]
    assert next_version("2013.1") == "2013.2"
    assert next_version("v9") == "v10"
    assert next_version("2012") == "2013"


def test_deleting_a_curriculum_asks_first_and_undo_restores_it(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    doomed = _select(view, "PK-FC-BORDER")
    total = view.curricula_model.rowCount()
    _when_dialog_opens(_answer(QMessageBox.StandardButton.No), [])
    _focus(qtbot, view.curricula_table)
    qtbot.keyClick(view.curricula_table, Qt.Key.Key_Delete)
    assert view.curricula_model.rowCount() == total
    questions: list[str] = []
    _when_dialog_opens(_answer(QMessageBox.StandardButton.Yes), questions)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert questions == ["Delete curriculum"]
    assert view.curricula_model.rowCount() == total - 1
    assert doomed.id not in {c.id for c in main_window.services.curricula.find()}
    main_window.undo_stack.undo()
    assert view.curricula_model.rowCount() == total
    assert view.selected() == doomed


def test_a_change_the_service_refuses_is_explained(main_window: MainWindow) -> None:
    view = _screen(main_window)
    _select(view, "AF-ABP-BASIC")
    # Another laptop's change arrives between the form and the save: the code is taken.
    taken = view._taken
    view._taken = lambda own=None: set()  # type: ignore[method-assign]

    def clash(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        dialog.code.setText("AF-ACD-CORE")
        dialog.version.setText("2012.2")
        dialog.accept()

    _when_dialog_opens(clash, [])
    view.edit_curriculum()
    view._taken = taken  # type: ignore[method-assign]
    error = main_window.findChild(QMessageBox, "error-dialog")
    assert error is not None and error.isVisible()
    assert "already exists" in error.text()
    error.close()
    assert main_window.undo_stack.count() == 0


def test_the_screen_models_pass_the_model_tester(
    main_window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    view = _screen(main_window)
    _select(view, "JBM")
    view.tabs.setCurrentWidget(view.crosswalk)
    view.tabs.setCurrentWidget(view.coverage)
    reading = view.coverage.reading
    qtbot.waitUntil(lambda: reading.task is not None and not reading.busy(), timeout=30_000)
    view.tabs.setCurrentWidget(view.record)
    view.record.people_table.selectRow(0)
    reading = view.record.reading
    qtbot.waitUntil(lambda: reading.task is not None and not reading.busy(), timeout=30_000)
    for model in (
        view.curricula_model,
        view.modules_model,
        view.crosswalk.model,
        view.crosswalk.links_model,
        view.coverage.model,
        view.record.remaining_model,
    ):
        assert model.rowCount() > 0, model
        qtmodeltester.check(model)


def test_the_screen_opens_on_the_first_curriculum_in_use(main_window: MainWindow) -> None:
    view = _screen(main_window)
    first = view.curricula_model.row_at(0)
    assert first.status is CurriculumStatus.RETIRED, "the demo lists a retired JBM first"
    shown = view.selected()
    assert shown is not None and shown.status is not CurriculumStatus.RETIRED
    assert shown == next(
        c for c in view.curricula_model.rows() if c.status is not CurriculumStatus.RETIRED
    )


def test_hours_are_shown_with_two_decimals_at_most_and_never_in_scientific_notation() -> None:
    assert [hours(value) for value in (12, 1.5, 1.25, 0.1 + 0.2, 2.77556e-17, -1e-17)] == [
        "12",
        "1.5",
        "1.25",
        "0.3",
        "0",
        "0",
    ]
    assert hours(1000.0) == "1000"
    assert hours(100_000.0) == "100000"
    assert hours(1 / 3) == "0.33"


def test_an_unchanged_module_form_keeps_quarter_hours_and_pushes_no_edit(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    curriculum = _select(view, "AF-ABP-BASIC")
    curricula = main_window.services.curricula
    module = curricula.modules(curriculum.id)[1]
    curricula.update_module(module.id, replace(_draft_of(module), hours=1.25))
    view.reload()
    view.modules_table.selectRow(1)
    assert view.modules_model.data(view.modules_model.index(1, 4)) == "1.25"
    shown: list[float] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ModuleDialog)
        shown.append(dialog.hours.value())
        dialog.accept()

    _when_form_opens(look, [])
    _focus(qtbot, view.modules_table)
    qtbot.keyClick(view.modules_table, Qt.Key.Key_Return)
    assert shown == [1.25]
    assert main_window.undo_stack.count() == 0, "nothing changed, nothing to undo"
    assert curricula.modules(curriculum.id)[1].hours == 1.25

    def quarter_more(dialog: QWidget) -> None:
        assert isinstance(dialog, ModuleDialog)
        dialog.hours.setValue(1.5)
        dialog.accept()

    _when_form_opens(quarter_more, [])
    view.edit_module()
    assert main_window.undo_stack.count() == 1
    assert curricula.modules(curriculum.id)[1].hours == 1.5


def test_the_module_form_leaves_a_value_it_shows_rounded_as_stored(qtbot: QtBot) -> None:
    stored = ModuleDraft("ABP-199", "Imported with thirds", hours=4 / 3)
    dialog = ModuleDialog([], set(), stored, [])
    qtbot.addWidget(dialog)
    assert dialog.hours.value() == 1.33
    assert dialog.draft() == stored and not dialog.changed()
    dialog.title_en.setText("Imported with thirds of hours")
    assert dialog.draft().hours == 4 / 3 and dialog.changed()


def test_numbers_and_moves_follow_the_rows_shown_even_with_gaps_in_stored_positions(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _screen(main_window)
    curriculum = _select(view, "PK-FC-BORDER")
    curricula = main_window.services.curricula
    stored = curricula.modules(curriculum.id)
    # As an older database may hold them: positions left with gaps by deletions.
    gapped = [replace(module, position=3 * n + 1) for n, module in enumerate(stored)]
    monkeypatch.setattr(curricula, "modules", lambda _curriculum_id: gapped)
    view.reload()
    model = view.modules_model
    assert [model.data(model.index(row, 0)) for row in range(model.rowCount())] == [
        str(n) for n in range(1, len(stored) + 1)
    ]
    last = model.rowCount() - 1
    for row, up, down in ((0, False, True), (last - 1, True, True), (last, True, False)):
        view.modules_table.selectRow(row)
        assert (view.up_button.isEnabled(), view.down_button.isEnabled()) == (up, down), row


def test_after_a_deletion_the_rows_are_numbered_one_to_n(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _screen(main_window)
    _select(view, "PK-FC-BORDER")
    count = view.modules_model.rowCount()
    view.modules_table.selectRow(2)
    _when_dialog_opens(_answer(QMessageBox.StandardButton.Yes), [])
    view.delete_module()
    model = view.modules_model
    assert [model.data(model.index(row, 0)) for row in range(model.rowCount())] == [
        str(n) for n in range(1, count)
    ]
    view.modules_table.selectRow(count - 3)
    assert view.down_button.isEnabled(), "the second-to-last row moves down"
    view.modules_table.selectRow(0)
    assert not view.up_button.isEnabled()


def test_the_curriculum_form_shows_the_life_cycle_rules_of_the_domain(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    _select(view, "AF-ABP-BASIC")
    seen: dict[str, str] = {}
    expected: dict[str, str] = {}

    def retire_without_a_date(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        dialog.status.setCurrentIndex(dialog.status.findData(CurriculumStatus.RETIRED))
        assert dialog.retired_on.given.isChecked(), "retiring offers a date"
        dialog.retired_on.given.setChecked(False)
        dialog.accept()
        seen.update(
            {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}
        )
        expected.update(dialog.draft().problems())
        dialog.reject()

    _when_dialog_opens(retire_without_a_date, [])
    view.edit_curriculum()
    assert seen == expected == {"retired_on": "a retired curriculum needs the date it was retired"}
    assert main_window.undo_stack.count() == 0


def test_going_back_to_draft_unticks_the_dates_a_draft_cannot_have(
    main_window: MainWindow,
) -> None:
    view = _screen(main_window)
    adopted = _select(view, "AF-ABP-BASIC")
    assert adopted.adopted_on is not None
    kept: list[object] = []

    def back_to_draft(dialog: QWidget) -> None:
        assert isinstance(dialog, CurriculumDialog)
        dialog.status.setCurrentIndex(dialog.status.findData(CurriculumStatus.DRAFT))
        kept.append(dialog.draft().problems())
        dialog.status.setCurrentIndex(dialog.status.findData(CurriculumStatus.ADOPTED))
        kept.append(dialog.adopted_on.value())
        dialog.reject()

    _when_dialog_opens(back_to_draft, [])
    view.edit_curriculum()
    assert kept == [{}, adopted.adopted_on], "the date comes back when adopted again"
