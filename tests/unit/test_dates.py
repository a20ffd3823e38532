"""Dates as Afghan and Pakistani offices type them: ISO, day first, Excel numbers, Solar Hijri."""

from datetime import date

import pytest

from trainingdesk.domain.calendars import format_solar_hijri, format_solar_hijri_numeric
from trainingdesk.domain.dates import SERIAL_RANGE, parse_date

OCTOBER_6 = date(2013, 10, 6)


@pytest.mark.parametrize(
    "text",
    [
        "2013-10-06",
        "2013-10-6",
        "2013/10/06",
        "2013-10-06 00:00:00",
        "2013-10-06T00:00:00",
        "06/10/2013",
        "6/10/2013",
        "06.10.2013",
        "06-10-2013",
        " 06 / 10 / 2013 ",
        "41553",
        "6 Oct 2013",
        "06-Oct-2013",
        "6 October 2013",
        "6 OCTOBER 2013",
        "۰۶/۱۰/۲۰۱۳",
        "٠٦/١٠/٢٠١٣",
        "\u200f06/10/2013\u200f",
    ],
)
def test_a_gregorian_date_is_read_in_every_usual_form(text: str) -> None:
    assert parse_date(text) == OCTOBER_6


@pytest.mark.parametrize(
    "text",
    ["1391/07/15", "1391-7-15", "1391.07.15", "15/07/1391", "۱۳۹۱/۰۷/۱۵", "١٣٩١/٠٧/١٥"],
)
def test_a_solar_hijri_date_becomes_gregorian_in_any_digits(text: str) -> None:
    assert parse_date(text) == date(2012, 10, 6)


def test_solar_hijri_dates_as_certificates_print_them_are_read_back() -> None:
    day = date(1985, 8, 3)

    assert parse_date(format_solar_hijri(day)) == day
    assert parse_date(format_solar_hijri(day, dari=True)) == day
    assert parse_date(format_solar_hijri_numeric(day)) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1391/12/30", date(2013, 3, 20)),  # 1391 is a leap year
        ("1403/12/30", date(2025, 3, 20)),
        ("1392/01/01", date(2013, 3, 21)),  # Nowruz
        ("1391/06/31", date(2012, 9, 21)),
        ("1300/01/01", date(1921, 3, 21)),
        ("1499/12/29", date(2121, 3, 20)),
    ],
)
def test_solar_hijri_month_lengths_and_leap_years(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1402/12/30", "1391/07/31", "1391/13/01", "1391/00/10"])
def test_a_solar_hijri_date_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a Solar Hijri date"):
        parse_date(text)


def test_the_day_always_comes_before_the_month() -> None:
    assert parse_date("03/04/2013") == date(2013, 4, 3)
    with pytest.raises(ValueError, match=r"no month 25\. Dates are read day/month/year"):
        parse_date("12/25/2013")


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(SERIAL_RANGE[0], date(1930, 1, 1)), (SERIAL_RANGE[1], date(2099, 12, 31))],
)
def test_excel_serial_numbers_are_read_within_the_plausible_range(
    serial: int, expected: date
) -> None:
    assert parse_date(str(serial)) == expected


@pytest.mark.parametrize("serial", [10000, SERIAL_RANGE[0] - 1, SERIAL_RANGE[1] + 1, 99999])
def test_numbers_outside_the_range_are_not_taken_for_dates(serial: int) -> None:
    with pytest.raises(ValueError, match="Excel date numbers"):
        parse_date(str(serial))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("06/10/13", "four digits"),
        ("31/02/2013", "not a date"),
        ("1985", "not a date"),
        ("0001-01-01", "neither a Gregorian"),
        ("2013-13-01", "no month 13"),
        ("yesterday", "not a date"),
        ("5 Hamal 2013", "Solar Hijri month, but 2013 is not"),
        ("5 Oct 1391", "Gregorian month, but 1391 is not"),
        ("5 Brumaire 2013", "not a month name"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_plain_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)
