"""Two records of one officer are merged from the People screen, and the merge undone."""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import _when_dialog_opens, trigger_menu_action
from trainingdesk.domain.enums import Country, Role, Sex
from trainingdesk.domain.records import PersonDraft
from trainingdesk.ui.main_window import SCREENS, MainWindow
from trainingdesk.ui.views.merge_dialog import MergeDialog


def test_a_duplicate_record_is_merged_field_by_field_and_the_merge_undone(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    services = main_window.services
    original = services.people.table_rows()[0]
    exercise = services.exercises.find()[0]
    duplicate = services.people.create(
        PersonDraft(
            given_name="Zzmarai",
            family_name="Testkhel",
            native_name="زمری تستخیل",
            sex=Sex.MALE,
            country=Country.AF,
            phone="0700 123 456",
        )
    )
    services.enrolments.enrol(exercise.id, [duplicate.id], Role.OBSERVER)
    phone_before = services.people.get(original.id).phone
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    view = main_window.people
    view.reload()
    view.table.setFocus()
    selection = view.table.selectionModel()
    for person_id in (original.id, duplicate.id):
        row = view.model.row_of(person_id)
        assert row is not None
        selection.select(
            view.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    seen: list[str] = []

    def keep_the_original_with_the_new_phone(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeDialog)
        keep_original = (
            dialog.keep_first if dialog.preview().survivor.id == original.id else dialog.keep_second
        )
        keep_original.setChecked(True)
        assert dialog.preview().survivor.id == original.id
        first_is_original = dialog._previews[0].survivor.id == original.id
        phone_of_duplicate = dialog.choices["phone"][1 if first_is_original else 0]
        phone_of_duplicate.setChecked(True)
        assert "1 enrolment(s)" in dialog.summary.text()
        dialog.accept()

    _when_dialog_opens(keep_the_original_with_the_new_phone, seen)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Merge two records of one person"]

    kept = services.people.get(original.id)
    assert kept.phone == "0700 123 456"
    assert kept.given_name == original.full_name.split()[0]
    assert view.model.row_of(duplicate.id) is None
    enrolled = {e.person_id for e in services.enrolments.for_exercise(exercise.id)}
    assert original.id in enrolled and duplicate.id not in enrolled

    trigger_menu_action(main_window, "Edit", "Undo")
    assert services.people.get(duplicate.id).phone == "0700 123 456"
    assert services.people.get(original.id).phone == phone_before
    assert view.model.row_of(duplicate.id) is not None
    enrolled = {e.person_id for e in services.enrolments.for_exercise(exercise.id)}
    assert duplicate.id in enrolled


def test_merging_needs_exactly_two_records(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.navigation.setCurrentRow(SCREENS.index("People"))
    view = main_window.people
    view.table.selectRow(0)
    errors: list[str] = []
    view._show_error = errors.append
    view.merge_selected()
    assert errors == ["Select exactly two records of the same person to merge them."]
