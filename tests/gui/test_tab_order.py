"""Tab walks every screen and form in reading order: top to bottom, then left to right."""

import itertools

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.exercise_form import ExerciseDialog
from trainingdesk.ui.views.person_form import PersonDialog

ROW_TOLERANCE = 12  # pixels: widgets on one line of a layout differ by a few pixels only


def _tab_walk(qtbot: QtBot, first: QWidget, limit: int = 60) -> list[QWidget]:
    first.window().activateWindow()
    qtbot.waitUntil(first.window().isActiveWindow)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [first]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        following = QApplication.focusWidget()
        assert following is not None
        if following is first:
            return visited
        visited.append(following)
    raise AssertionError(f"Tab never came back to the first widget: {visited}")


def _out_of_reading_order(widgets: list[QWidget]) -> list[tuple[str, str]]:
    def place(widget: QWidget) -> QPoint:
        return widget.mapToGlobal(QPoint(0, 0))

    wrong = []
    for before, after in itertools.pairwise(widgets):
        a, b = place(before), place(after)
        same_line = abs(a.y() - b.y()) <= ROW_TOLERANCE
        if (same_line and b.x() < a.x()) or (not same_line and b.y() < a.y()):
            wrong.append((_name(before), _name(after)))
    return wrong


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    return f"{type(widget).__name__}:{widget.accessibleName() or label}"


def test_the_people_screen_tabs_in_reading_order(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    view = main_window.people
    walk = _tab_walk(qtbot, view.search)
    assert view.table in walk
    inside = [w for w in walk if view.isAncestorOf(w)]
    assert _out_of_reading_order(inside) == []


def test_the_exercises_screen_tabs_in_reading_order(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.navigation.setCurrentRow(1)
    view = main_window.exercises
    view.table.selectRow(0)
    walk = _tab_walk(qtbot, view.year)
    assert {view.table, view.sessions_table} <= set(walk)
    inside = [w for w in walk if view.isAncestorOf(w)]
    assert _out_of_reading_order(inside) == []


def test_the_person_form_tabs_in_reading_order(main_window: MainWindow, qtbot: QtBot) -> None:
    dialog = PersonDialog(
        main_window.services.people,
        main_window.services.reference.list_agencies(),
        parent=main_window,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    walk = _tab_walk(qtbot, dialog.fields["given_name"])
    assert _out_of_reading_order(walk) == []
    dialog.reject()


def test_the_exercise_form_tabs_in_reading_order(main_window: MainWindow, qtbot: QtBot) -> None:
    dialog = main_window.exercises._dialog(None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert isinstance(dialog, ExerciseDialog)
    walk = _tab_walk(qtbot, dialog.code)
    assert _out_of_reading_order(walk) == []
    dialog.reject()
