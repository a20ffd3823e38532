"""A coordinator uses the main window: dashboard, people, exercises, curricula, databases."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.domain.search import query_tokens
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.person_form import PersonDialog


def trigger_menu_action(window: MainWindow, menu: str, item: str) -> QAction:
    """Click a menu item as a user would (menus named without their & mnemonics)."""
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu and top.menu() is not None:
            for action in top.menu().actions():  # type: ignore[union-attr]
                if action.text().replace("&", "").startswith(item):
                    assert action.isEnabled(), f"{menu} > {item} is disabled"
                    action.trigger()
                    return action
    raise AssertionError(f"no menu item {menu} > {item}")


def type_text(field: QLineEdit, text: str) -> None:
    """Type text a character at a time, as an input method delivers Arabic script.

    QTest can synthesise key presses only for characters on a Latin keyboard map.
    """
    for character in text:
        field.insert(character)


def _visible_people(window: MainWindow) -> list[str]:
    view = window.people
    return [view.model.data(view.model.index(row, 0)) for row in range(view.model.rowCount())]


def test_the_window_opens_on_the_dashboard_with_every_screen(main_window: MainWindow) -> None:
    assert main_window.stack.currentWidget() is main_window.dashboard
    assert [main_window.navigation.item(n).text() for n in range(7)] == [
        "Dashboard",
        "Exercises",
        "Attendance",
        "People",
        "Certificates",
        "Reports",
        "Curricula",
    ]
    assert "demo.sqlite" in main_window.windowTitle()


def test_keyboard_shortcuts_switch_screens(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.attendance
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.people
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.certificates
    qtbot.keyClick(main_window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.reports
    qtbot.keyClick(main_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.curricula


def test_searching_people_in_latin_script_finds_every_spelling(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    total = main_window.people.model.rowCount()
    qtbot.keyClicks(main_window.people.search, "Muhammad")
    shown = main_window.people.model.rowCount()
    assert 0 < shown < total
    for person in main_window.people.model.rows():
        assert all(token in person.search_key for token in query_tokens("Mohammad"))
    assert main_window.people.count.text() == f"{shown:,} of {total:,} people"


def test_searching_people_in_arabic_script_and_persian_digits(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    people = main_window.people.model.everyone()
    target = next(p for p in people if p.service_number[-3:].isdigit())
    digits = target.service_number.split("-")[-1]
    type_text(
        main_window.people.search, digits.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    )
    assert target.full_name in _visible_people(main_window)
    main_window.people.search.clear()
    family_native = target.native_name.split()[-1].replace("ی", "ي").replace("ک", "ك")
    type_text(main_window.people.search, family_native)
    assert target.full_name in _visible_people(main_window)


def test_ctrl_f_focuses_the_search(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    main_window.people.table.setFocus()
    qtbot.keyClick(main_window.people, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is main_window.people.search


def test_a_dashboard_count_opens_the_filtered_people_list(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    button = main_window.dashboard.buttons[f"people-{Country.PK.value}-{Sex.FEMALE.value}"]
    expected = int(button.text().split()[0])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert main_window.stack.currentWidget() is main_window.people
    assert main_window.people.model.rowCount() == expected
    for person in main_window.people.model.rows():
        assert (person.country, person.sex) == (Country.PK, Sex.FEMALE)


def test_upcoming_exercises_open_from_the_dashboard(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.dashboard.buttons["upcoming"], Qt.MouseButton.LeftButton)
    assert main_window.stack.currentWidget() is main_window.exercises
    statuses = {e.status.value for e in main_window.exercises.model.rows()}
    assert statuses == {"planned"}


def test_exercises_are_filtered_by_year(main_window: MainWindow) -> None:
    main_window.exercises.show_filtered(year=2012)
    rows = main_window.exercises.model.rows()
    assert rows and {e.start_date.year for e in rows} == {2012}
    assert main_window.exercises.count.text() == f"{len(rows)} exercise(s)"


def test_selecting_a_curriculum_shows_its_modules(main_window: MainWindow) -> None:
    view = main_window.curricula
    assert view.curricula_model.rowCount() == len(main_window.services.curricula.find())
    view.curricula_table.selectRow(1)
    second = view.curricula_model.row_at(1)
    assert view.modules_model.rowCount() == second.modules
    assert second.code in view.modules_caption.text()


def test_a_file_that_is_not_a_database_is_explained_and_nothing_changes(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    before = main_window.services
    bogus = tmp_path / "roster.sqlite"
    bogus.write_text("name,father\n")
    assert not main_window.open_database(str(bogus))
    dialog = main_window.findChild(QMessageBox, "error-dialog")
    assert dialog is not None and dialog.isVisible()
    assert "not a TrainingDesk database" in dialog.text()
    dialog.close()
    assert main_window.services is before
    assert bogus.read_text() == "name,father\n"


def test_another_database_can_be_opened(main_window: MainWindow, tmp_path: Path) -> None:
    empty = tmp_path / "field-laptop.sqlite"
    assert main_window.open_database(str(empty))
    assert "field-laptop.sqlite" in main_window.windowTitle()
    assert main_window.people.model.rowCount() == 0


def test_the_program_starts_shows_its_window_and_exits_when_it_is_closed(
    qapp: QApplication, demo_template: Path, tmp_path: Path
) -> None:
    from trainingdesk.app import run_gui

    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    seen: list[str] = []

    def close_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                seen.append(widget.windowTitle())
                widget.close()

    QTimer.singleShot(300, close_windows)
    assert run_gui(str(copy)) == 0
    assert seen == [f"TrainingDesk — {copy}"]


def test_the_program_explains_a_refused_database_and_exits(
    qapp: QApplication, tmp_path: Path
) -> None:
    from trainingdesk.app import run_gui

    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database")
    messages: list[str] = []

    def answer_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            messages.append(dialog.text())
            dialog.accept()

    QTimer.singleShot(300, answer_dialog)
    assert run_gui(str(bogus)) == 1
    assert messages and "not a TrainingDesk database" in messages[0]
    assert bogus.read_text() == "not a database"


def _when_dialog_opens(action: Callable[[QWidget], None], results: list[str]) -> None:
    """Answer the next modal dialog (forms and questions block until answered)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        results.append(dialog.windowTitle())
        try:
            action(dialog)
        except BaseException:
            # A failed check must not leave a modal dialog waiting forever.
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
            raise

    QTimer.singleShot(20, answer)


def _select_first_person(window: MainWindow, qtbot: QtBot) -> PersonRow:
    window.navigation.setCurrentRow(SCREENS.index("People"))
    window.people.table.setFocus()
    window.people.table.selectRow(0)
    return window.people.selected_person()  # type: ignore[return-value]


def test_editing_a_person_is_saved_undone_and_redone(main_window: MainWindow, qtbot: QtBot) -> None:
    person = _select_first_person(main_window, qtbot)
    opened: list[str] = []

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        dialog.fields["given_name"].setText("Zarghuna")
        dialog.fields["native_name"].setText("زرغونه کاکړ")
        dialog.accept()

    before = main_window.services.people.get(person.id)
    assert before.agency_id is not None
    _when_dialog_opens(rename, opened)
    qtbot.keyClick(main_window.people.table, Qt.Key.Key_Return)
    assert opened == ["Edit person"]
    stored = main_window.services.people.get(person.id)
    assert (stored.given_name, stored.native_name) == ("Zarghuna", "زرغونه کاکړ")
    # The lists hold UUIDs and enums: the form must have found them by value.
    assert (stored.agency_id, stored.sex, stored.country, stored.rank_tier) == (
        before.agency_id,
        before.sex,
        before.country,
        before.rank_tier,
    )
    assert main_window.people.selected_person().full_name.startswith("Zarghuna")  # type: ignore[union-attr]

    undo = trigger_menu_action(main_window, "Edit", "Undo")
    assert undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert main_window.services.people.get(person.id).native_name == person.native_name
    trigger_menu_action(main_window, "Edit", "Redo")
    assert main_window.services.people.get(person.id).given_name == "Zarghuna"


def test_the_form_shows_what_is_wrong_beside_the_field(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    person = _select_first_person(main_window, qtbot)
    seen: list[str] = []

    def clear_names(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        dialog.fields["given_name"].clear()
        dialog.fields["native_name"].clear()
        dialog.accept()
        error = dialog.errors["given_name"]
        seen.append(error.text() if error.isVisible() else "")
        dialog.reject()

    _when_dialog_opens(clear_names, [])
    main_window.people.edit_selected()
    assert seen == ["a name in Latin or native script is required"]
    assert main_window.services.people.get(person.id).given_name == person.full_name.split()[0]
    assert main_window.undo_stack.count() == 0


def test_deleting_asks_first_and_can_be_undone(main_window: MainWindow, qtbot: QtBot) -> None:
    person = _select_first_person(main_window, qtbot)
    total = main_window.people.model.rowCount()
    questions: list[str] = []

    def say_yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(QMessageBox.StandardButton.Yes).click()

    _when_dialog_opens(say_yes, questions)
    qtbot.keyClick(main_window.people.table, Qt.Key.Key_Delete)
    assert questions == ["Delete person"]
    assert main_window.people.model.rowCount() == total - 1
    assert person.id not in {p.id for p in main_window.services.people.find()}
    main_window.undo_stack.undo()
    assert main_window.people.model.rowCount() == total
    assert person.id in {p.id for p in main_window.services.people.find()}


def test_a_new_person_is_added_through_the_form(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    total = main_window.people.model.rowCount()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        dialog.fields["given_name"].setText("Malalai")
        dialog.fields["family_name"].setText("Kakar")
        dialog.fields["native_name"].setText("ملالۍ کاکړ")
        dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.FEMALE))
        dialog.accept()

    _when_dialog_opens(fill, [])
    main_window.people.new_person()
    assert main_window.people.model.rowCount() == total + 1
    type_text(main_window.people.search, "ملالی")
    assert _visible_people(main_window) == ["Malalai Kakar"]
    (stored,) = main_window.services.people.find(search="Malalai Kakar")
    assert stored.sex is Sex.FEMALE
    main_window.undo_stack.undo()
    assert _visible_people(main_window) == []
    assert len(main_window.people.model.everyone()) == total


def test_a_new_database_is_created_empty_and_never_over_an_existing_file(
    main_window: MainWindow, tmp_path: Path
) -> None:
    fresh = tmp_path / "chaman-laptop"
    assert main_window.new_database(str(fresh))
    assert (tmp_path / "chaman-laptop.sqlite").exists()
    assert main_window.people.model.rowCount() == 0
    existing = tmp_path / "roster.sqlite"
    existing.write_text("keep me")
    assert not main_window.new_database(str(existing))
    dialog = main_window.findChild(QMessageBox, "error-dialog")
    assert dialog is not None and "already exists" in dialog.text()
    dialog.close()
    assert existing.read_text() == "keep me"


def test_recently_opened_databases_are_offered_newest_first(
    main_window: MainWindow, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert main_window.open_database(str(first))
    assert main_window.open_database(str(second))
    assert main_window.recent_databases()[:2] == [str(second), str(first)]
    main_window._fill_recent_menu()
    entries = [a.text() for a in main_window.recent_menu.actions()]
    assert entries[0] == f"&1 {second}"
    main_window.recent_menu.actions()[1].trigger()
    assert str(first) in main_window.windowTitle()


def test_column_widths_and_splitters_are_remembered(
    main_window: MainWindow, tmp_path: Path
) -> None:
    main_window.people.table.setColumnWidth(0, 333)
    main_window.navigation.setCurrentRow(1)
    main_window.exercises.splitter.setSizes([150, 450])
    chosen = main_window.exercises.splitter.sizes()
    assert main_window.open_database(str(tmp_path / "other.sqlite"))
    assert main_window.people.table.columnWidth(0) == 333
    main_window.navigation.setCurrentRow(1)
    assert main_window.exercises.splitter.sizes() == chosen


def test_a_date_of_birth_is_typed_in_any_calendar_and_nothing_else_is_lost(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    person = _select_first_person(main_window, qtbot)
    before = main_window.services.people.get(person.id)
    seen: list[str] = []

    def type_dates(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        dialog.birth_date.setText("31/02/1990")
        dialog.accept()
        error = dialog.errors["birth_date"]
        seen.append(error.text() if error.isVisible() else "")
        dialog.birth_date.clear()
        type_text(dialog.birth_date, "۱۳۶۴/۰۱/۰۱")
        dialog.accept()

    _when_dialog_opens(type_dates, [])
    main_window.people.edit_selected()
    assert seen[0], "an impossible date is explained beside the field"
    stored = main_window.services.people.get(person.id)
    assert stored.birth_date == date(1985, 3, 21)
    assert stored.duty_station_id == before.duty_station_id
