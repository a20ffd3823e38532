"""Tables whose cells mix Latin and Arabic-script text, for the crosswalk PDF.

ReportLab's `Paragraph` neither joins Arabic letters nor orders words right to left, so
every line of a cell is drawn by `trainingdesk.reports.text` as the certificates draw
names: HarfBuzz-shaped glyphs over the letters as typed, which is what `pdftotext` reads
back. Lines are broken between words here, in typed order; a line that reads right to
left is set against the right edge of its cell. A table splits between rows, its header
repeated on every page; a row taller than a whole page is cut, between the texts of its
cells where it can be.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from trainingdesk.domain.enums import Equivalence
from trainingdesk.domain.names import in_arabic_block
from trainingdesk.reports.donor_tables import GREY, HEAD_FILL, INK, NAVY
from trainingdesk.reports.text import (
    Hand,
    TextStyle,
    draw_text,
    fit_size,
    starts_right_to_left,
    text_width,
)

_PADDING = 4.0
_TOP_PADDING = 3.0
_BOTTOM_PADDING = 3.5
_RULE = Color(0.78, 0.8, 0.84)
_FUZZ = 1e-6
# A row taller than a page is cut where it stands only if this share of a page is left;
# else it starts on the next page, so that its first part is not a sliver.
_LEAST_SHARE_TO_CUT = 0.3


@dataclass(frozen=True)
class _Metrics:
    """Height of a line and depth of its baseline below the line's top, per point of size."""

    height: float
    ascent: float


# Set by looking at rendered pages: Naskh reaches well below the baseline, Nastaliq's
# words climb as they go right to left; the Latin line is the donor tables' leading.
_LATIN_METRICS = _Metrics(1.3, 1.0)
_ARABIC_METRICS = {Hand.NASKH: _Metrics(1.75, 1.15), Hand.NASTALIQ: _Metrics(2.2, 1.45)}


@dataclass(frozen=True)
class Text:
    """A paragraph of a cell, broken into lines to fit it.

    `mark` draws the symbol of an equivalence before the first line (the words beside it
    say the same, for readers who cannot tell the symbols or the fills apart). Text that
    reads right to left is set against the right edge of the cell, other text the left.
    """

    text: str
    style: TextStyle
    colour: Color = INK
    mark: Equivalence | None = None
    space_before: float = 0.0


@dataclass(frozen=True)
class Cell:
    """What one cell holds, and its fill.

    `continued` heads the cell's part on the next page when its row is cut across pages
    (the joint module of a row of links, say, so that the page says what they map to).
    """

    texts: tuple[Text, ...] = ()
    fill: Color | None = None
    continued: tuple[Text, ...] = ()


@dataclass(frozen=True)
class _Line:
    text: str
    style: TextStyle
    colour: Color
    rtl: bool  # set against the right edge
    indent: float  # room left of a line set against the left edge, for the mark or under it
    mark: Equivalence | None
    top: float  # from the top of the cell's text to the top of the line
    height: float
    ascent: float
    block: bool  # whether it starts a text set apart from the one above: a place to cut


@dataclass(frozen=True)
class _Row:
    cells: tuple[tuple[_Line, ...], ...]
    fills: tuple[Color | None, ...]
    height: float
    continued: tuple[tuple[_Line, ...], ...]


def shaped_table(
    widths: Sequence[float],
    rows: Sequence[Sequence[Cell]],
    *,
    page_height: float,
    header: Sequence[Cell] | None = None,
    ruled: bool = True,
) -> "ShapedTable":
    """A table of columns `widths` wide; `page_height` is the height of a page's frame."""
    laid = tuple(_lay_out_row(widths, row) for row in rows)
    head = _lay_out_row(widths, header) if header is not None else None
    return ShapedTable(tuple(widths), laid, head, page_height=page_height, ruled=ruled)


class ShapedTable(Flowable):
    """Rows of cells under an optional header row that every page's part repeats.

    Rules: the header filled, with a navy rule under it; light rules between rows and
    columns; a grey rule under the last row. Unruled, it is text and fills only.
    """

    def __init__(
        self,
        widths: tuple[float, ...],
        rows: tuple[_Row, ...],
        header: _Row | None,
        *,
        page_height: float,
        ruled: bool,
        last: bool = True,
    ) -> None:
        super().__init__()
        self._widths = widths
        self._rows = rows
        self._header = header
        self._page_height = page_height
        self._ruled = ruled
        self._last = last  # whether this part ends the table
        self.hAlign = "LEFT"

    def _part(self, rows: tuple[_Row, ...], *, last: bool) -> "ShapedTable":
        return ShapedTable(
            self._widths,
            rows,
            self._header,
            page_height=self._page_height,
            ruled=self._ruled,
            last=last,
        )

    @property
    def _header_height(self) -> float:
        return self._header.height if self._header is not None else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The width of the columns; the height of the header and the rows."""
        self.width = sum(self._widths)
        self.height = self._header_height + sum(row.height for row in self._rows)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The rows that fit under the header and the rest; nothing if no row fits here."""
        room = available_height - self._header_height + _FUZZ
        used, count = 0.0, 0
        for row in self._rows:
            if used + row.height > room:
                break
            used += row.height
            count += 1
        if count == len(self._rows):
            return [self]
        if count:
            return [
                self._part(self._rows[:count], last=False),
                self._part(self._rows[count:], last=self._last),
            ]
        first = self._rows[0]
        full_page = self._page_height - self._header_height
        if first.height <= full_page or room < full_page * _LEAST_SHARE_TO_CUT:
            return []
        cut = _cut_row(first, room)
        if cut is None:
            return []
        return [
            self._part((cut[0],), last=False),
            self._part((cut[1], *self._rows[1:]), last=self._last),
        ]

    def draw(self) -> None:
        """Fills, then text, then rules."""
        canvas = self.canv
        rows = [self._header, *self._rows] if self._header is not None else list(self._rows)
        lefts = [0.0]
        for width in self._widths:
            lefts.append(lefts[-1] + width)
        tops, top = [], self.height
        for row in rows:
            tops.append(top)
            top -= row.height
        canvas.saveState()
        for number, row in enumerate(rows):
            header = self._header is not None and number == 0
            bottom = tops[number] - row.height
            for index, fill in enumerate(row.fills):
                shown = HEAD_FILL if header and self._ruled else fill
                if shown is not None:
                    canvas.setFillColor(shown)
                    width = self._widths[index]
                    canvas.rect(lefts[index], bottom, width, row.height, stroke=0, fill=1)
        for number, row in enumerate(rows):
            for index, lines in enumerate(row.cells):
                _draw_lines(canvas, lines, lefts[index], lefts[index + 1], tops[number])
        if self._ruled:
            self._draw_rules(rows, tops, lefts)
        canvas.restoreState()

    def _draw_rules(self, rows: list[_Row], tops: list[float], lefts: list[float]) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.4)
        canvas.setStrokeColor(_RULE)
        for left in lefts[1:-1]:
            canvas.line(left, 0, left, self.height)
        for top in tops[1:]:
            canvas.line(0, top, self.width, top)
        if self._header is not None:
            canvas.setStrokeColor(NAVY)
            canvas.setLineWidth(0.8)
            canvas.line(0, tops[0] - rows[0].height, self.width, tops[0] - rows[0].height)
        if self._last:
            canvas.setStrokeColor(GREY)
            canvas.setLineWidth(0.6)
            canvas.line(0, 0, self.width, 0)


def _draw_lines(canvas: Any, lines: Sequence[_Line], left: float, right: float, top: float) -> None:
    for line in lines:
        baseline = top - _TOP_PADDING - line.top - line.ascent
        canvas.setFillColor(line.colour)
        if line.rtl:
            drawn = draw_text(
                canvas, right - _PADDING, baseline, line.text, line.style, align="right"
            )
            text_left = right - _PADDING - drawn
        else:
            text_left = left + _PADDING + line.indent
            draw_text(canvas, text_left, baseline, line.text, line.style)
        if line.mark is not None:
            size = line.style.size
            _draw_mark(canvas, text_left - _mark_width(size), baseline, size, line.mark)


def _mark_width(size: float) -> float:
    """Room a mark takes before its text, the gap after it included."""
    return size * 1.2


def _draw_mark(canvas: Any, x: float, baseline: float, size: float, mark: Equivalence) -> None:
    """A circle at `x`: filled for full, half filled for partial, open for none."""
    radius = size * 0.34
    centre_x, centre_y = x + radius, baseline + size * 0.36
    canvas.saveState()
    canvas.setLineWidth(size * 0.08)
    canvas.setStrokeColor(INK)
    canvas.setFillColor(INK)
    if mark is Equivalence.FULL:
        canvas.circle(centre_x, centre_y, radius, stroke=1, fill=1)
    else:
        canvas.circle(centre_x, centre_y, radius, stroke=1, fill=0)
    if mark is Equivalence.PARTIAL:
        # The left half filled, as in the "◐" of printed legends.
        path = canvas.beginPath()
        left, bottom = centre_x - radius, centre_y - radius
        path.arc(left, bottom, left + 2 * radius, bottom + 2 * radius, 90, 180)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _lay_out_row(widths: Sequence[float], cells: Sequence[Cell]) -> _Row:
    columns = list(zip(widths, cells, strict=True))
    laid = tuple(_cell_lines(cell.texts, width) for width, cell in columns)
    continued = tuple(_cell_lines(cell.continued, width) for width, cell in columns)
    return _Row(laid, tuple(cell.fill for cell in cells), _row_height(laid), continued)


def _cell_lines(texts: Sequence[Text], width: float) -> tuple[_Line, ...]:
    lines: list[_Line] = []
    top = 0.0
    for text in texts:
        top += text.space_before if lines else 0.0
        for line in _lines(text, width - 2 * _PADDING, top):
            lines.append(line)
            top += line.height
    return tuple(lines)


def _row_height(cells: Sequence[Sequence[_Line]]) -> float:
    text = max((lines[-1].top + lines[-1].height for lines in cells if lines), default=0.0)
    return text + _TOP_PADDING + _BOTTOM_PADDING


def _lines(text: Text, width: float, top: float) -> list[_Line]:
    """`text` broken into lines of at most `width` points, each at the size that fits."""
    indent = _mark_width(text.style.size) if text.mark is not None else 0.0
    rtl = starts_right_to_left(text.text)
    lines: list[_Line] = []
    for words in break_words(text.text, text.style, width - indent):
        style = text.style.resized(fit_size(words, text.style, width - indent, min_size=0))
        metrics = _metrics(words, style)
        lines.append(
            _Line(
                text=words,
                style=style,
                colour=text.colour,
                rtl=rtl,
                # Lines after the first hang under the text, clear of the mark.
                indent=0.0 if rtl else indent,
                mark=text.mark if not lines else None,
                top=top,
                height=metrics.height * style.size,
                ascent=metrics.ascent * style.size,
                block=not lines and text.space_before > 0,
            )
        )
        top += metrics.height * style.size
    return lines


def _metrics(text: str, style: TextStyle) -> _Metrics:
    if any(in_arabic_block(char) for char in text):
        return _ARABIC_METRICS[style.hand]
    return _LATIN_METRICS


def break_words(text: str, style: TextStyle, width: float) -> list[str]:
    """`text` as lines of whole words, in typed order, each at most `width` wide if it can be.

    A word wider than the line is a line of its own (drawn smaller to fit).
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, style) > width:
            lines.append(line)
            candidate = word
        line = candidate
    if line:
        lines.append(line)
    return lines


def _cut_row(row: _Row, room: float) -> tuple[_Row, _Row] | None:
    """`row` cut so that its first part fits `room`, between texts set apart where it can be
    and else between lines; None if it cannot be cut.
    """
    text_room = room - _TOP_PADDING - _BOTTOM_PADDING
    firsts: list[tuple[_Line, ...]] = []
    rests: list[tuple[_Line, ...]] = []
    for lines, heading in zip(row.cells, row.continued, strict=True):
        count = sum(1 for line in lines if line.top + line.height <= text_room + _FUZZ)
        if count < len(lines):
            count = max((n for n in range(1, count + 1) if lines[n].block), default=count)
        firsts.append(lines[:count])
        rest = lines[count:]
        below = heading[-1].top + heading[-1].height if heading else 0.0
        shift = rest[0].top - below if rest else 0.0
        rests.append(heading + tuple(replace(line, top=line.top - shift) for line in rest))
    first = _Row(tuple(firsts), row.fills, _row_height(firsts), row.continued)
    rest_row = _Row(tuple(rests), row.fills, _row_height(rests), row.continued)
    if not any(firsts) or rest_row.height >= row.height:
        return None
    return first, rest_row
