"""The paper side of attendance: sign-in sheets out, marks in from a file, the grid to XLSX."""

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import GridSession, MarkChange
from trainingdesk.importing.marks import MarkImportPlan, plan_mark_import, write_error_report
from trainingdesk.importing.tables import read_table
from trainingdesk.reports.attendance_xlsx import write_attendance_xlsx
from trainingdesk.reports.signin_sheet import write_sign_in_sheet
from trainingdesk.services.container import Services
from trainingdesk.ui.tasks import BackgroundTask

ImportAccepted = Callable[[list[MarkChange], str], None]
SHOWN_ERRORS = 200


class AttendanceFiles:
    """Buttons and dialogs for the files that go with one exercise's attendance."""

    def __init__(
        self,
        view: QWidget,
        services: Services,
        accepted: ImportAccepted,
        say: Callable[[str], None],
    ) -> None:
        self._view = view
        self._services = services
        self._accepted = accepted
        self._say = say
        self._exercise_id: uuid.UUID | None = None
        self._session: GridSession | None = None
        self.task: BackgroundTask | None = None
        self.sheet_button = QPushButton("Sign-in shee&t (PDF)…")
        self.sheet_button.setToolTip("A printable sheet for the session of the current column")
        self.import_button = QPushButton("I&mport marks…")
        self.import_button.setToolTip("CSV or XLSX: one row per person, one column per session")
        self.export_button = QPushButton("E&xport to XLSX…")
        self.sheet_button.clicked.connect(self.save_sign_in_sheet)
        self.import_button.clicked.connect(self.import_marks)
        self.export_button.clicked.connect(self.export_grid)
        self.last_saved: Path | None = None

    def enable(self, exercise_id: uuid.UUID | None, session: GridSession | None) -> None:
        """Follow the exercise shown and the session of the current column."""
        self._exercise_id = exercise_id
        self._session = session
        for button in (self.sheet_button, self.import_button, self.export_button):
            button.setEnabled(exercise_id is not None)

    def save_sign_in_sheet(self, target: Path | None = None) -> None:
        """A PDF sign-in sheet of the current session (the first if no cell is current)."""
        if self._exercise_id is None:
            return
        exercise_id = self._exercise_id
        number = self._session.number if self._session else 1
        exercise = self._services.exercises.get(exercise_id)
        path = target or self._ask_save(
            f"{exercise.code}-session-{number}-sign-in.pdf", "PDF files (*.pdf)"
        )
        if path is None:
            return
        grid = self._services.grid

        def work(report: Callable[[str], None]) -> Path:
            report(f"Reading the participants of session {number}…")
            sheet = grid.sign_in_sheet(exercise_id, number)
            report("Writing the PDF…")
            write_sign_in_sheet(sheet, path)
            return path

        self._run("Making the sign-in sheet", work)

    def export_grid(self, target: Path | None = None) -> None:
        """The grid as it is in the database, as an XLSX workbook."""
        if self._exercise_id is None:
            return
        exercise_id = self._exercise_id
        exercise = self._services.exercises.get(exercise_id)
        path = target or self._ask_save(
            f"{exercise.code}-attendance.xlsx", "Excel workbooks (*.xlsx)"
        )
        if path is None:
            return
        grid = self._services.grid

        def work(report: Callable[[str], None]) -> Path:
            report("Writing the workbook…")
            write_attendance_xlsx(grid.grid(exercise_id), path)
            return path

        self._run("Exporting the attendance", work)

    def import_marks(self, source: Path | None = None) -> MarkImportPlan | None:
        """Read a marks file; apply it whole after a look at what it changes, or not at all."""
        if self._exercise_id is None:
            return None
        if source is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._view,
                "Import attendance marks",
                "",
                "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)",
            )
            if not chosen:
                return None
            source = Path(chosen)
        try:
            plan = plan_mark_import(read_table(source), self._services.grid.grid(self._exercise_id))
        except (TrainingDeskError, OSError) as exc:
            _warn(self._view, "The file cannot be imported", str(exc))
            return None
        if not plan.ok:
            ImportErrorsDialog(self._view, source, plan).open()
            return plan
        if not plan.changes:
            self._say(f"{source.name} holds no marks that differ from the grid; nothing changed.")
            return plan
        answer = QMessageBox.question(
            self._view,
            "Import attendance marks",
            f"{source.name} changes {len(plan.changes)} mark(s) ({plan.unchanged} already "
            "as in the file). Import them all? You can undo this with Ctrl+Z.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._accepted(list(plan.changes), source.name)
        return plan

    def _ask_save(self, suggested: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._view, "Save as", str(Path.home() / suggested), file_filter
        )
        return Path(chosen) if chosen else None

    def _run(self, title: str, work: Callable[[Callable[[str], None]], Path]) -> None:
        self.task = BackgroundTask(
            self._view,
            title,
            work,
            self._saved,
            lambda message: _warn(self._view, f"{title} failed", message),
        )

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self._say(f"Saved to {path}")


class ImportErrorsDialog(QDialog):
    """What is wrong in a marks file, row by row, with a way to send the list back."""

    def __init__(self, parent: QWidget, source: Path, plan: MarkImportPlan) -> None:
        super().__init__(parent)
        self.setWindowTitle("The file was not imported")
        self._plan = plan
        self._source = source
        lines = [
            f"Row {error.row}, {error.column or 'row'}: {error.message}"
            + (f" (“{error.value}”)" if error.value else "")
            for error in plan.errors[:SHOWN_ERRORS]
        ]
        if len(plan.errors) > SHOWN_ERRORS:
            lines.append(f"… and {len(plan.errors) - SHOWN_ERRORS} more in the saved report.")
        summary = QLabel(
            f"{source.name} has {len(plan.errors)} problem(s). Nothing was changed: fix the "
            "file and import it again."
        )
        summary.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton("&Save the list…", QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def save_report(self, target: Path | None = None) -> None:
        """Write the problems as CSV for whoever sent the file."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Save the problems",
                str(self._source.with_name(f"{self._source.stem}-problems.csv")),
                "CSV files (*.csv)",
            )
            if not chosen:
                return
            target = Path(chosen)
        write_error_report(self._plan, target)


def _warn(parent: QWidget, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("error-dialog")
    box.open()
