"""`trainingdesk attendance`: a sign-in sheet to print, marks from a file, the grid out."""

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_cli import assert_one_line_error, trainingdesk
from tests.conftest import TEST_ACTOR
from trainingdesk.domain.records import MarkChange
from trainingdesk.services.container import open_services


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A demo database and the code of an exercise with people and unlocked sessions."""
    path = tmp_path_factory.mktemp("attendance-cli") / "demo.sqlite"
    assert trainingdesk("--db", str(path), "demo", "--people", "40", "--seed", "5").code == 0
    services = open_services(str(path), actor=TEST_ACTOR)
    exercise = next(e for e in services.exercises.find() if e.participants >= 3 and e.sessions)
    services.close()
    return path, exercise.code


def _copy(demo: tuple[Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo[0], copy)
    return copy


def test_a_sign_in_sheet_is_written_with_every_participant(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    path, code = demo
    out = tmp_path / "sheet.pdf"
    run = trainingdesk(
        "--db",
        str(path),
        "attendance",
        "sheet",
        "--exercise",
        code,
        "--session",
        "1",
        "--out",
        str(out),
    )
    assert run.code == 0, run.err
    assert f"sign-in sheet of {code} session 1" in run.out
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    services = open_services(str(path), actor=TEST_ACTOR)
    participants = services.grid.sign_in_sheet(services.exercises.by_code(code).id, 1).participants
    services.close()
    for participant in participants:
        assert participant.full_name in text


def test_a_session_that_does_not_exist_is_one_clear_line(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    path, code = demo
    run = trainingdesk(
        "--db",
        str(path),
        "attendance",
        "sheet",
        "--exercise",
        code,
        "--session",
        "999",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert_one_line_error(run, "there is no session 999")
    assert not (tmp_path / "x.pdf").exists()


def test_marks_exported_edited_and_imported_back(demo: tuple[Path, str], tmp_path: Path) -> None:
    copy = _copy(demo, tmp_path)
    code = demo[1]
    services = open_services(str(copy), actor=TEST_ACTOR)
    grid = services.grid.grid(services.exercises.by_code(code).id)
    services.grid.set_marks(
        [MarkChange(s.id, grid.participants[0].person_id, None) for s in grid.sessions]
    )
    services.close()
    workbook_path = tmp_path / "grid.xlsx"
    run = trainingdesk(
        "--db", str(copy), "attendance", "export", "--exercise", code, "--out", str(workbook_path)
    )
    assert run.code == 0, run.err

    again = trainingdesk(
        "--db", str(copy), "attendance", "import", str(workbook_path), "--exercise", code
    )
    assert again.code == 0, again.err
    assert "Imported 0 mark(s)" in again.out

    workbook = load_workbook(workbook_path)
    sheet = workbook.active
    header_row = next(
        row for row in sheet.iter_rows() if any(str(c.value or "").startswith("1\n") for c in row)
    )
    first_session = next(c for c in header_row if str(c.value or "").startswith("1\n"))
    name_cell = sheet.cell(row=header_row[0].row + 1, column=first_session.column)
    name_cell.value = "L"
    workbook.save(workbook_path)
    changed = trainingdesk(
        "--db", str(copy), "attendance", "import", str(workbook_path), "--exercise", code
    )
    assert changed.code == 0, changed.err
    assert "Imported 1 mark(s)" in changed.out


def test_a_bad_file_changes_nothing_and_says_what_is_wrong(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    copy = _copy(demo, tmp_path)
    before = copy.read_bytes()
    bad = tmp_path / "marks.csv"
    bad.write_text("ID number,1,2\nNOBODY-1,P,A\n", encoding="utf-8")
    report = tmp_path / "problems.csv"
    run = trainingdesk(
        "--db",
        str(copy),
        "attendance",
        "import",
        str(bad),
        "--exercise",
        demo[1],
        "--errors",
        str(report),
    )
    assert run.code == 1
    assert "row 2" in run.err
    assert "no mark was changed" in run.err
    assert report.read_text(encoding="utf-8-sig").count("\n") >= 2
    assert copy.read_bytes() == before


def test_an_empty_file_is_refused_in_one_line(demo: tuple[Path, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    run = trainingdesk(
        "--db", str(demo[0]), "attendance", "import", str(empty), "--exercise", demo[1]
    )
    assert_one_line_error(run, "empty")
