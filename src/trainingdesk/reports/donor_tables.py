"""The figures of the donor summary in print: its colours and text styles, how numbers read,
and the figure tables.

Tables fit any frame: each column would like its widest cell, and must have at least its
widest figure or its longest word; the width left over goes first to the columns that
need least to be satisfied, so that short labels (dates, codes) stay on one line and long
ones (titles, agencies) wrap.

Cells are plain text, never Paragraphs: a label too long for its column is broken into
lines here, between words as a Paragraph would break it, so that every row's height is
known from the start. A table is split between rows, a page at a time, without copying
or restyling the rows still to come (a ReportLab Table does both at every page: the
exercises of a year run to a hundred pages), and each page's part is drawn as a Table of
plain-text cells would draw it, all its text in one text object.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from trainingdesk.domain.donor import Cell
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

# Table text shrinks to the next size when a table's columns cannot fit the frame.
_CELL_SIZES = (8.0, 7.2, 6.5)
_CELL_PADDING = 4.0
_TOP_PADDING = 2.5
_BOTTOM_PADDING = 3.0
_LEADING = 1.3  # times the size
_LABEL_EMS = 10.0
_FUZZ = 1e-6

_RATE_WORDS = ("rate", "share", "%")


def paragraph_style(name: str, size: float, *, bold: bool = False, **more: Any) -> ParagraphStyle:
    """A style in the shipped Latin face; `more` as ParagraphStyle takes it."""
    settings: dict[str, Any] = {"leading": size * _LEADING, "textColor": INK, **more}
    font = LATIN_BOLD if bold else LATIN
    return ParagraphStyle(name, fontName=font, bulletFontName=LATIN, fontSize=size, **settings)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (no markup)."""
    return Paragraph(escape(text), style)


@lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """How wide `text` is set in `font` at `size` (a year's tables repeat their texts a lot)."""
    return float(stringWidth(text, font, size))


# --- How figures read -------------------------------------------------------------------


def is_rate(header: str) -> bool:
    """Whether a column or headline named `header` holds a rate, shown as a percentage."""
    folded = header.casefold()
    return any(word in folded for word in _RATE_WORDS)


def format_cell(value: Cell, *, rate: bool = False, fractions: bool = True) -> str:
    """`1,234`, `12.5`, `85.1%`, a suppressed `<5` (or `x`, `–`) as it came, or nothing for None.

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


def figure_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    label_columns: int,
    has_total_row: bool,
    width: float,
) -> Flowable:
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
    return FigureTable(_Layout.of(columns, texts, widths, label_columns, has_total_row, size))


@dataclass(frozen=True)
class _Layout:
    """A figure table set out: its cells as lines of text, and the height of every row."""

    cells: list[list[tuple[str, ...]]]  # the header first; each cell its lines
    widths: list[float]
    heights: list[float]  # of each row, the header first
    tops: list[float]  # tops[n]: how far below the header row n ends (1 is the first row)
    label_columns: int
    has_total_row: bool
    size: float

    @classmethod
    def of(
        cls,
        columns: Sequence[str],
        texts: Sequence[Sequence[str]],
        widths: list[float],
        label_columns: int,
        has_total_row: bool,
        size: float,
    ) -> "_Layout":
        room = [column - 2 * _CELL_PADDING for column in widths]
        fonts = [LATIN_BOLD] + [LATIN] * len(texts)
        if has_total_row and texts:
            fonts[-1] = LATIN_BOLD
        cells: list[list[tuple[str, ...]]] = []
        heights: list[float] = []
        for number, row in enumerate([list(columns), *texts]):
            font, header = fonts[number], number == 0
            cell_lines = [
                break_lines(text, font, size, room[index])
                if header or index < label_columns
                else (text,)  # a figure never wraps
                for index, text in enumerate(row)
            ]
            cells.append(cell_lines)
            lines = max(map(len, cell_lines), default=1)
            heights.append(lines * size * _LEADING + _TOP_PADDING + _BOTTOM_PADDING)
        tops = [0.0]
        for height in heights[1:]:
            tops.append(tops[-1] + height)
        return cls(cells, widths, heights, tops, label_columns, has_total_row and bool(texts), size)


class FigureTable(Flowable):
    """Rows `start` to `end` (1 is the first under the header) of a figure table, under its
    header: the header filled and ruled in navy, the rows striped from white on every page,
    the total row filled and ruled, a grey rule under the last row.
    """

    def __init__(self, layout: _Layout, start: int = 1, end: int | None = None) -> None:
        super().__init__()
        self._layout = layout
        self._start = start
        self._end = len(layout.cells) if end is None else end
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The width of the columns, the height of the header and the rows."""
        layout = self._layout
        self.width = sum(layout.widths)
        rows = layout.tops[self._end - 1] - layout.tops[self._start - 1]
        self.height = layout.heights[0] + rows
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The rows that fit, under the header, and the rest; nothing if not a row fits."""
        tops, start = self._layout.tops, self._start
        room = available_height - self._layout.heights[0] + tops[start - 1] + _FUZZ
        # The part ends before the first row that would end past the room there is.
        end = bisect_right(tops, room, start - 1, self._end)
        if end <= start:
            return []
        if end >= self._end:
            return [self]
        return [FigureTable(self._layout, start, end), FigureTable(self._layout, end, self._end)]

    def draw(self) -> None:
        """Fills, then text, then rules, as a Table draws them."""
        layout, canvas = self._layout, self.canv
        rows = [0, *range(self._start, self._end)]
        total = layout.has_total_row and self._end == len(layout.cells)
        lefts = [0.0]
        for column in layout.widths:
            lefts.append(lefts[-1] + column)
        bottoms, y = [], self.height
        for row in rows:
            y -= layout.heights[row]
            bottoms.append(y)
        canvas.saveState()
        for number, row in enumerate(rows):
            fill = _row_fill(number, total and number == len(rows) - 1)
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(0, bottoms[number], self.width, layout.heights[row], stroke=0, fill=1)
        canvas.drawText(self._text(rows, bottoms, lefts, total))
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        rules = [(bottoms[0], 0.8, NAVY)]
        if self._end == len(layout.cells):
            rules.append((bottoms[-1], 0.6, GREY))
        if total:
            rules.append((bottoms[-2], 0.8, NAVY))
        for height, weight, colour in rules:
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(weight)
            canvas.line(0, height, self.width, height)
        canvas.restoreState()

    def _text(self, rows: list[int], bottoms: list[float], lefts: list[float], total: bool) -> Any:
        """The text of the rows: the header in bold navy, the rest in ink, the total bold.

        Font and colour are set only where they change, and each line of a label follows
        the one above it without being placed anew.
        """
        layout = self._layout
        size, leading = layout.size, layout.size * _LEADING
        text = self.canv.beginText()
        current: tuple[str, bool] | None = None
        for number, row in enumerate(rows):
            header = number == 0
            font = LATIN_BOLD if header or (total and number == len(rows) - 1) else LATIN
            if (font, header) != current:
                text.setFont(font, size, leading)
                text.setFillColor(NAVY if header else INK)
                current = (font, header)
            # The header sits on the rule under it; other rows hang from their top.
            bottom = bottoms[number] + _BOTTOM_PADDING - size
            top = bottoms[number] + layout.heights[row] - _TOP_PADDING - size
            for index, lines in enumerate(layout.cells[row]):
                y = bottom + len(lines) * leading if header else top
                if index < layout.label_columns:
                    if lines[0]:
                        text.setTextOrigin(lefts[index] + _CELL_PADDING, y)
                        for line in lines:
                            text.textLine(line)
                    continue
                for line in lines:
                    if line:
                        x = lefts[index + 1] - _CELL_PADDING - text_width(line, font, size)
                        text.setTextOrigin(x, y)
                        text.textLine(line)
                    y -= leading
        return text


def _row_fill(number: int, total: bool) -> Color | None:
    """The fill of row `number` of a part (0 is the header): striped from white."""
    if number == 0:
        return HEAD_FILL
    if total:
        return _TOTAL_FILL
    return _STRIPE_FILL if number % 2 == 0 else None


@lru_cache(maxsize=8192)
def break_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """`text` broken into lines at most `width` wide, between words as a Paragraph breaks it.

    A word wider than a line is broken where it must, as a Paragraph does too.
    """
    space = text_width(" ", font, size)
    lines: list[str] = []
    line, line_width = "", 0.0
    for word in text.split():
        word_width = text_width(word, font, size)
        if line and line_width + space + word_width <= width:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        line, line_width = word, word_width
        while line_width > width and len(line) > 1:
            cut = max(
                (n for n in range(1, len(line)) if text_width(line[:n], font, size) <= width),
                default=1,
            )
            lines.append(line[:cut])
            line = line[cut:]
            line_width = text_width(line, font, size)
    lines.append(line)
    return tuple(lines)


def column_widths(
    columns: Sequence[str],
    texts: Sequence[Sequence[str]],
    label_columns: int,
    has_total_row: bool,
    width: float,
    size: float,
) -> tuple[list[float], bool]:
    """Column widths adding up to `width`, and whether every column got at least its least."""
    # A point to spare, as when wrapped labels were Paragraphs (which broke a word exactly as
    # wide as its cell): the tables keep the widths they had.
    pad = 2 * _CELL_PADDING + 1
    liked = [text_width(header, LATIN_BOLD, size) for header in columns]
    least = [_longest_word(header, LATIN_BOLD, size) for header in columns]
    for number, row in enumerate(texts):
        font = LATIN_BOLD if has_total_row and number == len(texts) - 1 else LATIN
        for index, text in enumerate(row):
            text_wide = text_width(text, font, size)
            liked[index] = max(liked[index], text_wide)
            # A figure never wraps; a label may, between words.
            unbroken = _longest_word(text, font, size) if index < label_columns else text_wide
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


@lru_cache(maxsize=8192)
def _longest_word(text: str, font: str, size: float) -> float:
    return max((text_width(word, font, size) for word in text.split()), default=0.0)
