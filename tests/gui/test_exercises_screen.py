"""A coordinator plans an exercise in the window: create, sessions, enrolment, undo."""

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action, type_text
from trainingdesk.domain.enums import Role
from trainingdesk.ui.main_window import MainWindow
from trainingdesk.ui.views.exercise_form import ExerciseDialog
from trainingdesk.ui.views.people_picker import PeoplePicker
from trainingdesk.ui.views.session_form import SessionDialog


def _answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def click(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(button).click()

    return click


def _fill_new_exercise(code: str) -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExerciseDialog)
        dialog.code.setText(code)
        dialog.title.setText("Joint cargo search exercise at Torkham")
        dialog.start.setDate(QDate(2027, 3, 1))
        dialog.end.setDate(QDate(2027, 3, 3))
        first_module = dialog.modules.item(0)
        assert first_module is not None
        first_module.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    return fill


def _pick_first_person_as(role: Role) -> Callable[[QWidget], None]:
    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, PeoplePicker)
        dialog.table.selectRow(0)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.accept()

    return pick


def _create(window: MainWindow, code: str) -> None:
    window.navigation.setCurrentRow(1)
    _when_dialog_opens(_fill_new_exercise(code), [])
    window.exercises.new_exercise()


def test_an_exercise_is_planned_sessions_generated_and_people_enrolled(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    _create(main_window, "JTX-2027-07")
    view = main_window.exercises
    created = view.selected()
    assert created is not None and created.code == "JTX-2027-07"
    assert len(main_window.services.exercises.module_ids(created.id)) == 1

    qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    assert [s.day.isoformat() for s in view.sessions_model.rows()] == [
        "2027-03-01",
        "2027-03-02",
        "2027-03-03",
    ]

    chosen: list[str] = []

    def pick_two(dialog: QWidget) -> None:
        assert isinstance(dialog, PeoplePicker)
        type_text(dialog.search, "محمد")
        dialog.table.selectRow(0)
        dialog.table.selectionModel().select(
            dialog.model.index(1, 0),
            dialog.table.selectionModel().SelectionFlag.Select
            | dialog.table.selectionModel().SelectionFlag.Rows,
        )
        chosen.extend(str(person_id) for person_id in dialog.chosen())
        dialog.accept()

    _when_dialog_opens(pick_two, [])
    qtbot.mouseClick(view.add_people_button, Qt.MouseButton.LeftButton)
    assert len(chosen) == 2
    assert {str(e.person_id) for e in view.enrolments_model.rows()} == set(chosen)
    assert {e.role for e in view.enrolments_model.rows()} == {Role.PARTICIPANT}

    trigger_menu_action(main_window, "Edit", "Undo")  # the enrolment
    assert view.enrolments_model.rowCount() == 0
    trigger_menu_action(main_window, "Edit", "Undo")  # the sessions
    assert view.sessions_model.rowCount() == 0
    trigger_menu_action(main_window, "Edit", "Redo")
    trigger_menu_action(main_window, "Edit", "Redo")
    assert view.sessions_model.rowCount() == 3
    assert view.enrolments_model.rowCount() == 2

    view.enrolments_table.selectRow(0)
    _when_dialog_opens(_answer(QMessageBox.StandardButton.No), [])
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.enrolments_model.rowCount() == 2
    _when_dialog_opens(_answer(QMessageBox.StandardButton.Yes), [])
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.enrolments_model.rowCount() == 1
    trigger_menu_action(main_window, "Edit", "Undo")
    assert view.enrolments_model.rowCount() == 2


def test_creating_an_exercise_can_be_undone_and_redone(main_window: MainWindow) -> None:
    def codes() -> set[str]:
        return {e.code for e in main_window.services.exercises.find()}

    _create(main_window, "WSH-2027-02")
    assert "WSH-2027-02" in codes()
    trigger_menu_action(main_window, "Edit", "Undo")
    assert "WSH-2027-02" not in codes()
    trigger_menu_action(main_window, "Edit", "Redo")
    assert "WSH-2027-02" in codes()


def test_the_form_refuses_an_end_before_the_start(main_window: MainWindow) -> None:
    seen: list[str] = []

    def wrong_dates(dialog: QWidget) -> None:
        assert isinstance(dialog, ExerciseDialog)
        dialog.code.setText("CRS-2027-09")
        dialog.title.setText("Course")
        dialog.start.setDate(QDate(2027, 3, 5))
        dialog.end.setDate(QDate(2027, 3, 1))
        dialog.accept()
        seen.append(
            dialog.errors["end_date"].text() if dialog.errors["end_date"].isVisible() else ""
        )
        dialog.reject()

    main_window.navigation.setCurrentRow(1)
    _when_dialog_opens(wrong_dates, [])
    main_window.exercises.new_exercise()
    assert seen == ["must not be before the start date"]
    assert main_window.undo_stack.count() == 0


def test_a_code_already_in_use_is_explained_and_nothing_is_added(main_window: MainWindow) -> None:
    existing = main_window.services.exercises.find()[0].code
    before = len(main_window.services.exercises.find())
    _create(main_window, existing)
    dialog = main_window.findChild(QMessageBox, "error-dialog")
    assert dialog is not None and "already in use" in dialog.text()
    dialog.close()
    assert len(main_window.services.exercises.find()) == before


def test_deleting_an_exercise_asks_first_and_can_be_undone(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = main_window.exercises
    main_window.navigation.setCurrentRow(1)
    view.table.selectRow(0)
    doomed = view.selected()
    assert doomed is not None

    def say_yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(QMessageBox.StandardButton.Yes).click()

    _when_dialog_opens(say_yes, [])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert doomed.code not in {e.code for e in main_window.services.exercises.find()}
    trigger_menu_action(main_window, "Edit", "Undo")
    assert doomed.code in {e.code for e in main_window.services.exercises.find()}


def test_roles_and_status_change_for_several_people_as_one_undo(main_window: MainWindow) -> None:
    view = main_window.exercises
    main_window.navigation.setCurrentRow(1)
    row = next(
        n for n, e in enumerate(view.model.rows()) if e.participants >= 2 and e.end_date.year < 2020
    )
    view.table.selectRow(row)
    participants = [
        n for n, e in enumerate(view.enrolments_model.rows()) if e.role is Role.PARTICIPANT
    ][:2]
    for n in participants:
        view.enrolments_table.selectionModel().select(
            view.enrolments_model.index(n, 0),
            view.enrolments_table.selectionModel().SelectionFlag.Select
            | view.enrolments_table.selectionModel().SelectionFlag.Rows,
        )
    chosen = {view.enrolments_model.row_at(n).person_id for n in participants}
    view.role_choice.setCurrentIndex(view.role_choice.findData(Role.OBSERVER))
    view.apply_role_button.click()
    roles = {e.person_id: e.role for e in view.enrolments_model.rows()}
    assert {roles[p] for p in chosen} == {Role.OBSERVER}
    trigger_menu_action(main_window, "Edit", "Undo")
    roles = {e.person_id: e.role for e in view.enrolments_model.rows()}
    assert {roles[p] for p in chosen} == {Role.PARTICIPANT}


def test_the_picker_enrols_in_the_role_chosen(main_window: MainWindow, qtbot: QtBot) -> None:
    _create(main_window, "DLG-2027-05")
    view = main_window.exercises

    _when_dialog_opens(_pick_first_person_as(Role.TRAINER), [])
    qtbot.mouseClick(view.add_people_button, Qt.MouseButton.LeftButton)
    assert [e.role for e in view.enrolments_model.rows()] == [Role.TRAINER]


def test_a_session_gets_times_a_module_and_a_trainer(main_window: MainWindow, qtbot: QtBot) -> None:
    _create(main_window, "CRS-2027-11")
    view = main_window.exercises
    qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)

    _when_dialog_opens(_pick_first_person_as(Role.TRAINER), [])
    qtbot.mouseClick(view.add_people_button, Qt.MouseButton.LeftButton)
    trainer = view.enrolments_model.row_at(0)
    view.sessions_table.selectRow(1)

    def plan(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.timed.setChecked(True)
        dialog.start.setTime(QTime(13, 30))
        dialog.end.setTime(QTime(12, 0))
        dialog.accept()  # refused: ends before it starts
        assert dialog.problems.isVisible()
        assert "must be after the start time" in dialog.problems.text()
        dialog.end.setTime(QTime(16, 30))
        dialog.module.setCurrentIndex(1)
        dialog.trainer.setCurrentIndex(1)
        dialog.accept()

    _when_dialog_opens(plan, [])
    qtbot.mouseClick(view.edit_session_button, Qt.MouseButton.LeftButton)
    session = view.sessions_model.row_at(1)
    assert (f"{session.start_time:%H:%M}", f"{session.end_time:%H:%M}") == ("13:30", "16:30")
    assert session.module_code and session.trainer_id == trainer.person_id
    trigger_menu_action(main_window, "Edit", "Undo")
    assert view.sessions_model.row_at(1).start_time is None


def test_exercises_are_filtered_by_site_and_key_area(main_window: MainWindow) -> None:
    view = main_window.exercises
    main_window.navigation.setCurrentRow(1)
    first = view.model.row_at(0)
    view.site.setCurrentIndex(view.site.findText(first.site_code, Qt.MatchFlag.MatchStartsWith))
    assert view.model.rowCount() > 0
    assert {e.site_code for e in view.model.rows()} == {first.site_code}
    view.key_area.setCurrentIndex(view.key_area.findData(first.key_area.value))
    assert first.id in {e.id for e in view.model.rows()}
    assert {e.key_area for e in view.model.rows()} == {first.key_area}


def test_a_change_to_one_exercise_refreshes_its_row_not_the_whole_list(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = main_window.exercises
    main_window.navigation.setCurrentRow(1)
    row = next(n for n, e in enumerate(view.model.rows()) if e.participants >= 2)
    view.table.selectRow(row)
    before = view.model.row_at(row)
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    view.enrolments_table.selectRow(0)
    _when_dialog_opens(_answer(QMessageBox.StandardButton.Yes), [])
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.model.row_at(row).participants == before.participants - 1
    assert view.selected() == view.model.row_at(row)
    assert resets == []


def test_the_form_opens_on_the_exercise_as_it_is(main_window: MainWindow) -> None:
    """Site and project are UUIDs in their lists: the form must find them by value."""
    main_window.navigation.setCurrentRow(1)
    view = main_window.exercises
    for row in range(view.table.model().rowCount()):
        view.table.selectRow(row)
        exercise = view.selected()
        if exercise is not None and exercise.site_id and exercise.project_id:
            break
    assert exercise is not None and exercise.site_id and exercise.project_id
    shown: list[object] = []

    def look_and_accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ExerciseDialog)
        shown.extend([dialog.site.currentData(), dialog.project.currentData()])
        dialog.accept()

    _when_dialog_opens(look_and_accept, [])
    view.edit_selected()
    assert shown == [exercise.site_id, exercise.project_id]
    assert main_window.services.exercises.get(exercise.id).draft() == exercise.draft()
