"""The certificate dialogs: issue a batch, check a certificate, revoke one."""

import uuid
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainingdesk.domain.certificates import Verification, VerificationStatus
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import CertificateRecord
from trainingdesk.services.certificate_files import CertificateOutput, codes_in_pdf
from trainingdesk.services.container import Services
from trainingdesk.ui.models.certificates import Candidate, CandidateModel
from trainingdesk.ui.views.forms import ERROR_STYLE, chain_tab_order
from trainingdesk.ui.views.tables import record_table

# How many names a confirmation lists before it says "and N more".
_NAMES_SHOWN = 12
VERDICT_COLOURS = {
    VerificationStatus.VALID: "#1b5e20",
    VerificationStatus.REVOKED: "#b00020",
    VerificationStatus.SUPERSEDED: "#8a5a00",
    VerificationStatus.FORGED: "#b00020",
    VerificationStatus.UNKNOWN: "#444444",
}


@dataclass(frozen=True)
class IssueRequest:
    """What the coordinator asked for: who, on which date, written where."""

    exercise_id: uuid.UUID
    exercise_code: str
    person_ids: list[uuid.UUID]
    issued_on: date
    output: CertificateOutput


class IssueDialog(QDialog):
    """Choose an exercise and its participants; the eligible ones come ticked."""

    def __init__(
        self, services: Services, exercise_id: uuid.UUID | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Issue certificates")
        self.resize(900, 620)
        self._services = services
        self.request: IssueRequest | None = None
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        for record in services.exercises.find():
            # Qt compares item data by value only for its own types: a string, not a UUID.
            self.exercise.addItem(f"{record.code} — {record.title}", str(record.id))
        if exercise_id is not None:
            self.exercise.setCurrentIndex(max(0, self.exercise.findData(str(exercise_id))))
        self.model = CandidateModel(self)
        self.table = record_table(
            self.model,
            (50, 200, 200, 90, 80),
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.tick_all = QPushButton("Tick &all")
        self.tick_none = QPushButton("Tick &none")
        self.summary = QLabel()
        self.issued_on = QDateEdit(QDate.currentDate())
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy-MM-dd")
        self.pdf = QLineEdit()
        self.pdf.setPlaceholderText("Where the PDF to print goes")
        self.browse_pdf = QPushButton("&Browse…")
        self.per_person_none = QRadioButton("&No")
        self.per_person_folder = QRadioButton("In a &folder")
        self.per_person_zip = QRadioButton("In a &ZIP archive")
        self.per_person_none.setChecked(True)
        self.per_person_kind = QButtonGroup(self)
        for button in (self.per_person_none, self.per_person_folder, self.per_person_zip):
            self.per_person_kind.addButton(button)
        self.per_person = QLineEdit()
        self.per_person.setEnabled(False)
        self.browse_per_person = QPushButton("B&rowse…")
        self.browse_per_person.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("issue-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.issue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.issue_button.setText("&Issue and write")
        self._lay_out()
        self.exercise.currentIndexChanged.connect(self._load_candidates)
        self.model.chosen_changed.connect(self._show_summary)
        self.tick_all.clicked.connect(lambda: self.model.set_all(True))
        self.tick_none.clicked.connect(lambda: self.model.set_all(False))
        self.browse_pdf.clicked.connect(self._choose_pdf)
        self.browse_per_person.clicked.connect(self._choose_per_person)
        self.per_person_kind.buttonToggled.connect(self._per_person_kind_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._load_candidates()

    def _lay_out(self) -> None:
        top = QFormLayout()
        caption = QLabel("&Exercise")
        caption.setBuddy(self.exercise)
        top.addRow(caption, self.exercise)
        ticks = QHBoxLayout()
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        ticks.addWidget(self.summary, stretch=1)
        output = QFormLayout()
        dated = QLabel("Issue &date")
        dated.setBuddy(self.issued_on)
        output.addRow(dated, self.issued_on)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf, stretch=1)
        pdf_row.addWidget(self.browse_pdf)
        pdf_caption = QLabel("&PDF to print")
        pdf_caption.setBuddy(self.pdf)
        output.addRow(pdf_caption, pdf_row)
        kinds = QHBoxLayout()
        for button in (self.per_person_none, self.per_person_folder, self.per_person_zip):
            kinds.addWidget(button)
        kinds.addStretch()
        output.addRow(QLabel("Also one PDF per person"), kinds)
        per_person_row = QHBoxLayout()
        per_person_row.addWidget(self.per_person, stretch=1)
        per_person_row.addWidget(self.browse_per_person)
        output.addRow(QLabel("Folder or archive"), per_person_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(ticks)
        layout.addLayout(output)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        chain_tab_order(
            self.exercise,
            self.table,
            self.tick_all,
            self.tick_none,
            self.issued_on,
            self.pdf,
            self.browse_pdf,
            self.per_person_none,
            self.per_person_folder,
            self.per_person_zip,
            self.per_person,
            self.browse_per_person,
            self.buttons,
        )

    def _exercise_id(self) -> uuid.UUID | None:
        data = self.exercise.currentData()
        return uuid.UUID(data) if data else None

    def _load_candidates(self) -> None:
        exercise_id = self._exercise_id()
        if exercise_id is None:
            self.model.set_candidates([])
            return
        certificates = self._services.certificates
        holders = {
            c.person_id: c.serial
            for c in certificates.find(exercise_id=exercise_id, status=CertificateStatus.VALID)
        }
        native = {
            e.person_id: e.native_name for e in self._services.enrolments.for_exercise(exercise_id)
        }
        self.model.set_candidates(
            [
                Candidate(c, native.get(c.person_id, ""), holders.get(c.person_id, ""))
                for c in self._services.attendance.completion(exercise_id)
            ]
        )
        code = self.exercise.currentText().split(" — ", 1)[0]
        self.pdf.setText(str(Path.home() / f"certificates-{code}.pdf"))
        self._per_person_kind_changed()

    def _show_summary(self) -> None:
        chosen = self.model.chosen()
        exceptions = sum(not c.eligible for c in chosen)
        text = f"{len(chosen)} ticked"
        if exceptions:
            text += f", {exceptions} of them not meeting the completion rules"
        self.summary.setText(text)
        self.issue_button.setEnabled(bool(chosen))

    def _per_person_kind_changed(self) -> None:
        wanted = not self.per_person_none.isChecked()
        self.per_person.setEnabled(wanted)
        self.browse_per_person.setEnabled(wanted)
        pdf = Path(self.pdf.text().strip() or "certificates.pdf")
        if self.per_person_folder.isChecked():
            self.per_person.setText(str(pdf.with_suffix("")))
        elif self.per_person_zip.isChecked():
            self.per_person.setText(str(pdf.with_suffix(".zip")))
        else:
            self.per_person.clear()

    def _choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save certificates", self.pdf.text(), "PDF (*.pdf)"
        )
        if path:
            self.pdf.setText(path)

    def _choose_per_person(self) -> None:
        if self.per_person_zip.isChecked():
            path, _ = QFileDialog.getSaveFileName(
                self, "One PDF per person, in a ZIP archive", self.per_person.text(), "ZIP (*.zip)"
            )
        else:
            path = QFileDialog.getExistingDirectory(
                self, "One PDF per person, in a folder", self.per_person.text()
            )
        if path:
            self.per_person.setText(path)

    def accept(self) -> None:
        """Check the choices, confirm exceptions, and close with a request."""
        chosen = self.model.chosen()
        problem = self._problem(chosen)
        if problem:
            self.error.setText(problem)
            return
        exceptions = [c for c in chosen if not c.eligible]
        if exceptions and not self._confirm_exceptions(exceptions):
            return
        per_person = None
        if not self.per_person_none.isChecked():
            per_person = _with_suffix(
                self.per_person.text(), ".zip" if self.per_person_zip.isChecked() else ""
            )
        exercise_id = self._exercise_id()
        assert exercise_id is not None, "a participant was ticked, so an exercise is chosen"
        self.request = IssueRequest(
            exercise_id=exercise_id,
            exercise_code=self.exercise.currentText().split(" — ", 1)[0],
            person_ids=[c.person_id for c in chosen],
            issued_on=date.fromisoformat(self.issued_on.date().toString(Qt.DateFormat.ISODate)),
            output=CertificateOutput(
                pdf=_with_suffix(self.pdf.text(), ".pdf"), per_person=per_person
            ),
        )
        super().accept()

    def _problem(self, chosen: list[Candidate]) -> str:
        if not chosen:
            return "Tick at least one participant."
        if not self.pdf.text().strip():
            return "Say where the PDF goes."
        if not self.per_person_none.isChecked() and not self.per_person.text().strip():
            return "Say where the one-per-person files go, or choose No."
        pdf = _with_suffix(self.pdf.text(), ".pdf")
        if pdf.is_dir():
            return f"{pdf} is a folder; give a file name for the PDF."
        return ""

    def _confirm_exceptions(self, exceptions: list[Candidate]) -> bool:
        lines = [
            f"• {c.completion.person_name}: {c.completion_text()}"
            for c in exceptions[:_NAMES_SHOWN]
        ]
        if len(exceptions) > _NAMES_SHOWN:
            lines.append(f"… and {len(exceptions) - _NAMES_SHOWN} more")
        answer = QMessageBox.question(
            self,
            "Issue to people who did not complete?",
            f"{len(exceptions)} ticked participant(s) do not meet the completion rules:\n\n"
            + "\n".join(lines)
            + "\n\nIssue their certificates anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _with_suffix(text: str, suffix: str) -> Path:
    path = Path(text.strip()).expanduser()
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


class VerifyDialog(QDialog):
    """Paste what a phone's QR scanner read, type a short code, or open a certificate PDF."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify a certificate")
        self.resize(640, 360)
        self._services = services
        self.code = QLineEdit()
        self.code.setPlaceholderText(
            "TD1|APCP-… as a QR scanner reads it, or APCP-2025-000123-ABCDEFGH"
        )
        self.check_button = QPushButton("&Check")
        self.check_button.setDefault(True)
        self.open_button = QPushButton("Check a &PDF…")
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        caption = QLabel("C&ode")
        caption.setBuddy(self.code)
        row.addWidget(caption)
        row.addWidget(self.code, stretch=1)
        row.addWidget(self.check_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.verdict, stretch=1)
        layout.addWidget(close)
        self.check_button.clicked.connect(self.check_code)
        self.code.returnPressed.connect(self.check_code)
        self.open_button.clicked.connect(self._choose_pdf)

    def check_code(self) -> None:
        """Check what is in the code field."""
        text = self.code.text().strip()
        if not text:
            self._show([("Type or paste a code first.", VerificationStatus.UNKNOWN)])
            return
        verdict = self._services.certificates.verify(text)
        self._show([(_verdict_html(verdict), verdict.status)])

    def check_pdf(self, path: Path) -> None:
        """Check every certificate in a PDF file."""
        try:
            codes = codes_in_pdf(path)
        except TrainingDeskError as exc:
            self._show([(str(exc), VerificationStatus.UNKNOWN)])
            return
        if not codes:
            message = f"{path.name} holds no TrainingDesk certificate code."
            self._show([(message, VerificationStatus.UNKNOWN)])
            return
        verdicts = [self._services.certificates.verify(code) for code in codes]
        self._show([(_verdict_html(v), v.status) for v in verdicts])

    def _choose_pdf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Check a certificate PDF", "", "PDF (*.pdf)")
        if path:
            self.check_pdf(Path(path))

    def _show(self, parts: list[tuple[str, VerificationStatus]]) -> None:
        self.verdict.setText(
            "".join(
                f'<p style="color: {VERDICT_COLOURS[status]}">{html}</p>' for html, status in parts
            )
        )


def _verdict_html(verdict: Verification) -> str:
    text = f"<b>{verdict.status.value.upper()}</b>: {escape(verdict.explanation)}"
    if verdict.facts is not None:
        facts = verdict.facts
        text += (
            f"<br>{escape(facts.serial)} · {escape(facts.name)} · {escape(facts.exercise_code)}"
            f" · issued {facts.issue_date.isoformat()}"
        )
    return text


class RevokeDialog(QDialog):
    """Why a certificate is withdrawn; the reason goes into the register and the audit log."""

    def __init__(self, record: CertificateRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Revoke {record.serial}")
        explanation = QLabel(
            f"Revoke {record.serial}, issued to {record.person_name} for "
            f"{record.exercise_code}? It stays in the register, and checking it will say "
            "it was revoked and why. This cannot be undone; a new certificate can be issued "
            "to the person later."
        )
        explanation.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("The reason, e.g. issued to the wrong officer")
        self.reason.setTabChangesFocus(True)
        caption = QLabel("&Reason")
        caption.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.revoke_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.revoke_button.setText("Re&voke")
        self.revoke_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.revoke_button.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        """The reason as typed, without surrounding blanks."""
        return self.reason.toPlainText().strip()
