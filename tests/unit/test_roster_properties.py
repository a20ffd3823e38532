"""Whatever an agency sends, the importer answers with a result or a plain error, never a crash."""

import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainingdesk.domain.calendars import format_solar_hijri, format_solar_hijri_numeric
from trainingdesk.domain.dates import SERIAL_RANGE, parse_date
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import AgencyRecord
from trainingdesk.importing.report import inert_cell, write_rejected_rows
from trainingdesk.importing.roster import (
    RosterField,
    RosterMappingError,
    mapping_problems,
    propose_mapping,
    read_roster,
    rejected_rows,
)
from trainingdesk.importing.tables import Table, TableRow, UnreadableFile, read_table

QUICK = settings(max_examples=150, deadline=None)
AGENCIES = (
    AgencyRecord(
        Country.AF, "ABP", "Afghan Border Police", "پولیس سرحدی افغانستان", id=uuid.uuid4()
    ),
    AgencyRecord(Country.PK, "FC-KP", "Frontier Corps KP", "فرنٹیئر کور", id=uuid.uuid4()),
)
KNOWN_HEADERS = [
    "Name",
    "نام",
    "تخلص",
    "Surname",
    "Prénom",
    "Native name",
    "Father's name",
    "ولد",
    "Sex",
    "جنسیت",
    "Country",
    "Agency",
    "ارگان",
    "Rank",
    "Tazkira",
    "CNIC",
    "Phone",
    "DOB",
    "تاریخ تولد",
    "No.",
]
TELLING_CELLS = [
    "M",
    "F",
    "زن",
    "x",
    "AF",
    "PK",
    "India",
    "ABP",
    "abp",
    "FC KP",
    "NDS",
    "1391/07/15",
    "۱۳۹۱/۰۷/۱۵",
    "12/25/1985",
    "41553",
    "+93 700 123 456",
    "۰۷۰۰۱۲۳۴۵۶",
    "=1+1",
    "@x",
    "'+93",
    "-",
    "ندارد",
    "محمد کریم",
    "Mohammad Karim",
    "Mohammad Karim / محمد کریم",
    "Zia ul Haq",
    " ",
    "",
]
cell_text = st.one_of(st.sampled_from(TELLING_CELLS), st.text(max_size=30))
EARLIEST, LATEST = date(1930, 1, 1), date(2099, 12, 31)


@QUICK
@given(st.one_of(st.text(max_size=40), st.from_regex(r"\d{1,5}[/.\- ]{1,2}\d{1,3}[/.\- ]\d{1,5}")))
def test_parse_date_gives_a_date_or_a_reason(text: str) -> None:
    try:
        result = parse_date(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert EARLIEST - timedelta(days=366 * 31) <= result <= LATEST + timedelta(days=366 * 23)


@QUICK
@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_every_written_form_of_a_date_reads_back_as_that_date(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        str((day - date(1899, 12, 30)).days),
        format_solar_hijri_numeric(day),
        format_solar_hijri(day, dari=True),
        day.strftime("%d-%b-%Y"),
    ]
    assert {form: parse_date(form) for form in forms} == dict.fromkeys(forms, day)
    assert SERIAL_RANGE[0] <= int(forms[3]) <= SERIAL_RANGE[1]


@QUICK
@given(st.lists(st.one_of(st.sampled_from(KNOWN_HEADERS), st.text(max_size=20)), max_size=14))
def test_the_mapping_proposal_covers_every_column_and_gives_no_field_twice(
    headers: list[str],
) -> None:
    mapping = propose_mapping(headers)

    assert list(mapping) == list(range(len(headers)))
    fields = [field for field in mapping.values() if field is not RosterField.IGNORE]
    assert len(fields) == len(set(fields))
    assert not [p for p in mapping_problems(mapping) if "keep one" in p or "full-name" in p]


@QUICK
@given(
    st.lists(st.sampled_from(KNOWN_HEADERS), min_size=1, max_size=8),
    st.lists(st.lists(cell_text, max_size=10), max_size=6),
    st.sampled_from([None, Country.AF, Country.PK]),
)
def test_read_roster_gives_a_draft_or_errors_for_every_row(
    headers: list[str], cells: list[list[str]], default_country: Country | None
) -> None:
    sheet = Table(
        tuple(headers), tuple(TableRow(n, tuple(row)) for n, row in enumerate(cells, start=2))
    )
    mapping = propose_mapping(headers)
    if mapping_problems(mapping):
        with pytest.raises(RosterMappingError):
            read_roster(sheet, mapping, AGENCIES, default_country=default_country)
        return

    rows = read_roster(sheet, mapping, AGENCIES, default_country=default_country)

    assert {row.row for row in rows} <= {n for n in range(2, len(cells) + 2)}
    for row in rows:
        assert (row.draft is None) == bool(row.errors)
        assert all(error.row == row.row and error.message for error in row.errors)
        if row.draft is not None:
            assert row.draft.problems() == {}
    assert len(rejected_rows(rows)) == sum(1 for row in rows if row.errors)


@QUICK
@given(st.binary(max_size=3000) | st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b))
def test_read_table_reads_arbitrary_bytes_or_says_why(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except UnreadableFile as exc:
            assert str(exc)
        else:
            assert len(table.headers) >= 1
            assert all(row.number > table.header_row for row in table.rows)


@QUICK
@given(st.text(max_size=30))
def test_an_inert_cell_never_starts_a_formula(text: str) -> None:
    inert = inert_cell(text)

    assert inert in (text, "'" + text)
    assert inert_cell(inert) == inert
    body = inert.lstrip(" ")
    if body[:1] in ("=", "@", "\t", "\r"):
        assert inert.startswith("'")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.text(max_size=15), max_size=4), max_size=4), st.text(max_size=20))
def test_rejected_rows_are_written_whatever_the_cells(cells: list[list[str]], problem: str) -> None:
    rows = [(n, tuple(row), problem) for n, row in enumerate(cells, start=2)]
    with tempfile.TemporaryDirectory() as folder:
        for name in ("rejected.csv", "rejected.xlsx"):
            write_rejected_rows(Path(folder) / name, ["Name", "نام"], rows)
            assert (Path(folder) / name).stat().st_size > 0
