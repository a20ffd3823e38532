"""Donor report wording: names of countries and sexes, the test score table, the methodology."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainingdesk.domain.donor import Cell, IndicatorTable, ReportScope
from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.suppression import (
    COMPLEMENTARY_MARK,
    WITHHELD_MARK,
    Cells,
    primary_mark,
)

COUNTRY_NAMES = {Country.AF: "Afghanistan", Country.PK: "Pakistan", Country.OTHER: "Other"}
SEX_NAMES = {Sex.MALE: "Male", Sex.FEMALE: "Female"}


@dataclass(frozen=True)
class ScoreSums:
    """Test and satisfaction sums of the participants of one country and sex."""

    country: Country
    sex: Sex
    assessed: int = 0  # participations with any score
    pre_count: int = 0
    pre_sum: float = 0.0
    post_count: int = 0
    post_sum: float = 0.0
    gain_count: int = 0  # with both tests
    gain_sum: float = 0.0
    pass_count: int = 0  # post-tests of exercises that set a pass mark
    passed: int = 0
    satisfaction_count: int = 0
    satisfaction_sum: float = 0.0


def rate(part: Cell, whole: Cell) -> float | None:
    """part / whole to three places, or None when either is hidden or there is no whole."""
    if isinstance(part, int) and isinstance(whole, int) and whole > 0:
        return round(part / whole, 3)
    return None


_GROUPS: tuple[tuple[str, Country | None, Sex | None], ...] = (
    ("All participants", None, None),
    (COUNTRY_NAMES[Country.AF], Country.AF, None),
    (COUNTRY_NAMES[Country.PK], Country.PK, None),
    (COUNTRY_NAMES[Country.OTHER], Country.OTHER, None),
    (SEX_NAMES[Sex.MALE], None, Sex.MALE),
    (SEX_NAMES[Sex.FEMALE], None, Sex.FEMALE),
)
_MEASURES = (
    ("Pre-test mean", "pre_count", "pre_sum", 1),
    ("Post-test mean", "post_count", "post_sum", 1),
    ("Gain", "gain_count", "gain_sum", 1),
    ("Share passing", "pass_count", "passed", 3),
    ("Satisfaction (1–5)", "satisfaction_count", "satisfaction_sum", 2),
)
_HEADLINES = {
    "Pre-test mean": "Mean pre-test score",
    "Post-test mean": "Mean post-test score",
    "Gain": "Mean knowledge gain",
    "Share passing": "Share passing the post-test",
    "Satisfaction (1–5)": "Mean satisfaction (1–5)",
}


def assessment_table(
    scores: Sequence[ScoreSums], threshold: int
) -> tuple[dict[str, Cell], IndicatorTable]:
    """Scores by country and by sex, and the headline figures of everyone.

    The numbers assessed are counts of people, protected like any other; a mean or share
    is shown only where its group is shown and it rests on `threshold` scores or more, so
    that no small group's scores can be read from it.
    """
    sums = {
        label: _add(s for s in scores if _in(s, country, sex)) for label, country, sex in _GROUPS
    }
    shown_groups = [
        label
        for label, country, _ in _GROUPS
        if country is not Country.OTHER or sums[label]["assessed"]
    ]
    cells = Cells()
    index = {
        label: cells.add(int(sums[label]["assessed"]), keep=not i) for i, label in enumerate(sums)
    }
    everyone = index[_GROUPS[0][0]]
    cells.add_line(everyone, [index[label] for label, c, _ in _GROUPS if c is not None])
    cells.add_line(everyone, [index[label] for label, _, s in _GROUPS if s is not None])
    protection = cells.protect(threshold)
    rows: list[tuple[Cell, ...]] = []
    headlines: dict[str, Cell] = {}
    for label in shown_groups:
        assessed = protection.show(index[label])
        figures: list[Cell] = []
        for name, count_field, sum_field, places in _MEASURES:
            count, total = sums[label][count_field], sums[label][sum_field]
            readable = isinstance(assessed, int) and count >= max(threshold, 1)
            figures.append(round(total / count, places) if readable else None)
            if label == _GROUPS[0][0]:
                headlines[_HEADLINES[name]] = figures[-1]
        rows.append((label, assessed, *figures))
    table = IndicatorTable(
        key="assessment",
        title="Knowledge gain and satisfaction",
        columns=("Group", "Assessed", *(name for name, *_ in _MEASURES)),
        rows=tuple(rows),
        note=(
            "Participants who attended a session and have a score, counted once per "
            "exercise. Tests are scored out of 100; gain is post-test minus pre-test."
        ),
    )
    return headlines, table


def _in(scores: ScoreSums, country: Country | None, sex: Sex | None) -> bool:
    return (country is None or scores.country is country) and (sex is None or scores.sex is sex)


def _add(scores: Iterable[ScoreSums]) -> dict[str, float]:
    total: dict[str, float] = dict.fromkeys(
        ("assessed", *(f for _, c, s, _ in _MEASURES for f in (c, s))), 0.0
    )
    for item in scores:
        for key in total:
            total[key] += getattr(item, key)
    return total


def methodology(scope: ReportScope) -> tuple[str, ...]:
    """What each figure means and how small counts are protected."""
    threshold = scope.min_cell
    paragraphs = [
        "Exercises: the exercises that started in the period and were not cancelled, and "
        "at which at least one session was attended. Each exercise belongs to the quarter "
        "in which it started. Sessions held: sessions at which at least one person was "
        "marked present or late. Joint sessions: sessions at which at least one Afghan and "
        "one Pakistani officer were marked present or late.",
        "People trained: participants (not trainers or observers) marked present or late "
        "at one session or more. In the tables by country, agency and sex a person is "
        "counted once, however many exercises they attended; in the tables by exercise, "
        "key area, site and quarter a person is counted once per exercise (participants).",
        "Completed: a participant who stayed enrolled and met their exercise's completion "
        "rule, the same rule that makes them eligible for a certificate: the required "
        "share of the exercise's sessions attended (late counts as present and excused "
        "sessions are left out, unless the exercise says otherwise; sessions not marked "
        "count as missed) and, where the exercise sets a pass mark, a post-test at or "
        "above it. A person completed if they completed at least one exercise. Completion "
        "rate: completed over trained.",
        "Person-days: for each participant and exercise, the number of different days on "
        "which they attended at least one session, added up.",
        "Scores: pre-test and post-test out of 100, over the participants who attended and "
        "were tested; gain is the post-test minus the pre-test of those with both; share "
        "passing counts the post-tests at or above the pass mark of the exercises that set "
        "one; satisfaction runs from 1 (poor) to 5 (excellent).",
        "Certificates issued: certificates of these exercises that are still valid (not "
        "revoked or replaced), whenever they were issued.",
        "Agencies and sex are as recorded for each person when the report was made. The "
        "report holds counts only: no name, father's name or identity number.",
    ]
    if threshold <= 1:
        paragraphs.append(
            "Small counts are not suppressed in this report: it is for internal use only "
            "and must not leave the programme."
        )
        return tuple(paragraphs)
    small, hidden = primary_mark(threshold), COMPLEMENTARY_MARK
    paragraphs.append(
        f"Small counts: a count of 1 to {threshold - 1} people is shown as “{small}”. A "
        f"zero is shown as 0, except in the rare row or column where it would give small "
        f"counts away; there it is shown as “{small}” too. Further figures, of {threshold} "
        f"or more, are hidden as “{hidden}”, chosen smallest first, until no “{small}” "
        "can be worked out from the totals and the other tables, by subtraction or "
        "otherwise (checked by linear algebra and linear programming over every sum the "
        f"report shows). Where even that is not enough, all the figures concerned are "
        f"withheld as “{WITHHELD_MARK}”. Completion rates, means and shares are left out "
        "where they would reveal a hidden count or rest on fewer than "
        f"{threshold} people."
    )
    return tuple(paragraphs)
