"""A coordinator issues, finds, prints, reissues, revokes and checks certificates."""

import functools
import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.records import CertificateRecord, ExerciseRecord
from trainingdesk.services.certificate_files import CertificateOutput
from trainingdesk.ui.main_window import MainWindow
from trainingdesk.ui.printing import choose_printer_and_print
from trainingdesk.ui.tasks import BackgroundTask
from trainingdesk.ui.views.certificate_dialogs import (
    IssueDialog,
    IssueRequest,
    RevokeDialog,
    VerifyDialog,
)
from trainingdesk.ui.views.certificate_settings import CertificateSettingsDialog
from trainingdesk.ui.views.certificates import CertificatesView

# The GUI tests' demo (80 people, seed 11) has issued the certificates of the finished
# exercises but the latest, this one: 23 enrolled, 17 of them completed.
EXERCISE = "DLG-2026-01"


def _exercise(window: MainWindow, code: str = EXERCISE) -> ExerciseRecord:
    return window.services.exercises.by_code(code)


def _issue_dialog(window: MainWindow, exercise: ExerciseRecord) -> IssueDialog:
    view = window.show_certificates()
    view.issue(exercise.id)
    dialog = view.findChild(IssueDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _wait_for_task(view: CertificatesView, qtbot: QtBot, before: object = None) -> None:
    task = view.task
    assert task is not None and task is not before, "no work was started"
    qtbot.waitUntil(task.finished.is_set, timeout=60_000)


def _close_written_box() -> str:
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "certificates-written"
    ]
    assert len(boxes) == 1
    text = boxes[0].text()
    boxes[0].close()
    return text


def _issued(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> list[CertificateRecord]:
    """Certificates for everyone who completed the exercise, through the issue dialog."""
    dialog = _issue_dialog(window, _exercise(window))
    dialog.pdf.setText(str(tmp_path / "course.pdf"))
    dialog.accept()
    _wait_for_task(window.certificates, qtbot)
    _close_written_box()
    return window.services.certificates.find(exercise_id=_exercise(window).id)


def test_the_eligible_come_ticked_and_others_are_issued_only_when_confirmed(
    main_window: MainWindow, qtbot: QtBot, qtmodeltester: object, tmp_path: Path
) -> None:
    exercise = _exercise(main_window)
    completion = main_window.services.attendance.completion(exercise.id)
    eligible = {c.person_id for c in completion if c.eligible}
    dialog = _issue_dialog(main_window, exercise)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert {c.person_id for c in dialog.model.chosen()} == eligible
    assert dialog.summary.text() == f"{len(eligible)} ticked"

    outsider_row = next(
        row
        for row in range(dialog.model.rowCount())
        if not dialog.model._rows[row].completion.result.completed
    )
    outsider = dialog.model._rows[outsider_row]
    assert "attended" in dialog.model.index(outsider_row, 5).data(), "says why not"
    dialog.model.setData(
        dialog.model.index(outsider_row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert "1 of them not meeting the completion rules" in dialog.summary.text()
    dialog.pdf.setText(str(tmp_path / "course"))
    dialog.per_person_zip.setChecked(True)
    dialog.per_person.setText(str(tmp_path / "each"))

    asked: list[str] = []
    _when_dialog_opens(lambda box: box.reject(), asked)  # type: ignore[attr-defined]
    dialog.accept()
    assert asked == ["Issue to people who did not complete?"]
    assert dialog.isVisible(), "No keeps the dialog open with the choices made"
    register = main_window.services.certificates
    assert register.find(exercise_id=exercise.id) == []
    before = len(register.find())

    _when_dialog_opens(
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(),  # type: ignore[attr-defined]
        asked,
    )
    dialog.accept()
    _wait_for_task(main_window.certificates, qtbot)
    message = _close_written_box()

    issued = register.find(exercise_id=exercise.id)
    assert {c.person_id for c in issued} == eligible | {outsider.person_id}
    assert f"Issued {len(issued)} certificate(s) for {EXERCISE}" in message
    assert len(PdfReader(tmp_path / "course.pdf").pages) == len(issued)
    with zipfile.ZipFile(tmp_path / "each.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"{c.serial}.pdf" for c in issued)
    view = main_window.certificates
    assert view.model.rowCount() == before + len(issued)
    assert {r.id for r in view.selected()} == {c.id for c in issued}, "the new ones selected"
    counted = main_window.dashboard.buttons["certificates"].text()
    assert counted == f"{len(register.find(status=CertificateStatus.VALID))} certificates issued"


def test_those_who_hold_a_certificate_cannot_be_ticked_again(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    dialog = _issue_dialog(main_window, _exercise(main_window))
    assert dialog.model.chosen() == []
    assert not dialog.issue_button.isEnabled()
    holder_row = next(
        row
        for row in range(dialog.model.rowCount())
        if dialog.model._rows[row].person_id == issued[0].person_id
    )
    index = dialog.model.index(holder_row, 0)
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.model.index(holder_row, 5).data() == f"holds {issued[0].serial}"
    dialog.model.set_all(True)
    assert issued[0].person_id not in {c.person_id for c in dialog.model.chosen()}
    dialog.reject()


def test_cancel_while_writing_issues_nothing_and_leaves_no_file(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    exercise = _exercise(main_window)
    people = [c.person_id for c in main_window.services.attendance.completion(exercise.id)]
    view = main_window.show_certificates()
    out = tmp_path / "out"
    request = IssueRequest(
        exercise.id, EXERCISE, people, date(2026, 11, 28), CertificateOutput(pdf=out / "c.pdf")
    )
    view._start_issue(request)
    assert view.task is not None
    view.task.cancel()
    _wait_for_task(view, qtbot)
    assert main_window.services.certificates.find(exercise_id=exercise.id) == []
    assert not out.exists() or list(out.iterdir()) == []


def test_the_register_filters_by_text_exercise_and_status(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    view = main_window.certificates
    first = issued[-1]
    main_window.services.certificates.revoke(first.serial, "wrong officer")
    view.reload()
    view.search.setText(first.person_name.split()[-1].lower())
    assert first.id in {r.id for r in view.model.rows()}
    view.search.setText(first.serial)
    assert [r.id for r in view.model.rows()] == [first.id]
    view.search.clear()
    view.status.setCurrentIndex(view.status.findText(CertificateStatus.REVOKED.value))
    revoked = [r.serial for r in view.model.rows()]
    assert first.serial in revoked and len(revoked) == 2, "the demo has revoked one too"
    row = revoked.index(first.serial)
    assert "revoked: wrong officer" in view.model.index(row, 7).data()

    register = main_window.services.certificates
    main_window.navigation.setCurrentRow(0)
    main_window.dashboard.buttons["certificates"].click()
    assert main_window.stack.currentWidget() is view
    assert view.status.currentText() == CertificateStatus.VALID.value
    assert view.model.rowCount() == len(register.find(status=CertificateStatus.VALID))
    view.exercise.setCurrentIndex(view.exercise.findText(EXERCISE))
    assert view.model.rowCount() == len(issued) - 1
    never_certified = next(
        e for e in main_window.services.exercises.find() if not register.find(exercise_id=e.id)
    )
    view.show_filtered(exercise_id=never_certified.id)
    assert view.model.rowCount() == len(register.find()), "an exercise with none shows all"


def test_open_print_and_save_write_the_selected_certificates(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    view = main_window.certificates
    opened: list[Path] = []
    printed: list[Path] = []
    view.open_file = lambda path: opened.append(path) or True
    view.start_printing = lambda _parent, path: printed.append(path)
    view.select({issued[0].id, issued[1].id})
    assert view.print_button.isEnabled()

    main_window.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    before = view.task
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    _wait_for_task(view, qtbot, before)
    assert len(PdfReader(opened[0]).pages) == 2
    # A slow write shows a progress dialog, which takes the focus while it is up.
    main_window.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    before = view.task
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    _wait_for_task(view, qtbot, before)
    reader = PdfReader(printed[0])
    assert len(reader.pages) == 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert issued[0].serial in text and issued[1].serial in text

    target = tmp_path / "saved" / "two"
    monkeypatch.setattr(
        "trainingdesk.ui.views.certificates.QFileDialog.getSaveFileName",
        lambda *_args, **_kwargs: (str(target), "PDF (*.pdf)"),
    )
    before = view.task
    view.save_button.click()
    _wait_for_task(view, qtbot, before)
    assert len(PdfReader(target.with_suffix(".pdf")).pages) == 2
    assert "Saved 2 certificate(s)" in view.message.text()

    view.open_file = lambda _path: False
    view.select({issued[0].id})
    before = view.task
    view.open_selected()
    _wait_for_task(view, qtbot, before)
    errors = [w for w in QApplication.topLevelWidgets() if w.objectName() == "error-dialog"]
    assert errors and "open that file with a PDF viewer" in errors[0].text()  # type: ignore[attr-defined]
    for error in errors:
        error.close()


def test_reissue_replaces_and_revoke_asks_for_a_reason(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    view = main_window.certificates
    old = issued[0]
    view.select({old.id})
    asked: list[str] = []
    _when_dialog_opens(
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(),  # type: ignore[attr-defined]
        asked,
    )
    view.reissue_button.click()
    assert asked == [f"Reissue {old.serial}"]
    (replacement,) = view.selected()
    assert replacement.serial > old.serial and replacement.person_id == old.person_id
    statuses = {c.serial: c.status for c in main_window.services.certificates.find()}
    assert statuses[old.serial] is CertificateStatus.SUPERSEDED
    assert f"{old.serial} is replaced by {replacement.serial}" in view.message.text()

    view.revoke_button.click()
    dialog = view.findChild(RevokeDialog)
    assert dialog is not None
    assert not dialog.revoke_button.isEnabled(), "no revocation without a reason"
    dialog.reason.setPlainText("   ")
    assert not dialog.revoke_button.isEnabled()
    dialog.reason.setPlainText("issued to the wrong officer")
    dialog.revoke_button.click()
    revoked = main_window.services.certificates.find(ids=[replacement.id])[0]
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoked_reason == "issued to the wrong officer"
    assert [r.id for r in view.selected()] == [replacement.id]
    for button in (view.open_button, view.print_button, view.reissue_button, view.revoke_button):
        assert not button.isEnabled(), f"{button.text()} on a revoked certificate"


def test_verify_says_valid_forged_revoked_and_reads_a_pdf(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    trigger_menu_action(main_window, "Certificates", "Verify a certificate")
    dialog = main_window.certificates.findChild(VerifyDialog)
    assert dialog is not None and dialog.isVisible()

    dialog.code.setText(issued[0].qr_text)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert "VALID" in dialog.verdict.text() and issued[0].person_name in dialog.verdict.text()
    dialog.code.setText(issued[0].qr_text.replace(issued[0].person_name, "Someone Else"))
    dialog.check_button.click()
    assert "FORGED" in dialog.verdict.text()
    main_window.services.certificates.revoke(issued[1].serial, "left the course")
    dialog.code.setText(issued[1].short_code)
    dialog.check_button.click()
    assert "REVOKED" in dialog.verdict.text() and "left the course" in dialog.verdict.text()

    dialog.check_pdf(tmp_path / "course.pdf")
    assert dialog.verdict.text().count("VALID") == len(issued) - 1
    assert dialog.verdict.text().count("REVOKED") == 1
    not_a_pdf = tmp_path / "scan.pdf"
    not_a_pdf.write_text("hello")
    dialog.check_pdf(not_a_pdf)
    assert "cannot be read as a PDF" in dialog.verdict.text()
    dialog.reject()


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (90, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _settings_dialog(window: MainWindow) -> CertificateSettingsDialog:
    trigger_menu_action(window, "Certificates", "Settings")
    dialog = window.findChild(CertificateSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_certificate_settings_are_checked_saved_and_undone(
    main_window: MainWindow, tmp_path: Path
) -> None:
    before = main_window.services.certificates.settings()
    dialog = _settings_dialog(main_window)
    pakistan = dialog.languages["PK"]
    pakistan.setCurrentIndex(pakistan.findData("fr"))
    name, title, signature = dialog.signatory_rows[1]
    name.setText("Col. Farid Noori")
    title.setText("Director of Training")
    fake = tmp_path / "signature.png"
    fake.write_text("not really a picture")
    assert not signature.load(fake)
    assert "is not a PNG or JPEG image" in dialog.error.text()
    real = tmp_path / "real.png"
    real.write_bytes(_png((20, 20, 90)))
    assert signature.load(real)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png((0, 90, 40)))
    assert dialog.logo_slots[1].load(logo)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    saved = main_window.services.certificates.settings()
    assert saved.languages["PK"] == "fr"
    assert saved.signatories[1].name == "Col. Farid Noori"
    assert saved.signatories[1].signature_image == real.read_bytes()
    assert saved.logos == (logo.read_bytes(),)
    trigger_menu_action(main_window, "Edit", "Undo")
    assert main_window.services.certificates.settings() == before
    trigger_menu_action(main_window, "Edit", "Redo")
    assert main_window.services.certificates.settings() == saved


def test_signatory_rows_left_empty_are_dropped(
    main_window: MainWindow,
) -> None:
    dialog = _settings_dialog(main_window)
    for name, title, _signature in dialog.signatory_rows:
        name.clear()
        title.clear()
    assert dialog.settings().signatories == ()
    dialog.accept()
    assert main_window.services.certificates.settings().signatories == ()


def test_print_sends_the_selected_certificates_to_the_printer(
    main_window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    office_printer: QPrinter,
    printed: Callable[[str], Path],
) -> None:
    issued = _issued(main_window, qtbot, tmp_path)
    view = main_window.certificates
    view.start_printing = functools.partial(choose_printer_and_print, printer=office_printer)
    view.select({c.id for c in issued[:3]})
    answered: list[str] = []

    def press_print() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, press_print)
            return
        answered.append(dialog.windowTitle())
        dialog.accept()

    QTimer.singleShot(20, press_print)
    before = view.task
    trigger_menu_action(main_window, "Certificates", "Print the selected")
    _wait_for_task(view, qtbot, before)
    job = view.print_job
    assert isinstance(job, BackgroundTask), "the print dialog was accepted"
    qtbot.waitUntil(job.finished.is_set, timeout=60_000)
    assert answered == ["Print certificates-3.pdf"]
    reader = PdfReader(printed("certificates-3"))
    assert len(reader.pages) == 3


def test_the_exercises_screen_opens_the_issue_dialog_on_its_exercise(
    main_window: MainWindow,
) -> None:
    main_window.show_exercises(None, None)
    view = main_window.exercises
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).code == EXERCISE)
    view.table.selectRow(row)
    view.certificates_button.click()
    assert main_window.stack.currentWidget() is main_window.certificates
    dialog = main_window.certificates.findChild(IssueDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.exercise.currentText().startswith(f"{EXERCISE} — ")
    dialog.reject()
