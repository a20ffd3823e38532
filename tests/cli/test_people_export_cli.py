"""`trainingdesk people export`: everyone in the demo database, out to Excel and CSV intact."""

import argparse
import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from trainingdesk.cli.people_files import export, output_file
from trainingdesk.domain.enums import Country, Role, Sex
from trainingdesk.domain.records import PersonDraft, PersonRecord
from trainingdesk.reports import people_export
from trainingdesk.services.container import Services

HYPERLINK = '=HYPERLINK("http://x","y")'
# Column positions in the People table (0-based).
GIVEN, FAMILY, NATIVE, FATHER_NATIVE, ID_NUMBER, PHONE, BIRTH, PERSON_ID = 0, 1, 2, 4, 9, 10, 11, 14


@pytest.fixture
def demo(services: Services) -> Services:
    """The 40-person demo, plus an officer whose details try to break a spreadsheet."""
    services.demo.generate(people=40, seed=3)
    return services


def add_tricky_officer(services: Services) -> PersonRecord:
    """A Pakistani officer with a formula for a name, enrolled in the first exercise."""
    officer = services.people.create(
        PersonDraft(
            given_name=HYPERLINK,
            family_name="Qureshi",
            native_name="بلال احمد قریشی",
            father_name_native="محمد اسلم قریشی",
            sex=Sex.MALE,
            country=Country.PK,
            service_number="0301234",
            phone="+92 300 1234567",
            birth_date=date(1988, 7, 14),
        )
    )
    first = services.exercises.find()[0]
    services.enrolments.enrol(first.id, [officer.id], Role.OBSERVER)
    return officer


def run_export(services: Services, out: Path) -> str:
    printed = io.StringIO()
    assert export(services, argparse.Namespace(out=out), printed) == 0
    return printed.getvalue()


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_the_workbook_holds_everyone_and_their_enrolments_intact(
    demo: Services, tmp_path: Path
) -> None:
    officer = add_tricky_officer(demo)
    people = demo.people.find()
    enrolments = demo.enrolments.export_rows()
    out = tmp_path / "people.xlsx"
    printed = run_export(demo, out)
    assert printed == (
        f"Wrote {len(people)} person(s) and {len(enrolments)} enrolment(s) to {out}.\n"
    )
    workbook = load_workbook(out)
    rows = {row[PERSON_ID].value: row for row in workbook["People"].iter_rows(min_row=2)}
    assert set(rows) == {str(person.id) for person in people}
    assert workbook["Enrolments"].max_row == 1 + len(enrolments)
    for person in people:
        row = rows[str(person.id)]
        assert row[NATIVE].value == (person.native_name or None)
        assert row[FATHER_NATIVE].value == (person.father_name_native or None)
        if person.birth_date is not None:
            assert row[BIRTH].is_date
            assert row[BIRTH].value == datetime.combine(person.birth_date, datetime.min.time())
    tricky = rows[str(officer.id)]
    assert tricky[GIVEN].value == HYPERLINK
    assert tricky[GIVEN].data_type == "s"
    assert (tricky[ID_NUMBER].value, tricky[ID_NUMBER].data_type) == ("0301234", "s")
    assert (tricky[PHONE].value, tricky[PHONE].data_type) == ("+92 300 1234567", "s")
    assert tricky[BIRTH].value == datetime(1988, 7, 14)
    assert not any(
        cell.data_type == "f" for sheet in workbook for row in sheet.iter_rows() for cell in row
    )


def test_the_csv_pair_holds_everyone_with_the_formula_neutralised(
    demo: Services, tmp_path: Path
) -> None:
    officer = add_tricky_officer(demo)
    people = demo.people.find()
    out = tmp_path / "people.csv"
    printed = run_export(demo, out)
    enrolments_path = tmp_path / "people-enrolments.csv"
    assert f"to {out} and {enrolments_path}." in printed
    rows = {row[PERSON_ID]: row for row in csv_rows(out)[1:]}
    assert set(rows) == {str(person.id) for person in people}
    for person in people:
        assert rows[str(person.id)][NATIVE] == person.native_name
        assert rows[str(person.id)][FATHER_NATIVE] == person.father_name_native
    tricky = rows[str(officer.id)]
    assert tricky[GIVEN] == "'" + HYPERLINK
    assert tricky[FAMILY] == "Qureshi"
    assert tricky[ID_NUMBER] == "0301234"
    assert tricky[PHONE] == "'+92 300 1234567"
    assert tricky[BIRTH] == "1988-07-14"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert all(person.native_name.encode() in data for person in people)
    enrolments = csv_rows(enrolments_path)
    assert len(enrolments) == 1 + len(demo.enrolments.export_rows())
    assert ["'" + HYPERLINK + " Qureshi", "بلال احمد قریشی"] in [row[4:6] for row in enrolments]


def test_too_many_rows_for_excel_is_one_clear_line(
    demo: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(people_export, "XLSX_MAX_ROWS", 10)
    printed = io.StringIO()
    assert export(demo, argparse.Namespace(out=tmp_path / "people.xlsx"), printed) == 1
    assert printed.getvalue() == ""
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("trainingdesk: error: people.xlsx: ")
    assert line.endswith("export to .csv instead")
    assert not (tmp_path / "people.xlsx").exists()


def test_out_takes_a_csv_or_xlsx_file_in_an_existing_folder(tmp_path: Path) -> None:
    assert output_file(str(tmp_path / "people.XLSX")) == tmp_path / "people.XLSX"
    assert output_file(str(tmp_path / "people.csv")) == tmp_path / "people.csv"
    with pytest.raises(argparse.ArgumentTypeError, match=r"must end in \.csv or \.xlsx"):
        output_file(str(tmp_path / "people.pdf"))
    with pytest.raises(argparse.ArgumentTypeError, match="does not exist"):
        output_file(str(tmp_path / "missing" / "people.csv"))
