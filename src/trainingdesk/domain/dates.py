"""Read a date typed in a form or a roster cell, in the ways Afghan and Pakistani offices write it.

Accepted, with ASCII, Persian (۰–۹) or Arabic-Indic (٠–٩) digits:

* ISO: `2013-10-06` (also with `/` or `.`, and with a midnight time part as spreadsheets
  export it: `2013-10-06 00:00:00`).
* Day first: `06/10/2013`, `6.10.2013`, `06-10-2013`. The order is ALWAYS day/month/year,
  as in both countries; `10/25/2013` is refused (there is no month 25), never read as
  month/day, because a silent swap would put a wrong date on a certificate.
* A month name: `6 Oct 2013`, `06-Oct-2013`, `6 October 2013` (English), and the Afghan
  Solar Hijri months `15 Mizan 1391` / `۱۵ میزان ۱۳۹۱`, as certificates print them.
* Solar Hijri: any of the numeric forms whose year is 1300–1499 (`1391/07/15`,
  `15/07/1391`) is a Solar Hijri date and is converted to Gregorian. Gregorian years are
  1900–2099; the two ranges cannot be confused.
* Excel serial numbers, which a spreadsheet exports when a date cell loses its format: a
  whole number from 10959 (1 January 1930, the earliest birth date TrainingDesk takes) to
  73050 (31 December 2099). Smaller and larger numbers are refused, so that an ID number
  or a year typed in a date column is not read as a date.

Two-digit years are refused: `06/10/13` could be 1913 or 2013.
"""

import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

from trainingdesk.domain.calendars import AFGHAN_MONTHS, AFGHAN_MONTHS_DARI, from_solar_hijri
from trainingdesk.domain.names import fold_digits, match_key

__all__ = ["SERIAL_RANGE", "parse_date"]

# Excel's day 0 is 1899-12-30 for every serial after its fictitious 1900-02-29 (serial 60).
_EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (
    (date(1930, 1, 1) - _EXCEL_EPOCH).days,
    (date(2099, 12, 31) - _EXCEL_EPOCH).days,
)
_GREGORIAN_YEARS = range(1900, 2100)
_SOLAR_YEARS = range(1300, 1500)

_SEP = r"\s*[/.\-]\s*"
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?:[ t]0?0:00(?::00)?)?")
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{2,4}})")
_NAMED = re.compile(r"(\d{1,2})[\s\-/.]*([^\W\d_]+)\.?[\s\-/.,]*(\d{2,4})")
_SERIAL = re.compile(r"\d{5}")

_ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Month names are compared through match_key, so Mizan/Meezan and جدی/جدي agree.
_GREGORIAN_MONTH_NAMES = {
    match_key(name): i
    for i, full in enumerate(_ENGLISH_MONTHS, 1)
    for name in (full, full[:3], "sept" if i == 9 else full)
}
_SOLAR_MONTH_NAMES = {
    match_key(name): i
    for months in (AFGHAN_MONTHS, AFGHAN_MONTHS_DARI)
    for i, name in enumerate(months, 1)
}
_EXAMPLES = "2013-10-06, 06/10/2013 or 1391/07/15"


def parse_date(text: str) -> date:
    """The Gregorian date `text` stands for; ValueError with a plain reason if none."""
    clean = _clean(text)
    if not clean:
        raise ValueError("The date is empty.")
    if _SERIAL.fullmatch(clean):
        return _from_serial(int(clean))
    if match := _YEAR_FIRST.fullmatch(clean):
        year, month, day = (int(part) for part in match.groups())
        return _numeric(text, year, month, day)
    if match := _DAY_FIRST.fullmatch(clean):
        day_text, month_text, year_text = match.groups()
        _four_digit_year(text, year_text)
        return _numeric(text, int(year_text), int(month_text), int(day_text))
    if match := _NAMED.fullmatch(clean):
        return _named(text, *match.groups())
    raise ValueError(f"'{text}' is not a date. Write it as {_EXAMPLES} (day before month).")


def _clean(text: str) -> str:
    # Bidi marks and ZWNJ come with text pasted from Persian documents.
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return fold_digits(kept).strip().casefold()


def _from_serial(serial: int) -> date:
    low, high = SERIAL_RANGE
    if not low <= serial <= high:
        raise ValueError(
            f"{serial} is not a date. Excel date numbers from {low} (1930) to {high} (2099) "
            f"are read as dates; otherwise write the date as {_EXAMPLES}."
        )
    return _EXCEL_EPOCH + timedelta(days=serial)


def _four_digit_year(text: str, year: str) -> None:
    if len(year) != 4:
        raise ValueError(f"'{text}': write the year with four digits (2013, not 13).")


def _numeric(text: str, year: int, month: int, day: int) -> date:
    if year in _SOLAR_YEARS:
        start, length = _solar_year(year)
        # Months 1-6 have 31 days, 7-11 have 30, and 12 has 29, or 30 in a leap year.
        before = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
        days_in_month = 31 if month <= 6 else 30
        if not (1 <= month <= 12 and 1 <= day <= days_in_month and before + day <= length):
            raise ValueError(
                f"'{text}' is not a Solar Hijri date (year {year}, month {month}, day {day})."
            )
        return start + timedelta(days=before + day - 1)
    if year not in _GREGORIAN_YEARS:
        raise ValueError(
            f"'{text}': the year {year} is neither a Gregorian year (1900–2099) nor a Solar "
            "Hijri year (1300–1499)."
        )
    if month > 12 and day <= 12:
        raise ValueError(
            f"'{text}' has no month {month}. Dates are read day/month/year, as {_EXAMPLES}."
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date (day {day}, month {month}, year {year})."
        ) from None


@lru_cache(maxsize=256)
def _solar_year(year: int) -> tuple[date, int]:
    """Gregorian date of 1 Hamal of a Solar Hijri year, and the year's length in days."""
    # jdatetime takes some 20 µs a date; a roster has thousands of dates but few years.
    start = from_solar_hijri(year, 1, 1)
    return start, (from_solar_hijri(year + 1, 1, 1) - start).days


def _named(text: str, day_text: str, month_name: str, year_text: str) -> date:
    _four_digit_year(text, year_text)
    day, year, key = int(day_text), int(year_text), match_key(month_name)
    if key in _SOLAR_MONTH_NAMES:
        if year not in _SOLAR_YEARS:
            raise ValueError(
                f"'{text}': {month_name.title()} is a Solar Hijri month, but {year} is not."
            )
        return _numeric(text, year, _SOLAR_MONTH_NAMES[key], day)
    month = _GREGORIAN_MONTH_NAMES.get(key)
    if month is None:
        raise ValueError(f"'{text}': '{month_name}' is not a month name TrainingDesk knows.")
    if year not in _GREGORIAN_YEARS:
        raise ValueError(f"'{text}': {month_name.title()} is a Gregorian month, but {year} is not.")
    return _numeric(text, year, month, day)
