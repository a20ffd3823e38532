"""The charts of the donor summary.

Charts are drawn with ReportLab's own graphics: people trained and completed by country
and sex (bars), the same by quarter (lines), and sessions by quarter (bars). The series of
a chart differ in lightness, and lines in dash and marker too, so that a greyscale print
tells them apart. A hidden count is a bar of no height (a point at zero) labelled with its
mark, "<5", "x" or "–" (see `domain/suppression.py`): a bar of any height would hint at
the number the suppression hides.
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.textlabels import Label
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color, white
from reportlab.lib.validators import Auto

from trainingdesk.domain.donor import Cell, IndicatorTable, QuarterFigures
from trainingdesk.domain.suppression import COMPLEMENTARY_MARK, WITHHELD_MARK, primary_mark
from trainingdesk.reports.donor_tables import (
    GOLD,
    GREY,
    INK,
    NAVY,
    PALE_GOLD,
    format_cell,
    is_rate,
    text_width,
)
from trainingdesk.reports.fonts import LATIN

_GRID = Color(0.85, 0.85, 0.87)

CHART_HEIGHT = 180.0  # at most; less where three charts would not fit a page
# Room inside a drawing for the value axis and its title, the category labels (two lines)
# with the axis title under them, and the legend above the plot.
_LEFT, _RIGHT, _BOTTOM, _TOP = 58.0, 8.0, 44.0, 26.0
_AXIS_SIZE = 8.0
_LABEL_SIZE = 7.0

_COUNTRY_NAMES = {"AF": "Afghanistan", "PK": "Pakistan", "XX": "Other"}
_SEX_NAMES = {"M": "Male", "F": "Female"}


# --- Charts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: how tall it stands and what its label says."""

    height: float
    label: str


@dataclass(frozen=True)
class CountrySexFigures:
    """People trained and completed per country and sex, in the order the table gives them."""

    categories: tuple[str, ...]  # "Afghanistan\nMale"
    trained: tuple[Bar, ...]
    completed: tuple[Bar, ...]


def country_sex_figures(tables: Sequence[IndicatorTable]) -> CountrySexFigures | None:
    """Trained and completed by country and sex, from the table that has them, if any.

    Of the tables whose row labels include a country and a sex, the one with fewest label
    columns is taken (its rows need no adding up), the "trained" table first among equals.
    """
    candidates = [(table, columns) for table in tables if (columns := _country_sex_columns(table))]
    if not candidates:
        return None
    table, (country, sex, trained, completed) = min(
        candidates, key=lambda pair: (pair[0].label_columns, pair[0].key != "trained")
    )
    groups: dict[tuple[str, str], list[tuple[Cell, Cell]]] = {}
    for row in table.rows[:-1] if table.has_total_row else table.rows:
        key = (row[country], row[sex])
        if all(
            isinstance(label, str) and label and "total" not in label.casefold() for label in key
        ):
            groups.setdefault((str(key[0]), str(key[1])), []).append((row[trained], row[completed]))
    if not groups:
        return None
    return CountrySexFigures(
        categories=tuple(
            f"{_COUNTRY_NAMES.get(place, place)}\n{_SEX_NAMES.get(sex_name, sex_name)}"
            for place, sex_name in groups
        ),
        trained=tuple(_bar([pair[0] for pair in pairs]) for pairs in groups.values()),
        completed=tuple(_bar([pair[1] for pair in pairs]) for pairs in groups.values()),
    )


def _country_sex_columns(table: IndicatorTable) -> tuple[int, int, int, int] | None:
    """Indexes of the country, sex, trained and completed columns, if `table` has them all."""
    labels = [header.casefold() for header in table.columns[: table.label_columns]]
    counts = [
        (index, header.casefold())
        for index, header in enumerate(table.columns)
        if index >= table.label_columns and not is_rate(header)
    ]
    country = next((i for i, header in enumerate(labels) if "country" in header), None)
    sex = next((i for i, header in enumerate(labels) if header in ("sex", "gender")), None)
    trained = next((i for i, header in counts if "trained" in header), None)
    completed = next((i for i, header in counts if "complet" in header), None)
    if country is None or sex is None or trained is None or completed is None:
        return None
    return country, sex, trained, completed


def _bar(cells: Sequence[Cell]) -> Bar:
    """The bar of the cells of one country and sex (one cell, or one per agency, say).

    A hidden cell stands at zero; added to others it makes their sum a lower bound, `n+`.
    Hidden cells alone are labelled with their marks, each for what it is: `<5`, `2 × <5`,
    `<5 + x` (an `x` hides a count of 5 or more, and must not read as a `<5`).
    """
    numbers = [cell for cell in cells if isinstance(cell, int | float)]
    hidden = [cell for cell in cells if isinstance(cell, str)]
    total = float(sum(numbers))
    if not hidden:
        return Bar(total, format_cell(sum(numbers)) if numbers else "")
    if not numbers:
        # Small counts first, then the others hidden with them, then the withheld.
        order = {COMPLEMENTARY_MARK: 1, WITHHELD_MARK: 2}
        counts = sorted(Counter(hidden).items(), key=lambda pair: order.get(pair[0], 0))
        return Bar(0.0, " + ".join(mark if n == 1 else f"{n} × {mark}" for mark, n in counts))
    # Noto Sans has no "≥".
    return Bar(total, f"{total:,.0f}+")


def marks_note(labels: Iterable[str], threshold: int) -> str | None:
    """What the marks of suppression among the `labels` of a chart stand for; None if none."""
    meanings = {
        primary_mark(threshold): f"fewer than {threshold} people",
        COMPLEMENTARY_MARK: f"{threshold} or more, hidden so that a smaller count cannot be "
        "worked out",
        WITHHELD_MARK: "withheld",
    }
    words = {word for label in labels for word in label.split()}
    shown = [f"“{mark}”: {meaning}" for mark, meaning in meanings.items() if mark in words]
    if not shown:
        return None
    return f"A hidden count is drawn at zero, whatever it is. {'; '.join(shown)}."


def country_sex_chart(
    figures: CountrySexFigures, width: float, height: float = CHART_HEIGHT
) -> Drawing:
    """Bars of people trained and completed, side by side for each country and sex."""
    series = (figures.trained, figures.completed)
    chart = _bar_chart(
        width,
        height,
        figures.categories,
        [[bar.height for bar in bars] for bars in series],
        [[bar.label for bar in bars] for bars in series],
        (("Trained", NAVY), ("Completed", PALE_GOLD)),
    )
    return _drawing(chart, width, "People", "Country and sex")


def quarter_sessions_chart(
    quarters: Sequence[QuarterFigures], width: float, height: float = CHART_HEIGHT
) -> Drawing:
    """Bars of sessions held and of joint sessions (both countries present) per quarter."""
    series = (
        [quarter.sessions for quarter in quarters],
        [quarter.joint_sessions for quarter in quarters],
    )
    chart = _bar_chart(
        width,
        height,
        [quarter.label for quarter in quarters],
        [[float(value) for value in values] for values in series],
        [[f"{value:,}" for value in values] for values in series],
        (("Sessions", NAVY), ("Joint sessions", PALE_GOLD)),
    )
    return _drawing(chart, width, "Sessions", "Quarter")


def quarter_people_chart(
    quarters: Sequence[QuarterFigures], width: float, height: float = CHART_HEIGHT
) -> Drawing | None:
    """Lines of people trained and completed per quarter; None when no quarter has a figure.

    A hidden quarter stands at zero, as a hidden bar does (ReportLab would join the line
    across a gap as if nothing were missing), and is labelled with its mark (`<5`, `x`) at
    the foot of the plot, beside the line's marker.
    """
    series = (
        [quarter.trained for quarter in quarters],
        [quarter.completed for quarter in quarters],
    )
    if all(cell is None for cells in series for cell in cells):
        return None
    data = [
        [_bar([cell]).height if cell is not None else None for cell in cells] for cells in series
    ]
    chart = HorizontalLineChart()
    _place(chart, width, height, [quarter.label for quarter in quarters], data)
    styles = (("Trained", NAVY, "FilledCircle", None), ("Completed", GOLD, "FilledSquare", (5, 3)))
    for index, (name, colour, marker, dash) in enumerate(styles):
        line = chart.lines[index]
        line.name = name
        line.strokeColor = colour
        line.strokeWidth = 1.8
        line.strokeDashArray = dash
        line.symbol = makeMarker(marker, size=6, fillColor=colour, strokeColor=colour)
    drawing = _drawing(chart, width, "People", "Quarter")
    band = chart.width / len(quarters)
    for row, cells in enumerate(series):
        _name, colour, marker, _dash = styles[row]
        for column, cell in enumerate(cells):
            if isinstance(cell, str):
                # Right of the point, on white: the lines run through here on their way down.
                x, y = chart.x + (column + 0.5) * band + 9, chart.y + 6 + 11 * row
                label_width = text_width(cell, LATIN, _LABEL_SIZE)
                drawing.add(
                    Rect(x - 5, y - 2, label_width + 10, 9.5, fillColor=white, strokeColor=None)
                )
                drawing.add(makeMarker(marker, x=x - 1, y=y + 2.5, size=5, fillColor=colour))
                drawing.add(_text(x + 3, y, cell, _LABEL_SIZE, anchor="start"))
    return drawing


def _bar_chart(
    width: float,
    height: float,
    categories: Sequence[str],
    heights: list[list[float]],
    labels: list[list[str]],
    series: Sequence[tuple[str, Color]],
) -> VerticalBarChart:
    chart = VerticalBarChart()
    _place(chart, width, height, categories, heights)
    chart.barLabelFormat = "values"
    chart.barLabelArray = labels
    chart.groupSpacing = 12
    chart.barSpacing = 2
    chart.bars.strokeColor = INK
    chart.bars.strokeWidth = 0.5
    for index, (name, colour) in enumerate(series):
        chart.bars[index].name = name
        chart.bars[index].fillColor = colour
    chart.barLabels.fontName = LATIN
    chart.barLabels.fontSize = _LABEL_SIZE
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 6
    return chart


def _place(
    chart: VerticalBarChart | HorizontalLineChart,
    width: float,
    height: float,
    categories: Sequence[str],
    data: list[list[float]] | list[list[float | None]],
) -> None:
    """Size the plot, and give it a whole-number value axis from zero with some headroom."""
    chart.x, chart.y = _LEFT, _BOTTOM
    chart.width, chart.height = width - _LEFT - _RIGHT, height - _BOTTOM - _TOP
    chart.data = data
    top = max((value for values in data for value in values if value is not None), default=0.0)
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.valueMax, axis.valueStep = _axis_top(top * 1.1)
    axis.labelTextFormat = _whole
    axis.visibleGrid = 1
    axis.gridStrokeColor = _GRID
    axis.gridStrokeWidth = 0.5
    category_axis = chart.categoryAxis
    category_axis.categoryNames = list(categories)
    category_axis.labels.boxAnchor = "n"
    category_axis.labels.textAnchor = "middle"
    category_axis.labels.dy = -4
    for each in (axis, category_axis):
        each.strokeColor = GREY
        each.labels.fontName = LATIN
        each.labels.fontSize = _AXIS_SIZE
        each.labels.fillColor = INK
    # Smaller labels when many categories share the axis, so that neighbours do not touch.
    band = chart.width / max(len(categories), 1)
    category_axis.labels.fontSize = max(5.5, min(_AXIS_SIZE, band / 7))


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def _axis_top(top: float) -> tuple[float, float]:
    """A round top for the value axis, and a whole step giving at most six gridlines."""
    if top <= 0:
        return 5.0, 1.0
    magnitude = 10.0 ** math.floor(math.log10(top / 6))
    step = max(1.0, next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude >= top / 6))
    return math.ceil(top / step) * step, step


def _drawing(
    chart: VerticalBarChart | HorizontalLineChart, width: float, value_title: str, axis: str
) -> Drawing:
    """The chart with its axis titles and, above it, a legend of its series."""
    height = chart.y + chart.height + _TOP
    drawing = Drawing(width, height)
    # ReportLab would otherwise set Helvetica, unembedded, before drawing anything.
    drawing.initialFontName = LATIN
    drawing.add(chart)
    title = Label()
    title.setOrigin(12, chart.y + chart.height / 2)
    title.setText(value_title)
    title.angle, title.boxAnchor = 90, "c"
    title.fontName, title.fontSize, title.fillColor = LATIN, _AXIS_SIZE, INK
    drawing.add(title)
    lines = max((name.count("\n") + 1 for name in chart.categoryAxis.categoryNames), default=1)
    axis_y = chart.y - 18 - lines * _AXIS_SIZE * 1.2
    drawing.add(_text(chart.x + chart.width / 2, axis_y, axis, _AXIS_SIZE, anchor="middle"))
    legend = Legend()
    legend.colorNamePairs = Auto(obj=chart)
    legend.x, legend.y, legend.boxAnchor = chart.x, height - 4, "nw"
    legend.alignment, legend.columnMaximum = "right", 1
    legend.fontName, legend.fontSize, legend.fillColor = LATIN, _AXIS_SIZE, INK
    legend.dx, legend.dy, legend.deltax, legend.swdx = 16, 8, 90, 4
    legend.strokeColor, legend.strokeWidth = INK, 0.5
    drawing.add(legend)
    return drawing


def _text(x: float, y: float, text: str, size: float, *, anchor: str) -> String:
    return String(x, y, text, fontName=LATIN, fontSize=size, fillColor=INK, textAnchor=anchor)
