"""Every model passes Qt's model tester, before and after filtering."""

import uuid

from pytestqt.modeltest import ModelTester

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.ui.models.people import PeopleFilter, people_model
from trainingdesk.ui.models.records import RecordTableModel
from trainingdesk.ui.views.curricula import CURRICULUM_COLUMNS
from trainingdesk.ui.views.exercises import EXERCISE_COLUMNS


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


def test_the_people_model_and_its_filter_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = people_model()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = PeopleFilter()
    proxy.setSourceModel(model)
    proxy.set_criteria(search="khan", country=Country.PK)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    proxy.set_criteria()
    assert proxy.rowCount() == 3


def test_native_names_are_aligned_right_to_left(qtmodeltester: ModelTester) -> None:
    from PySide6.QtCore import Qt

    model = people_model()
    model.set_rows(ROWS)
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 1)) == "محمد کریمی"


def test_the_exercise_and_curriculum_models_pass_the_model_tester(
    qtmodeltester: ModelTester,
) -> None:
    qtmodeltester.check(RecordTableModel(EXERCISE_COLUMNS))
    qtmodeltester.check(RecordTableModel(CURRICULUM_COLUMNS))
