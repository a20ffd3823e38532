"""Long work off the GUI thread: one helper with progress, Cancel, success and failure."""

import gc
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.storage.errors import StorageError


class Report(Protocol):
    """What the work calls to say how far it is; with a total the dialog shows a bar."""

    def __call__(self, message: str, done: int = 0, total: int = 0) -> None: ...


class Cancelled(Exception):
    """Raised inside the work when the user pressed Cancel; the work's transaction rolls back."""


class _Signals(QObject):
    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runner(QRunnable):
    def __init__(
        self, work: Callable[[Report], Any], signals: _Signals, stop: threading.Event
    ) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._stop = stop

    def run(self) -> None:
        def report(message: str, done: int = 0, total: int = 0) -> None:
            if self._stop.is_set():
                raise Cancelled
            self._signals.progress.emit(message, done, total)

        try:
            result = self._work(report)
        except Cancelled:
            self._signals.cancelled.emit()
        except (TrainingDeskError, StorageError, OSError) as exc:
            # OSError: a full USB stick or a read-only folder must end in a message, not a
            # progress dialog waiting forever for a thread that died.
            self._signals.failed.emit(str(exc))
        else:
            self._signals.succeeded.emit(result)


class BackgroundTask:
    """A running piece of work with its progress dialog; keep a reference until it ends."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Report], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
    ) -> None:
        self._stop = threading.Event()
        self.finished = threading.Event()
        self.signals = _Signals()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("progress-dialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self.signals.progress.connect(self._show_progress)
        self.signals.succeeded.connect(lambda result: self._end(lambda: on_success(result)))
        self.signals.failed.connect(lambda message: self._end(lambda: on_failure(message)))
        self.signals.cancelled.connect(lambda: self._end(lambda: None))
        # Collected here, on the window's thread, so that the work does not trigger a
        # collection of Qt objects in its own thread (see `collector`).
        gc.collect()
        QThreadPool.globalInstance().start(_Runner(work, self.signals, self._stop))

    def _show_progress(self, message: str, done: int, total: int) -> None:
        self.dialog.setLabelText(message)
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._stop.set()

    def _end(self, then: Callable[[], None]) -> None:
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.finished.set()
        then()
