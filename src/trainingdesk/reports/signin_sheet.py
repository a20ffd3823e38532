"""The paper sign-in sheet of one training session: who should sign, with room to sign.

A4 portrait. Every page carries the same header (programme, exercise, session, date in
both calendars, time, module, site) and the column headings, so that a page that comes
loose still says where it belongs; the trainer's and coordinator's sign-off follows the
last row. Rows have a fixed height, so pages are counted before anything is drawn.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from trainingdesk.domain.calendars import GREGORIAN_MONTHS, format_solar_hijri
from trainingdesk.domain.enums import Role
from trainingdesk.domain.names import in_arabic_block
from trainingdesk.domain.records import GridParticipant, SignInSheet
from trainingdesk.reports.fonts import LATIN, register_fonts
from trainingdesk.reports.text import (
    Align,
    Hand,
    Span,
    TextStyle,
    draw_spans,
    draw_text,
    fit_size,
    hand_for_country,
    spans_width,
    text_width,
)

PROGRAMME = "Afghanistan–Pakistan Border Cooperation Programme"

_PAGE_WIDTH, _PAGE_HEIGHT = A4
_MARGIN = 36.0
_CONTENT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_HEADER_HEIGHT = 104.0
_HEAD_ROW_HEIGHT = 22.0
# About 1 cm: room for a signature, and 22 rows to a page.
_ROW_HEIGHT = 28.0
_FOOTER_HEIGHT = 24.0
_SIGN_OFF_HEIGHT = 78.0
_PADDING = 4.0
_ROWS_TOP = _PAGE_HEIGHT - _MARGIN - _HEADER_HEIGHT - _HEAD_ROW_HEIGHT
_ROWS_BOTTOM = _MARGIN + _FOOTER_HEIGHT
_ROWS_PER_PAGE = int((_ROWS_TOP - _ROWS_BOTTOM) // _ROW_HEIGHT)
_ROWS_BEFORE_SIGN_OFF = _ROWS_PER_PAGE - math.ceil(_SIGN_OFF_HEIGHT / _ROW_HEIGHT)
# Below this a name is hard to read on one line; it goes on two lines first.
_MIN_TEXT_SIZE = 6.5

_BLACK = Color(0, 0, 0)
_GREY = Color(0.35, 0.35, 0.35)
_RULE = Color(0.55, 0.55, 0.55)
_HEAD_FILL = Color(0.86, 0.88, 0.91)
_STRIPE_FILL = Color(0.96, 0.96, 0.96)

_SMALL = TextStyle(8.0)
_LABEL = TextStyle(8.5, bold=True)
_VALUE = TextStyle(8.5)
_HEADING = TextStyle(8.5, bold=True)
_URDU_HEADING = TextStyle(9.5, hand=Hand.NASTALIQ)
_TITLE = TextStyle(15.0, bold=True)
_URDU_TITLE = TextStyle(15.0, hand=Hand.NASTALIQ)
_EXERCISE = TextStyle(11.0, bold=True)
_LATIN_NAME = TextStyle(9.0)
# Nastaliq looks larger than Naskh at the same size.
_NASKH_NAME_SIZE = 11.0
_NASTALIQ_NAME_SIZE = 10.5
_CELL = TextStyle(8.0)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class _Column:
    """A column of the table: its left edge and width in points."""

    left: float
    width: float

    @property
    def right(self) -> float:
        """Its right edge."""
        return self.left + self.width


def _columns(*widths: float) -> tuple[_Column, ...]:
    """Columns side by side from the left margin."""
    lefts = [_MARGIN + sum(widths[:index]) for index in range(len(widths))]
    return tuple(_Column(left, width) for left, width in zip(lefts, widths, strict=True))


# The signature box takes what the other columns leave.
_NUMBER, _LATIN, _NATIVE, _AGENCY, _RANK, _SIGNATURE = _columns(
    24, 148, 124, 50, 62, _CONTENT_WIDTH - (24 + 148 + 124 + 50 + 62)
)


def write_sign_in_sheet(sheet: SignInSheet, out: Path | BinaryIO) -> None:
    """Write the sign-in sheet of one session as a PDF to a path or a binary stream."""
    register_fonts()
    pages = _paginate(len(sheet.participants))
    target = str(out) if isinstance(out, Path) else out
    # A Noto face as the initial font keeps an unembedded Helvetica out of the file.
    canvas = Canvas(target, pagesize=A4, invariant=1, pageCompression=1, initialFontName=LATIN)
    canvas.setTitle(f"Sign-in sheet, {sheet.exercise.code} session {sheet.session.number}")
    canvas.setAuthor("TrainingDesk")
    canvas.setSubject(PROGRAMME)
    for page_number, rows in enumerate(pages, start=1):
        _draw_header(canvas, sheet)
        _draw_column_headings(canvas)
        top = _ROWS_TOP
        for index in rows:
            _draw_row(canvas, top, index, sheet.participants[index])
            top -= _ROW_HEIGHT
        if page_number == len(pages):
            _draw_sign_off(canvas, top)
        _draw_footer(canvas, sheet, page_number, len(pages))
        canvas.showPage()
    canvas.save()


def _paginate(count: int) -> list[range]:
    """Row indexes per page; the last page keeps room for the sign-off and at least one row."""
    pages = [
        range(start, min(start + _ROWS_PER_PAGE, count))
        for start in range(0, count, _ROWS_PER_PAGE)
    ]
    if not pages:
        return [range(0)]
    last = pages[-1]
    if len(last) > _ROWS_BEFORE_SIGN_OFF:
        # Carry rows over rather than leave the sign-off alone on a page of its own.
        split = last.start + _ROWS_BEFORE_SIGN_OFF
        pages[-1:] = [range(last.start, split), range(split, last.stop)]
    return pages


def _long_date(day: date) -> str:
    """`Sunday 12 October 2025`, in English whatever the locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}"


def _short_date(day: date) -> str:
    """`12 Oct 2025`."""
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1][:3]} {day.year}"


def _times(start: time | None, end: time | None) -> str:
    """`09:00–12:30`, `from 09:00`, or a dash when no time was planned."""
    if start and end:
        return f"{start:%H:%M}–{end:%H:%M}"
    if start:
        return f"from {start:%H:%M}"
    if end:
        return f"until {end:%H:%M}"
    return "—"


def _draw_header(canvas: Canvas, sheet: SignInSheet) -> None:
    """Programme, title in three languages, exercise and session details."""
    exercise, session = sheet.exercise, sheet.session
    top = _PAGE_HEIGHT - _MARGIN
    canvas.setFillColor(_GREY)
    draw_text(canvas, _MARGIN, top - 8, PROGRAMME, _SMALL)
    canvas.setFillColor(_BLACK)
    draw_spans(
        canvas,
        _MARGIN,
        top - 33,
        [
            Span("Sign-in sheet / ", _TITLE),
            Span("ورقهٔ حاضری", _TITLE),
            Span(" / ", _TITLE),
            Span("حاضری شیٹ", _URDU_TITLE),
        ],
    )
    heading = f"{exercise.code} — {exercise.title}"
    _draw_fitted(canvas, _MARGIN, top - 54, heading, _EXERCISE, _CONTENT_WIDTH, wrap=False)

    day = session.day
    of_sessions = f" of {exercise.sessions}" if exercise.sessions >= session.number else ""
    module = " — ".join(part for part in (session.module_code, session.module_title) if part)
    site = exercise.site_name or exercise.site_code or "—"
    if exercise.site_name and exercise.site_code:
        site = f"{exercise.site_name} ({exercise.site_code})"
    right = _MARGIN + 0.62 * _CONTENT_WIDTH
    left_width = right - _MARGIN - 2 * _PADDING
    right_width = _PAGE_WIDTH - _MARGIN - right
    # Gregorian for everyone, Solar Hijri for Afghan readers, also in Dari.
    solar = f"{_long_date(day)} · {format_solar_hijri(day)} · "
    dates = [
        Span("Date: ", _LABEL),
        Span(solar, _VALUE),
        Span(format_solar_hijri(day, dari=True), _VALUE),
    ]
    _draw_fitted_spans(canvas, _MARGIN, top - 72, dates, left_width)
    _draw_labelled(
        canvas, right, top - 72, "Session: ", f"{session.number}{of_sessions}", right_width
    )
    _draw_labelled(canvas, _MARGIN, top - 86, "Module: ", module or "—", left_width)
    _draw_labelled(
        canvas, right, top - 86, "Time: ", _times(session.start_time, session.end_time), right_width
    )
    _draw_labelled(canvas, _MARGIN, top - 100, "Site: ", site, _CONTENT_WIDTH)


def _draw_labelled(
    canvas: Canvas, x: float, y: float, label: str, value: str, width: float
) -> None:
    """`Label: value` in one line of `width` points."""
    _draw_fitted_spans(canvas, x, y, [Span(label, _LABEL), Span(value, _VALUE)], width)


def _draw_column_headings(canvas: Canvas) -> None:
    """The shaded row of column headings, repeated on every page."""
    bottom = _ROWS_TOP
    canvas.setFillColor(_HEAD_FILL)
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(_MARGIN, bottom, _CONTENT_WIDTH, _HEAD_ROW_HEIGHT, stroke=1, fill=1)
    canvas.setFillColor(_BLACK)
    for column in (_LATIN, _AGENCY, _RANK, _SIGNATURE):
        canvas.line(column.left, bottom, column.left, bottom + _HEAD_ROW_HEIGHT)
    baseline = bottom + 8
    draw_text(canvas, _NUMBER.right - _PADDING, baseline, "#", _HEADING, align="right")
    draw_text(canvas, _LATIN.left + _PADDING, baseline, "Name", _HEADING)
    draw_text(canvas, _NATIVE.right - _PADDING, baseline, "نام", _HEADING, align="right")
    draw_text(canvas, _AGENCY.left + _PADDING, baseline, "Agency", _HEADING)
    draw_text(canvas, _RANK.left + _PADDING, baseline, "Rank", _HEADING)
    signature = [
        Span("Signature / ", _HEADING),
        Span("امضا", _HEADING),
        Span(" / ", _HEADING),
        Span("دستخط", _URDU_HEADING),
    ]
    _draw_fitted_spans(
        canvas, _SIGNATURE.left + _PADDING, baseline, signature, _SIGNATURE.width - 2 * _PADDING
    )


def _draw_row(canvas: Canvas, top: float, index: int, person: GridParticipant) -> None:
    """One participant: number, names in both scripts, agency, rank and a box to sign in."""
    bottom = top - _ROW_HEIGHT
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.6)
    canvas.setFillColor(_STRIPE_FILL)
    canvas.rect(_MARGIN, bottom, _CONTENT_WIDTH, _ROW_HEIGHT, stroke=1, fill=index % 2)
    for column in (_LATIN, _AGENCY, _RANK, _SIGNATURE):
        canvas.line(column.left, bottom, column.left, top)
    canvas.setFillColor(_BLACK)
    baseline = bottom + 10.5
    draw_text(canvas, _NUMBER.right - _PADDING, baseline, str(index + 1), _CELL, align="right")
    inner = _LATIN.width - 2 * _PADDING
    _draw_fitted(canvas, _LATIN.left + _PADDING, baseline, person.full_name, _LATIN_NAME, inner)
    hand = hand_for_country(person.country)
    native = TextStyle(
        _NASTALIQ_NAME_SIZE if hand is Hand.NASTALIQ else _NASKH_NAME_SIZE, hand=hand
    )
    _draw_fitted(
        canvas,
        _NATIVE.right - _PADDING,
        baseline,
        person.native_name,
        native,
        _NATIVE.width - 2 * _PADDING,
        align="right",
    )
    _draw_fitted(
        canvas, _AGENCY.left + _PADDING, baseline, person.agency_acronym, _CELL, _AGENCY.width - 8
    )
    rank = person.rank if person.role is Role.PARTICIPANT else _with_role(person)
    _draw_fitted(canvas, _RANK.left + _PADDING, baseline, rank, _CELL, _RANK.width - 2 * _PADDING)


def _with_role(person: GridParticipant) -> str:
    """Rank and role of a trainer or observer, who sign the same sheet."""
    return " · ".join(part for part in (person.rank, person.role.value) if part)


def _draw_sign_off(canvas: Canvas, top: float) -> None:
    """Lines for the trainer and the coordinator to confirm the sheet."""
    canvas.setStrokeColor(_BLACK)
    canvas.setLineWidth(0.5)
    canvas.setFillColor(_BLACK)
    # Name, signature and date fields end at fixed points, so both lines line up.
    fields = (
        (_MARGIN, 0.45),
        (_MARGIN + 0.48 * _CONTENT_WIDTH, 0.78),
        (_MARGIN + 0.81 * _CONTENT_WIDTH, 1.0),
    )
    for line, role in enumerate(("Trainer", "Coordinator")):
        baseline = top - 34 - 30 * line
        for (left, end), label in zip(fields, (f"{role}: ", "Signature: ", "Date: "), strict=True):
            start = left + draw_text(canvas, left, baseline, label, _LABEL) + 2
            canvas.line(start, baseline - 2, _MARGIN + end * _CONTENT_WIDTH, baseline - 2)


def _draw_footer(canvas: Canvas, sheet: SignInSheet, page: int, pages: int) -> None:
    """Which session the page belongs to, and `page N of M`."""
    baseline = _MARGIN
    canvas.setFillColor(_GREY)
    session = sheet.session
    where = f"{sheet.exercise.code} · session {session.number} · {_short_date(session.day)}"
    draw_text(canvas, _MARGIN, baseline, where, _SMALL)
    draw_text(
        canvas, _PAGE_WIDTH - _MARGIN, baseline, f"page {page} of {pages}", _SMALL, align="right"
    )
    canvas.setFillColor(_BLACK)


def _draw_fitted(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    style: TextStyle,
    width: float,
    *,
    align: Align = "left",
    wrap: bool = True,
) -> None:
    """Draw `text` within `width`: shrunk, then (if `wrap`) on two lines, then smaller still.

    Nothing is ever cut: a name missing its last words is a different name.
    """
    if not text:
        return
    size = fit_size(text, style, width, min_size=_MIN_TEXT_SIZE)
    words = text.split()
    if text_width(text, style.resized(size)) <= width or not wrap or len(words) < 2:
        size = fit_size(text, style.resized(size), width, min_size=0.0)
        draw_text(canvas, x, y, text, style.resized(size), align=align)
        return
    # Nastaliq climbs and dips far more than Naskh or Latin letters.
    nastaliq = style.hand is Hand.NASTALIQ and any(in_arabic_block(char) for char in text)
    two_lines = style.resized(style.size * (0.65 if nastaliq else 0.8))
    lines = _balanced_lines(words, two_lines)
    size = min(fit_size(line, two_lines, width, min_size=0.0) for line in lines)
    gap = size * (1.6 if nastaliq else 1.15)
    for line, baseline in zip(lines, (y + gap / 2 + 1, y - gap / 2 + 1), strict=True):
        draw_text(canvas, x, baseline, line, style.resized(size), align=align)


def _balanced_lines(words: Sequence[str], style: TextStyle) -> tuple[str, str]:
    """Two lines, cut between words where the longer line is shortest."""
    cuts = [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words))]
    return min(cuts, key=lambda lines: max(text_width(line, style) for line in lines))


def _draw_fitted_spans(
    canvas: Canvas, x: float, y: float, spans: Sequence[Span], width: float
) -> None:
    """Draw spans left-aligned, all shrunk by the same factor when together too wide."""
    natural = spans_width(spans)
    if natural > width:
        factor = width / natural
        spans = [Span(span.text, span.style.resized(span.style.size * factor)) for span in spans]
    draw_spans(canvas, x, y, spans)
