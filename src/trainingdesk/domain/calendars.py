"""Gregorian and Solar Hijri (Afghan) dates, converted by `jdatetime`.

jdatetime is a small pure-Python library with no I/O; it is allowed in the domain because
writing a calendar conversion by hand is where errors hide.
"""

import re
from datetime import date

import jdatetime

from trainingdesk.domain.names import fold_digits

# English month names written out, not through strftime, whose names follow the locale.
GREGORIAN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """`12 October 2025`, in English whatever the locale."""
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}"


AFGHAN_MONTHS = (
    "Hamal",
    "Sawr",
    "Jawza",
    "Saratan",
    "Asad",
    "Sunbula",
    "Mizan",
    "Aqrab",
    "Qaws",
    "Jadi",
    "Dalw",
    "Hut",
)
AFGHAN_MONTHS_DARI = (
    "حمل",
    "ثور",
    "جوزا",
    "سرطان",
    "اسد",
    "سنبله",
    "میزان",
    "عقرب",
    "قوس",
    "جدی",
    "دلو",
    "حوت",
)
_SOLAR_PATTERN = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def to_solar_hijri(day: date) -> tuple[int, int, int]:
    """(year, month, day) in the Solar Hijri calendar."""
    converted = jdatetime.date.fromgregorian(date=day)
    return converted.year, converted.month, converted.day


def from_solar_hijri(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Solar Hijri date; ValueError if it does not exist."""
    try:
        converted: date = jdatetime.date(year, month, day).togregorian()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{year:04d}/{month:02d}/{day:02d} is not a Solar Hijri date") from exc
    return converted


def parse_solar_hijri(text: str) -> date:
    """`1391/07/15` (ASCII, Persian or Arabic-Indic digits; / - or .) to a Gregorian date."""
    match = _SOLAR_PATTERN.match(fold_digits(text))
    if match is None:
        raise ValueError(f"{text!r} is not a Solar Hijri date like 1391/07/15")
    year, month, day = (int(part) for part in match.groups())
    return from_solar_hijri(year, month, day)


def format_solar_hijri(day: date, *, dari: bool = False) -> str:
    """`15 Mizan 1391`, or with Dari month names and Persian digits: `۱۵ میزان ۱۳۹۱`."""
    year, month, day_of_month = to_solar_hijri(day)
    if not dari:
        return f"{day_of_month} {AFGHAN_MONTHS[month - 1]} {year}"
    text = f"{day_of_month} {AFGHAN_MONTHS_DARI[month - 1]} {year}"
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def format_solar_hijri_numeric(day: date) -> str:
    """`1391/07/15`."""
    year, month, day_of_month = to_solar_hijri(day)
    return f"{year:04d}/{month:02d}/{day_of_month:02d}"
