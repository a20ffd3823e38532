"""The figures of the donor summary: how numbers read, the figure tables and the charts.

Tables fit any frame: each column would like its widest cell, and must have at least its
widest figure or its longest word; the width left over goes first to the columns that
need least to be satisfied, so that short labels (dates, codes) stay on one line and long
ones (titles, agencies) wrap.

Charts are drawn with ReportLab's own graphics: people trained and completed by country
and sex (bars), the same by quarter (lines), and sessions by quarter (bars). The series of
a chart differ in lightness, and lines in dash and marker too, so that a greyscale print
tells them apart. A suppressed count ("<5") is a bar of no height labelled "<5": a bar of
any height would hint at the number the suppression hides.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.textlabels import Label
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.validators import Auto
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from trainingdesk.domain.donor import Cell, IndicatorTable, QuarterFigures
from trainingdesk.reports.fonts import LATIN, LATIN_BOLD

# The colours of the certificates.
NAVY = Color(0.09, 0.2, 0.36)
GOLD = Color(0.69, 0.55, 0.2)
PALE_GOLD = Color(0.9, 0.8, 0.55)
INK = Color(0.1, 0.1, 0.12)
GREY = Color(0.38, 0.38, 0.42)
HEAD_FILL = Color(0.86, 0.88, 0.92)
_STRIPE_FILL = Color(0.965, 0.965, 0.97)
_TOTAL_FILL = Color(0.93, 0.91, 0.84)
_GRID = Color(0.85, 0.85, 0.87)

# Table text shrinks to the next size when a table's columns cannot fit the frame.
_CELL_SIZES = (8.0, 7.2, 6.5)
_CELL_PADDING = 4.0
_LABEL_EMS = 10.0

CHART_HEIGHT = 180.0  # at most; less where three charts would not fit a page
# Room inside a drawing for the value axis and its title, the category labels (two lines)
# with the axis title under them, and the legend above the plot.
_LEFT, _RIGHT, _BOTTOM, _TOP = 58.0, 8.0, 44.0, 26.0
_AXIS_SIZE = 8.0
_LABEL_SIZE = 7.0

_RATE_WORDS = ("rate", "share", "%")
_COUNTRY_NAMES = {"AF": "Afghanistan", "PK": "Pakistan", "XX": "Other"}
_SEX_NAMES = {"M": "Male", "F": "Female"}


def paragraph_style(name: str, size: float, *, bold: bool = False, **more: Any) -> ParagraphStyle:
    """A style in the shipped Latin face; `more` as ParagraphStyle takes it."""
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK, **more}
    font = LATIN_BOLD if bold else LATIN
    return ParagraphStyle(name, fontName=font, bulletFontName=LATIN, fontSize=size, **settings)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (no markup)."""
    return Paragraph(escape(text), style)


# --- How figures read -------------------------------------------------------------------


def is_rate(header: str) -> bool:
    """Whether a column or headline named `header` holds a rate, shown as a percentage."""
    folded = header.casefold()
    return any(word in folded for word in _RATE_WORDS)


def format_cell(value: Cell, *, rate: bool = False, fractions: bool = True) -> str:
    """`1,234`, `12.5`, `85.1%`, a suppressed `<5` as it came, or nothing for None.

    A rate holds a fraction (0.851) when `fractions`, else a percentage already (85.1).
    """
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, int):
        return f"{value:,}"
    if rate:
        return f"{value * 100 if fractions else value:,.1f}%"
    return f"{value:,.1f}"


def rates_are_fractions(values: Sequence[Cell]) -> bool:
    """Whether the rates of a column are fractions (all within ±1) rather than percentages."""
    return all(not isinstance(value, float) or abs(value) <= 1.0 for value in values)


# --- Tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _CellStyles:
    """Paragraph styles for the wrapped cells of a table set in one size."""

    label: ParagraphStyle
    total: ParagraphStyle
    head_left: ParagraphStyle
    head_right: ParagraphStyle


@lru_cache(maxsize=len(_CELL_SIZES))
def _cell_styles(size: float) -> _CellStyles:
    head = {"bold": True, "textColor": NAVY}
    return _CellStyles(
        label=paragraph_style(f"donor-cell-{size}", size),
        total=paragraph_style(f"donor-total-{size}", size, bold=True),
        head_left=paragraph_style(f"donor-head-{size}", size, **head),
        head_right=paragraph_style(f"donor-head-r-{size}", size, alignment=TA_RIGHT, **head),
    )


def figure_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    label_columns: int,
    has_total_row: bool,
    width: float,
) -> Table:
    """A table `width` wide: labels on the left, figures on the right, header on every page."""
    rates = [index >= label_columns and is_rate(header) for index, header in enumerate(columns)]
    fractions = [rates_are_fractions([row[index] for row in rows]) for index in range(len(columns))]
    texts = [
        [
            format_cell(cell, rate=rates[index], fractions=fractions[index])
            if index >= label_columns or cell is None
            else str(cell)
            for index, cell in enumerate(row)
        ]
        for row in rows
    ]
    for size in _CELL_SIZES:
        widths, fits = column_widths(columns, texts, label_columns, has_total_row, width, size)
        if fits:
            break
    # Past the smallest size every column is narrowed alike, and a long word may break.
    styles = _cell_styles(size)
    data: list[list[Any]] = [
        [
            para(header, styles.head_left if index < label_columns else styles.head_right)
            for index, header in enumerate(columns)
        ]
    ]
    for number, row in enumerate(texts):
        total = has_total_row and number == len(texts) - 1
        cells: list[Any] = list(row)
        for index in range(label_columns):
            # Only a label too long for its column pays for a Paragraph, which wraps.
            font = LATIN_BOLD if total else LATIN
            if stringWidth(row[index], font, size) > widths[index] - 2 * _CELL_PADDING:
                cells[index] = para(row[index], styles.total if total else styles.label)
        data.append(cells)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), LATIN),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.3),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (label_columns, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, _STRIPE_FILL]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, GREY),
    ]
    if has_total_row and texts:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), LATIN_BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), _TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY),
        ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def column_widths(
    columns: Sequence[str],
    texts: Sequence[Sequence[str]],
    label_columns: int,
    has_total_row: bool,
    width: float,
    size: float,
) -> tuple[list[float], bool]:
    """Column widths adding up to `width`, and whether every column got at least its least."""
    # A point to spare: ReportLab splits a word exactly as wide as its cell.
    pad = 2 * _CELL_PADDING + 1
    liked = [stringWidth(header, LATIN_BOLD, size) for header in columns]
    least = [_longest_word(header, LATIN_BOLD, size) for header in columns]
    for number, row in enumerate(texts):
        font = LATIN_BOLD if has_total_row and number == len(texts) - 1 else LATIN
        for index, text in enumerate(row):
            text_width = stringWidth(text, font, size)
            liked[index] = max(liked[index], text_width)
            # A figure never wraps; a label may, between words.
            unbroken = _longest_word(text, font, size) if index < label_columns else text_width
            least[index] = max(least[index], unbroken)
    for index in range(label_columns):
        # Narrower, a label wraps into a column of single words; better a smaller size.
        least[index] = max(least[index], min(liked[index], _LABEL_EMS * size))
    liked = [value + pad for value in liked]
    least = [value + pad for value in least]
    if sum(liked) <= width:
        # Shared evenly, not in proportion: a wide column would only grow wider.
        extra = (width - sum(liked)) / len(liked)
        return [value + extra for value in liked], True
    if sum(least) > width:
        return [value * width / sum(least) for value in least], False
    widths = list(least)
    spare = width - sum(least)
    # Labels first: they are what a reader scans, and a heading over figures wraps as well.
    for group in (range(label_columns), range(label_columns, len(columns))):
        spare = _widen(widths, liked, group, spare)
    return widths, True


def _widen(widths: list[float], liked: list[float], group: range, spare: float) -> float:
    """Share `spare` among the `group` columns, the least needy satisfied first; what is left."""
    waiting = sorted(group, key=lambda index: liked[index] - widths[index])
    while waiting:
        share = spare / len(waiting)
        need = liked[waiting[0]] - widths[waiting[0]]
        if need > share:
            for index in waiting:
                widths[index] += share
            return 0.0
        widths[waiting.pop(0)] += need
        spare -= need
    return spare


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in text.split()), default=0.0)


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

    A suppressed cell stands at zero; added to others it makes their sum a lower bound, `n+`.
    """
    numbers = [cell for cell in cells if isinstance(cell, int | float)]
    hidden = [cell for cell in cells if isinstance(cell, str)]
    total = float(sum(numbers))
    if not hidden:
        return Bar(total, format_cell(sum(numbers)) if numbers else "")
    if not numbers:
        return Bar(0.0, hidden[0] if len(hidden) == 1 else f"{len(hidden)} × {hidden[0]}")
    # Noto Sans has no "≥".
    return Bar(total, f"{total:,.0f}+")


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

    A suppressed quarter stands at zero, as a suppressed bar does (ReportLab would join the
    line across a gap as if nothing were missing), and is labelled `<5` at the foot of the
    plot, beside the line's marker.
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
                label_width = stringWidth(cell, LATIN, _LABEL_SIZE)
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
