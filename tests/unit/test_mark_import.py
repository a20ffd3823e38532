"""Importing attendance marks from a file: who is who, which column is which session, errors."""

import csv
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import AttendanceStatus, Country, ExerciseType, KeyArea, Role
from trainingdesk.domain.records import (
    AttendanceGrid,
    ExerciseRecord,
    GridParticipant,
    GridSession,
    MarkChange,
    MarkRecord,
)
from trainingdesk.importing.marks import (
    MarkImportPlan,
    mark_from_text,
    plan_mark_import,
    write_error_report,
)
from trainingdesk.importing.tables import read_table

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)

# ------------------------------------------------------------------ building a grid

KARIMI = ("Mohammad Karimi", "محمد کریمی", "AF-1001", "ABP", Country.AF)
NOORI = ("Ahmad Zahir Noori", "احمد ظاهر نوری", "AF-1002", "ABP", Country.AF)
QURESHI = ("Bilal Ahmed Qureshi", "بلال احمد قریشی", "PK-2001", "PC", Country.PK)
SIDDIQUI = ("Fatima Siddiqui", "فاطمہ صدیقی", "", "PC", Country.PK)
PEOPLE = (KARIMI, NOORI, QURESHI, SIDDIQUI)
FIRST_DAY = date(2027, 3, 1)


def participant(
    full_name: str, native_name: str, service_number: str, agency: str, country: Country
) -> GridParticipant:
    """An enrolled officer as the attendance grid shows them."""
    return GridParticipant(
        person_id=uuid.uuid4(),
        full_name=full_name,
        native_name=native_name,
        father_name="",
        agency_acronym=agency,
        country=country,
        rank="Captain",
        service_number=service_number,
        role=Role.PARTICIPANT,
    )


def make_grid(
    people: Iterable[tuple[str, str, str, str, Country]] = PEOPLE,
    *,
    sessions: int = 3,
    locked: Iterable[int] = (),
    marks: Mapping[tuple[str, int], str] = {},
    remarks: Mapping[tuple[str, int], str] = {},
) -> AttendanceGrid:
    """A three-day exercise with one session a day; marks are keyed by (name, session)."""
    exercise_id = uuid.uuid4()
    locked_numbers = set(locked)
    grid_sessions = tuple(
        GridSession(
            id=uuid.uuid4(),
            number=number,
            day=date(2027, 3, number),
            start_time=None,
            end_time=None,
            module_code=f"BM-0{number}",
            module_title=f"Border management {number}",
            locked_by="coordinator" if number in locked_numbers else None,
            locked_at=datetime(2027, 3, 10, 17, 0) if number in locked_numbers else None,
        )
        for number in range(1, sessions + 1)
    )
    participants = tuple(participant(*person) for person in people)
    grid = AttendanceGrid(
        exercise=ExerciseRecord(
            code="JX-2027-01",
            title="Joint border management exercise",
            type=ExerciseType.JOINT_EXERCISE,
            key_area=KeyArea.HARMONISATION,
            start_date=FIRST_DAY,
            end_date=date(2027, 3, max(sessions, 1)),
            id=exercise_id,
        ),
        rule=CompletionRule(),
        participants=participants,
        sessions=grid_sessions,
        marks={},
        post_tests={},
    )
    for (name, number), letter in marks.items():
        person, session = who(grid, name), grid.session_by_number(number)
        assert session is not None
        grid.marks[session.id, person.person_id] = MarkRecord(
            session.id, person.person_id, AttendanceStatus(letter), remarks.get((name, number), "")
        )
    return grid


def who(grid: AttendanceGrid, full_name: str) -> GridParticipant:
    return next(p for p in grid.participants if p.full_name == full_name)


def change(
    grid: AttendanceGrid, full_name: str, number: int, status: AttendanceStatus
) -> MarkChange:
    session = grid.session_by_number(number)
    assert session is not None
    return MarkChange(session.id, who(grid, full_name).person_id, status)


def import_csv(tmp_path: Path, grid: AttendanceGrid, *lines: str) -> MarkImportPlan:
    """Write the lines as a UTF-8 CSV file, read it back and plan the import."""
    path = tmp_path / "marks.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan_mark_import(read_table(path), grid)


def problems(plan: MarkImportPlan) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.value) for error in plan.errors]


# ------------------------------------------------------------------------ marks


def test_a_typed_up_paper_sheet_becomes_one_change_per_filled_cell(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(
        tmp_path,
        grid,
        "ID number,Name,1,2,3",
        "AF-1001,Mohammad Karimi,P,L,",
        "PK-2001,Bilal Ahmed Qureshi,a,,e",
    )

    assert plan.ok
    assert plan.changes == (
        change(grid, "Mohammad Karimi", 1, P),
        change(grid, "Mohammad Karimi", 2, L),
        change(grid, "Bilal Ahmed Qureshi", 1, A),
        change(grid, "Bilal Ahmed Qureshi", 3, E),
    )
    assert plan.unchanged == 0


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("present", P),
        ("Présent", P),
        ("PRESENTE", P),
        ("حاضر", P),
        ("late", L),
        ("Retard", L),
        ("en retard", L),
        ("Excused", E),
        ("excusé", E),
        ("EXCUSÉE", E),
        ("absent", A),
        ("Absente", A),
        ("غایب", A),
        ("غائب", A),
        ("غیرحاضر", A),
        ("غیر حاضر", A),
        ("غير حاضر", A),
        ("غیر\u200cحاضر", A),
        ("\u200fغایب\u200f", A),
    ],
)
def test_marks_written_as_words_in_the_programme_languages_are_understood(
    written: str, status: AttendanceStatus
) -> None:
    assert mark_from_text(written) is status


@pytest.mark.parametrize("written", ["Q", "x", "-", "✓", "1", "yes", "حاضر؟"])
def test_signs_that_are_not_marks_are_not_guessed(written: str) -> None:
    assert mark_from_text(written) is None


def test_a_bad_code_is_a_row_error_naming_row_column_and_value(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "Name,1,2", "Mohammad Karimi,P,Q")

    assert not plan.ok
    assert problems(plan) == [(2, "2", "Q")]
    assert "'Q' is not an attendance mark" in plan.errors[0].message


def test_an_empty_cell_keeps_the_mark_it_has_since_an_import_never_clears(
    tmp_path: Path,
) -> None:
    grid = make_grid(marks={("Mohammad Karimi", 1): "A", ("Mohammad Karimi", 2): "P"})

    plan = import_csv(tmp_path, grid, "Name,1,2,3", "Mohammad Karimi,,P,")

    assert plan.ok
    assert plan.changes == ()
    assert plan.unchanged == 1


def test_a_corrected_mark_keeps_the_remark_written_beside_it(tmp_path: Path) -> None:
    grid = make_grid(
        marks={("Ahmad Zahir Noori", 2): "A"},
        remarks={("Ahmad Zahir Noori", 2): "called to the crossing"},
    )

    plan = import_csv(tmp_path, grid, "Name,2", "Ahmad Zahir Noori,E")

    assert plan.changes == (
        replace(change(grid, "Ahmad Zahir Noori", 2, E), remark="called to the crossing"),
    )


# ------------------------------------------------------------------------ people


def test_id_numbers_match_whatever_digits_case_and_hyphens_were_typed(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "شماره,1", "AF ۱۰۰۱,P", "af-1002,L", "pk٢٠٠١,A")

    assert plan.ok
    assert plan.changes == (
        change(grid, "Mohammad Karimi", 1, P),
        change(grid, "Ahmad Zahir Noori", 1, L),
        change(grid, "Bilal Ahmed Qureshi", 1, A),
    )


def test_names_match_across_spellings_and_scripts(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(
        tmp_path,
        grid,
        "Full name,Native name,Session 1",
        "Muhammad Kareemi,,P",
        ",احمد ظاهر نوري,L",
        "Bilal Ahmad Qureshi,بلال احمد قریشی,E",
    )

    assert plan.ok
    assert plan.changes == (
        change(grid, "Mohammad Karimi", 1, P),
        change(grid, "Ahmad Zahir Noori", 1, L),
        change(grid, "Bilal Ahmed Qureshi", 1, E),
    )


def test_someone_not_enrolled_is_a_row_error(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "Name,ID,1", "Gul Agha Sherzai,,P", "Mohammad Karimi,,P")

    assert problems(plan) == [(2, "Name", "Gul Agha Sherzai")]
    assert "No one called Gul Agha Sherzai is enrolled" in plan.errors[0].message


def test_an_unknown_id_number_is_a_row_error(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "ID,1", "AF-9999,P")

    assert problems(plan) == [(2, "ID", "AF-9999")]
    assert "No one enrolled in this exercise has ID number AF-9999" in plan.errors[0].message


def test_a_name_two_enrolled_people_share_is_an_error_until_the_id_tells_them_apart(
    tmp_path: Path,
) -> None:
    namesake = ("Mohammad Karimi", "محمد کریمی", "PK-2002", "PC", Country.PK)
    grid = make_grid((*PEOPLE, namesake))

    by_name = import_csv(tmp_path, grid, "Name,ID,1", "Mohammad Karimi,,P")
    by_id = import_csv(tmp_path, grid, "Name,ID,1", "Mohammad Karimi,PK-2002,P")

    assert problems(by_name) == [(2, "Name", "Mohammad Karimi")]
    assert "2 people enrolled in this exercise are called" in by_name.errors[0].message
    assert "(ABP)" in by_name.errors[0].message
    assert "(PC)" in by_name.errors[0].message
    assert by_id.ok
    assert [c.person_id for c in by_id.changes] == [grid.participants[-1].person_id]


def test_a_person_twice_in_the_file_is_an_error_on_the_second_row(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "Name,ID,1,2", "Mohammad Karimi,AF-1001,P,", ",AF-1001,,A")

    assert problems(plan) == [(3, "ID", "AF-1001")]
    assert "Mohammad Karimi is already on row 2" in plan.errors[0].message


def test_an_id_that_belongs_to_someone_else_than_the_name_is_an_error(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "Name,ID,1", "Bilal Qureshi,AF-1001,P")

    assert problems(plan) == [(2, "ID", "AF-1001")]
    assert "belongs to Mohammad Karimi" in plan.errors[0].message


def test_a_family_name_alone_is_enough_beside_the_right_id(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "Name,ID,1", "Karimi,AF-1001,P")

    assert plan.changes == (change(grid, "Mohammad Karimi", 1, P),)


def test_someone_enrolled_without_an_id_is_found_by_name_when_the_sheet_has_one(
    tmp_path: Path,
) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, "Name,ID,1", "Fatima Siddiqui,35202-1234567-8,P")

    assert plan.changes == (change(grid, "Fatima Siddiqui", 1, P),)


def test_a_row_with_marks_but_nobody_named_is_an_error(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "Name,1,2", ",P,A")

    assert problems(plan) == [(2, "", "")]
    assert "no ID number or name" in plan.errors[0].message


def test_a_totals_row_at_the_bottom_is_skipped(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "No.,Name,1,2", "1,Mohammad Karimi,P,A", "Total,,1,0")

    assert plan.ok
    assert len(plan.changes) == 2


# ---------------------------------------------------------------------- sessions


@pytest.mark.parametrize(
    ("header", "number"),
    [
        ("1", 1),
        ("S2", 2),
        ("Session 3", 3),
        ("Day 2", 2),
        ("Séance 1", 1),
        ("۳", 3),
        ("جلسه ۲", 2),
        ("2027-03-02", 2),
        ("03/03/2027", 3),
        ("2\n2027-03-02\nBM-02", 2),
    ],
)
def test_a_session_column_is_known_by_number_or_date(
    tmp_path: Path, header: str, number: int
) -> None:
    grid = make_grid()

    plan = import_csv(tmp_path, grid, f'Name,"{header}"', "Mohammad Karimi,P")

    assert plan.ok, plan.errors
    assert plan.changes == (change(grid, "Mohammad Karimi", number, P),)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Session 9", "This exercise has no session 9 (its sessions: 1 to 3)"),
        ("2027-03-09", "This exercise has no session on 2027-03-09"),
        ("31/02/2027", "'31/02/2027' is not a valid date"),
        ("2\n2027-03-03", "session 2 on 2027-03-03, but session 2 is on 2027-03-02"),
        ("Sesion 2", "holds attendance marks, but its header names no session"),
    ],
)
def test_a_column_for_a_session_the_exercise_does_not_have_is_an_error_for_the_file(
    tmp_path: Path, header: str, message: str
) -> None:
    plan = import_csv(tmp_path, make_grid(), f'Name,1,"{header}"', "Mohammad Karimi,P,P")

    assert [error.row for error in plan.errors] == [1]
    assert message in plan.errors[0].message


def test_columns_that_are_neither_people_nor_sessions_are_left_alone(tmp_path: Path) -> None:
    grid = make_grid()

    plan = import_csv(
        tmp_path, grid, "Name,Agency,Rank,1,Remarks", "Mohammad Karimi,ABP,Captain,P,on time"
    )

    assert plan.ok
    assert plan.changes == (change(grid, "Mohammad Karimi", 1, P),)


def test_the_same_session_twice_is_an_error(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "Name,1,2027-03-01", "Mohammad Karimi,P,P")

    assert problems(plan) == [(1, "2027-03-01", "2027-03-01")]
    assert "Session 1 already has a column: '1'" in plan.errors[0].message


def test_a_file_without_names_or_sessions_says_what_headers_it_needs(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "Agency,Rank", "ABP,Captain")

    messages = [error.message for error in plan.errors]
    assert "Head one column 'ID number' or 'Name'" in messages[0]
    assert "No session column was found" in messages[1]
    assert plan.changes == ()


def test_a_locked_session_cannot_be_changed_but_may_repeat_what_it_says(
    tmp_path: Path,
) -> None:
    grid = make_grid(locked=[1], marks={("Mohammad Karimi", 1): "P"})

    same = import_csv(tmp_path, grid, "Name,1", "Mohammad Karimi,P")
    other = import_csv(tmp_path, grid, "Name,1,2", "Mohammad Karimi,A,P", "Ahmad Zahir Noori,L,")

    assert same.ok
    assert same.unchanged == 1
    assert problems(other) == [(2, "1", "A"), (3, "1", "L")]
    assert "Session 1 (2027-03-01) is signed off by coordinator and locked" in (
        other.errors[0].message
    )


# ------------------------------------------------------------------------ report


def test_the_error_report_opens_in_excel_with_arabic_intact(tmp_path: Path) -> None:
    plan = import_csv(tmp_path, make_grid(), "Name,1", "گل آغا,P", "Mohammad Karimi,=1+1")
    out = tmp_path / "errors.csv"

    write_error_report(plan, out)

    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["row", "column", "value", "problem"]
    assert rows[1][:3] == ["2", "Name", "گل آغا"]
    assert "No one called گل آغا is enrolled" in rows[1][3]
    # A cell that Excel would run as a formula is written as text.
    assert rows[2][:3] == ["3", "1", "'=1+1"]
