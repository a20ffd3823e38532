"""Python's garbage collection, run on the window's thread only.

Left automatic, a collection can start in whatever thread happens to allocate, such as a
background task writing a PDF, and free Qt objects there: Qt then crashes the program
(seen here as a segmentation fault inside ReportLab's font loading). Anki's Qt front end
does the same for the same reason.
"""

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 10_000


class MainThreadCollector(QObject):
    """Turns automatic collection off and collects every few seconds on this thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @staticmethod
    def collect() -> None:
        """Collect now (also called before background work starts)."""
        gc.collect()
