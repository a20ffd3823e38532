"""The certificate register: every certificate ever issued, and what can be done with one.

Issuing, reissuing and revoking are not on the undo stack: a certificate may be printed
and handed over the moment it exists, and its serial is never given out again. Each asks
first instead, and the register keeps every certificate with its status.
"""

import shutil
import tempfile
import uuid
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.names import match_key
from trainingdesk.domain.records import CertificateRecord
from trainingdesk.services.certificate_files import CertificateOutput
from trainingdesk.services.container import Services
from trainingdesk.storage.errors import StorageError
from trainingdesk.ui.models.records import Column, RecordTableModel
from trainingdesk.ui.printing import choose_printer_and_print, open_in_viewer
from trainingdesk.ui.tasks import BackgroundTask, Report
from trainingdesk.ui.views.certificate_dialogs import (
    IssueDialog,
    IssueRequest,
    RevokeDialog,
    VerifyDialog,
)
from trainingdesk.ui.views.forms import chain_tab_order
from trainingdesk.ui.views.tables import record_table

ANY = "All"
CERTIFICATE_COLUMNS: tuple[Column[CertificateRecord], ...] = (
    Column("Serial", lambda c: c.serial),
    Column("Status", lambda c: c.status.value),
    Column("Issued", lambda c: c.issue_date.isoformat()),
    Column("Name", lambda c: c.person_name),
    Column("Native name", lambda c: c.native_name, right_to_left=True),
    Column("Country", lambda c: c.country.value),
    Column("Exercise", lambda c: c.exercise_code),
    Column(
        "Note",
        lambda c: (
            f"revoked: {c.revoked_reason}"
            if c.revoked_reason
            else (f"replaced by {c.superseded_by}" if c.superseded_by else "")
        ),
    ),
)
PrintStarter = Callable[[QWidget, Path], object]
ErrorShown = Callable[[str, str], None]


class CertificatesView(QWidget):
    """The register with its filters; issue, open, print, save, reissue, revoke, verify."""

    register_changed = Signal()

    def __init__(
        self, services: Services, show_error: ErrorShown, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._show_error = show_error
        # Each record with its search key, worked out once per reload rather than per keystroke.
        self._all: list[tuple[CertificateRecord, str]] = []
        self._scratch: Path | None = None
        self.task: BackgroundTask | None = None
        self.print_job: object = None
        self.start_printing: PrintStarter = choose_printer_and_print
        self.open_file: Callable[[Path], bool] = open_in_viewer
        self.model = RecordTableModel(CERTIFICATE_COLUMNS, self)
        self.search = QLineEdit(placeholderText="Search serials and names…")
        self.search.setClearButtonEnabled(True)
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        # Qt compares item data by value only for its own types: strings, not enums or UUIDs.
        self.status.addItem(ANY, "")
        for status in CertificateStatus:
            self.status.addItem(status.value, status.value)
        self.table = record_table(
            self.model,
            (150, 80, 90, 190, 190, 60, 120),
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.count = QLabel()
        self.message = QLabel()
        self.message.setObjectName("certificates-message")
        self.message.setWordWrap(True)
        self.issue_button = QPushButton("&Issue…")
        self.issue_button.setToolTip("Certificates for an exercise's participants (Ctrl+N)")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Show the selected certificates in the PDF viewer (Enter)")
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Print the selected certificates (Ctrl+P)")
        self.save_button = QPushButton("&Save as PDF…")
        self.reissue_button = QPushButton("Re&issue…")
        self.reissue_button.setToolTip(
            "A corrected certificate with a new serial; the old one is kept as superseded"
        )
        self.revoke_button = QPushButton("Re&voke…")
        self.verify_button = QPushButton("Veri&fy…")
        self.verify_button.setToolTip("Check a scanned QR code, a short code or a PDF")
        self._lay_out()
        self._connect()
        self._selection_changed()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=3)
        for label, combo in (("E&xercise", self.exercise), ("S&tatus", self.status)):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
        actions = QHBoxLayout()
        buttons = (
            self.issue_button,
            self.open_button,
            self.print_button,
            self.save_button,
            self.reissue_button,
            self.revoke_button,
            self.verify_button,
        )
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addWidget(self.message, stretch=1)
        layout.addLayout(footer)
        chain_tab_order(self.search, self.exercise, self.status, *buttons, self.table)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.apply_filter)
        self.exercise.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.issue_button.clicked.connect(lambda _checked=False: self.issue())
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.verify_button.clicked.connect(self.verify)
        screen, table = (
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            Qt.ShortcutContext.WidgetShortcut,
        )
        for keys, owner, slot, context in (
            (QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus, screen),
            (QKeySequence(QKeySequence.StandardKey.New), self, self.issue, screen),
            (QKeySequence(QKeySequence.StandardKey.Print), self, self.print_selected, screen),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected, table),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected, table),
        ):
            shortcut = QShortcut(keys, owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def reload(self) -> None:
        """Read the register again, keeping the filters and the selection."""
        chosen = {record.id for record in self.selected()}
        self._all = [(record, _search_key(record)) for record in self._services.certificates.find()]
        current = self.exercise.currentData()
        self.exercise.blockSignals(True)
        self.exercise.clear()
        self.exercise.addItem(ANY, "")
        for exercise_id, code in sorted(
            {(c.exercise_id, c.exercise_code) for c, _key in self._all}, key=lambda pair: pair[1]
        ):
            self.exercise.addItem(code, str(exercise_id))
        self.exercise.setCurrentIndex(max(0, self.exercise.findData(current)))
        self.exercise.blockSignals(False)
        self.apply_filter()
        self.select(chosen)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Coming back to the screen: names may have been corrected meanwhile."""
        super().showEvent(event)
        self.reload()

    def show_filtered(
        self, *, exercise_id: uuid.UUID | None = None, status: CertificateStatus | None = None
    ) -> None:
        """Show only one exercise's certificates, or those of one status."""
        self.search.clear()
        self.exercise.setCurrentIndex(max(0, self.exercise.findData(str(exercise_id or ""))))
        self.status.setCurrentIndex(max(0, self.status.findData(status.value if status else "")))

    def apply_filter(self) -> None:
        """Show the certificates matching the search text, exercise and status."""
        words = match_key(self.search.text()).split()
        exercise_id = self.chosen_exercise()
        status = self.status.currentData()
        shown = [
            record
            for record, key in self._all
            if (exercise_id is None or record.exercise_id == exercise_id)
            and (not status or record.status.value == status)
            and all(word in key for word in words)
        ]
        self.model.set_rows(shown)
        valid = sum(r.status is CertificateStatus.VALID for r in shown)
        self.count.setText(f"{len(shown):,} certificate(s) shown, {valid:,} valid")
        self._selection_changed()

    def chosen_exercise(self) -> uuid.UUID | None:
        """The exercise the register is narrowed to, if any."""
        data = self.exercise.currentData()
        return uuid.UUID(data) if data else None

    def selected(self) -> list[CertificateRecord]:
        """The selected certificates, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def select(self, certificate_ids: set[uuid.UUID]) -> None:
        """Select these certificates where they are shown."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for row, record in enumerate(self.model.rows()):
            if record.id in certificate_ids:
                flags = (
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.select(self.model.index(row, 0), flags)
                first = row if first is None else first
        if first is not None:
            self.table.scrollTo(self.model.index(first, 0))

    def _selection_changed(self) -> None:
        chosen = self.selected()
        printable = bool(chosen) and all(c.status is not CertificateStatus.REVOKED for c in chosen)
        single = chosen[0] if len(chosen) == 1 else None
        for button in (self.open_button, self.print_button, self.save_button):
            button.setEnabled(printable)
        self.reissue_button.setEnabled(
            single is not None and single.status is CertificateStatus.VALID
        )
        self.revoke_button.setEnabled(
            single is not None and single.status is not CertificateStatus.REVOKED
        )

    def issue(self, exercise_id: uuid.UUID | None = None) -> None:
        """Ask who gets a certificate, then issue and write them in the background."""
        if exercise_id is None:
            exercise_id = self.chosen_exercise()
        dialog = IssueDialog(self._services, exercise_id, self)
        dialog.setObjectName("issue-dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_issue(dialog.request))
        dialog.open()

    def _start_issue(self, request: IssueRequest | None) -> None:
        if request is None:
            return
        certificates = self._services.certificates

        def work(report: Report) -> list[CertificateRecord]:
            report(f"Issuing certificates for {request.exercise_code}")
            return certificates.issue(
                request.exercise_id,
                request.person_ids,
                issued_on=request.issued_on,
                output=request.output,
                progress=report,
            )

        self.task = BackgroundTask(
            self,
            "Issuing certificates",
            work,
            lambda issued: self._issued(issued, request),
            lambda message: self._show_error("The certificates were not issued", message),
        )

    def _issued(self, issued: list[CertificateRecord], request: IssueRequest) -> None:
        self.reload()
        self.register_changed.emit()
        if not issued:
            self._say(
                "No certificate was issued: everyone ticked already holds a valid one "
                f"for {request.exercise_code}."
            )
            return
        self.select({record.id for record in issued})
        where = request.output.pdf
        per_person = request.output.per_person
        extra = f"\nOne PDF per person: {per_person}" if per_person else ""
        self._offer_pdf(
            f"Issued {len(issued)} certificate(s) for {request.exercise_code}.\n"
            f"Written to {where}{extra}",
            where,
        )

    def _offer_pdf(self, message: str, pdf: Path | None) -> None:
        self._say(message.replace("\n", " "))
        box = QMessageBox(QMessageBox.Icon.Information, "Certificates", message, parent=self)
        box.setObjectName("certificates-written")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if pdf is not None:
            print_button = box.addButton("&Print…", QMessageBox.ButtonRole.AcceptRole)
            open_button = box.addButton("&Open", QMessageBox.ButtonRole.ActionRole)
            print_button.clicked.connect(lambda: self._print(pdf))
            open_button.clicked.connect(lambda: self._open(pdf))
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()

    def open_selected(self) -> None:
        """Write the selected certificates to a scratch PDF and show it in the viewer."""
        self._write_selected("Opening certificates", self._scratch_pdf(), self._open)

    def print_selected(self) -> None:
        """Write the selected certificates to a scratch PDF and print it."""
        self._write_selected("Preparing certificates to print", self._scratch_pdf(), self._print)

    def save_selected(self) -> None:
        """Save the selected certificates as one PDF where the coordinator says."""
        chosen = self.selected()
        if not chosen:
            return
        name = chosen[0].serial if len(chosen) == 1 else f"certificates-{chosen[0].exercise_code}"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save certificates", str(Path.home() / f"{name}.pdf"), "PDF (*.pdf)"
        )
        if path:
            target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
            self._write_selected(
                "Saving certificates",
                target,
                lambda written: self._say(f"Saved {len(chosen)} certificate(s) to {written}."),
            )

    def _write_selected(self, title: str, target: Path, then: Callable[[Path], None]) -> None:
        chosen = [c for c in self.selected() if c.status is not CertificateStatus.REVOKED]
        if not chosen:
            return
        certificates = self._services.certificates
        ids = [c.id for c in chosen]

        def work(report: Report) -> Path:
            certificates.write(ids, CertificateOutput(pdf=target), progress=report)
            return target

        self.task = BackgroundTask(
            self,
            title,
            work,
            then,
            lambda message: self._show_error("The certificates could not be written", message),
        )

    def _scratch_pdf(self) -> Path:
        """A private temporary folder for PDFs handed to the viewer or the printer."""
        if self._scratch is None or not self._scratch.is_dir():
            self._scratch = Path(tempfile.mkdtemp(prefix="trainingdesk-certificates-"))
            # Names are personal data: the copies go when the screen does.
            weakref.finalize(self, shutil.rmtree, self._scratch, ignore_errors=True)
        chosen = self.selected()
        name = chosen[0].serial if len(chosen) == 1 else f"certificates-{len(chosen)}"
        return self._scratch / f"{name}.pdf"

    def _open(self, pdf: Path) -> None:
        if self.open_file(pdf):
            self._say(f"Opened {pdf.name} in the PDF viewer.")
        else:
            self._show_error(
                "No PDF viewer opened",
                f"The certificates are in {pdf}; open that file with a PDF viewer.",
            )

    def _print(self, pdf: Path) -> None:
        self.print_job = self.start_printing(self, pdf)

    def reissue_selected(self) -> None:
        """Replace the selected certificate with a corrected one under a new serial."""
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status is not CertificateStatus.VALID:
            return
        record = chosen[0]
        answer = QMessageBox.question(
            self,
            f"Reissue {record.serial}",
            f"Reissue {record.serial} for {record.person_name}? A new certificate with a "
            "new serial is made from the person's details as they are now (correct them on "
            "the People screen first); the old one stays in the register as superseded, "
            "and checking it will name its replacement.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        replacement = self._attempt(
            "The certificate was not reissued",
            lambda: self._services.certificates.reissue(record.serial),
        )
        if isinstance(replacement, CertificateRecord):
            self.reload()
            self.register_changed.emit()
            self.select({replacement.id})
            self._say(f"{record.serial} is replaced by {replacement.serial}.")

    def revoke_selected(self) -> None:
        """Withdraw the selected certificate, for a reason."""
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status is CertificateStatus.REVOKED:
            return
        record = chosen[0]
        dialog = RevokeDialog(record, self)
        dialog.setObjectName("revoke-dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._revoke(record, dialog.reason_text()))
        dialog.open()

    def _revoke(self, record: CertificateRecord, reason: str) -> None:
        revoked = self._attempt(
            "The certificate was not revoked",
            lambda: self._services.certificates.revoke(record.serial, reason),
        )
        if isinstance(revoked, CertificateRecord):
            self.reload()
            self.register_changed.emit()
            self.select({revoked.id})
            self._say(f"{record.serial} is revoked: {reason}")

    def verify(self) -> None:
        """Check a certificate that someone shows."""
        dialog = VerifyDialog(self._services, self)
        dialog.setObjectName("verify-dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _attempt(self, title: str, action: Callable[[], object]) -> object:
        try:
            return action()
        except (TrainingDeskError, StorageError) as exc:
            self._show_error(title, str(exc))
            return None

    def _say(self, message: str) -> None:
        self.message.setText(message)


def _search_key(record: CertificateRecord) -> str:
    return match_key(f"{record.serial} {record.person_name} {record.native_name}")
