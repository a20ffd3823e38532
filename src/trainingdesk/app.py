"""Composition root of the desktop program: settings -> database -> services -> window."""

import os
import sys

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.resources import resource_path
from trainingdesk.services.container import Services, open_services
from trainingdesk.storage.errors import StorageError

ORGANISATION = "TrainingDesk"
APPLICATION = "TrainingDesk"
# The name of the desktop entry (packaging/linux/trainingdesk.desktop), which Wayland and
# the docks use to give the window its icon and name.
DESKTOP_FILE = "trainingdesk"
# Set by packaging/smoke_test.sh: the window is built on the database, every screen
# loaded, shown, and closed as a user would close it; the exit code says whether all
# of that worked in the frozen program.
SMOKE_TEST_VARIABLE = "TRAININGDESK_SMOKE_TEST"


def run_gui(location: str | None) -> int:
    """Open the main window on `location` (or the default database) and run until closed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from trainingdesk.ui.collector import MainThreadCollector
    from trainingdesk.ui.main_window import MainWindow

    application = QApplication.instance() or QApplication(sys.argv[:1])
    collector = MainThreadCollector(application)
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setDesktopFileName(DESKTOP_FILE)
    QApplication.setWindowIcon(QIcon(str(resource_path("icons", "trainingdesk.png"))))
    try:
        services = open_services(location)
    except (StorageError, TrainingDeskError) as exc:
        QMessageBox.critical(None, "TrainingDesk cannot open the database", str(exc))
        return 1
    window = MainWindow(services, _opener)
    window.show()
    if os.environ.get(SMOKE_TEST_VARIABLE):
        QTimer.singleShot(0, window.close)
    try:
        return int(application.exec())
    finally:
        collector.deleteLater()


def _opener(location: str) -> Services:
    return open_services(location)
