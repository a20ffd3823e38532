"""A coordinator types attendance from a paper sheet: every key is in the database at once."""

import os
import signal
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import AttendanceStatus, ExerciseType, KeyArea, Role
from trainingdesk.domain.records import ExerciseDraft, MarkChange
from trainingdesk.services.container import Services
from trainingdesk.storage.models import AuditEntry
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.attendance import AttendanceView
from trainingdesk.ui.views.attendance_files import ImportErrorsDialog

ROOT = Path(__file__).resolve().parents[2]
P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def plan_exercise(services: Services, people: int = 4, days: int = 3) -> uuid.UUID:
    """A three-day exercise with four participants, no marks yet."""
    site = services.reference.list_sites()[0]
    exercise = services.exercises.create(
        ExerciseDraft(
            code=f"ATT-{uuid.uuid4().hex[:6].upper()}",
            title="Joint document examination course",
            type=ExerciseType.COURSE,
            key_area=KeyArea.HARMONISATION,
            start_date=date(2027, 4, 5),
            end_date=date(2027, 4, 4 + days),
            site_id=site.id,
            rule=CompletionRule(min_attendance_share=0.6),
        )
    )
    services.exercises.generate_daily_sessions(exercise.id)
    chosen = [p.id for p in services.people.table_rows()[:people]]
    services.enrolments.enrol(exercise.id, chosen, Role.PARTICIPANT)
    return exercise.id


def marks_in_database(services: Services, exercise_id: uuid.UUID) -> dict[tuple[int, int], str]:
    """(row, session number) -> letter, as stored, in the grid's row order."""
    grid = services.grid.grid(exercise_id)
    rows = {p.person_id: n for n, p in enumerate(grid.participants)}
    numbers = {s.id: s.number for s in grid.sessions}
    return {
        (rows[m.person_id], numbers[m.session_id]): m.status.value
        for m in services.attendance.marks(exercise_id)
    }


@pytest.fixture
def attendance(main_window: MainWindow) -> tuple[AttendanceView, uuid.UUID]:
    exercise_id = plan_exercise(main_window.services)
    main_window.attendance.reload()
    main_window.show_attendance(exercise_id)
    return main_window.attendance, exercise_id


def type_keys(qtbot: QtBot, view: AttendanceView, keys: str) -> None:
    for key in keys:
        qtbot.keyClicks(view.table, key)


def test_typing_marks_commits_each_key_and_moves_down(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    services = main_window.services
    assert main_window.stack.currentWidget() is view
    assert view.table.currentIndex() == view.model.index(0, view.model.session_column(0))

    expected: dict[tuple[int, int], str] = {}
    for row, key in enumerate("plea"):
        type_keys(qtbot, view, key)
        expected[row, 1] = key.upper()
        assert marks_in_database(services, exercise_id) == expected
    assert view.table.currentIndex().row() == 3, "the last participant: the count row is skipped"
    assert view.model.data(view.model.index(0, view.model.session_column(0))) == "P"
    count_row = view.model.participant_count()
    assert view.model.data(view.model.index(count_row, view.model.session_column(0))) == "2/4"


def test_undo_and_redo_take_the_database_back_and_forth(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    type_keys(qtbot, view, "pa")
    trigger_menu_action(main_window, "Edit", "Undo")
    assert marks_in_database(main_window.services, exercise_id) == {(0, 1): "P"}
    assert view.model.data(view.model.index(1, view.model.session_column(0))) == ""
    trigger_menu_action(main_window, "Edit", "Redo")
    assert marks_in_database(main_window.services, exercise_id) == {(0, 1): "P", (1, 1): "A"}


def test_space_cycles_delete_clears_and_arrows_move(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    services = main_window.services
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert marks_in_database(services, exercise_id) == {(0, 1): "P"}
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert marks_in_database(services, exercise_id) == {(0, 1): "L"}
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert marks_in_database(services, exercise_id) == {}
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClicks(view.table, "e")
    assert marks_in_database(services, exercise_id) == {(0, 2): "E"}


def test_a_whole_session_is_marked_present_with_ctrl_shift_p(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    qtbot.keyClicks(view.table, "a")
    view.table.selectColumn(view.model.session_column(1))
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    stored = marks_in_database(main_window.services, exercise_id)
    assert stored == {(0, 1): "A", (0, 2): "P", (1, 2): "P", (2, 2): "P", (3, 2): "P"}
    trigger_menu_action(main_window, "Edit", "Undo")
    assert marks_in_database(main_window.services, exercise_id) == {(0, 1): "A"}


def test_unmarked_people_of_a_session_are_set_in_one_go(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    qtbot.keyClicks(view.table, "e")
    view.table.setCurrentIndex(view.model.index(0, view.model.session_column(0)))
    view.fill_choice.setCurrentIndex(view.fill_choice.findData(A.value))
    view.fill_button.click()
    assert marks_in_database(main_window.services, exercise_id) == {
        (0, 1): "E",
        (1, 1): "A",
        (2, 1): "A",
        (3, 1): "A",
    }


def test_shares_and_completion_follow_each_mark(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, _ = attendance
    share, completed = view.model.share_column(), view.model.share_column() + 1
    assert view.model.data(view.model.index(0, completed)) == "Not yet"
    for column in range(3):
        view.table.setCurrentIndex(view.model.index(0, view.model.session_column(column)))
        qtbot.keyClicks(view.table, "p")
    assert view.model.data(view.model.index(0, share)) == "100%"
    assert view.model.data(view.model.index(0, completed)) == "Yes"
    view.table.setCurrentIndex(view.model.index(0, view.model.session_column(2)))
    qtbot.keyClicks(view.table, "a")
    assert view.model.data(view.model.index(0, share)) == "67%"
    assert view.model.data(view.model.index(0, completed)) == "Yes", "60 % is required"


def test_a_signed_off_session_refuses_keys_until_reopened_with_a_reason(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    services = main_window.services
    view.lock_button.click()
    assert view.model.session_at(view.model.session_column(0)).locked  # type: ignore[union-attr]
    qtbot.keyClicks(view.table, "p")
    assert marks_in_database(services, exercise_id) == {}
    assert "signed off" in view.message.text()

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Paper sheet of day 1 corrected by the trainer")
        dialog.accept()

    def reasons() -> list[str]:
        with services.database.session_factory() as db:
            return [e.reason for e in db.scalars(select(AuditEntry)) if e.reason]

    # The demo's own revocation gave a reason already.
    before = reasons()
    _when_dialog_opens(give_reason, [])
    view.unlock_button.click()
    qtbot.keyClicks(view.table, "p")
    assert marks_in_database(services, exercise_id) == {(0, 1): "P"}
    assert reasons()[len(before) :] == ["Paper sheet of day 1 corrected by the trainer"]

    trigger_menu_action(main_window, "Edit", "Undo")  # the mark
    trigger_menu_action(main_window, "Edit", "Undo")  # the reopening
    assert services.grid.grid(exercise_id).sessions[0].locked


def type_score(qtbot: QtBot, table: QTableView, text: str) -> None:
    """Type into the current cell as a user does: the first key opens the editor, Enter saves.

    Arabic-script digits cannot be synthesised as key presses, so F2 opens the editor and
    the text is inserted as an input method would.
    """
    if text.isascii():
        qtbot.keyClicks(table, text[0])
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, text[1:])
    else:
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.insert(text)
    row = table.currentIndex().row()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: table.currentIndex().row() != row or text == "150")


def test_scores_are_typed_checked_and_saved(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], qtbot: QtBot
) -> None:
    view, exercise_id = attendance
    services = main_window.services
    view.tabs.setCurrentIndex(1)
    table = view.scores_table
    table.setFocus()
    table.setCurrentIndex(view.scores_model.index(0, 3))
    type_score(qtbot, table, "85")
    assert table.currentIndex().row() == 1, "Enter goes to the next participant"
    type_score(qtbot, table, "۷۵")
    type_score(qtbot, table, "150")

    stored = {a.person_id: a.post_test for a in services.attendance.assessments(exercise_id)}
    participants = services.grid.grid(exercise_id).participants
    assert stored == {participants[0].person_id: 85, participants[1].person_id: 75}
    assert "from 0 to 100" in view.message.text()
    trigger_menu_action(main_window, "Edit", "Undo")
    stored = {a.person_id: a.post_test for a in services.attendance.assessments(exercise_id)}
    assert stored[participants[1].person_id] is None


def test_the_attendance_models_pass_the_model_tester(
    attendance: tuple[AttendanceView, uuid.UUID], qtmodeltester: ModelTester
) -> None:
    view, _ = attendance
    view.model.apply([])
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.scores_model)


def test_the_exercises_screen_opens_attendance_with_ctrl_t(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    exercise_id = plan_exercise(main_window.services)
    main_window.exercises.reload()
    main_window.navigation.setCurrentRow(SCREENS.index("Exercises"))
    view = main_window.exercises
    row = next(n for n, e in enumerate(view.model.rows()) if e.id == exercise_id)
    view.table.selectRow(row)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.attendance
    assert main_window.attendance.exercise_id == exercise_id
    assert main_window.attendance.model.participant_count() == 4


def test_marks_set_elsewhere_are_seen_when_the_grid_is_opened_again(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID]
) -> None:
    view, exercise_id = attendance
    grid = main_window.services.grid.grid(exercise_id)
    main_window.services.grid.set_marks(
        [MarkChange(grid.sessions[2].id, grid.participants[3].person_id, L, "bus late")]
    )
    view.open_exercise(exercise_id)
    cell = view.model.index(3, view.model.session_column(2))
    assert view.model.data(cell) == "L•"
    assert "bus late" in view.model.data(cell, Qt.ItemDataRole.ToolTipRole)


def test_a_killed_program_loses_no_mark_the_grid_showed(
    main_window: MainWindow, tmp_path: Path
) -> None:
    exercise_id = plan_exercise(main_window.services, people=5, days=4)
    location = main_window.services.database.location
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.typing_child", location, str(exercise_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    shown: dict[tuple[str, str], str] = {}
    while len(shown) < 14:  # most of the 20 cells, some typed over
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "the typing process ended"
        session_id, person_id, letter = line.split()
        shown[session_id, person_id] = letter
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    if child.stderr is not None:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    stored = {
        (str(m.session_id), str(m.person_id)): m.status.value
        for m in main_window.services.attendance.marks(exercise_id)
    }
    # Each of the first 20 keys goes to its own cell, so what was shown is what is stored;
    # a key typed after the last line read may have stored one cell more.
    assert {cell: stored.get(cell) for cell in shown} == shown
    assert len(shown) <= len(stored) <= len(shown) + 1


def test_the_sign_in_sheet_of_the_current_session_is_saved_as_pdf(
    main_window: MainWindow,
    attendance: tuple[AttendanceView, uuid.UUID],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    view, exercise_id = attendance
    view.table.setCurrentIndex(view.model.index(0, view.model.session_column(2)))
    target = tmp_path / "sheet.pdf"
    view.files.save_sign_in_sheet(target)
    qtbot.waitUntil(lambda: view.files.last_saved == target, timeout=20_000)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    grid = main_window.services.grid.grid(exercise_id)
    assert "Session: 3 of 3" in text or "3 of 3" in text
    for participant in grid.participants:
        assert participant.full_name in text
    assert str(target) in view.message.text()


def test_marks_imported_from_a_file_land_together_and_undo_together(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID], tmp_path: Path
) -> None:
    view, exercise_id = attendance
    grid = main_window.services.grid.grid(exercise_id)
    source = tmp_path / "day-sheets.csv"
    lines = ["ID number;1;2;3"] + [
        f"{p.service_number};P;L;" for p in grid.participants if p.service_number
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = 2 * (len(lines) - 1)

    _when_dialog_opens(
        lambda dialog: cast(QMessageBox, dialog).button(QMessageBox.StandardButton.Yes).click(), []
    )
    plan = view.files.import_marks(source)
    assert plan is not None and plan.ok
    assert len(main_window.services.attendance.marks(exercise_id)) == expected
    assert view.model.data(view.model.index(0, view.model.session_column(1))) == "L"
    trigger_menu_action(main_window, "Edit", "Undo")
    assert main_window.services.attendance.marks(exercise_id) == []


def test_a_file_with_mistakes_is_refused_whole_with_a_list_to_send_back(
    main_window: MainWindow,
    attendance: tuple[AttendanceView, uuid.UUID],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    view, exercise_id = attendance
    grid = main_window.services.grid.grid(exercise_id)
    source = tmp_path / "marks.csv"
    source.write_text(
        f"ID number,1\n{grid.participants[0].service_number},P\nNOBODY-9,Q\n", encoding="utf-8"
    )
    report = tmp_path / "problems.csv"

    def save_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportErrorsDialog)
        assert "row 3" in dialog.details.toPlainText().lower()
        dialog.save_report(report)
        dialog.reject()

    _when_dialog_opens(save_and_close, [])
    plan = view.files.import_marks(source)
    assert plan is not None and not plan.ok
    qtbot.waitUntil(report.exists)
    assert main_window.services.attendance.marks(exercise_id) == []
    assert "NOBODY-9" in report.read_text(encoding="utf-8-sig")


def test_the_grid_is_exported_to_a_workbook(
    main_window: MainWindow,
    attendance: tuple[AttendanceView, uuid.UUID],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    view, _ = attendance
    qtbot.keyClicks(view.table, "pl")
    target = tmp_path / "grid.xlsx"
    view.files.export_grid(target)
    qtbot.waitUntil(lambda: view.files.last_saved == target, timeout=20_000)
    letters = {
        cell.value
        for row in load_workbook(target).active.iter_rows()
        for cell in row
        if cell.value in ("P", "L")
    }
    assert letters == {"P", "L"}


def test_the_mouse_can_do_what_the_keys_do(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID]
) -> None:
    view, exercise_id = attendance
    cell = view.model.index(2, view.model.session_column(1))
    menu = view.cell_menu(cell)
    assert menu is not None
    assert view.table.currentIndex() == cell
    late = next(a for a in menu.actions() if a.text().startswith("Late"))
    late.trigger()
    assert marks_in_database(main_window.services, exercise_id) == {(2, 2): "L"}
    assert view.cell_menu(view.model.index(0, 0)) is None, "names have no marks"


def test_new_enrolments_show_when_coming_back_to_the_grid(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID]
) -> None:
    view, exercise_id = attendance
    view.table.setCurrentIndex(view.model.index(2, view.model.session_column(1)))
    main_window.navigation.setCurrentRow(SCREENS.index("Exercises"))
    newcomer = main_window.services.people.table_rows()[10]
    main_window.services.enrolments.enrol(exercise_id, [newcomer.id], Role.PARTICIPANT)
    main_window.navigation.setCurrentRow(SCREENS.index("Attendance"))
    assert view.model.participant_count() == 5
    assert view.table.currentIndex() == view.model.index(2, view.model.session_column(1))


def test_a_deleted_exercise_leaves_an_empty_grid_and_says_so(
    main_window: MainWindow, attendance: tuple[AttendanceView, uuid.UUID]
) -> None:
    view, exercise_id = attendance
    main_window.navigation.setCurrentRow(SCREENS.index("Exercises"))
    main_window.services.exercises.delete(exercise_id)
    main_window.navigation.setCurrentRow(SCREENS.index("Attendance"))
    assert view.exercise_id is None
    assert view.model.rowCount() == 0
    assert "deleted" in view.message.text()
