"""Long work runs off the GUI thread with progress and Cancel, and a cancel writes nothing."""

import gc
import logging
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_ACTOR
from tests.gui.test_main_window import trigger_menu_action
from trainingdesk.services.container import open_services
from trainingdesk.storage.database import demo_database_path
from trainingdesk.ui.collector import MainThreadCollector
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.tasks import BackgroundTask, Report


def test_the_demo_database_is_made_in_the_background(main_window: MainWindow, qtbot: QtBot) -> None:
    path = demo_database_path()
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    trigger_menu_action(main_window, "File", "Open demo database")
    assert main_window.task is not None
    qtbot.waitUntil(main_window.task.finished.is_set, timeout=60_000)
    qtbot.waitUntil(lambda: main_window.people.model.rowCount() == 300, timeout=10_000)
    assert str(path) in main_window.windowTitle()


def test_cancel_stops_the_work_and_its_transaction_writes_nothing(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    services = open_services(str(tmp_path / "cancelled.sqlite"), actor=TEST_ACTOR)
    outcomes: list[str] = []
    started: list[bool] = []

    def slow_demo(report: Report) -> object:
        def progress(message: str) -> None:
            started.append(True)
            while len(started) < 2:  # hold until the test has pressed Cancel
                time.sleep(0.01)
            report(message)

        return services.demo.generate(people=2000, progress=progress)

    task = BackgroundTask(
        main_window,
        "Making a demo database",
        slow_demo,
        lambda _result: outcomes.append("success"),
        outcomes.append,
    )
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    cancel_button = task.dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    cancel_button.click()
    started.append(True)
    qtbot.waitUntil(task.finished.is_set, timeout=30_000)
    assert outcomes == []
    assert not services.demo.holds_data()
    services.close()


def test_a_failure_is_reported_not_raised(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    services = open_services(str(tmp_path / "small.sqlite"), actor=TEST_ACTOR)
    failures: list[str] = []
    task = BackgroundTask(
        main_window,
        "Making a demo database",
        lambda report: services.demo.generate(people=3, progress=report),
        lambda _result: failures.append("success?"),
        failures.append,
    )
    qtbot.waitUntil(task.finished.is_set, timeout=10_000)
    assert failures == ["the demo takes between 10 and 100,000 people"]
    services.close()


def test_an_unexpected_error_ends_the_task_with_a_message_and_a_logged_traceback(
    main_window: MainWindow, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    outcomes: list[str] = []

    def broken(report: Report) -> object:
        report("Working")
        time.sleep(0.5)  # long enough for the progress dialog to appear
        raise ValueError("a bug in the work")

    task = BackgroundTask(
        main_window, "Doing something", broken, lambda _result: outcomes.append("success"),
        outcomes.append,
    )  # fmt: skip
    qtbot.waitUntil(task.dialog.isVisible, timeout=5_000)
    qtbot.waitUntil(task.finished.is_set, timeout=10_000)
    assert outcomes == [
        "Something went wrong: ValueError: a bug in the work. The database was not changed."
    ]
    assert not task.dialog.isVisible()
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert logged, "the traceback is logged"
    exc_info = logged[0].exc_info
    assert exc_info is not None and isinstance(exc_info[1], ValueError)


def test_after_an_unexpected_error_the_screen_is_not_left_busy(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    curricula = main_window.services.curricula
    before = curricula.find()
    source = tmp_path / "curriculum.csv"
    source.write_text("anything")
    monkeypatch.setattr(
        "trainingdesk.ui.views.curriculum_files.QFileDialog.getOpenFileName",
        lambda *_args: (str(source), ""),
    )

    def broken(_path: Path) -> object:
        raise ValueError("constraint failed")

    monkeypatch.setattr(curricula, "import_curriculum", broken)
    view.import_curriculum()
    first = view.files.task
    assert first is not None
    qtbot.waitUntil(first.finished.is_set, timeout=10_000)
    error = main_window.findChild(QMessageBox, "error-dialog")
    assert error is not None and error.isVisible()
    assert (error.windowTitle(), error.text()) == (
        "The curriculum was not imported",
        "Something went wrong: ValueError: constraint failed. The database was not changed.",
    )
    error.close()
    assert not first.dialog.isVisible()
    assert not view.files.busy()
    view.import_curriculum()
    assert view.files.task is not first, "Import works again"
    qtbot.waitUntil(view.files.task.finished.is_set, timeout=10_000)
    for shown in main_window.findChildren(QMessageBox, "error-dialog"):
        shown.close()
    assert curricula.find() == before


def test_collection_happens_on_the_window_thread_only(qtbot: QtBot) -> None:
    gc.enable()
    collector = MainThreadCollector()
    assert not gc.isenabled(), "no collection may start in a background thread"
    collector.collect()
    collector.deleteLater()
