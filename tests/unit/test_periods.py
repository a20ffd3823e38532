"""Reporting periods a coordinator picks for a donor report."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainingdesk.domain.periods import (
    Period,
    calendar_year,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_of,
    half_year,
    parse_period,
    quarter,
    quarter_of,
    quarters_within,
    quick_picks,
)


def test_the_canadian_fiscal_year_runs_from_april_to_march() -> None:
    assert fiscal_year(2025) == Period(date(2025, 4, 1), date(2026, 3, 31), "FY 2025-26")
    assert fiscal_year(1999).label == "FY 1999-00"
    assert fiscal_year_of(date(2026, 3, 31)) == fiscal_year(2025)
    assert fiscal_year_of(date(2026, 4, 1)) == fiscal_year(2026)


def test_fiscal_quarters_start_in_april() -> None:
    assert fiscal_quarter(2025, 1) == Period(date(2025, 4, 1), date(2025, 6, 30), "FY 2025-26 Q1")
    assert fiscal_quarter(2025, 3)[:2] == (date(2025, 10, 1), date(2025, 12, 31))
    assert fiscal_quarter(2025, 4)[:2] == (date(2026, 1, 1), date(2026, 3, 31))


def test_calendar_years_quarters_and_halves() -> None:
    assert calendar_year(2024) == Period(date(2024, 1, 1), date(2024, 12, 31), "2024")
    assert quarter(2024, 1) == Period(date(2024, 1, 1), date(2024, 3, 31), "2024 Q1")
    assert quarter(2024, 4)[:2] == (date(2024, 10, 1), date(2024, 12, 31))
    assert half_year(2024, 1) == Period(date(2024, 1, 1), date(2024, 6, 30), "2024 H1")
    assert half_year(2024, 2)[:2] == (date(2024, 7, 1), date(2024, 12, 31))
    with pytest.raises(ValueError, match="numbered 1 to 4"):
        quarter(2024, 5)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_every_day_falls_in_its_quarter_and_fiscal_year(day: date) -> None:
    for period in (quarter_of(day), fiscal_year_of(day)):
        assert period.start <= day <= period.end
    fiscal = fiscal_year_of(day)
    quarters = [fiscal_quarter(fiscal.start.year, n) for n in range(1, 5)]
    assert quarters[0].start == fiscal.start and quarters[-1].end == fiscal.end
    for before, after in pairwise(quarters):
        assert after.start == before.end + timedelta(days=1)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(0, 800),
)
def test_the_quarters_of_a_range_cover_it_exactly_once(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    pieces = quarters_within(start, end)
    assert pieces[0].start == start and pieces[-1].end == end
    for before, after in pairwise(pieces):
        assert after.start == before.end + timedelta(days=1)
    assert all(piece.label == quarter_of(piece.start).label for piece in pieces)


def test_a_fiscal_year_has_four_calendar_quarters() -> None:
    labels = [piece.label for piece in quarters_within(*fiscal_year(2025)[:2])]
    assert labels == ["2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FY 2025-26", fiscal_year(2025)),
        ("fy2025/26", fiscal_year(2025)),
        ("FY 2025-2026", fiscal_year(2025)),
        ("FY 2025-26 Q4", fiscal_quarter(2025, 4)),
        ("2025", calendar_year(2025)),
        ("CY 2025", calendar_year(2025)),
        ("2025 Q2", quarter(2025, 2)),
        ("2025-q3", quarter(2025, 3)),
        ("2025 H2", half_year(2025, 2)),
    ],
)
def test_periods_are_read_from_their_names(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["FY 2025-27", "2025 H3", "Q2", "last year", ""])
def test_a_name_that_is_not_a_period_says_what_would_be(text: str) -> None:
    with pytest.raises(ValueError, match=r"FY 2025-26|one year into the next"):
        parse_period(text)


def test_quick_picks_offer_the_current_and_previous_periods() -> None:
    picks = [pick.label for pick in quick_picks(date(2026, 2, 10))]
    assert picks == [
        "FY 2025-26",
        "FY 2024-25",
        "2026",
        "2025",
        "2026 Q1",
        "2025 Q4",
        "2026 H1",
        "2025 H2",
    ]
    assert [p.label for p in quick_picks(date(2026, 8, 1))][6:] == ["2026 H2", "2026 H1"]
