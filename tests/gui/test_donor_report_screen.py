"""A coordinator makes the donor report for a period, looks at it, and saves it."""

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import trigger_menu_action
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.donor_report import DonorReportView

TODAY = date(2026, 11, 27)  # the day the GUI tests' demo was made for


def _reports(window: MainWindow) -> DonorReportView:
    window.navigation.setCurrentRow(SCREENS.index("Reports"))
    view = window.reports
    view.reload(TODAY)
    return view


def _make(view: DonorReportView, qtbot: QtBot) -> None:
    before = view.task
    view.make_button.click()
    assert view.task is not None and view.task is not before, "no work was started"
    qtbot.waitUntil(view.task.finished.is_set, timeout=60_000)


def _whole_years(view: DonorReportView, first: int, last: int) -> None:
    view.start.setDate(QDate(first, 1, 1))
    view.end.setDate(QDate(last, 12, 31))


def test_a_report_is_made_previewed_and_saved(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _reports(main_window)
    assert view.period.currentText().startswith("FY 2026-27")
    assert not view.save_pdf_button.isEnabled(), "nothing to save before a report is made"
    _whole_years(view, 2013, 2015)
    assert view.period.currentText() == "Dates below", "typed dates are no quick pick"
    view.start.setDate(QDate(2026, 4, 1))
    view.end.setDate(QDate(2027, 3, 31))
    assert view.period.currentText().startswith("FY 2026-27"), "typed, they make one"
    _whole_years(view, 2013, 2015)
    _make(view, qtbot)
    assert view.made is not None
    assert view.document.pageCount() >= 3
    assert f"{view.document.pageCount()} page(s)" in view.message.text()
    exercises = len(view.made.report.exercises)
    assert exercises > 0 and f"{exercises} exercise(s)" in view.message.text()

    answers = iter([str(tmp_path / "report"), str(tmp_path / "figures.xlsx")])
    monkeypatch.setattr(
        "trainingdesk.ui.views.donor_report.QFileDialog.getSaveFileName",
        lambda *_args, **_kwargs: (next(answers), ""),
    )
    view.save_pdf_button.click()
    saved = tmp_path / "report.pdf"
    assert len(PdfReader(saved).pages) == view.document.pageCount()
    view.save_xlsx_button.click()
    workbook = load_workbook(tmp_path / "figures.xlsx", read_only=True)
    assert len(workbook.sheetnames) >= 3
    text = subprocess.run(
        ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
    ).stdout
    people = main_window.services.people.table_rows()
    assert people, "the demo has people"
    words = set(text.split())
    for person in people:
        for private in (person.full_name, person.native_name, person.father_name):
            # A whole name, or every word of it, would point at a person.
            assert not private or not set(private.split()) <= words, private


def test_the_paper_and_the_threshold_are_the_coordinators_choice(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _reports(main_window)
    _whole_years(view, 2013, 2015)
    view.paper.setCurrentText("US Letter")
    view.min_cell.setValue(0)
    _make(view, qtbot)
    assert view.made is not None
    assert view.made.report.scope.min_cell == 0
    width, height = view.document.pagePointSize(0).toTuple()
    assert (round(width), round(height)) == (612, 792)


def test_a_period_that_ends_before_it_starts_is_explained(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = _reports(main_window)
    view.start.setDate(QDate(2015, 1, 1))
    view.end.setDate(QDate(2014, 1, 1))
    before = view.task
    qtbot.keyClick(view.make_button, Qt.Key.Key_Space)
    assert view.task is before
    assert "ends before it starts" in view.message.text()


def test_the_reports_screen_is_in_the_menu(main_window: MainWindow) -> None:
    trigger_menu_action(main_window, "View", "6 Reports")
    assert main_window.stack.currentWidget() is main_window.reports
