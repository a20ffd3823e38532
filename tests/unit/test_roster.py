"""Reading agency rosters: which column is which, every row checked, rejected rows sent back."""

import csv
import random
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.data.rosters import make_samples
from trainingdesk.domain.enums import Country, RankTier, Sex
from trainingdesk.domain.records import AgencyRecord, PersonDraft
from trainingdesk.importing.report import inert_cell, write_rejected_rows
from trainingdesk.importing.roster import (
    RosterField,
    RosterMappingError,
    RosterRow,
    mapping_problems,
    propose_mapping,
    read_roster,
    rejected_rows,
)
from trainingdesk.importing.tables import Table, TableRow, UnreadableFile, read_table

F = RosterField
SAMPLES = Path(__file__).parents[1] / "data" / "rosters"


def agency(country: Country, acronym: str, name: str, native_name: str) -> AgencyRecord:
    """An agency with a stable id, so that tests can name it."""
    return AgencyRecord(
        country, acronym, name, native_name, id=uuid.uuid5(uuid.NAMESPACE_URL, acronym)
    )


ABP = agency(Country.AF, "ABP", "Afghan Border Police", "پولیس سرحدی افغانستان")
ACD = agency(Country.AF, "ACD", "Afghan Customs Department", "ریاست عمومی گمرکات افغانستان")
PC = agency(Country.PK, "PC", "Pakistan Customs", "پاکستان کسٹمز")
FIA = agency(Country.PK, "FIA", "Federal Investigation Agency", "وفاقی تحقیقاتی ادارہ")
FC_KP = agency(
    Country.PK, "FC-KP", "Frontier Corps Khyber Pakhtunkhwa", "فرنٹیئر کور خیبر پختونخوا"
)
AGENCIES = (ABP, ACD, PC, FIA, FC_KP)


def table(headers: str, *rows: str, first_row: int = 2) -> Table:
    """A table as `read_table` gives it; cells are separated by "|"."""
    names = tuple(headers.split("|"))
    return Table(
        names,
        tuple(TableRow(first_row + i, tuple(row.split("|"))) for i, row in enumerate(rows)),
        first_row - 1,
    )


def read(headers: str, *rows: str, default_country: Country | None = None) -> list[RosterRow]:
    """Read rows under the headers with the proposed mapping."""
    sheet = table(headers, *rows)
    return read_roster(
        sheet, propose_mapping(sheet.headers), AGENCIES, default_country=default_country
    )


def one(headers: str, row: str, **kwargs: Country | None) -> PersonDraft:
    """The draft of a single good row."""
    [result] = read(headers, row, **kwargs)
    assert result.errors == ()
    assert result.draft is not None
    return result.draft


def problem(headers: str, row: str, **kwargs: Country | None) -> tuple[str, str, str]:
    """(column, value, message) of the only error of a single row."""
    [result] = read(headers, row, **kwargs)
    assert result.draft is None
    [error] = result.errors
    assert error.row == 2
    return error.column, error.value, error.message


# ----------------------------------------------------------------------- mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Father's name", F.FATHER_NAME),
        ("FATHER NAME", F.FATHER_NAME),
        ("Father’s Name", F.FATHER_NAME),
        ("S/O", F.FATHER_NAME),
        ("s.o.", F.FATHER_NAME),
        ("Nom du père", F.FATHER_NAME),
        ("ولد", F.FATHER_NAME),
        ("ولدیت", F.FATHER_NAME),
        ("ولديت", F.FATHER_NAME),
        ("نام پدر", F.FATHER_NAME),
        ("د پلار نوم", F.FATHER_NAME),
        ("والد کا نام", F.FATHER_NAME),
        ("Name", F.FULL_NAME),
        ("Full name", F.FULL_NAME),
        ("Nom", F.FULL_NAME),
        ("نام", F.FULL_NAME),
        ("نوم", F.FULL_NAME),
        ("Surname", F.FAMILY_NAME),
        ("Family name", F.FAMILY_NAME),
        ("تخلص", F.FAMILY_NAME),
        ("First name", F.GIVEN_NAME),
        ("Prénom", F.GIVEN_NAME),
        ("Native name", F.NATIVE_NAME),
        ("Name (Dari)", F.NATIVE_NAME),
        ("Sex", F.SEX),
        ("Gender", F.SEX),
        ("Sexe", F.SEX),
        ("جنسیت", F.SEX),
        ("جنس", F.SEX),
        ("Country", F.COUNTRY),
        ("Pays", F.COUNTRY),
        ("کشور", F.COUNTRY),
        ("ملک", F.COUNTRY),
        ("Agency", F.AGENCY),
        ("Department", F.AGENCY),
        ("Organisation", F.AGENCY),
        ("Organization", F.AGENCY),
        ("ارگان", F.AGENCY),
        ("ادارہ", F.AGENCY),
        ("اداره", F.AGENCY),
        ("Rank", F.RANK),
        ("Grade", F.RANK),
        ("رتبه", F.RANK),
        ("رتبہ", F.RANK),
        ("عہدہ", F.RANK),
        ("ID", F.SERVICE_NUMBER),
        ("Service No.", F.SERVICE_NUMBER),
        ("Service #", F.SERVICE_NUMBER),
        ("CNIC", F.SERVICE_NUMBER),
        ("Tazkira", F.SERVICE_NUMBER),
        ("تذکره", F.SERVICE_NUMBER),
        ("تذكرة", F.SERVICE_NUMBER),
        ("شناختی کارڈ نمبر", F.SERVICE_NUMBER),
        ("Phone", F.PHONE),
        ("Mobile", F.PHONE),
        ("Tél.", F.PHONE),
        ("تلفن", F.PHONE),
        ("موبائل", F.PHONE),
        ("Date of birth", F.BIRTH_DATE),
        ("DOB", F.BIRTH_DATE),
        ("D.O.B.", F.BIRTH_DATE),
        ("Date de naissance", F.BIRTH_DATE),
        ("تاریخ تولد", F.BIRTH_DATE),
        ("تاریخ پیدائش", F.BIRTH_DATE),
        ("  date   of BIRTH ", F.BIRTH_DATE),
        ("Date of birth\n(dd/mm/yyyy)", F.BIRTH_DATE),
        ("Phone (mobile)", F.PHONE),
        ("نام پدر / Father's name", F.FATHER_NAME),
        ("Rank | رتبه", F.RANK),
    ],
)
def test_headers_in_five_languages_are_recognised(header: str, field: RosterField) -> None:
    assert propose_mapping([header, "Remarks"]) == {0: field, 1: F.IGNORE}


@pytest.mark.parametrize("header", ["", "#", "No.", "S.No", "شماره", "نمبر شمار", "Remarks", "?"])
def test_serial_numbers_and_unknown_headers_are_ignored(header: str) -> None:
    assert propose_mapping(["Name", header]) == {0: F.FULL_NAME, 1: F.IGNORE}


def test_no_field_is_given_to_two_columns_and_the_first_column_wins() -> None:
    mapping = propose_mapping(["Name", "Mobile", "Phone", "Name"])

    assert mapping == {0: F.FULL_NAME, 1: F.PHONE, 2: F.IGNORE, 3: F.IGNORE}


@pytest.mark.parametrize(
    ("headers", "fields"),
    [
        (["Name", "Surname"], [F.GIVEN_NAME, F.FAMILY_NAME]),
        (["نام", "تخلص"], [F.GIVEN_NAME, F.FAMILY_NAME]),
        (["Nom", "Prénom"], [F.FAMILY_NAME, F.GIVEN_NAME]),
        (["First name", "Last name", "Name"], [F.GIVEN_NAME, F.FAMILY_NAME, F.IGNORE]),
    ],
)
def test_a_name_column_beside_name_parts_is_the_missing_part(
    headers: list[str], fields: list[RosterField]
) -> None:
    assert list(propose_mapping(headers).values()) == fields


def test_a_mapping_that_cannot_make_people_is_refused_with_what_to_change() -> None:
    sheet = table("Name|Name|Sex", "Ahmad|Ahmad|M")

    assert mapping_problems({0: F.FULL_NAME, 1: F.FULL_NAME, 2: F.SEX}) == (
        "Columns 1, 2 are all marked as full name; keep one.",
    )
    assert "No column holds names" in mapping_problems({0: F.SEX})[0]
    assert (
        "full-name column cannot be used" in mapping_problems({0: F.FULL_NAME, 1: F.GIVEN_NAME})[0]
    )
    with pytest.raises(RosterMappingError, match="keep one"):
        read_roster(sheet, {0: F.FULL_NAME, 1: F.FULL_NAME, 2: F.SEX}, AGENCIES)


# -------------------------------------------------------------------------- rows


def test_a_complete_row_becomes_a_person_draft() -> None:
    draft = one(
        "Name|Native name|Father's name|Sex|Agency|Rank|Tazkira|Phone|DOB",
        "Mohammad Karim Ahmadzai|محمد کریم احمدزی|Gul Agha|M|ABP|Captain|AF-1234|0700 123 456|"
        "1391/07/15",
    )

    assert draft == PersonDraft(
        given_name="Mohammad Karim",
        family_name="Ahmadzai",
        native_name="محمد کریم احمدزی",
        father_name="Gul Agha",
        sex=Sex.MALE,
        country=Country.AF,
        agency_id=ABP.id,
        rank="Captain",
        rank_tier=RankTier.UNKNOWN,
        service_number="AF-1234",
        phone="0700 123 456",
        birth_date=date(2012, 10, 6),
    )


@pytest.mark.parametrize(
    ("full_name", "given", "family"),
    [
        ("Karim", "Karim", ""),
        ("Ahmad Zahir Noori", "Ahmad Zahir", "Noori"),
        ("Zia ul Haq", "Zia ul Haq", ""),
        ("Abdul Rahman", "Abdul Rahman", ""),
        ("Abdul Rahman Wardak", "Abdul Rahman", "Wardak"),
        ("Hamid Ullah Safi", "Hamid Ullah", "Safi"),
        ("  Mohammad   Karim  ", "Mohammad", "Karim"),
    ],
)
def test_a_single_name_column_is_split_at_the_family_name(
    full_name: str, given: str, family: str
) -> None:
    draft = one("Name|Sex|Agency", f"{full_name}|M|ABP")

    assert (draft.given_name, draft.family_name) == (given, family)


def test_names_are_tidied_but_a_zero_width_non_joiner_is_kept() -> None:
    draft = one("Name|Native name|Sex|Agency", " Gul   Agha |\u200fصافی\u200cزاده  گل|M|ABP")

    assert (draft.given_name, draft.native_name) == ("Gul", "صافی\u200cزاده گل")
    assert draft.family_name == "Agha"


def test_arabic_script_in_the_latin_name_column_moves_to_the_native_name() -> None:
    draft = one("Name|Father's name|Sex|Agency", "محمد کریم|گل آغا|M|ABP")

    assert (draft.given_name, draft.family_name, draft.native_name) == ("", "", "محمد کریم")
    assert (draft.father_name, draft.father_name_native) == ("", "گل آغا")


def test_latin_letters_in_the_native_name_column_move_to_the_latin_name() -> None:
    draft = one("Native name|Sex|Agency", "Mohammad Karim|M|ABP")

    assert (draft.given_name, draft.family_name, draft.native_name) == ("Mohammad", "Karim", "")


def test_a_cell_with_both_scripts_fills_both_names() -> None:
    draft = one("Name|Sex|Agency", "Mohammad Karim / محمد کریم|M|ABP")

    assert (draft.given_name, draft.family_name, draft.native_name) == (
        "Mohammad",
        "Karim",
        "محمد کریم",
    )


def test_the_same_native_name_twice_is_no_conflict_but_two_names_are() -> None:
    same = one("Name|Native name|Sex|Agency", "محمد كريم|محمد کریم|M|ABP")
    column, value, message = problem("Name|Native name|Sex|Agency", "احمد نوری|محمد کریم|M|ABP")

    assert same.native_name == "محمد کریم"
    assert (column, value) == ("Name", "احمد نوری")
    assert "is in Arabic script, but the native-name column already says 'محمد کریم'" in message


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("M", Sex.MALE),
        ("m", Sex.MALE),
        ("Male", Sex.MALE),
        ("homme", Sex.MALE),
        ("H", Sex.MALE),
        ("mard", Sex.MALE),
        ("مرد", Sex.MALE),
        ("نارینه", Sex.MALE),
        ("F", Sex.FEMALE),
        ("female", Sex.FEMALE),
        ("Femme", Sex.FEMALE),
        ("Zan", Sex.FEMALE),
        ("زن", Sex.FEMALE),
        ("ښځه", Sex.FEMALE),
        ("ښځینه", Sex.FEMALE),
        ("عورت", Sex.FEMALE),
        ("F.", Sex.FEMALE),
    ],
)
def test_sex_is_read_in_several_spellings(text: str, sex: Sex) -> None:
    assert one("Name|Sex|Agency", f"Ahmad|{text}|ABP").sex is sex


def test_an_unknown_or_missing_sex_is_an_error() -> None:
    assert problem("Name|Sex|Agency", "Ahmad|X|ABP") == (
        "Sex",
        "X",
        "'X' is not a sex TrainingDesk knows: write M (male) or F (female).",
    )
    assert problem("Name|Sex|Agency", "Ahmad||ABP")[2] == (
        "The sex is missing: write M (male) or F (female)."
    )


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("AF", Country.AF),
        ("afg", Country.AF),
        ("Afghanistan", Country.AF),
        ("افغانستان", Country.AF),
        ("PK", Country.PK),
        ("PAK", Country.PK),
        ("pakistan", Country.PK),
        ("پاکستان", Country.PK),
    ],
)
def test_country_is_read_in_several_spellings(text: str, country: Country) -> None:
    assert one("Name|Sex|Country", f"Ahmad|M|{text}").country is country


@pytest.mark.parametrize("text", ["XX", "Other", "India", "Iran"])
def test_a_country_outside_the_programme_is_never_guessed(text: str) -> None:
    column, value, message = problem("Name|Sex|Country", f"Ahmad|M|{text}")

    assert (column, value) == ("Country", text)
    assert "write AF (Afghanistan) or PK (Pakistan)" in message


def test_a_missing_country_comes_from_the_agency_or_the_default() -> None:
    assert one("Name|Sex|Agency", "Ahmad|M|PC").country is Country.PK
    assert one("Name|Sex", "Ahmad|M", default_country=Country.AF).country is Country.AF
    assert one("Name|Sex|Country", "Ahmad|M|", default_country=Country.PK).country is Country.PK
    assert problem("Name|Sex", "Ahmad|M")[2] == "The country is missing: write AF or PK."


def test_an_agency_of_the_other_country_is_an_error() -> None:
    assert problem("Name|Sex|Country|Agency", "Ahmad|M|PK|ABP") == (
        "Agency",
        "ABP",
        "ABP is Afghan, but this row's country is PK.",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ABP", ABP),
        ("abp", ABP),
        ("A.B.P.", ABP),
        ("Afghan Border Police", ABP),
        ("afghan  border POLICE", ABP),
        ("پولیس سرحدی افغانستان", ABP),
        ("پوليس سرحدي افغانستان", ABP),
        ("Afghan Border Police (ABP)", ABP),
        ("FC-KP", FC_KP),
        ("FC KP", FC_KP),
        ("fckp", FC_KP),
        ("فرنٹیئر کور خیبر پختونخوا", FC_KP),
    ],
)
def test_an_agency_is_found_by_acronym_english_or_native_name(
    text: str, found: AgencyRecord
) -> None:
    draft = one("Name|Sex|Agency", f"Ahmad|M|{text}")

    assert (draft.agency_id, draft.country) == (found.id, found.country)


def test_an_unknown_agency_is_an_error_listing_the_known_acronyms() -> None:
    assert problem("Name|Sex|Agency", "Ahmad|M|NDS") == (
        "Agency",
        "NDS",
        "'NDS' is not an agency TrainingDesk knows. Known agencies: ABP, ACD, FC-KP, FIA, PC.",
    )
    assert problem("Name|Sex|Country|Agency", "Ahmad|M|PK|NDS")[2].endswith(
        "Known agencies: FC-KP, FIA, PC."
    )


def test_phone_and_id_numbers_get_ascii_digits_and_keep_what_else_was_typed() -> None:
    draft = one("Name|Sex|Agency|CNIC|Mobile", "Ahmad|M|PC|pk-۱۷۳۰۱-١٢٣٤٥٦٧-1|+۹۲ ۳۰۰ ۱۲۳۴۵۶۷")

    assert (draft.service_number, draft.phone) == ("pk-17301-1234567-1", "+92 300 1234567")


@pytest.mark.parametrize("text", ["abc", "0700", "call me", "۰۷۰۰"])
def test_what_is_not_a_phone_number_is_an_error(text: str) -> None:
    column, _, message = problem("Name|Sex|Agency|Phone", f"Ahmad|M|ABP|{text}")

    assert column == "Phone"
    assert "is not a phone number" in message


def test_numbers_excel_has_rounded_are_refused() -> None:
    assert (
        "Excel has turned this number into '1.73011E+12'"
        in (problem("Name|Sex|Agency|CNIC", "Ahmad|M|PC|1.73011E+12")[2])
    )


def test_dates_are_read_in_any_form_and_a_bad_one_says_why() -> None:
    assert one("Name|Sex|Agency|DOB", "Ahmad|M|ABP|۱۳۶۴/۰۵/۱۲").birth_date == date(1985, 8, 3)
    assert one("Name|Sex|Agency|DOB", "Ahmad|M|ABP|02/03/1985").birth_date == date(1985, 3, 2)
    assert problem("Name|Sex|Agency|DOB", "Ahmad|M|ABP|12/25/1985")[2].startswith(
        "'12/25/1985' has no month 25"
    )
    assert problem("Name|Sex|Agency|DOB", "Ahmad|M|ABP|01/01/1901")[2] == (
        "Must be between 1930 and today."
    )


def test_a_formula_is_an_error_but_a_phone_number_with_a_plus_is_not() -> None:
    formula = '=HYPERLINK("http://example.invalid","Click")'

    assert problem("Name|Sex|Agency", f"{formula}|M|ABP") == (
        "Name",
        formula,
        "This cell holds a spreadsheet formula, not a value.",
    )
    assert problem("Name|Sex|Agency|Rank", "Ahmad|M|ABP|@SUM(A1)")[0] == "Rank"
    assert one("Name|Sex|Agency|Phone", "Ahmad|M|ABP|+93 700 123 456").phone == "+93 700 123 456"
    assert one("Name|Sex|Agency|Phone", "Ahmad|M|ABP|'+93700123456").phone == "+93700123456"


def test_a_row_without_a_name_is_an_error() -> None:
    assert problem("Name|Native name|Sex|Agency", "||M|ABP") == (
        "Name",
        "",
        "A name is required, in Latin letters or in Arabic script.",
    )
    assert problem("Name|Sex|Agency", "1234|M|ABP")[2] == (
        "This is not a name: a name starts with a letter."
    )


def test_every_error_of_a_row_is_reported_at_once() -> None:
    [result] = read("Name|Sex|Agency|Phone|DOB", "Ahmad|X|NDS|abc|yesterday")
    [nameless] = read("Name|Sex|Agency", "|=1+1|ABP")

    assert [error.column for error in result.errors] == ["Agency", "Sex", "Phone", "DOB"]
    assert [error.column for error in nameless.errors] == ["Sex", "Name"]


def test_empty_rows_and_rows_with_only_a_serial_number_are_skipped() -> None:
    rows = read(
        "No.|Name|Sex|Agency",
        *["1|Ahmad|M|ABP", "|| |", "3|||", "4|-|-|-", "5||M|ABP", "6|Rahim|M|ABP"],
    )

    assert [row.row for row in rows] == [2, 6, 7]
    assert rows[1].errors[0].message.startswith("A name is required")


def test_placeholders_for_nothing_count_as_empty_cells() -> None:
    draft = one("Name|Sex|Agency|Phone|Tazkira|DOB", "Ahmad|M|ABP|-|ندارد|n/a")

    assert (draft.phone, draft.service_number, draft.birth_date) == ("", "", None)


def test_rank_text_is_kept_and_its_tier_left_for_the_coordinator() -> None:
    draft = one("Name|Sex|Agency|Rank", "Ahmad|M|ABP|  جگړن ")

    assert (draft.rank, draft.rank_tier) == ("جگړن", RankTier.UNKNOWN)


# ------------------------------------------------------------------------- files


def test_row_numbers_are_those_the_spreadsheet_shows(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Roster of ABP,,\n\nName,Sex,Agency\nAhmad,M,ABP\n\nRahim,X,ABP\n")

    rows = read_roster(read_table(path), propose_mapping(["Name", "Sex", "Agency"]), AGENCIES)

    assert [row.row for row in rows] == [4, 6]
    assert rows[1].errors[0].row == 6


def test_an_empty_file_is_refused_and_a_header_alone_has_no_people(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("Name,Sex,Agency\n")

    with pytest.raises(UnreadableFile, match="empty"):
        read_table(empty)
    sheet = read_table(header_only)
    assert read_roster(sheet, propose_mapping(sheet.headers), AGENCIES) == []


def test_binary_garbage_renamed_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(random.Random(7).randbytes(5000))

    with pytest.raises(UnreadableFile, match="not a CSV or Excel file"):
        read_table(path)


def test_a_hundred_thousand_rows_are_read(tmp_path: Path) -> None:
    """Their speed is measured by benchmarks/roster_import.py, not asserted here."""
    rng = random.Random(2013)
    given = ["Mohammad", "Ahmad", "Gul Agha", "Fatima", "Abdul Rahman", "Bilal", "Ayesha"]
    family = ["Karimi", "Noori", "Ahmadzai", "Khan", "Afridi", "Qureshi"]
    lines = ["Name,Native name,Father's name,Sex,Agency,ID,Phone,DOB,Rank"]
    for i in range(100_000):
        lines.append(
            f"{rng.choice(given)} {rng.choice(family)},محمد کریم,{rng.choice(given)},"
            f"{rng.choice('MF')},{rng.choice(['ABP', 'PC', 'FC-KP'])},ID-{i:06d},"
            f"0700{i:06d},{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(1960, 2000)},"
            "Captain"
        )
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    sheet = read_table(path)
    rows = read_roster(sheet, propose_mapping(sheet.headers), AGENCIES)

    assert len(rows) == 100_000
    assert all(row.draft is not None for row in rows)
    assert rows[-1].row == 100_001


# ----------------------------------------------------------------------- samples


def read_sample(name: str) -> list[RosterRow]:
    sheet = read_table(SAMPLES / name)
    return read_roster(sheet, propose_mapping(sheet.headers), AGENCIES)


def test_the_afghan_workbook_with_a_title_row_and_persian_digits_is_read() -> None:
    rows = read_sample("abp_roster_dari.xlsx")

    assert [row.row for row in rows] == [4, 5, 6, 7]
    drafts = [row.draft for row in rows]
    assert all(d is not None and d.country is Country.AF and d.agency_id == ABP.id for d in drafts)
    first = drafts[0]
    assert first is not None
    assert (first.native_name, first.father_name_native) == ("محمد کریم احمدزی", "گل آغا")
    assert (first.service_number, first.phone) == ("1400-0101-23456", "0700123456")
    assert first.birth_date == date(1985, 8, 3)


@pytest.mark.parametrize(
    ("name", "people", "countries"),
    [
        ("fc_roster_urdu.csv", 3, {Country.PK}),
        ("acd_roster_windows1256.csv", 2, {Country.AF}),
        ("pc_roster_french.csv", 3, {Country.AF, Country.PK}),
        ("roster_with_duplicates.csv", 7, {Country.AF}),
    ],
)
def test_the_sample_rosters_are_read_without_errors(
    name: str, people: int, countries: set[Country]
) -> None:
    rows = read_sample(name)

    assert [error for row in rows for error in row.errors] == []
    assert len(rows) == people
    assert {row.draft.country for row in rows if row.draft} == countries


def test_the_windows_1256_roster_keeps_its_arabic_script() -> None:
    drafts = [row.draft for row in read_sample("acd_roster_windows1256.csv")]

    assert [d.native_name for d in drafts if d] == ["احمد ظاهر نوري", "زهرا حيدري"]


def test_the_roster_with_errors_says_what_is_wrong_on_each_row() -> None:
    rows = read_sample("roster_with_errors.csv")

    good = [row for row in rows if row.draft]
    assert [row.row for row in good] == [2]
    assert good[0].draft is not None and good[0].draft.phone == "0700 123 456"
    assert [(e.row, e.column) for row in rows for e in row.errors] == [
        (3, "Sex"),
        (4, "Agency"),
        (5, "Name"),
        (6, "Phone"),
        (7, "Date of birth"),
        (8, "Country"),
        (10, "Name"),
    ]


def test_the_csv_samples_are_what_make_samples_writes(tmp_path: Path) -> None:
    for path in make_samples.write_all(tmp_path):
        committed = SAMPLES / path.name
        if path.suffix == ".csv":
            assert path.read_bytes() == committed.read_bytes(), path.name
        else:
            assert read_table(path) == read_table(committed), path.name


# ---------------------------------------------------------------- rejected rows


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\tAhmad", "'\tAhmad"),
        ("＝1+1", "'＝1+1"),
        ("-5", "-5"),
        ("+93", "+93"),
        ("-1.5", "-1.5"),
        ("-", "-"),
        ("+93 700 123 456", "'+93 700 123 456"),
        ("Ahmad", "Ahmad"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_written_as_text(text: str, written: str) -> None:
    assert inert_cell(text) == written


def test_rejected_rows_go_back_as_csv_with_the_problem_and_formulas_neutralised(
    tmp_path: Path,
) -> None:
    rows = read_sample("roster_with_errors.csv")
    headers = read_table(SAMPLES / "roster_with_errors.csv").headers
    out = tmp_path / "rejected.csv"

    write_rejected_rows(out, headers, rejected_rows(rows))

    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        written = list(csv.reader(stream))
    assert written[0] == ["Row", *headers, "Problem"]
    assert [line[0] for line in written[1:]] == ["3", "4", "5", "6", "7", "8", "10"]
    assert written[1][1:4] == ["Khalid Safi", "Rahim", "X"]
    assert written[1][-1].startswith("Sex: 'X' is not a sex")
    assert written[3][1] == '\'=HYPERLINK("http://example.invalid/update","Click to update")'
    assert written[4][8] == "۰۷۰۰"


def test_rejected_rows_go_back_as_a_workbook_right_to_left_for_dari_headers(
    tmp_path: Path,
) -> None:
    out = tmp_path / "rejected.xlsx"
    rows = [(4, ("=cmd|' /C calc'!A0", "مرد", "x\x01y"), "نام: ..."), (5, ("احمد",), "Sex")]

    write_rejected_rows(out, ["نام", "جنسیت"], rows)

    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet.sheet_view.rightToLeft
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Row", "نام", "جنسیت", None, "Problem"]
    assert values[1] == ["4", "'=cmd|' /C calc'!A0", "مرد", "xy", "نام: ..."]
    assert values[2] == ["5", "احمد", None, None, "Sex"]
    assert all(cell.data_type == "s" for cell in sheet[2])


def test_rejected_rows_are_saved_only_as_csv_or_xlsx(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_rejected_rows(tmp_path / "rejected.ods", ["Name"], [])
