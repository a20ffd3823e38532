"""The switch smoke_test.sh uses to open the frozen program's window and close it again."""

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from trainingdesk.app import DESKTOP_FILE, SMOKE_TEST_VARIABLE, run_gui
from trainingdesk.ui.main_window import MainWindow


def test_the_window_opens_on_the_database_and_closes_by_itself(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SMOKE_TEST_VARIABLE, "1")
    database = tmp_path / "field-laptop.sqlite"
    shown: list[str] = []

    def look() -> None:
        shown.extend(
            widget.windowTitle()
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible()
        )

    def close_what_was_left_open() -> None:
        left_open.extend(
            widget.close()
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible()
        )

    left_open: list[bool] = []
    # Without it, a switch that did not work would keep the test waiting for ever.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(close_what_was_left_open)
    guard.start(20_000)
    QTimer.singleShot(0, look)
    try:
        assert run_gui(str(database)) == 0
    finally:
        guard.stop()
        # The closed window would otherwise stay among the top-level widgets of later tests.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.enable()  # the program collects on its own timer, which is gone now
    assert left_open == []
    assert shown == [f"TrainingDesk — {database}"]
    assert database.is_file()
    # What a desktop shows for the window: the menu entry's name and the icon.
    assert QApplication.desktopFileName() == DESKTOP_FILE
    assert not QApplication.windowIcon().isNull()
