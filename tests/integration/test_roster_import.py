"""A roster comes in whole or not at all; probable duplicates wait for a decision."""

import sqlite3
from pathlib import Path

import pytest

from tests import builders
from trainingdesk.domain.enums import Country, Role
from trainingdesk.importing.roster import RosterField, propose_mapping
from trainingdesk.importing.tables import Table, TableRow
from trainingdesk.services.container import Services
from trainingdesk.services.roster_import import (
    Action,
    Decision,
    RosterRejected,
    decisions_for_all,
)

HEADERS = ("Name", "Surname", "Native name", "Father's name", "Sex", "Agency", "ID number")


def _table(*rows: tuple[str, ...]) -> Table:
    return Table(HEADERS, tuple(TableRow(n + 2, row) for n, row in enumerate(rows)))


def _content(path: Path) -> list[tuple[object, ...]]:
    """Every row of every table (not the file's bytes: SQLite may rewrite pages)."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        content = [
            (table, *row)
            for table in sorted(tables)
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        ]
    connection.close()
    return content


def test_new_people_land_and_are_enrolled_in_one_step(services: Services) -> None:
    builders.agency(services, "ABP")
    exercise = builders.exercise(services)
    table = _table(
        ("Gul Agha", "Sherzad", "ګل آغا شېرزاد", "Abdul Wali", "M", "ABP", "ABP-۲۲۳۳"),
        ("Malalai", "Kakar", "ملالۍ کاکړ", "Noor Ahmad", "F", "abp", ""),
    )
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)
    assert plan.rejected == () and plan.matches == ()

    result = services.rosters.apply(plan, {}, exercise_id=exercise.id, role=Role.PARTICIPANT)

    assert len(result.created) == 2 and result.enrolled == 2
    stored = {p.full_name: p for p in services.people.find()}
    assert stored["Gul Agha Sherzad"].service_number == "ABP-2233"
    assert stored["Malalai Kakar"].native_name == "ملالۍ کاکړ"
    assert len(services.enrolments.for_exercise(exercise.id)) == 2


def test_a_probable_duplicate_waits_for_a_decision_then_fills_gaps(services: Services) -> None:
    abp = builders.agency(services, "ABP")
    known = builders.person(
        services,
        "Mohammad",
        "Karim",
        native_name="",
        father_name="Abdul Rahman",
        agency_record=abp,
    )
    table = _table(
        ("Muhammad", "Kareem", "محمد کریم", "Abdurrahman", "M", "ABP", ""),
    )
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)
    (match,) = plan.matches
    assert match.existing == known.id

    with pytest.raises(RosterRejected, match="decide"):
        services.rosters.apply(plan, {})
    assert len(services.people.find()) == 1

    result = services.rosters.apply(plan, {2: Decision(Action.MERGE, existing=known.id)})
    assert result.merged == (known.id,) and result.created == ()
    merged = services.people.get(known.id)
    assert merged.native_name == "محمد کریم", "the gap is filled"
    assert merged.given_name == "Mohammad", "what was known stays"


def test_a_row_with_errors_refuses_the_whole_file_and_changes_nothing(
    services: Services, migrated_db_path: Path
) -> None:
    builders.agency(services, "ABP")
    before = _content(migrated_db_path)
    table = _table(
        ("Gul Agha", "Sherzad", "", "Abdul Wali", "M", "ABP", ""),
        ("Nobody", "Known", "", "", "X", "NOPE", ""),
    )
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)
    assert [row.row for row in plan.rejected] == [3]
    with pytest.raises(RosterRejected, match="1 row"):
        services.rosters.apply(plan, {})
    assert _content(migrated_db_path) == before

    result = services.rosters.apply(plan, {}, skip_invalid=True)
    assert len(result.created) == 1 and result.rejected == (3,)


def test_the_same_officer_twice_in_one_file_becomes_one_person(services: Services) -> None:
    builders.agency(services, "ABP")
    table = _table(
        ("Zalmai", "Popal", "زلمی پوپل", "Ghulam Nabi", "M", "ABP", "ABP-777"),
        ("Zalmay", "Popal", "زلمی پوپل", "Ghulam Nabi", "M", "ABP", "ABP-777"),
    )
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)
    (match,) = plan.matches
    assert (match.row, match.other_row) == (3, 2)
    result = services.rosters.apply(plan, decisions_for_all(plan, Action.MERGE))
    assert len(result.created) == 1
    assert [p.full_name for p in services.people.find()] == ["Zalmai Popal"]


def test_a_corrected_mapping_is_remembered_for_the_next_file_of_that_shape(
    services: Services,
) -> None:
    proposed = services.rosters.remembered_mapping(HEADERS)
    assert proposed == propose_mapping(HEADERS)
    corrected = {**proposed, 6: RosterField.PHONE}
    services.rosters.remember_mapping(HEADERS, corrected)
    assert services.rosters.remembered_mapping(HEADERS) == corrected
    assert services.rosters.remembered_mapping((*HEADERS, "Rank")) != corrected


def test_an_import_is_undone_and_redone_whole(services: Services) -> None:
    abp = builders.agency(services, "ABP")
    known = builders.person(
        services,
        "Mohammad",
        "Karim",
        native_name="",
        father_name="Abdul Rahman",
        agency_record=abp,
    )
    exercise = builders.exercise(services)
    table = _table(
        ("Muhammad", "Kareem", "محمد کریم", "Abdurrahman", "M", "ABP", ""),
        ("Malalai", "Kakar", "ملالۍ کاکړ", "Noor Ahmad", "F", "ABP", ""),
    )
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)

    def state() -> tuple[object, ...]:
        people = sorted((p.full_name, p.native_name) for p in services.people.find())
        enrolled = sorted(e.person_name for e in services.enrolments.for_exercise(exercise.id))
        return tuple(people), tuple(enrolled)

    before = state()
    result = services.rosters.apply(
        plan, decisions_for_all(plan, Action.MERGE), exercise_id=exercise.id
    )
    after = state()
    assert after != before and result.merged == (known.id,)
    services.rosters.undo(result)
    assert state() == before
    services.rosters.redo(result)
    assert state() == after
