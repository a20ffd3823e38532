"""The command line, run as a coordinator runs it: a separate process, text in and out."""

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainingdesk import cli
from trainingdesk.storage.database import head_revision


@dataclass
class Run:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


def trainingdesk(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run `python -m trainingdesk ARGS` and capture everything."""
    completed = subprocess.run(
        [sys.executable, "-m", "trainingdesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return Run(completed.returncode, completed.stdout, completed.stderr)


def assert_one_line_error(run: Run, message: str) -> None:
    """Expected failures: exit 1 and a single clear line on stderr."""
    assert run.code == 1
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("trainingdesk: error: ")
    assert message in lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    run = trainingdesk("--db", str(path), "demo", "--people", "40", "--seed", "3")
    assert run.code == 0, run.err
    assert "attendance_mark" in run.out
    return path


def test_help_lists_the_commands() -> None:
    run = trainingdesk("--help")
    assert run.code == 0
    assert "demo" in run.out and "people" in run.out and "--db" in run.out


def test_without_a_command_the_window_opens_on_the_given_database(tmp_path: Path) -> None:
    opened: list[str | None] = []

    def window(location: str | None) -> int:
        opened.append(location)
        return 0

    assert cli.main(["--db", str(tmp_path / "field.sqlite")], gui=window) == 0
    assert cli.main([], gui=window) == 0
    assert opened == [str(tmp_path / "field.sqlite"), None]


def test_version() -> None:
    run = trainingdesk("--version")
    assert run.code == 0
    assert run.out.startswith("trainingdesk ")


def test_info_describes_a_demo_database(demo_db: Path) -> None:
    run = trainingdesk("--db", str(demo_db), "info")
    assert run.code == 0
    assert str(demo_db) in run.out
    assert f"Schema:    {head_revision()} (this program's latest: {head_revision()})" in run.out
    assert any(line.split()[:2] == ["person", "40"] for line in run.out.splitlines())


def test_info_as_json(demo_db: Path) -> None:
    info = json.loads(trainingdesk("--db", str(demo_db), "info", "--json").out)
    assert info["schema_revision"] == info["latest_revision"]
    assert info["tables"]["person"] == {"live": 40, "deleted": 0}
    assert info["tables"]["attendance_mark"]["live"] > 1000


def test_exercises_are_listed_and_filtered(demo_db: Path) -> None:
    everything = json.loads(trainingdesk("--db", str(demo_db), "exercises", "list", "--json").out)
    in_2012 = json.loads(
        trainingdesk("--db", str(demo_db), "exercises", "list", "--year", "2012", "--json").out
    )
    assert len(everything) >= 30
    assert in_2012 and all(e["start_date"].startswith("2012") for e in in_2012)
    site = everything[0]["site"]
    at_site = json.loads(
        trainingdesk("--db", str(demo_db), "exercises", "list", "--site", site, "--json").out
    )
    assert at_site and {e["site"] for e in at_site} == {site}
    table = trainingdesk("--db", str(demo_db), "exercises", "list", "--status", "completed")
    assert table.code == 0
    assert table.out.splitlines()[0].split()[:3] == ["code", "start", "end"]


def test_one_exercise_is_shown_with_sessions_and_completion(demo_db: Path) -> None:
    listed = json.loads(
        trainingdesk(
            "--db", str(demo_db), "exercises", "list", "--status", "completed", "--json"
        ).out
    )
    code = listed[0]["code"]
    shown = json.loads(trainingdesk("--db", str(demo_db), "exercises", "show", code, "--json").out)
    assert shown["code"] == code
    assert len(shown["sessions_detail"]) == shown["sessions"]
    assert [s["number"] for s in shown["sessions_detail"]] == list(range(1, shown["sessions"] + 1))
    assert shown["enrolled_by_role"]["participant"] >= shown["participants"]
    assert 0 < shown["eligible_for_certificate"] <= shown["participants"]
    text = trainingdesk("--db", str(demo_db), "exercises", "show", code.lower())
    assert text.code == 0
    assert text.out.startswith(code)
    assert "eligible for a certificate" in text.out


def test_an_unknown_exercise_is_one_clear_line(demo_db: Path) -> None:
    assert_one_line_error(
        trainingdesk("--db", str(demo_db), "exercises", "show", "JTX-1999-99"),
        "no exercise with code 'JTX-1999-99'",
    )


def test_people_are_found_by_any_spelling(demo_db: Path) -> None:
    latin = json.loads(
        trainingdesk("--db", str(demo_db), "people", "list", "--search", "muhammad", "--json").out
    )
    native = json.loads(
        trainingdesk("--db", str(demo_db), "people", "list", "--search", "محمد", "--json").out
    )
    assert latin
    assert {p["id"] for p in latin} == {p["id"] for p in native}
    mohammad_spellings = ("Mohammad", "Muhammad", "Mohammed", "Mohamad", "Mohd", "Muhammed")
    for person in latin:
        names = " ".join((person["given_name"], person["family_name"], person["father_name"]))
        assert any(spelling in names for spelling in mohammad_spellings), names


def test_people_are_filtered_by_agency_country_and_sex(demo_db: Path) -> None:
    run = trainingdesk(
        "--db", str(demo_db), "people", "list", "--agency", "abp", "--country", "AF", "--json"
    )
    people = json.loads(run.out)
    assert people and {p["agency"] for p in people} == {"ABP"}
    table = trainingdesk("--db", str(demo_db), "people", "list", "--sex", "F", "--limit", "3")
    assert table.code == 0
    assert table.out.strip().endswith("person(s)")


def test_the_database_can_come_from_the_environment(demo_db: Path) -> None:
    run = trainingdesk("info", "--json", env={"TRAININGDESK_DB": str(demo_db)})
    assert json.loads(run.out)["location"] == str(demo_db)


def test_an_unknown_site_or_agency_is_one_clear_line(demo_db: Path) -> None:
    assert_one_line_error(
        trainingdesk("--db", str(demo_db), "exercises", "list", "--site", "NOWHERE"),
        "no site with code 'NOWHERE'",
    )
    assert_one_line_error(
        trainingdesk("--db", str(demo_db), "people", "list", "--agency", "XYZ"),
        "no agency with acronym 'XYZ'",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--bogus",), "unrecognized arguments: --bogus"),
        (("exercises",), "required"),
        (("demo", "--people", "many"), "'many' is not a whole number"),
        (("demo", "--people", "0"), "0 is not between 10 and 100,000"),
        (("demo", "--people", "99999999999999999999"), "is not between 10 and 100,000"),
        (("exercises", "list", "--year", "99999999999999999999"), "not between 1,990 and 2,100"),
        (("people", "list", "--limit", "99999999999999999999"), "is not between 1 and"),
        (("--db", "", "info"), "needs a file path or a database URL"),
        (("people", "list", "--country", "FR"), "invalid choice"),
    ],
)
def test_bad_options_are_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    assert_one_line_error(trainingdesk("--db", str(tmp_path / "x.sqlite"), *args), message)


def test_a_refused_demo_size_leaves_no_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "tiny.sqlite"
    assert_one_line_error(trainingdesk("--db", str(path), "demo", "--people", "1"), "between")
    assert not path.exists()


def test_demo_if_empty_succeeds_quietly_on_a_filled_database(demo_db: Path) -> None:
    run = trainingdesk("--db", str(demo_db), "demo", "--if-empty")
    assert run.code == 0
    assert "already holds data; no demo data added" in run.out


def test_reading_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite"
    assert_one_line_error(trainingdesk("--db", str(path), "info"), "no database at")
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"name;father\r\nKarim;Rahim\r\n")
    assert_one_line_error(trainingdesk("--db", str(path), "info"), "not a TrainingDesk database")
    assert path.read_bytes() == b"name;father\r\nKarim;Rahim\r\n"


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path, demo_db: Path) -> None:
    path = tmp_path / "future.sqlite"
    path.write_bytes(demo_db.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.close()
    assert_one_line_error(trainingdesk("--db", str(path), "info"), "newer version of TrainingDesk")


def test_demo_data_never_goes_into_a_database_with_data(demo_db: Path) -> None:
    assert_one_line_error(
        trainingdesk("--db", str(demo_db), "demo", "--people", "20"),
        "already holds people or exercises",
    )


def test_a_backup_is_written_rotated_and_reported(tmp_path: Path, demo_db: Path) -> None:
    usb = tmp_path / "usb"
    for _ in range(2):
        run = trainingdesk("--db", str(demo_db), "backup", "--to", str(usb), "--keep", "1")
        assert run.code == 0, run.err
        assert run.out.startswith("Backup written and checked: ")
    assert len(list(usb.iterdir())) == 1


def test_an_unusable_url_is_one_clear_line() -> None:
    assert_one_line_error(trainingdesk("--db", "nosuchdb://x/y", "info"), "cannot use a database")
