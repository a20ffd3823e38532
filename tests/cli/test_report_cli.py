"""`trainingdesk report donor`: the donor summary of a period, from the command line."""

import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_cli import assert_one_line_error, trainingdesk
from tests.conftest import TEST_ACTOR
from trainingdesk.services.container import open_services


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-cli") / "demo.sqlite"
    run = trainingdesk("--db", str(path), "demo", "--people", "60", "--seed", "5")
    assert run.code == 0, run.err
    return path


def _donor(demo: Path, *args: str) -> tuple[int, str, str]:
    run = trainingdesk("--db", str(demo), "report", "donor", *args)
    return run.code, run.out, run.err


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_fiscal_year_is_written_as_a_pdf_and_a_workbook(demo: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "fy.pdf", tmp_path / "fy.xlsx"
    code, out, err = _donor(demo, "--period", "FY 2012-13", "--out", str(pdf), "--xlsx", str(xlsx))
    assert code == 0, err
    assert out.startswith("Donor report FY 2012-13 (2012-04-01 to 2013-03-31): ")
    assert f"wrote {pdf} and {xlsx}." in out
    text = _pdf_text(pdf)
    assert "Donor summary report" in text and "Methodology" in text
    workbook = load_workbook(xlsx)
    assert {"Summary", "trained", "Exercises", "Methodology"} <= set(workbook.sheetnames)
    assert not list(tmp_path.glob(".fy-*")), "no partial file is left behind"


def test_dates_give_the_same_report_as_the_period_named(demo: Path, tmp_path: Path) -> None:
    named = _donor(demo, "--period", "FY 2012-13", "--out", str(tmp_path / "a.pdf"))
    dated = _donor(
        demo, "--from", "2012-04-01", "--to", "2013-03-31", "--out", str(tmp_path / "b.pdf")
    )
    assert named[0] == dated[0] == 0
    assert named[1].split(": ", 1)[1].split(";")[0] == dated[1].split(": ", 1)[1].split(";")[0]


def test_the_report_names_no_one(demo: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "all.pdf", tmp_path / "all.xlsx"
    code, _, err = _donor(
        demo, "--from", "2011-01-01", "--to", "2015-12-31", "--min-cell", "0",
        "--out", str(pdf), "--xlsx", str(xlsx),
    )  # fmt: skip
    assert code == 0, err
    workbook = load_workbook(xlsx)
    cells = "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    services = open_services(str(demo), actor=TEST_ACTOR)
    people = services.people.find()
    services.close()
    assert len(people) == 60
    for text in (_pdf_text(pdf), cells):
        for person in people:
            for words in (
                f"{person.given_name} {person.family_name}",
                person.native_name,
                person.father_name,
                person.service_number,
            ):
                assert not re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text), words


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --from and --to (or --period)"),
        (("--from", "2013-04-01", "--to", "2012-04-01"), "is before --from"),
        (("--period", "FY 2012-13", "--from", "2012-04-01"), "not both"),
        (("--period", "last year"), "is not a period"),
        (("--from", "2012-13-01", "--to", "2013-01-01"), "is not a date"),
        (("--period", "2012", "--project", "NOPE"), "no project with code 'NOPE'"),
        (("--period", "2012", "--site", "NOWHERE"), "no site with code 'NOWHERE'"),
        (("--period", "2012", "--min-cell", "-1"), "not between 0 and 1,000"),
    ],
)
def test_a_wrong_request_is_one_clear_line(
    demo: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "r.pdf"
    run = trainingdesk("--db", str(demo), "report", "donor", *args, "--out", str(out))
    assert_one_line_error(run, message)
    assert not out.exists()


def test_the_output_must_be_a_pdf_in_a_folder_that_exists(demo: Path, tmp_path: Path) -> None:
    run = trainingdesk(
        "--db", str(demo), "report", "donor", "--period", "2012", "--out", str(tmp_path / "r.txt")
    )
    assert_one_line_error(run, "must end in .pdf")
    run = trainingdesk(
        "--db", str(demo), "report", "donor", "--period", "2012",
        "--out", str(tmp_path / "missing" / "r.pdf"),
    )  # fmt: skip
    assert_one_line_error(run, "does not exist")
