"""Certificates of completion: one A4 landscape page per person, in English and in Dari,
Pashto or Urdu.

Every page has the same frame and headings; what changes is the holder (Latin and native
name, rank, agency), the exercise (title, code, dates in the Gregorian calendar and, for
Afghan holders, in the Solar Hijri calendar too, site, hours, modules), the signatories,
and the serial, short code and QR code by which the certificate is checked.

Speed matters, as a coordinator prints a whole course (up to a thousand pages) at once:
fixed headings are shaped once per process (`text.py` caches layouts), signature images are
read once per run, and the QR code is drawn as one path of rectangles rather than as a
ReportLab widget, which costs about five times as much.
"""

import io
import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from trainingdesk.domain.calendars import GREGORIAN_MONTHS, format_solar_hijri
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports.fonts import LATIN, register_fonts
from trainingdesk.reports.text import (
    Align,
    Hand,
    TextStyle,
    draw_text,
    fit_size,
    hand_for_language,
    text_width,
)

PROGRAMME = "Afghanistan–Pakistan Border Cooperation Programme"
TITLE = "Certificate of Completion"
# Title in the holder's language, by primary language subtag.
LOCAL_TITLES = {
    "prs": "تصدیق‌نامهٔ ختم دوره",
    "fa": "تصدیق‌نامهٔ ختم دوره",
    "ps": "د دورې د بشپړولو سند",
    "ur": "سرٹیفکیٹ برائے تکمیل",
}

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
_CENTRE = PAGE_WIDTH / 2
_OUTER_FRAME = 20.0
_INNER_FRAME = 27.0
_MARGIN = 60.0
_CONTENT_WIDTH = PAGE_WIDTH - 2 * _MARGIN
_NAME_WIDTH = _CONTENT_WIDTH - 60
_QR_SIZE = 84.0  # quiet zone included
_QR_QUIET_MODULES = 4
_MODULE_LINES = 8
_MODULE_COLUMN_WIDTH = 300.0
_MODULE_GAP = 24.0
_MODULE_LEADING = 12.0
_SIGNATURE_LINE_WIDTH = 150.0
_SIGNATURE_HEIGHT = 34.0
# The signatories share the band between the serial (left) and the QR code (right).
_SIGNATORY_LEFT = _MARGIN + 150
_SIGNATORY_RIGHT = PAGE_WIDTH - _MARGIN - _QR_SIZE - 20
_MAX_SIGNATORIES = 3

_INK = Color(0.1, 0.1, 0.12)
_GREY = Color(0.38, 0.38, 0.42)
_NAVY = Color(0.09, 0.2, 0.36)
_GOLD = Color(0.69, 0.55, 0.2)
_PAPER_TINT = Color(0.985, 0.978, 0.955)

_PROGRAMME_STYLE = TextStyle(12.0, bold=True)
_TITLE_STYLE = TextStyle(30.0, bold=True)
_INTRO = TextStyle(11.0)
_LATIN_NAME = TextStyle(30.0, bold=True)
# Nastaliq reads larger than Naskh at one size, and climbs and dips further.
_NASKH_NAME = TextStyle(28.0, bold=True)
_NASTALIQ_NAME = TextStyle(24.0, hand=Hand.NASTALIQ)
_NASKH_TITLE = TextStyle(21.0, bold=True)
_NASTALIQ_TITLE = TextStyle(19.0, hand=Hand.NASTALIQ)
_RANK = TextStyle(12.5)
_EXERCISE = TextStyle(16.0, bold=True)
_DETAILS = TextStyle(10.5)
_MODULES_HEADING = TextStyle(8.5, bold=True)
_MODULE = TextStyle(8.5)
_SIGNATORY_NAME = TextStyle(9.5, bold=True)
_SIGNATORY_TITLE = TextStyle(8.0)
_CORNER_LABEL = TextStyle(7.5)
_CORNER_VALUE = TextStyle(9.0, bold=True)
_MIN_SIZE = 6.0


Progress = Callable[[int], None]


def write_certificates(
    pages: Sequence[CertificatePage],
    out: Path | BinaryIO,
    *,
    progress: Progress | None = None,
) -> None:
    """Write one A4 landscape page per certificate into one PDF (a path or a binary stream).

    `progress(n)` is called after the n-th page; an exception raised by it cancels the
    job before anything is written.
    """
    register_fonts()
    images = _Images()
    canvas = _new_canvas(out, "Certificates of completion")
    for number, page in enumerate(pages, start=1):
        _draw_page(canvas, page, images)
        canvas.showPage()
        if progress is not None:
            progress(number)
    canvas.save()


def write_certificate_files(
    pages: Sequence[CertificatePage], folder: Path, *, progress: Progress | None = None
) -> list[Path]:
    """Write one PDF per certificate into `folder`, named `SERIAL.pdf`; returns the paths."""
    for page in pages:
        if not page.serial or Path(page.serial).name != page.serial or page.serial in (".", ".."):
            raise ValueError(f"serial {page.serial!r} cannot name a file")
    register_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    images = _Images()
    paths: list[Path] = []
    for number, page in enumerate(pages, start=1):
        path = folder / f"{page.serial}.pdf"
        canvas = _new_canvas(path, f"Certificate {page.serial}")
        _draw_page(canvas, page, images)
        canvas.showPage()
        canvas.save()
        paths.append(path)
        if progress is not None:
            progress(number)
    return paths


class _Images:
    """The images of one run, each decoded once; one that cannot be read is left out."""

    def __init__(self) -> None:
        self._readers: dict[bytes, ImageReader | None] = {}

    def get(self, data: bytes) -> ImageReader | None:
        """The image in `data`, or None when there is none or it is not an image."""
        if data not in self._readers:
            reader: ImageReader | None = None
            if data:
                try:
                    reader = ImageReader(io.BytesIO(data))
                    # Decoded now, so that each page only compares the pixels.
                    reader.getRGBData()
                except (OSError, ValueError):
                    reader = None
            self._readers[data] = reader
        return self._readers[data]


def _new_canvas(out: Path | BinaryIO, title: str) -> Canvas:
    target = str(out) if isinstance(out, Path) else out
    # A Noto face as the initial font keeps an unembedded Helvetica out of the file.
    canvas = Canvas(
        target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=1,
        initialFontName=LATIN,
    )
    canvas.setTitle(title)
    canvas.setAuthor("TrainingDesk")
    canvas.setSubject(PROGRAMME)
    return canvas


def _draw_page(canvas: Canvas, page: CertificatePage, images: "_Images") -> None:
    """Everything one certificate shows."""
    _draw_frame(canvas)
    hand = hand_for_language(page.local_language)
    top = PAGE_HEIGHT - _INNER_FRAME

    canvas.setFillColor(_GREY)
    draw_text(canvas, _CENTRE, top - 36, PROGRAMME, _PROGRAMME_STYLE, align="centre")
    canvas.setFillColor(_NAVY)
    draw_text(canvas, _CENTRE, top - 72, TITLE, _TITLE_STYLE, align="centre")
    local_title = _NASTALIQ_TITLE if hand is Hand.NASTALIQ else _NASKH_TITLE
    draw_text(canvas, _CENTRE, top - 118, _local_title(page), local_title, align="centre")

    canvas.setFillColor(_GREY)
    draw_text(canvas, _CENTRE, top - 156, "This is to certify that", _INTRO, align="centre")
    canvas.setFillColor(_INK)
    _draw_fitted(canvas, _CENTRE, top - 192, page.holder_name, _LATIN_NAME, _NAME_WIDTH)
    native = _NASTALIQ_NAME if hand is Hand.NASTALIQ else _NASKH_NAME
    _draw_fitted(canvas, _CENTRE, top - 236, page.holder_native_name, native, _NAME_WIDTH)
    rank_agency = " · ".join(part for part in (page.rank, page.agency_name) if part)
    canvas.setFillColor(_GREY)
    _draw_fitted(canvas, _CENTRE, top - 264, rank_agency, _RANK, _CONTENT_WIDTH)

    draw_text(canvas, _CENTRE, top - 290, "has completed", _INTRO, align="centre")
    canvas.setFillColor(_NAVY)
    _draw_fitted(canvas, _CENTRE, top - 312, page.exercise_title, _EXERCISE, _CONTENT_WIDTH)
    canvas.setFillColor(_INK)
    details = [page.exercise_code, _date_range(page.start_date, page.end_date)]
    details += [part for part in (page.site_name, _hours(page.hours)) if part]
    baseline = top - 332
    _draw_fitted(canvas, _CENTRE, baseline, " · ".join(details), _DETAILS, _CONTENT_WIDTH)
    if page.country is Country.AF:
        baseline -= 14
        solar = "Solar Hijri: " + _solar_range(page.start_date, page.end_date)
        _draw_fitted(canvas, _CENTRE, baseline, solar, _DETAILS, _CONTENT_WIDTH)
    _draw_modules(canvas, baseline - 22, page.modules)

    _draw_signatories(canvas, page.signatories, images)
    _draw_references(canvas, page)
    qr_x, qr_y = PAGE_WIDTH - _MARGIN - _QR_SIZE, _INNER_FRAME + 14
    draw_qr(canvas, qr_x, qr_y, _QR_SIZE, page.qr_text)
    _hide_code_text(canvas, qr_x, qr_y, page.qr_text)


def _hide_code_text(canvas: Canvas, x: float, y: float, text: str) -> None:
    """The QR code's text, invisible beneath it, for `certificates verify FILE.pdf`."""
    # Read back from the PDF with no QR decoder, as scanned-and-recognised PDFs carry text.
    hidden = canvas.beginText(x, y)
    hidden.setTextRenderMode(3)  # neither filled nor stroked: present, not seen
    hidden.setFont(LATIN, 1)
    hidden.textLine(text)
    canvas.drawText(hidden)


def _draw_frame(canvas: Canvas) -> None:
    """A tinted sheet inside a thick navy border and a thin gold line, with corner marks."""
    canvas.setFillColor(_PAPER_TINT)
    canvas.setStrokeColor(_NAVY)
    canvas.setLineWidth(3.0)
    inset = _OUTER_FRAME
    canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset, stroke=1, fill=1)
    canvas.setStrokeColor(_GOLD)
    canvas.setLineWidth(0.9)
    inset = _INNER_FRAME
    canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset, stroke=1, fill=0)
    canvas.setFillColor(_GOLD)
    mark = 6.0
    for x in (inset, PAGE_WIDTH - inset):
        for y in (inset, PAGE_HEIGHT - inset):
            canvas.rect(x - mark / 2, y - mark / 2, mark, mark, stroke=0, fill=1)
    # A short rule under the titles, as on printed certificates.
    canvas.setLineWidth(1.2)
    rule_y = PAGE_HEIGHT - _INNER_FRAME - 136
    canvas.line(_CENTRE - 90, rule_y, _CENTRE + 90, rule_y)


def _local_title(page: CertificatePage) -> str:
    """The title in Dari, Pashto or Urdu; by country when the language is unknown."""
    primary = page.local_language.lower().replace("_", "-").split("-")[0]
    fallback = "ur" if page.country is Country.PK else "prs"
    return LOCAL_TITLES.get(primary, LOCAL_TITLES[fallback])


def _long_date(day: date) -> str:
    """`12 October 2025`."""
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}"


def _date_range(start: date, end: date) -> str:
    """`12–16 October 2025`, `28 September – 2 October 2025`, or one day."""
    if start == end:
        return _long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {GREGORIAN_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {GREGORIAN_MONTHS[start.month - 1]} – {_long_date(end)}"
    return f"{_long_date(start)} – {_long_date(end)}"


def _solar_range(start: date, end: date) -> str:
    """Both dates in the Solar Hijri calendar, written out in full."""
    if start == end:
        return format_solar_hijri(start)
    return f"{format_solar_hijri(start)} – {format_solar_hijri(end)}"


def _hours(hours: float) -> str:
    """`30 hours`, `7.5 hours`, `1 hour`; nothing for no hours."""
    if hours <= 0:
        return ""
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def _draw_modules(canvas: Canvas, top: float, modules: Sequence[str]) -> None:
    """Up to eight module titles: one centred column up to four, else two columns."""
    if not modules:
        return
    lines = [f"• {title}" for title in modules[:_MODULE_LINES]]
    if len(modules) > _MODULE_LINES:
        lines[-1] = f"… and {len(modules) - _MODULE_LINES + 1} more"
    canvas.setFillColor(_GREY)
    draw_text(canvas, _CENTRE, top, "MODULES", _MODULES_HEADING, align="centre")
    canvas.setFillColor(_INK)
    first = top - _MODULE_LEADING - 2
    if len(lines) <= _MODULE_LINES // 2:
        for row, line in enumerate(lines):
            baseline = first - row * _MODULE_LEADING
            _draw_clipped(canvas, _CENTRE, baseline, line, 2 * _MODULE_COLUMN_WIDTH, "centre")
        return
    rows = math.ceil(len(lines) / 2)
    left = _CENTRE - _MODULE_GAP / 2 - _MODULE_COLUMN_WIDTH
    for index, line in enumerate(lines):
        column, row = divmod(index, rows)
        x = left + column * (_MODULE_COLUMN_WIDTH + _MODULE_GAP)
        _draw_clipped(canvas, x, first - row * _MODULE_LEADING, line, _MODULE_COLUMN_WIDTH)


def _draw_clipped(
    canvas: Canvas, x: float, y: float, text: str, width: float, align: Align = "left"
) -> None:
    """A module line: shrunk a little, then cut with an ellipsis (a title, not a name)."""
    style = _MODULE.resized(fit_size(text, _MODULE, width, min_size=7.0))
    if text_width(text, style) > width:
        while len(text) > 1 and text_width(text + "…", style) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    draw_text(canvas, x, y, text, style, align=align)


def _draw_signatories(canvas: Canvas, signatories: Sequence[Signatory], images: "_Images") -> None:
    """Up to three signatories side by side: signature (or a line to sign on), name, title."""
    shown = signatories[:_MAX_SIGNATORIES]
    if not shown:
        return
    slot = (_SIGNATORY_RIGHT - _SIGNATORY_LEFT) / len(shown)
    width = min(_SIGNATURE_LINE_WIDTH, slot - 16)
    line_y = _INNER_FRAME + 62
    canvas.setStrokeColor(_INK)
    canvas.setLineWidth(0.6)
    for index, signatory in enumerate(shown):
        centre = _SIGNATORY_LEFT + slot * (index + 0.5)
        image = images.get(signatory.signature_image)
        if image is not None:
            canvas.drawImage(
                image,
                centre - width / 2,
                line_y + 2,
                width,
                _SIGNATURE_HEIGHT,
                mask="auto",
                preserveAspectRatio=True,
                anchor="s",
            )
        canvas.line(centre - width / 2, line_y, centre + width / 2, line_y)
        canvas.setFillColor(_INK)
        _draw_fitted(canvas, centre, line_y - 13, signatory.name, _SIGNATORY_NAME, width + 10)
        canvas.setFillColor(_GREY)
        _draw_fitted(canvas, centre, line_y - 24, signatory.title, _SIGNATORY_TITLE, width + 10)


def _draw_references(canvas: Canvas, page: CertificatePage) -> None:
    """Bottom left: serial, short code and issue date, by which the certificate is checked."""
    x = _MARGIN - 14
    width = _SIGNATORY_LEFT - x - 12
    issued = _long_date(page.issue_date)
    if page.country is Country.AF:
        issued += f" ({format_solar_hijri(page.issue_date)})"
    rows = (("Serial", page.serial), ("Verification code", page.short_code), ("Issued", issued))
    baseline = _INNER_FRAME + 82
    for label, value in rows:
        canvas.setFillColor(_GREY)
        draw_text(canvas, x, baseline, label, _CORNER_LABEL)
        canvas.setFillColor(_INK)
        style = _CORNER_VALUE.resized(fit_size(value, _CORNER_VALUE, width, min_size=0.0))
        draw_text(canvas, x, baseline - 10, value, style)
        baseline -= 24


def _draw_fitted(
    canvas: Canvas, x: float, y: float, text: str, style: TextStyle, width: float
) -> None:
    """Centred at `x`, shrunk to `width` so that it never overflows; names are never cut."""
    if text:
        draw_text(
            canvas,
            x,
            y,
            text,
            style.resized(fit_size(text, style, width, min_size=0.0)),
            align="centre",
        )


def qr_modules(text: str) -> list[list[bool]]:
    """The module matrix of `text` as a QR code with error correction level M."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return [list(row) for row in code.modules]


def draw_qr(canvas: Canvas, x: float, y: float, size: float, text: str) -> None:
    """A QR code of `text` in a `size`-point square (quiet zone included), as one path.

    Each horizontal run of dark modules is one rectangle: a fraction of the path operators
    one rectangle per module would need.
    """
    modules = qr_modules(text)
    count = len(modules)
    module = size / (count + 2 * _QR_QUIET_MODULES)
    canvas.setFillColor(Color(1, 1, 1))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    origin_x = x + _QR_QUIET_MODULES * module
    top = y + size - _QR_QUIET_MODULES * module
    path = canvas.beginPath()
    for row, dark in enumerate(modules):
        bottom = top - (row + 1) * module
        col = 0
        while col < count:
            if not dark[col]:
                col += 1
                continue
            start = col
            while col < count and dark[col]:
                col += 1
            path.rect(origin_x + start * module, bottom, (col - start) * module, module)
    canvas.setFillColor(Color(0, 0, 0))
    canvas.drawPath(path, fill=1, stroke=0)
