"""Every model passes Qt's model tester, before and after filtering."""

import uuid

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.ui.main_window import MainWindow
from trainingdesk.ui.models.people import PeopleCriteria, PeopleTableModel


def _person(name: str, native: str, country: Country, key: str) -> PersonRow:
    return PersonRow(
        id=uuid.uuid4(),
        full_name=name,
        native_name=native,
        father_name="Gul Khan",
        sex=Sex.MALE,
        country=country,
        agency_acronym="ABP" if country is Country.AF else "PC",
        rank="Captain",
        service_number="X-1",
        search_key=key,
    )


ROWS = [
    _person("Mohammad Karimi", "محمد کریمی", Country.AF, "muhamad karimi"),
    _person("Imran Afridi", "عمران آفریدی", Country.PK, "imran afridi"),
    _person("Nasir Khan", "ناصر خان", Country.PK, "nasir khan"),
]


def _names(model: PeopleTableModel) -> list[str]:
    return [person.full_name for person in model.rows()]


def test_the_people_model_passes_the_model_tester_while_filtering_and_sorting(
    qtmodeltester: ModelTester,
) -> None:
    model = PeopleTableModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_criteria(PeopleCriteria(search="khan", country=Country.PK))
    qtmodeltester.check(model)
    assert _names(model) == ["Nasir Khan"]
    model.set_criteria(PeopleCriteria())
    assert model.rowCount() == 3
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert _names(model) == ["Nasir Khan", "Mohammad Karimi", "Imran Afridi"]
    model.sort(-1)
    assert _names(model) == ["Mohammad Karimi", "Imran Afridi", "Nasir Khan"]


def test_typing_more_letters_narrows_and_deleting_them_widens_again() -> None:
    model = PeopleTableModel()
    model.set_rows(ROWS)
    for typed, expected in (
        ("k", {"Mohammad Karimi", "Nasir Khan"}),
        ("ka", {"Mohammad Karimi"}),
        ("kar", {"Mohammad Karimi"}),
        ("k", {"Mohammad Karimi", "Nasir Khan"}),
        ("kh", {"Nasir Khan"}),
        ("kh n", {"Nasir Khan"}),
        ("", {"Mohammad Karimi", "Imran Afridi", "Nasir Khan"}),
    ):
        model.set_criteria(PeopleCriteria(search=typed))
        assert set(_names(model)) == expected, typed


def test_criteria_narrow_only_when_every_word_grows() -> None:
    assert PeopleCriteria(search="muha").narrows(PeopleCriteria(search="mu"))
    assert PeopleCriteria(search="mu ka").narrows(PeopleCriteria(search="mu"))
    assert not PeopleCriteria(search="m").narrows(PeopleCriteria(search="mu"))
    assert not PeopleCriteria(search="ka").narrows(PeopleCriteria(search="mu"))
    assert not PeopleCriteria(search="mu").narrows(PeopleCriteria())
    assert not PeopleCriteria(search="mu", sex=Sex.MALE).narrows(PeopleCriteria(search="m"))


def test_a_changed_person_is_shown_in_place_and_a_removed_one_disappears(
    qtmodeltester: ModelTester,
) -> None:
    model = PeopleTableModel()
    model.set_rows(ROWS)
    model.sort(0)
    model.put(ROWS[2]._replace(full_name="Abdul Nasir Khan"))
    qtmodeltester.check(model)
    assert _names(model) == ["Abdul Nasir Khan", "Imran Afridi", "Mohammad Karimi"]
    model.discard(ROWS[1].id)
    assert _names(model) == ["Abdul Nasir Khan", "Mohammad Karimi"]
    assert model.row_of(ROWS[0].id) == 1
    assert len(model.everyone()) == 2


def test_native_names_are_aligned_right_to_left(qtmodeltester: ModelTester) -> None:
    model = PeopleTableModel()
    model.set_rows(ROWS)
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 1)) == "محمد کریمی"


def test_every_screen_model_filled_from_the_demo_passes_the_model_tester(
    main_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    exercises = main_window.exercises
    exercises.table.selectRow(
        next(n for n, e in enumerate(exercises.model.rows()) if e.participants)
    )
    main_window.curricula.curricula_table.selectRow(0)
    models = (
        exercises.model,
        exercises.sessions_model,
        exercises.enrolments_model,
        main_window.people.model,
        main_window.curricula.curricula_model,
        main_window.curricula.modules_model,
    )
    for model in models:
        assert model.rowCount() > 0, model
        qtmodeltester.check(model)
