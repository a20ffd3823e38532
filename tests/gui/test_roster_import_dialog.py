"""A coordinator imports a roster through the dialog: file, columns, duplicates, import."""

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action
from trainingdesk.importing.roster import RosterField
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.roster_import import RosterImportDialog


def _roster(main_window: MainWindow, tmp_path: Path) -> tuple[Path, str]:
    """A roster with one officer already known (spelled differently) and two new ones.

    Its phone column is headed "Reach at", which no rule knows: the user maps it.
    """
    known = next(
        p
        for p in main_window.services.people.find()
        if p.service_number and p.agency_acronym and p.father_name
    )
    path = tmp_path / "roster.csv"
    path.write_text(
        "Name,Surname,Father's name,Sex,Agency,ID number,Reach at\n"
        f"{known.given_name}e,{known.family_name},{known.father_name},{known.sex.value},"
        f"{known.agency_acronym},{known.service_number},\n"
        "Gul Agha,Sherzad,Abdul Wali,M,ABP,,0700 111 222\n"
        "Malalai,Kakar,Noor Ahmad,F,ABP,,0700 333 444\n",
        encoding="utf-8",
    )
    return path, known.full_name


def test_a_roster_is_mapped_reviewed_and_imported_then_undone(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, known_name = _roster(main_window, tmp_path)
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    view = main_window.people
    before = len(view.model.everyone())
    steps: list[str] = []

    def go_through(dialog: QWidget) -> None:
        assert isinstance(dialog, RosterImportDialog)
        dialog.path.setText(str(path))
        dialog.next_button.click()
        assert dialog.pages.currentIndex() == 1, dialog.message.text()
        contact = dialog.field_choice(6)
        assert contact.currentData() == RosterField.IGNORE.value
        contact.setCurrentIndex(contact.findData(RosterField.PHONE.value))
        dialog.default_country.setCurrentIndex(dialog.default_country.findData("AF"))
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=20_000)
        steps.append(dialog.summary.text())
        assert not dialog.import_button.isEnabled(), "a probable duplicate is undecided"
        (decision,) = dialog.decisions.values()
        decision.setCurrentIndex(1)  # the same person as the one matched
        assert dialog.import_button.isEnabled()
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)

    _when_dialog_opens(go_through, [])
    view.import_roster()
    assert "2 new, 1 may be someone already known" in steps[0]
    stored = {p.full_name: p for p in main_window.services.people.find()}
    assert stored["Gul Agha Sherzad"].phone == "0700 111 222"
    assert len(view.model.everyone()) == before + 2
    assert known_name in stored

    trigger_menu_action(main_window, "Edit", "Undo")
    assert len(view.model.everyone()) == before
    trigger_menu_action(main_window, "Edit", "Redo")
    assert len(view.model.everyone()) == before + 2

    dialog = RosterImportDialog(main_window.services, lambda _result: None, main_window)
    dialog.path.setText(str(path))
    dialog.next_button.click()
    assert dialog.field_choice(6).currentData() == RosterField.PHONE.value, "remembered"
    dialog.reject()


def test_an_unreadable_file_is_explained_on_the_first_step(
    main_window: MainWindow, tmp_path: Path
) -> None:
    garbage = tmp_path / "roster.csv"
    garbage.write_bytes(b"%PDF-1.4\x00\x01\x02 not a roster")
    dialog = RosterImportDialog(main_window.services, lambda _result: None, main_window)
    dialog.path.setText(str(garbage))
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 0
    assert "PDF" in dialog.message.text()
    dialog.reject()
    QApplication.processEvents()
