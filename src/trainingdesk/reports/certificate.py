"""Certificates of completion: one A4 landscape page per person, in English and in Dari,
Pashto, Urdu or French.

Every page has the same frame and headings; what changes is the holder (Latin and native
name, rank, agency), the exercise (title, code, dates in the Gregorian calendar and, for
Afghan holders, in the Solar Hijri calendar too, site, hours, modules), the signatories,
and the serial, short code and QR code by which the certificate is checked. Up to three
logos flank the headings.

The second language gives the title under the English one. In Dari and Pashto it is set
in Naskh, in Urdu in Nastaliq, and the holder's native name in the same hand. In French
(the donor's language) the title is set in the Latin face and no line is in Arabic script
but the holder's own name: a name is not translated, so a native name in Arabic script is
still shown, in the hand of the holder's country (Nastaliq for Pakistanis, Naskh for
everyone else), as their identity papers write it.

Speed matters, as a coordinator prints a whole course (up to a thousand pages) at once:
fixed headings are shaped once per process (`text.py` caches layouts), font subsets are
built once per process (`fonts.py`), logos and signatures are decoded once per run, and the
QR code is drawn as one path of rectangles rather than as a ReportLab widget, which costs
about five times as much.
"""

import copy
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from trainingdesk.domain.calendars import GREGORIAN_MONTHS, format_solar_hijri, long_date
from trainingdesk.domain.certificates import MAX_LOGOS
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports.fonts import LATIN, register_fonts
from trainingdesk.reports.text import (
    Align,
    Hand,
    TextStyle,
    draw_hidden,
    draw_text,
    fit_size,
    hand_for_country,
    text_width,
)

PROGRAMME = "Afghanistan–Pakistan Border Cooperation Programme"
TITLE = "Certificate of Completion"
# Title in the second language, by primary language subtag ("fa" is what Dari is
# often tagged with).
LOCAL_TITLES = {
    "prs": "تصدیق‌نامهٔ ختم دوره",
    "fa": "تصدیق‌نامهٔ ختم دوره",
    "ps": "د دورې د بشپړولو سند",
    "ur": "سرٹیفکیٹ برائے تکمیل",
    "fr": "Certificat de fin de formation",
}
_LANGUAGE_NAMES = {"prs": "Dari", "ps": "Pashto", "ur": "Urdu", "fr": "French"}

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
# Logos flank the headings, in the band between the frame and the English title (which is
# about 380 points wide), a little away from both.
_LOGO_BAND_LEFT = _MARGIN - 14
_LOGO_BAND_WIDTH = 160.0
_LOGO_HEIGHT = 76.0
_LOGO_TOP = PAGE_HEIGHT - _INNER_FRAME - 12
_LOGO_GAP = 12.0

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
# Latin letters look larger than Arabic ones at one size; the title stays second to the English.
_LATIN_TITLE = TextStyle(19.0, bold=True)
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
    _check_languages(pages)
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
    _check_languages(pages)
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


def _check_languages(pages: Sequence[CertificatePage]) -> None:
    """Refuse, before anything is written, a page whose second language has no texts here."""
    for page in pages:
        if _primary_language(page) not in LOCAL_TITLES:
            known = ", ".join(f"{code} ({name})" for code, name in _LANGUAGE_NAMES.items())
            raise ValueError(
                f"certificate {page.serial}: language {page.local_language!r} is not one of {known}"
            )


def _primary_language(page: CertificatePage) -> str:
    """`ps` for `ps`, `ps-AF` or `PS_af`."""
    return page.local_language.lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True)
class _Local:
    """How a page sets its second language: the title, and the hand of the native name."""

    title: str
    title_style: TextStyle
    name_hand: Hand


def _local(page: CertificatePage) -> _Local:
    """How `page` sets its second language (checked by `_check_languages`)."""
    primary = _primary_language(page)
    if primary == "fr":
        return _Local(LOCAL_TITLES[primary], _LATIN_TITLE, hand_for_country(page.country))
    if primary == "ur":
        return _Local(LOCAL_TITLES[primary], _NASTALIQ_TITLE, Hand.NASTALIQ)
    return _Local(LOCAL_TITLES[primary], _NASKH_TITLE, Hand.NASKH)


@dataclass(frozen=True)
class _Image:
    """An image decoded and encoded for PDF once per run."""

    reader: ImageReader
    name: str  # what ReportLab's drawImage files the image under in a document
    xobject: pdfdoc.PDFImageXObject


class _Images:
    """The images of one run, each decoded once; one that cannot be read is left out."""

    def __init__(self) -> None:
        self._images: dict[bytes, _Image | None] = {}

    def get(self, data: bytes) -> _Image | None:
        """The image in `data`, or None when there is none or it is not an image."""
        if data not in self._images:
            image: _Image | None = None
            if data:
                try:
                    reader = ImageReader(io.BytesIO(data))
                    pixels = reader.getRGBData()
                except (OSError, ValueError):
                    pass
                else:
                    alpha = reader._dataA
                    # drawImage's own key for an ImageReader drawn with mask="auto".
                    name = _digester(pixels + (alpha.getRGBData() if alpha else b"auto"))
                    image = _Image(reader, name, pdfdoc.PDFImageXObject(name, reader, mask="auto"))
            self._images[data] = image
        return self._images[data]

    @staticmethod
    def draw(
        canvas: Canvas, image: _Image, box: tuple[float, float, float, float], anchor: str = "c"
    ) -> None:
        """`image` as large as `box` allows, its proportions kept."""
        # ReportLab compresses an image anew for every PDF it is drawn in: a course printed
        # one file per person would compress the same logos a thousand times. Each PDF gets
        # a copy of the image compressed once, under the name drawImage then finds it by.
        doc = canvas._doc
        registered = doc.getXObjectName(image.name)
        if registered not in doc.idToObject:
            xobject = copy.copy(image.xobject)
            canvas._setXObjects(xobject)
            doc.addForm(image.name, xobject)
            alpha = xobject.__dict__.pop("_smask", None)
            if alpha is not None:
                alpha = copy.copy(alpha)
                canvas._setXObjects(alpha)
                xobject.smask = doc.Reference(alpha, doc.getXObjectName(alpha.name))
        x, y, width, height = box
        canvas.drawImage(
            image.reader,
            x,
            y,
            width,
            height,
            mask="auto",
            preserveAspectRatio=True,
            anchor=anchor,
        )


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
    _draw_logos(canvas, page.logos, images)
    local = _local(page)
    top = PAGE_HEIGHT - _INNER_FRAME

    canvas.setFillColor(_GREY)
    draw_text(canvas, _CENTRE, top - 36, PROGRAMME, _PROGRAMME_STYLE, align="centre")
    canvas.setFillColor(_NAVY)
    draw_text(canvas, _CENTRE, top - 72, TITLE, _TITLE_STYLE, align="centre")
    draw_text(canvas, _CENTRE, top - 118, local.title, local.title_style, align="centre")

    canvas.setFillColor(_GREY)
    draw_text(canvas, _CENTRE, top - 156, "This is to certify that", _INTRO, align="centre")
    canvas.setFillColor(_INK)
    _draw_fitted(canvas, _CENTRE, top - 192, page.holder_name, _LATIN_NAME, _NAME_WIDTH)
    native = _NASTALIQ_NAME if local.name_hand is Hand.NASTALIQ else _NASKH_NAME
    _draw_fitted(canvas, _CENTRE, top - 236, page.holder_native_name, native, _NAME_WIDTH)
    rank_agency = " · ".join(part for part in (page.rank, page.agency_name) if part)
    canvas.setFillColor(_GREY)
    _draw_fitted(canvas, _CENTRE, top - 264, rank_agency, _RANK, _CONTENT_WIDTH)

    draw_text(canvas, _CENTRE, top - 290, "has completed", _INTRO, align="centre")
    canvas.setFillColor(_NAVY)
    _draw_fitted(canvas, _CENTRE, top - 312, page.exercise_title, _EXERCISE, _CONTENT_WIDTH)
    canvas.setFillColor(_INK)
    details = [page.exercise_code, date_range(page.start_date, page.end_date)]
    details += [part for part in (page.site_name, hours_text(page.hours)) if part]
    baseline = top - 332
    _draw_fitted(canvas, _CENTRE, baseline, " · ".join(details), _DETAILS, _CONTENT_WIDTH)
    if page.country is Country.AF:
        baseline -= 14
        solar = "Solar Hijri: " + solar_range(page.start_date, page.end_date)
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
    draw_hidden(canvas, x, y, text, LATIN, 1)


def logo_boxes(count: int) -> list[tuple[float, float, float, float]]:
    """Where `count` logos go, left to right, as (x, y, width, height) boxes.

    Logos flank the headings: one sits at the left like a letterhead's, two face each other
    across the title. Three share boxes of one size, so that none looks more important:
    two at the left, and one at the right mirroring the outermost at the left.
    """
    count = min(count, MAX_LOGOS)
    if count == 0:
        return []
    per_band = math.ceil(count / 2)
    width = (_LOGO_BAND_WIDTH - (per_band - 1) * _LOGO_GAP) / per_band
    lefts = [_LOGO_BAND_LEFT + slot * (width + _LOGO_GAP) for slot in range(per_band)]
    rights = [PAGE_WIDTH - left - width for left in lefts][: count - per_band]
    bottom = _LOGO_TOP - _LOGO_HEIGHT
    return [(x, bottom, width, _LOGO_HEIGHT) for x in lefts + rights[::-1]]


def _draw_logos(canvas: Canvas, logos: Sequence[bytes], images: "_Images") -> None:
    """Each logo as large as its box allows, its proportions kept; a non-image is left out."""
    readable = [image for image in map(images.get, logos[:MAX_LOGOS]) if image is not None]
    for image, box in zip(readable, logo_boxes(len(readable)), strict=True):
        images.draw(canvas, image, box)


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


def local_title(page: CertificatePage) -> str:
    """The title in the page's second language (Dari, Pashto, Urdu or French)."""
    return _local(page).title


def date_range(start: date, end: date) -> str:
    """`12–16 October 2025`, `28 September – 2 October 2025`, or one day."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {GREGORIAN_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {GREGORIAN_MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def solar_range(start: date, end: date) -> str:
    """Both dates in the Solar Hijri calendar, written out in full."""
    if start == end:
        return format_solar_hijri(start)
    return f"{format_solar_hijri(start)} – {format_solar_hijri(end)}"


def hours_text(hours: float) -> str:
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
            box = (centre - width / 2, line_y + 2, width, _SIGNATURE_HEIGHT)
            images.draw(canvas, image, box, anchor="s")
        canvas.line(centre - width / 2, line_y, centre + width / 2, line_y)
        canvas.setFillColor(_INK)
        _draw_fitted(canvas, centre, line_y - 13, signatory.name, _SIGNATORY_NAME, width + 10)
        canvas.setFillColor(_GREY)
        _draw_fitted(canvas, centre, line_y - 24, signatory.title, _SIGNATORY_TITLE, width + 10)


def _draw_references(canvas: Canvas, page: CertificatePage) -> None:
    """Bottom left: serial, short code and issue date, by which the certificate is checked."""
    x = _MARGIN - 14
    width = _SIGNATORY_LEFT - x - 12
    issued = long_date(page.issue_date)
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
