"""Composition root of the desktop program: settings -> database -> services -> window."""

import sys

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.services.container import Services, open_services
from trainingdesk.storage.errors import StorageError

ORGANISATION = "TrainingDesk"
APPLICATION = "TrainingDesk"


def run_gui(location: str | None) -> int:
    """Open the main window on `location` (or the default database) and run until closed."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from trainingdesk.ui.collector import MainThreadCollector
    from trainingdesk.ui.main_window import MainWindow

    application = QApplication.instance() or QApplication(sys.argv[:1])
    collector = MainThreadCollector(application)
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APPLICATION)
    try:
        services = open_services(location)
    except (StorageError, TrainingDeskError) as exc:
        QMessageBox.critical(None, "TrainingDesk cannot open the database", str(exc))
        return 1
    window = MainWindow(services, _opener)
    window.show()
    try:
        return int(application.exec())
    finally:
        collector.deleteLater()


def _opener(location: str) -> Services:
    return open_services(location)
