"""Solar Hijri dates, as printed on Afghan certificates and typed in Afghan rosters."""

from datetime import date

import pytest

from trainingdesk.domain.calendars import (
    format_solar_hijri,
    format_solar_hijri_numeric,
    from_solar_hijri,
    parse_solar_hijri,
    to_solar_hijri,
)


@pytest.mark.parametrize(
    ("gregorian", "solar"),
    [
        (date(2012, 10, 6), (1391, 7, 15)),
        (date(2013, 3, 21), (1392, 1, 1)),  # Nowruz
        (date(2011, 4, 1), (1390, 1, 12)),
        (date(2014, 3, 20), (1392, 12, 29)),
        (date(2025, 3, 20), (1403, 12, 30)),  # last day of a leap year
    ],
)
def test_gregorian_and_solar_hijri_convert_both_ways(
    gregorian: date, solar: tuple[int, int, int]
) -> None:
    assert to_solar_hijri(gregorian) == solar
    assert from_solar_hijri(*solar) == gregorian


@pytest.mark.parametrize(
    "text", ["1391/07/15", "1391-7-15", "۱۳۹۱/۰۷/۱۵", "١٣٩١/٠٧/١٥", " 1391 / 07 / 15 "]
)
def test_solar_hijri_dates_are_read_in_any_digits(text: str) -> None:
    assert parse_solar_hijri(text) == date(2012, 10, 6)


@pytest.mark.parametrize("text", ["", "1391/13/01", "1391/07/32", "15/07/1391", "yesterday"])
def test_impossible_solar_hijri_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="Solar Hijri"):
        parse_solar_hijri(text)


def test_certificates_show_afghan_month_names() -> None:
    assert format_solar_hijri(date(2012, 10, 6)) == "15 Mizan 1391"
    assert format_solar_hijri(date(2012, 10, 6), dari=True) == "۱۵ میزان ۱۳۹۱"
    assert format_solar_hijri_numeric(date(2012, 10, 6)) == "1391/07/15"
