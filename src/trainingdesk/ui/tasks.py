"""Long work off the GUI thread: one helper with progress, Cancel, success and failure."""

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.storage.errors import StorageError

LOG = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong: {detail}. The database was not changed."


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
        except Exception as exc:
            # Anything else (a bug, a database constraint) must end the task all the same:
            # otherwise the dialog waits forever and the screen stays busy. The work's
            # transaction was rolled back when the exception left it.
            LOG.exception("Background work failed")
            self._signals.failed.emit(UNEXPECTED.format(detail=_detail(exc)))
        else:
            self._signals.succeeded.emit(result)


def _detail(exc: Exception) -> str:
    """The first line of what went wrong, short enough for a dialog (the log has the rest)."""
    cause = getattr(exc, "orig", None)  # a database error wraps the driver's
    shown = cause if isinstance(cause, Exception) else exc
    lines = str(shown).strip().splitlines()
    text = f"{type(shown).__name__}: {lines[0]}" if lines else type(shown).__name__
    return text if len(text) <= 200 else f"{text[:199]}…"


class BackgroundTask:
    """A running piece of work with its progress dialog; keep a reference until it ends."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Report], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        self._stop = threading.Event()
        self.finished = threading.Event()
        self.signals = _Signals()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("progress-dialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        # Starts the clock: without a value the dialog would wait its default 4 s to appear.
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)
        self.signals.progress.connect(self._show_progress)
        self.signals.succeeded.connect(lambda result: self._end(lambda: on_success(result)))
        self.signals.failed.connect(lambda message: self._end(lambda: on_failure(message)))
        self.signals.cancelled.connect(lambda: self._end(on_cancel or (lambda: None)))
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
        self.finished.set()
        if not isValid(self.dialog):
            return  # the screen that started the work is gone (another database was opened)
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        then()
