"""Long work runs off the GUI thread with progress and Cancel, and a cancel writes nothing."""

import gc
import time
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_ACTOR
from tests.gui.test_main_window import trigger_menu_action
from trainingdesk.services.container import open_services
from trainingdesk.storage.database import demo_database_path
from trainingdesk.ui.collector import MainThreadCollector
from trainingdesk.ui.main_window import MainWindow
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


def test_collection_happens_on_the_window_thread_only(qtbot: QtBot) -> None:
    gc.enable()
    collector = MainThreadCollector()
    assert not gc.isenabled(), "no collection may start in a background thread"
    collector.collect()
    collector.deleteLater()
