"""Donor reports: choose a period and filters, look at the PDF, save it and the workbook."""

import shutil
import tempfile
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from reportlab.lib.pagesizes import A4, letter

from trainingdesk.domain.donor import DEFAULT_MIN_CELL, DonorReport, ReportScope
from trainingdesk.domain.enums import ExerciseType, KeyArea
from trainingdesk.domain.periods import quick_picks
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.reports.donor_xlsx import write_donor_workbook
from trainingdesk.services.container import Services
from trainingdesk.ui.tasks import BackgroundTask, Report
from trainingdesk.ui.views.forms import chain_tab_order

ANY = "All"
CUSTOM = "Dates below"
PAPER = {"A4": A4, "US Letter": letter}
ErrorShown = Callable[[str, str], None]


@dataclass(frozen=True)
class MadeReport:
    """A report made for the screen: its figures, and its PDF in a scratch folder."""

    report: DonorReport
    pdf: Path
    seconds: float


class DonorReportView(QWidget):
    """Period and filters on the left, the PDF on the right; making it runs in the background."""

    def __init__(
        self, services: Services, show_error: ErrorShown, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._show_error = show_error
        self._scratch = Path(tempfile.mkdtemp(prefix="trainingdesk-report-"))
        weakref.finalize(self, shutil.rmtree, self._scratch, ignore_errors=True)
        self.made: MadeReport | None = None
        self.task: BackgroundTask | None = None
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.start = _date_edit("From")
        self.end = _date_edit("To")
        self.project = QComboBox()
        self.project.setAccessibleName("Project")
        self.key_area = QComboBox()
        self.key_area.setAccessibleName("Key area")
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.exercise_type = QComboBox()
        self.exercise_type.setAccessibleName("Exercise type")
        self.min_cell = QSpinBox()
        self.min_cell.setRange(0, 99)
        self.min_cell.setValue(DEFAULT_MIN_CELL)
        self.min_cell.setToolTip(
            "Counts of people below this are shown as “<N”, and enough others are hidden "
            "that none can be worked out. 0 shows every count: for internal use only."
        )
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper")
        self.paper.addItems(list(PAPER))
        self.make_button = QPushButton("&Make report")
        self.make_button.setToolTip("Make the report for these choices (Ctrl+Return)")
        self.save_pdf_button = QPushButton("Save &PDF…")
        self.save_xlsx_button = QPushButton("Save &spreadsheet…")
        self.message = QLabel("Choose a period, then Make report.")
        self.message.setObjectName("report-message")
        self.message.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.preview.setAccessibleName("Preview")
        self._lay_out()
        self._connect()
        self._show_made()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, widget in (
            ("P&eriod", self.period),
            ("&From", self.start),
            ("&To", self.end),
            ("Pro&ject", self.project),
            ("&Key area", self.key_area),
            ("S&ite", self.site),
            ("E&xercise type", self.exercise_type),
            ("Hide counts &below", self.min_cell),
            ("P&aper", self.paper),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        saves = QHBoxLayout()
        saves.addWidget(self.save_pdf_button)
        saves.addWidget(self.save_xlsx_button)
        choices = QWidget()
        column = QVBoxLayout(choices)
        column.addLayout(form)
        column.addWidget(self.make_button)
        column.addLayout(saves)
        column.addWidget(self.message)
        column.addStretch()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(choices)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 870])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        chain_tab_order(
            self.period,
            self.start,
            self.end,
            self.project,
            self.key_area,
            self.site,
            self.exercise_type,
            self.min_cell,
            self.paper,
            self.make_button,
            self.save_pdf_button,
            self.save_xlsx_button,
            self.preview,
        )

    def _connect(self) -> None:
        self.period.currentIndexChanged.connect(self._period_chosen)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._dates_edited)
        self.make_button.clicked.connect(self.make_report)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_xlsx_button.clicked.connect(self.save_workbook)
        for keys in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.make_report)

    def reload(self, today: date | None = None) -> None:
        """Fill the choices from the database (projects and sites may have changed)."""
        day = today or date.today()
        self.period.blockSignals(True)
        self.period.clear()
        for period in quick_picks(day):
            self.period.addItem(
                f"{period.label} ({period.start:%d %b %Y} – {period.end:%d %b %Y})",
                (period.start.isoformat(), period.end.isoformat()),
            )
        self.period.addItem(CUSTOM, None)
        self.period.blockSignals(False)
        self._period_chosen()
        _fill(
            self.project,
            [(f"{p.code} — {p.name}", p.code) for p in self._services.reference.list_projects()],
        )
        _fill(self.key_area, [(area.label, area.value) for area in KeyArea])
        _fill(
            self.site,
            [(f"{s.code} — {s.name}", s.code) for s in self._services.reference.list_sites()],
        )
        _fill(
            self.exercise_type,
            [(kind.value.replace("_", " "), kind.value) for kind in ExerciseType],
        )

    def scope(self) -> ReportScope:
        """What the choices on screen ask for."""
        key_area = self.key_area.currentData()
        exercise_type = self.exercise_type.currentData()
        return ReportScope(
            start=_day(self.start),
            end=_day(self.end),
            project_code=self.project.currentData() or None,
            key_area=KeyArea(key_area) if key_area else None,
            site_code=self.site.currentData() or None,
            exercise_type=ExerciseType(exercise_type) if exercise_type else None,
            min_cell=self.min_cell.value(),
        )

    def make_report(self) -> None:
        """Compute the figures and write the PDF off the GUI thread, then show it."""
        scope = self.scope()
        if scope.end < scope.start:
            self.message.setText("The period ends before it starts; correct the dates.")
            return
        if self.task is not None and not self.task.finished.is_set():
            return
        donor = self._services.donor
        logos = self._services.certificates.settings().logos
        page_size = PAPER[self.paper.currentText()]
        pdf = self._scratch / f"donor-report-{time.monotonic_ns()}.pdf"

        def work(report: Report) -> MadeReport:
            started = time.perf_counter()
            report("Counting")
            figures = donor.build(scope, progress=report)
            report("Writing the PDF")
            write_donor_summary(figures, pdf, page_size=page_size, logos=logos)
            return MadeReport(figures, pdf, time.perf_counter() - started)

        self.task = BackgroundTask(
            self,
            "Making the donor report",
            work,
            self._made,
            lambda message: self._show_error("The report could not be made", message),
        )

    def _made(self, made: MadeReport) -> None:
        previous = self.made
        self.made = made
        self.document.load(str(made.pdf))
        if previous is not None and previous.pdf != made.pdf:
            previous.pdf.unlink(missing_ok=True)
        self._show_made()

    def _show_made(self) -> None:
        made = self.made
        self.save_pdf_button.setEnabled(made is not None)
        self.save_xlsx_button.setEnabled(made is not None)
        if made is None:
            return
        scope = made.report.scope
        self.message.setText(
            f"{made.report.project_name}, {scope.start:%d %b %Y} to {scope.end:%d %b %Y}: "
            f"{len(made.report.exercises)} exercise(s), {self.document.pageCount()} page(s), "
            f"made in {made.seconds:.1f} s."
        )

    def save_pdf(self) -> None:
        """Save the report shown as a PDF where the coordinator says."""
        made = self.made
        if made is None:
            return
        target = self._ask_where("Save the donor report", ".pdf", "PDF (*.pdf)")
        if target is None:
            return
        try:
            shutil.copyfile(made.pdf, target)
        except OSError as exc:
            self._show_error("The report was not saved", f"{target}: {exc.strerror or exc}")
            return
        self.message.setText(f"Saved the report to {target}.")

    def save_workbook(self) -> None:
        """Save the figures of the report shown as an XLSX workbook, one table a sheet."""
        made = self.made
        if made is None:
            return
        target = self._ask_where("Save the figures", ".xlsx", "Excel workbook (*.xlsx)")
        if target is None:
            return
        try:
            write_donor_workbook(made.report, target)
        except OSError as exc:
            self._show_error("The workbook was not saved", f"{target}: {exc.strerror or exc}")
            return
        self.message.setText(f"Saved the figures to {target}.")

    def _ask_where(self, title: str, suffix: str, kinds: str) -> Path | None:
        assert self.made is not None
        scope = self.made.report.scope
        name = f"donor-report-{scope.start.isoformat()}-{scope.end.isoformat()}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kinds)
        if not path:
            return None
        return Path(path if path.lower().endswith(suffix) else f"{path}{suffix}")

    def _period_chosen(self) -> None:
        dates = self.period.currentData()
        if not dates:
            return
        for edit, text in zip((self.start, self.end), dates, strict=True):
            edit.blockSignals(True)
            edit.setDate(QDate.fromString(text, Qt.DateFormat.ISODate))
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        """Show the quick pick the typed dates make, or "Dates below" when none."""
        typed = (_day(self.start).isoformat(), _day(self.end).isoformat())
        match = next(
            (row for row in range(self.period.count()) if self.period.itemData(row) == typed),
            self.period.count() - 1,
        )
        self.period.blockSignals(True)
        self.period.setCurrentIndex(match)
        self.period.blockSignals(False)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> date:
    return date.fromisoformat(edit.date().toString(Qt.DateFormat.ISODate))


def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace a filter's choices, keeping the one chosen if it is still there."""
    # Qt compares item data by value only for its own types: plain strings here.
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ANY, "")
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
