"""A real main window on a real demo database, isolated from the user's settings."""

import gc
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_ACTOR
from tests.cups import PrintQueue
from trainingdesk.services.container import Services, open_services
from trainingdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True, scope="package")
def collect_on_the_main_thread_only() -> Iterator[None]:
    """Automatic collection off, as in the program (see `ui/collector.py`)."""
    # A collection started by a background task would free Qt objects in the wrong
    # thread and crash the test run.
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test() -> Iterator[None]:
    """What the program's timer does every few seconds."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database made once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("gui") / "demo.sqlite"
    services = open_services(str(path), actor=TEST_ACTOR)
    services.demo.generate(people=80, seed=11, today=date(2026, 11, 27))
    services.close()
    return path


def _open(location: str) -> Services:
    return open_services(location, actor=TEST_ACTOR)


@pytest.fixture
def main_window(qtbot: QtBot, demo_template: Path, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window on a copy of the demo database; no dialog may be left open."""
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("TrainingDeskTests")
    QCoreApplication.setApplicationName("TrainingDeskTests")
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    window = MainWindow(_open(str(copy)), _open)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    for dialog in dialogs:
        dialog.close()
    assert not dialogs, f"dialogs left open: {[d.text() for d in dialogs]}"


@pytest.fixture
def printed(print_queue: PrintQueue) -> Iterator[Callable[[str], Path]]:
    """Finds the file a job became; the files are removed after the test."""
    found: list[Path] = []

    def find(title: str) -> Path:
        path = print_queue.printed_file(title)
        found.append(path)
        return path

    yield find
    for path in found:
        path.unlink(missing_ok=True)


@pytest.fixture
def office_printer(qapp: QApplication, print_queue: PrintQueue) -> QPrinter:
    """The `PDF` queue as the print dialog returns it, with a job title of its own."""
    info = QPrinterInfo.printerInfo(print_queue.name)
    assert not info.isNull(), f"Qt does not see the queue {print_queue.name!r}"
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"td-test-{uuid.uuid4().hex[:12]}")
    return printer
