"""Reporting periods: the Canadian fiscal year, calendar years, quarters and half-years.

Donors ask for figures by period. Global Affairs Canada counts in federal fiscal years,
1 April to 31 March, named by both calendar years ("FY 2025-26"); its quarters run
April-June (Q1) to January-March (Q4). Other donors count in calendar years, quarters
("2025 Q2") and half-years ("2025 H1").
"""

import re
from datetime import date, timedelta
from typing import NamedTuple


class Period(NamedTuple):
    """A range of days, both ends included, with the name a donor knows it by."""

    start: date
    end: date
    label: str


def fiscal_year(start_year: int) -> Period:
    """The fiscal year that begins on 1 April `start_year`: "FY 2025-26"."""
    return Period(
        date(start_year, 4, 1), date(start_year + 1, 3, 31), f"FY {_fiscal_years(start_year)}"
    )


def fiscal_year_of(day: date) -> Period:
    """The fiscal year `day` falls in."""
    return fiscal_year(day.year if day.month >= 4 else day.year - 1)


def fiscal_quarter(start_year: int, number: int) -> Period:
    """Quarter 1-4 of the fiscal year beginning in `start_year`: Q1 is April to June."""
    _check(number, 4, "quarter")
    first_month = 4 + 3 * (number - 1)
    year = start_year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    return Period(
        date(year, month, 1),
        _month_end(year, month + 2),
        f"FY {_fiscal_years(start_year)} Q{number}",
    )


def calendar_year(year: int) -> Period:
    """1 January to 31 December: "2025"."""
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def quarter(year: int, number: int) -> Period:
    """Calendar quarter 1-4: "2025 Q2" is April to June 2025."""
    _check(number, 4, "quarter")
    month = 3 * number - 2
    return Period(date(year, month, 1), _month_end(year, month + 2), f"{year} Q{number}")


def quarter_of(day: date) -> Period:
    """The calendar quarter `day` falls in."""
    return quarter(day.year, (day.month - 1) // 3 + 1)


def half_year(year: int, number: int) -> Period:
    """Calendar half-year 1 or 2: "2025 H1" is January to June 2025."""
    _check(number, 2, "half-year")
    month = 6 * number - 5
    return Period(date(year, month, 1), _month_end(year, month + 5), f"{year} H{number}")


def quarters_within(start: date, end: date) -> list[Period]:
    """The calendar quarters that overlap `start`..`end`, cut to it, in order."""
    periods = []
    day = start
    while day <= end:
        whole = quarter_of(day)
        periods.append(Period(day, min(whole.end, end), whole.label))
        day = whole.end + timedelta(days=1)
    return periods


def quick_picks(today: date) -> list[Period]:
    """The periods a coordinator most often reports on, the most recent first."""
    fiscal = fiscal_year_of(today)
    current_quarter = quarter_of(today)
    previous_quarter = quarter_of(current_quarter.start - timedelta(days=1))
    half = half_year(today.year, 1 if today.month <= 6 else 2)
    previous_half = (
        half_year(today.year - 1, 2) if half.label.endswith("H1") else half_year(today.year, 1)
    )
    return [
        fiscal,
        fiscal_year(fiscal.start.year - 1),
        calendar_year(today.year),
        calendar_year(today.year - 1),
        current_quarter,
        previous_quarter,
        half,
        previous_half,
    ]


_FISCAL = re.compile(r"FY\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})(?:\s*Q([1-4]))?")
_CALENDAR = re.compile(r"(?:CY\s*)?(\d{4})(?:\s*[- ]?\s*([QH])([1-4]))?")


def parse_period(text: str) -> Period:
    """A period from its name: "FY 2025-26", "FY 2025-26 Q1", "2025", "2025 Q2", "2025 H1".

    Raises ValueError with the forms it understands.
    """
    folded = " ".join(text.upper().split())
    if match := _FISCAL.fullmatch(folded):
        first, second, number = match.groups()
        start_year = int(first)
        if int(second) % 100 != (start_year + 1) % 100:
            raise ValueError(f"{text!r}: a fiscal year runs from one year into the next")
        return fiscal_quarter(start_year, int(number)) if number else fiscal_year(start_year)
    if match := _CALENDAR.fullmatch(folded):
        year_text, kind, number = match.groups()
        year = int(year_text)
        if kind is None:
            return calendar_year(year)
        if kind == "Q":
            return quarter(year, int(number))
        if int(number) <= 2:
            return half_year(year, int(number))
    raise ValueError(
        f"{text!r} is not a period; use e.g. FY 2025-26, FY 2025-26 Q1, 2025, 2025 Q2 or 2025 H1"
    )


def _fiscal_years(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _check(number: int, highest: int, what: str) -> None:
    if not 1 <= number <= highest:
        raise ValueError(f"a {what} is numbered 1 to {highest}, not {number}")
