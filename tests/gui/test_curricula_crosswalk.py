"""A coordinator compares the curricula: the crosswalk, its links and PDF, who has covered
what, each agency's coverage, and curricula exchanged as files."""

import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QStyle, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.test_curricula_screen import _focus, _when_form_opens
from tests.gui.test_main_window import trigger_menu_action, type_text
from tests.gui.test_tab_order import _out_of_reading_order, _tab_walk
from trainingdesk.domain.enums import Country, CurriculumKind, Equivalence
from trainingdesk.domain.records import CurriculumDraft, ModuleDraft
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.models.curricula import AF_COVER, JOINT, PK_COVER
from trainingdesk.ui.models.curricula import hours as hours_text
from trainingdesk.ui.views.curricula import CurriculaView
from trainingdesk.ui.views.curriculum_crosswalk import CrosswalkView, heading_name
from trainingdesk.ui.views.curriculum_forms import ModuleDialog, select_data
from trainingdesk.ui.views.curriculum_link import LinkDialog
from trainingdesk.ui.views.curriculum_record import LatestReading


@dataclass(frozen=True)
class Synthetic:
    """Three small curricula whose coverage is worked out by hand."""

    joint: uuid.UUID
    afghan: uuid.UUID
    pakistani: uuid.UUID
    modules: dict[str, uuid.UUID]


def _synthetic(curricula: CurriculumService) -> Synthetic:
    """Joint J1-J4 (10, 8, 6, 4 h); Afghan A1-A4 (12, 5, 3, 7 h); Pakistani P1-P4 (10, 8, 6, 2 h).

    A1=J1 full, A2=J2 partial, A3=J3 none; P1=J1 partial, P2=J2 full, P3=J4 full.
    """
    joint = curricula.create(CurriculumDraft("T-JOINT", "1", "Test joint", CurriculumKind.JOINT))
    afghan = curricula.create(
        CurriculumDraft("T-AF", "1", "Test Afghan", CurriculumKind.NATIONAL, Country.AF)
    )
    pakistani = curricula.create(
        CurriculumDraft("T-PK", "1", "Test Pakistani", CurriculumKind.NATIONAL, Country.PK)
    )
    modules: dict[str, uuid.UUID] = {}
    for curriculum, prefix, name, hours in (
        (joint.id, "J", "Joint", (10, 8, 6, 4)),
        (afghan.id, "A", "Afghan", (12, 5, 3, 7)),
        (pakistani.id, "P", "Pakistani", (10, 8, 6, 2)),
    ):
        for number, length in enumerate(hours, start=1):
            code = f"{prefix}{number}"
            draft = ModuleDraft(code, f"{name} {code}", hours=float(length))
            modules[code] = curricula.add_module(curriculum, draft).id
    for national, joint_module, equivalence in (
        ("A1", "J1", Equivalence.FULL),
        ("A2", "J2", Equivalence.PARTIAL),
        ("A3", "J3", Equivalence.NONE),
        ("P1", "J1", Equivalence.PARTIAL),
        ("P2", "J2", Equivalence.FULL),
        ("P3", "J4", Equivalence.FULL),
    ):
        curricula.map_module(modules[national], modules[joint_module], equivalence, "")
    return Synthetic(joint.id, afghan.id, pakistani.id, modules)


def _crosswalk(window: MainWindow) -> tuple[CrosswalkView, Synthetic]:
    synthetic = _synthetic(window.services.curricula)
    window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view = window.curricula
    view.tabs.setCurrentWidget(view.crosswalk)
    view.crosswalk.choose(synthetic.joint, [synthetic.afghan], [synthetic.pakistani])
    return view.crosswalk, synthetic


def _table(view: CrosswalkView) -> list[list[str]]:
    model = view.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _select_line(qtbot: QtBot, view: CrosswalkView, code: str) -> None:
    for row, line in enumerate(view.model.lines()):
        module = line.joint.module if line.joint else line.unmatched
        if module is not None and module.code == code:
            view.table.selectRow(row)
            _focus(qtbot, view.table)
            return
    raise AssertionError(f"no line for {code}")


AF_FIGURES = (
    "✔ 1 of 4 joint modules covered (10 of 28 h) · ◐ 1 partly (8 h) · ✘ 2 gaps (10 h) · "
    "⚠ 2 of 4 national modules (10 of 27 h) with no joint equivalent"
)
PK_FIGURES = (
    "✔ 2 of 4 joint modules covered (12 of 28 h) · ◐ 1 partly (10 h) · ✘ 1 gap (6 h) · "
    "⚠ 1 of 4 national modules (2 of 26 h) with no joint equivalent"
)


def test_the_crosswalk_shows_the_three_curricula_the_gaps_and_the_coverage_exactly(
    main_window: MainWindow,
) -> None:
    view, _ = _crosswalk(main_window)
    assert view.sides[Country.AF].text() == "T-AF 1"
    assert view.sides[Country.PK].text() == "T-PK 1"
    assert view.joint.currentText().startswith("T-JOINT 1 (draft)")
    assert _table(view) == [
        ["A1  Afghan A1 — full", "✔ covered", "J1  Joint J1", "10", "◐ partly",
         "P1  Pakistani P1 — partial"],
        ["A2  Afghan A2 — partial", "◐ partly", "J2  Joint J2", "8", "✔ covered",
         "P2  Pakistani P2 — full"],
        ["A3  Afghan A3 — none", "✘ GAP", "J3  Joint J3", "6", "✘ GAP", "—"],
        ["—", "✘ GAP", "J4  Joint J4", "4", "✔ covered", "P3  Pakistani P3 — full"],
        ["A3  Afghan A3 (3 h)", "⚠ no joint equivalent", "(no joint module)", "", "", ""],
        ["A4  Afghan A4 (7 h)", "⚠ no joint equivalent", "(no joint module)", "", "", ""],
        ["", "", "(no joint module)", "", "⚠ no joint equivalent", "P4  Pakistani P4 (2 h)"],
    ]  # fmt: skip
    assert view.summaries[Country.AF].text() == AF_FIGURES
    assert view.summaries[Country.PK].text() == PK_FIGURES
    model = view.model
    colours = {
        model.data(model.index(row, AF_COVER), Qt.ItemDataRole.BackgroundRole).color().name()
        for row in range(3)
    }
    assert len(colours) == 3, "covered, partly covered and gaps are told apart by colour too"
    gap_tip = model.data(model.index(3, AF_COVER), Qt.ItemDataRole.ToolTipRole)
    assert gap_tip == "Afghan cover of J4: ✘ GAP"
    assert model.data(model.index(6, PK_COVER), Qt.ItemDataRole.BackgroundRole) is not None


def test_modules_are_linked_changed_and_unlinked_with_undo(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view, synthetic = _crosswalk(main_window)
    _select_line(qtbot, view, "J3")
    opened: list[str] = []

    def link_a4(dialog: QWidget) -> None:
        assert isinstance(dialog, LinkDialog)
        assert dialog.joint.currentData() == synthetic.modules["J3"]
        select_data(dialog.national, synthetic.modules["A4"])
        assert dialog.state.text() == "These modules are not linked yet."
        dialog.equivalence.setCurrentIndex(dialog.equivalence.findData(Equivalence.FULL))
        dialog.note.setText("Same objectives")
        dialog.accept()

    _when_form_opens(link_a4, opened)
    qtbot.keyClick(view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Link modules"]
    assert _table(view)[2][:2] == ["A3  Afghan A3 — none\nA4  Afghan A4 — full", "✔ covered"]
    assert view.summaries[Country.AF].text().startswith("✔ 2 of 4 joint modules covered (16 of")
    assert [r.national.code for r in view.links_model.rows()] == ["A3", "A4"]
    assert view.links_model.rows()[1].link.note == "Same objectives"
    assert main_window.undo_stack.undoText() == "Link A4 → J3 (full)"

    _select_line(qtbot, view, "J1")
    view.links_table.selectRow(1)
    _focus(qtbot, view.links_table)

    def make_full(dialog: QWidget) -> None:
        assert isinstance(dialog, LinkDialog)
        assert not dialog.national.isEnabled()
        assert dialog.equivalence.currentData() == Equivalence.PARTIAL
        dialog.equivalence.setCurrentIndex(dialog.equivalence.findData(Equivalence.FULL))
        dialog.accept()

    _when_form_opens(make_full, opened)
    qtbot.keyClick(view.links_table, Qt.Key.Key_Return)
    assert opened[-1] == "Change link"
    assert _table(view)[0][PK_COVER] == "✔ covered"

    _select_line(qtbot, view, "J2")
    view.links_table.selectRow(0)
    _focus(qtbot, view.links_table)
    qtbot.keyClick(view.links_table, Qt.Key.Key_Delete)
    assert _table(view)[1][:2] == ["—", "✘ GAP"]
    assert "A2  Afghan A2 (5 h)" in [row[0] for row in _table(view)]

    for _ in range(3):
        trigger_menu_action(main_window, "Edit", "Undo")
    assert view.summaries[Country.AF].text() == AF_FIGURES
    assert view.summaries[Country.PK].text() == PK_FIGURES
    for _ in range(3):
        trigger_menu_action(main_window, "Edit", "Redo")
    assert _table(view)[1][:2] == ["—", "✘ GAP"]
    assert _table(view)[0][PK_COVER] == "✔ covered"


def test_an_unmatched_national_module_is_linked_from_its_own_line(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view, synthetic = _crosswalk(main_window)
    _select_line(qtbot, view, "P4")
    assert view.links_model.rowCount() == 0

    def link_p4(dialog: QWidget) -> None:
        assert isinstance(dialog, LinkDialog)
        assert dialog.national.currentData() == synthetic.modules["P4"]
        select_data(dialog.joint, synthetic.modules["J3"])
        dialog.equivalence.setCurrentIndex(dialog.equivalence.findData(Equivalence.PARTIAL))
        dialog.accept()

    _when_form_opens(link_p4, [])
    view.link()
    assert _table(view)[2][PK_COVER:] == ["◐ partly", "P4  Pakistani P4 — partial"]
    assert (
        view.summaries[Country.PK]
        .text()
        .endswith("⚠ 0 of 4 national modules (0 of 26 h) with no joint equivalent")
    )


def test_the_joint_version_and_the_national_curricula_are_chosen(
    main_window: MainWindow,
) -> None:
    view, synthetic = _crosswalk(main_window)
    afghan_menu = view.sides[Country.AF].menu()
    assert afghan_menu is not None
    choices = {action.text().split(" (")[0]: action for action in afghan_menu.actions()}
    assert set(choices) == {"AF-ABP-BASIC 2012.1", "AF-ACD-CORE 2012.2", "T-AF 1"}
    choices["AF-ABP-BASIC 2012.1"].setChecked(True)
    assert view.sides[Country.AF].text() == "AF-ABP-BASIC 2012.1, T-AF 1"
    assert view.crosswalk is not None
    assert {h.code for h in view.crosswalk.afghan} == {"AF-ABP-BASIC", "T-AF"}
    jbm = next(
        c.id
        for c in main_window.services.curricula.find()
        if (c.code, c.version) == ("JBM", "2013.1")
    )
    select_data(view.joint, jbm)
    view.joint.activated.emit(view.joint.currentIndex())
    assert view.crosswalk.joint.code == "JBM"
    assert [line.joint.module.code for line in view.model.lines() if line.joint][:2] == [
        "JBM-01",
        "JBM-02",
    ]
    assert synthetic.joint not in {line.joint.module.curriculum_id for line in view.model.lines()
                                   if line.joint}  # fmt: skip


def test_the_crosswalk_pdf_is_written_in_the_background(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, _ = _crosswalk(main_window)
    asked: list[str] = []

    def where(_parent: QWidget, title: str, suggested: str, _kinds: str) -> tuple[str, str]:
        asked.append(f"{title}: {Path(suggested).name}")
        return str(tmp_path / "harmonisation-group"), "PDF (*.pdf)"

    monkeypatch.setattr(
        "trainingdesk.ui.views.curriculum_crosswalk.QFileDialog.getSaveFileName", where
    )
    qtbot.mouseClick(view.save_pdf_button, Qt.MouseButton.LeftButton)
    assert view.task is not None
    qtbot.waitUntil(view.task.finished.is_set, timeout=30_000)
    target = tmp_path / "harmonisation-group.pdf"
    assert asked == ["Save the crosswalk: crosswalk-T-JOINT-1.pdf"]
    assert view.message.text() == f"Saved the crosswalk to {target}."
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    for code in ("T-JOINT", "J4", "A4", "P4"):
        assert code in text


def test_the_competency_record_opens_from_the_people_screen(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    curricula = main_window.services.curricula
    people = main_window.people
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    row, record = next(
        (n, found)
        for n, person in enumerate(people.model.rows())
        if (found := curricula.competency_record(person.id)).completed
    )
    person = people.model.row_at(row)
    people.table.setFocus()
    people.table.selectRow(row)
    trigger_menu_action(main_window, "View", "Competency record")
    view = main_window.curricula
    assert main_window.stack.currentWidget() is view
    assert view.tabs.currentWidget() is view.record
    shown = view.record
    assert shown.selected_person() == person
    _read(qtbot, shown.reading)
    assert shown.completed_model.rows() == list(record.completed)
    assert shown.remaining_model.rows() == list(record.remaining)
    total = len(record.completed) + len(record.remaining)
    assert f"has completed {len(record.completed)} of the {total} modules of JBM" in (
        shown.summary.text()
    )
    first = record.completed[0]
    model = shown.completed_model
    assert [model.data(model.index(0, column)) for column in (0, 3, 4)] == [
        first.module.code,
        first.completed_on.isoformat(),
        first.exercise_code,
    ]
    remaining = f"{len(record.remaining)} remain ({hours_text(record.remaining_hours)} h)."
    assert shown.summary.text().endswith(remaining)

    shown.search.setFocus()
    type_text(shown.search, "no such name at all")
    assert shown.people_model.rowCount() == 0
    shown.show_person(person.id)
    assert shown.search.text() == ""
    assert shown.selected_person() == person


def _read(qtbot: QtBot, reading: LatestReading) -> None:
    """Wait for a background read (and any read it asked for after it) to be shown."""
    qtbot.waitUntil(lambda: reading.task is not None and not reading.busy(), timeout=30_000)


def test_the_agency_table_counts_what_the_service_counts(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    expected = main_window.services.curricula.agency_coverage()
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.tabs.setCurrentWidget(view.coverage)
    _read(qtbot, view.coverage.reading)
    model = view.coverage.model
    assert model.rowCount() == len(expected.rows) > 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Agency", "Country", "Officers", *(m.code for m in expected.modules),
                       "All modules"]  # fmt: skip
    for row, agency in enumerate(expected.rows):
        cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        assert cells == [
            agency.agency,
            agency.country.value if agency.country else "",
            str(agency.officers),
            *(str(count) for count in agency.completed),
            str(agency.complete_curriculum),
        ]
    assert f"{len(expected.rows)} agencies" in view.coverage.caption.text()


def _choose_file(monkeypatch: pytest.MonkeyPatch, name: str, path: Path, kind: str) -> None:
    monkeypatch.setattr(
        f"trainingdesk.ui.views.curriculum_files.QFileDialog.{name}",
        lambda *_args: (str(path), kind),
    )


def _finish(view: CurriculaView, qtbot: QtBot) -> None:
    assert view.files.task is not None
    qtbot.waitUntil(view.files.task.finished.is_set, timeout=30_000)


def _error_text(window: MainWindow) -> str:
    error = window.findChild(QMessageBox, "error-dialog")
    assert error is not None and error.isVisible()
    text = f"{error.windowTitle()}: {error.text()}"
    error.close()
    error.deleteLater()
    return text


def test_a_curriculum_is_exported_and_imported_through_the_file_dialogs(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    row = next(n for n, c in enumerate(view.curricula_model.rows()) if c.code == "AF-ABP-BASIC")
    view.curricula_table.selectRow(row)
    source = view.selected()
    assert source is not None
    _choose_file(monkeypatch, "getSaveFileName", tmp_path / "abp", "Excel workbook (*.xlsx)")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    _finish(view, qtbot)
    exported = tmp_path / "abp.xlsx"
    assert view.message.text() == f"Exported AF-ABP-BASIC 2012.1 to {exported}."

    _choose_file(monkeypatch, "getOpenFileName", exported, "")
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    _finish(view, qtbot)
    assert "version 2012.1 is already here" in _error_text(main_window)
    assert len(main_window.services.curricula.find()) == view.curricula_model.rowCount()

    book = openpyxl.load_workbook(exported)
    sheet = book.active
    version = next(r for r in sheet.iter_rows() if r[0].value == "Version")
    version[1].value = "2015.1"
    book.save(exported)
    total = view.curricula_model.rowCount()
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    _finish(view, qtbot)
    imported = view.selected()
    assert imported is not None and (imported.code, imported.version) == ("AF-ABP-BASIC", "2015.1")
    assert view.curricula_model.rowCount() == total + 1
    assert [r.module.code for r in view.modules_model.rows()] == [
        m.code for m in main_window.services.curricula.modules(source.id)
    ]
    assert view.message.text().startswith("Imported AF-ABP-BASIC 2015.1")

    _choose_file(monkeypatch, "getSaveFileName", tmp_path / "abp", "CSV file (*.csv)")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    _finish(view, qtbot)
    assert (tmp_path / "abp.csv").read_text(encoding="utf-8-sig").count("ABP-10") >= 8


def test_a_file_that_is_not_a_curriculum_is_explained_and_nothing_changes(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    before = main_window.services.curricula.find()
    junk = tmp_path / "roster.csv"
    junk.write_text("name,father\nGul,Khan\n")
    _choose_file(monkeypatch, "getOpenFileName", junk, "")
    view.import_curriculum()
    _finish(view, qtbot)
    assert _error_text(main_window).startswith("The curriculum was not imported: ")
    assert main_window.services.curricula.find() == before


def test_the_curricula_tab_and_the_module_form_tab_in_reading_order(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.curricula_table.selectRow(0)
    view.modules_table.selectRow(0)
    walk = _tab_walk(qtbot, view.new_button)
    assert {view.curricula_table, view.modules_table, view.down_button} <= set(walk)
    inside = [w for w in walk if view.editor.isAncestorOf(w)]
    assert _out_of_reading_order(inside) == []

    dialog = ModuleDialog(main_window.services.curricula.competencies(), set(), parent=main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    walk = _tab_walk(qtbot, dialog.code)
    assert dialog.competencies in walk
    assert _out_of_reading_order(walk) == []
    dialog.reject()


def test_the_crosswalk_tab_keeps_keyboard_users_in_reading_order(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view, _ = _crosswalk(main_window)
    walk = _tab_walk(qtbot, view.joint)
    assert {view.table, view.links_table, view.save_pdf_button} <= set(walk)
    inside = [w for w in walk if view.isAncestorOf(w)]
    assert _out_of_reading_order(inside) == []


def test_a_new_database_without_curricula_says_so_on_every_tab(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert main_window.open_database(str(tmp_path / "empty.sqlite"))
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    assert view.curricula_model.rowCount() == 0
    assert not view.edit_button.isEnabled() and not view.add_module_button.isEnabled()
    assert view.modules_caption.text() == "Select a curriculum to see its modules."
    view.tabs.setCurrentWidget(view.crosswalk)
    assert view.crosswalk.message.text().startswith("No crosswalk to show: ")
    assert not view.crosswalk.save_pdf_button.isEnabled()
    assert not view.crosswalk.link_button.isEnabled()
    view.tabs.setCurrentWidget(view.coverage)
    _read(qtbot, view.coverage.reading)
    assert view.coverage.caption.text().startswith("No table to show: there is no joint")
    view.tabs.setCurrentWidget(view.record)
    assert view.record.summary.text() == "Choose a person to see their record."


def _ink_lines(image: QImage) -> list[tuple[int, int]]:
    """The leftmost and rightmost dark pixel of each line of text drawn in an image."""
    lines: list[tuple[int, int]] = []
    inked_before = False
    for y in range(image.height()):
        xs = [x for x in range(image.width()) if image.pixelColor(x, y).lightness() < 110]
        if xs and not inked_before:
            lines.append((min(xs), max(xs)))
        elif xs:
            lines[-1] = (min(lines[-1][0], *xs), max(lines[-1][1], *xs))
        inked_before = bool(xs)
    return lines


def test_the_local_title_of_a_joint_module_is_aligned_right(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.tabs.setCurrentWidget(view.crosswalk)
    crosswalk = view.crosswalk
    row = next(n for n, line in enumerate(crosswalk.model.lines())
               if line.joint is not None and line.joint.module.code == "JBM-03")  # fmt: skip
    crosswalk.table.selectRow(row + 1)
    crosswalk.table.setColumnWidth(JOINT, 300)
    crosswalk.table.resizeRowToContents(row)
    crosswalk.table.scrollTo(crosswalk.model.index(row, JOINT))
    qtbot.wait(50)
    cell = crosswalk.table.visualRect(crosswalk.model.index(row, JOINT))
    image = crosswalk.table.viewport().grab(cell).toImage()
    english, local = _ink_lines(image)[:2]
    width = image.width()
    assert english[0] < 10, "English starts at the left"
    assert local[1] > width - 12, "the Dari title ends at the right edge"
    assert local[0] > 60, "a short Dari title does not reach the left"


def test_the_side_buttons_leave_room_for_their_arrow_and_count_long_choices(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    curricula = main_window.services.curricula
    for code in ("AF-MOI-BLO", "AF-ANPA-LONGCOURSE"):
        curricula.create(
            CurriculumDraft(code, "2014.1", "Another course", CurriculumKind.NATIONAL, Country.AF)
        )
    screen = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    screen.tabs.setCurrentWidget(screen.crosswalk)
    view = screen.crosswalk
    button = view.sides[Country.AF]
    assert view.crosswalk is not None
    names = [heading_name(h) for h in view.crosswalk.afghan]
    assert len(names) == 4
    assert button.text() == "4 Afghan curricula"
    assert button.toolTip().startswith("\n".join(names))
    qtbot.wait(50)  # the layout follows the new texts
    for country in (Country.AF, Country.PK):
        shown = view.sides[country]
        arrow = shown.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
        text = shown.fontMetrics().horizontalAdvance(shown.text())
        assert text + arrow <= shown.width(), f"{shown.text()!r} runs under the arrow"


def test_the_side_menu_stays_open_while_curricula_are_ticked(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view, synthetic = _crosswalk(main_window)
    menu = view.sides[Country.AF].menu()
    assert menu is not None
    menu.popup(view.sides[Country.AF].mapToGlobal(QPoint(0, 0)))
    qtbot.waitExposed(menu)
    abp = next(a for a in menu.actions() if a.text().startswith("AF-ABP-BASIC"))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(abp).center())
    assert menu.isVisible(), "the menu stays open"
    assert abp.isChecked()
    assert view.crosswalk is not None
    assert {h.code for h in view.crosswalk.afghan} == {"AF-ABP-BASIC", "T-AF"}
    acd = next(a for a in menu.actions() if a.text().startswith("AF-ACD-CORE"))
    menu.setActiveAction(acd)
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert menu.isVisible() and acd.isChecked()
    assert view.sides[Country.AF].text() == "3 Afghan curricula"
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert synthetic.afghan in {h.id for h in view.crosswalk.afghan}


def test_the_record_offers_the_joint_curriculum_in_force_and_aligns_hours_right(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    curricula = main_window.services.curricula
    in_force = curricula.crosswalk().joint
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.tabs.setCurrentWidget(view.record)
    record = view.record
    assert record.selected_person() is None
    assert record.joint.currentData() == in_force.id
    assert record.joint.currentText() == f"{in_force.code} {in_force.version} (adopted)"
    record.people_table.selectRow(0)
    _read(qtbot, record.reading)
    assert record.joint.currentData() == in_force.id
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for model in (record.completed_model, record.remaining_model):
        assert model.rowCount() > 0
        hours_column = next(
            c for c in range(model.columnCount())
            if model.headerData(c, Qt.Orientation.Horizontal) == "Hours"
        )  # fmt: skip
        assert model.data(model.index(0, hours_column), Qt.ItemDataRole.TextAlignmentRole) == right


def test_the_agency_table_and_the_record_are_read_off_the_window_thread(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    curricula = main_window.services.curricula
    threads: dict[str, bool] = {}
    for name in ("agency_coverage", "competency_record"):
        real = getattr(curricula, name)

        def watched(*args: object, real: Any = real, name: str = name) -> object:
            threads[name] = threading.current_thread() is threading.main_thread()
            return real(*args)

        monkeypatch.setattr(curricula, name, watched)
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.tabs.setCurrentWidget(view.coverage)
    assert view.coverage.caption.text().startswith("Counting")
    _read(qtbot, view.coverage.reading)
    assert view.coverage.model.rowCount() > 0
    view.tabs.setCurrentWidget(view.record)
    view.record.people_table.selectRow(1)
    _read(qtbot, view.record.reading)
    assert view.record.record is not None
    assert threads == {"agency_coverage": False, "competency_record": False}


def test_a_record_asked_for_while_another_is_read_is_the_one_shown(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    view = main_window.curricula
    main_window.navigation.setCurrentRow(SCREENS.index("Curricula"))
    view.tabs.setCurrentWidget(view.record)
    record = view.record
    for row in range(5):
        record.people_table.selectRow(row)
    last = record.selected_person()
    assert last is not None
    _read(qtbot, record.reading)
    assert record.record is not None and record.record.person_id == last.id
    assert record.summary.text().startswith(f"<b>{last.full_name}</b>")
