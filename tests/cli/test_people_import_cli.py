"""`trainingdesk people import`: the same report a coordinator sees, and all or nothing."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import trainingdesk
from tests.conftest import TEST_ACTOR
from trainingdesk.services.container import open_services


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("people-import") / "demo.sqlite"
    assert trainingdesk("--db", str(path), "demo", "--people", "40", "--seed", "9").code == 0
    return path


def _copy(demo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo, copy)
    return copy


def _roster(tmp_path: Path, demo: Path, *, with_bad_row: bool) -> Path:
    """Two new officers, one already known (spelled differently), maybe one bad row."""
    services = open_services(str(demo), actor=TEST_ACTOR)
    known = next(p for p in services.people.find() if p.service_number and p.agency_acronym)
    services.close()
    lines = [
        "Participants - joint course",
        "",
        "Name;Surname;Father's name;Sex;Agency;ID number;Date of birth",
        f"{known.given_name}x;{known.family_name};{known.father_name};{known.sex.value};"
        f"{known.agency_acronym};{known.service_number};",
        "Gul Agha;Sherzad;Abdul Wali;M;ABP;;1364/01/01",
        "Malalai;Kakar;Noor Ahmad;F;ABP;;1990-05-04",
    ]
    if with_bad_row:
        lines.append("Wrong;Person;;Q;NOPE;;31/02/1990")
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _people(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM person WHERE deleted_at IS NULL"
        ).fetchone()
    connection.close()
    return int(count)


def test_a_dry_run_reports_new_matched_and_rejected_rows_and_writes_nothing(
    demo: Path, tmp_path: Path
) -> None:
    db = _copy(demo, tmp_path)
    roster = _roster(tmp_path, demo, with_bad_row=True)
    run = trainingdesk("--db", str(db), "people", "import", str(roster), "--dry-run", "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["new"] == 2
    (duplicate,) = report["probable_duplicates"]
    assert duplicate["row"] == 4 and duplicate["score"] > 0.8
    assert {error["row"] for error in report["rejected"]} == {7}
    assert {error["column"] for error in report["rejected"]} >= {"Sex", "Agency"}
    assert "nothing was written" in run.err
    assert _people(db) == 40


def test_good_rows_land_duplicates_wait_and_bad_rows_are_skipped_on_request(
    demo: Path, tmp_path: Path
) -> None:
    db = _copy(demo, tmp_path)
    roster = _roster(tmp_path, demo, with_bad_row=True)
    refused = trainingdesk("--db", str(db), "people", "import", str(roster))
    assert refused.code == 1
    assert _people(db) == 40

    run = trainingdesk("--db", str(db), "people", "import", str(roster), "--skip-invalid")
    assert run.code == 0, run.err
    assert "Written: 2 new, 0 merged into known people, 1 probable duplicate(s) skipped" in run.out
    assert _people(db) == 42


def test_duplicates_are_merged_or_added_only_when_asked_and_people_enrolled(
    demo: Path, tmp_path: Path
) -> None:
    db = _copy(demo, tmp_path)
    roster = _roster(tmp_path, demo, with_bad_row=False)
    services = open_services(str(db), actor=TEST_ACTOR)
    code = next(e.code for e in services.exercises.find())
    services.close()
    merged = trainingdesk(
        "--db", str(db), "people", "import", str(roster), "--matches", "merge", "--exercise", code
    )
    assert merged.code == 0, merged.err
    assert "2 new, 1 merged" in merged.out and f"3 enrolled in {code}" in merged.out
    assert _people(db) == 42

    second = tmp_path / "second"
    second.mkdir()
    again = _copy(demo, second)
    added = trainingdesk("--db", str(again), "people", "import", str(roster), "--matches", "new")
    assert added.code == 0, added.err
    assert _people(again) == 43
