"""The pages of the donor summary: the document with its cover and body templates, running
header, "Page N of M", bookmarked headings, and how dates and the scope are worded.
"""

import io
import itertools
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import _FrameBreak

from trainingdesk.domain.calendars import GREGORIAN_MONTHS, long_date
from trainingdesk.domain.donor import DonorReport, ReportScope
from trainingdesk.domain.suppression import COMPLEMENTARY_MARK, WITHHELD_MARK, primary_mark
from trainingdesk.reports.certificate import PROGRAMME
from trainingdesk.reports.donor_tables import GOLD, GREY, INK, NAVY, paragraph_style
from trainingdesk.reports.fonts import LATIN, LATIN_BOLD

TITLE = "Donor summary report"
MARGIN = 50.0
_TOP_SPACE = 66.0  # holds the running header
_BOTTOM_SPACE = 54.0  # holds the footer
_FOOTER_BASELINE = _BOTTOM_SPACE - 30
_PAGE_NUMBER_WIDTH = 120.0
_BODY_FORM = "bodyHeaderFooter"
# A heading starts a table taller than a page where it stands when this much room is left.
_ROOM_TO_START = 120.0
H1 = paragraph_style("donor-h1", 15.0, bold=True, textColor=NAVY, spaceAfter=8, keepWithNext=1)
H2 = paragraph_style(
    "donor-h2", 11.0, bold=True, textColor=NAVY, spaceBefore=14, spaceAfter=5, keepWithNext=1
)


class NumberedCanvas(Canvas):
    """A canvas that writes "Page N of M" on pages drawn before M is known.

    Each page draws a form of its own, which the canvas fills in once the last page is done.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._numbered: list[int] = []

    def draw_page_number(self, right: float, baseline: float) -> None:
        """Draw "Page N of M" ending at `right`."""
        page = self.getPageNumber()
        self._numbered.append(page)
        self.saveState()
        self.translate(right - _PAGE_NUMBER_WIDTH, baseline)
        self.doForm(f"pageNumber{page}")
        self.restoreState()

    def save(self) -> None:
        """Fill in the page numbers, then write the file."""
        pages = self.getPageNumber() - 1
        for page in self._numbered:
            self.beginForm(f"pageNumber{page}", 0, -3, _PAGE_NUMBER_WIDTH, 10)
            self.setFont(LATIN, 7.5)
            self.setFillColor(GREY)
            self.drawRightString(_PAGE_NUMBER_WIDTH, 0, f"Page {page} of {pages}")
            self.endForm()
        # Streams are left binary, as PDF allows, rather than also ASCII85-encoded, which
        # makes them a fifth larger and, in ReportLab's pure-Python encoder, takes a sixth
        # of the time a year's hundred pages take. The setting is ReportLab's, for the whole
        # process, and read while saving only: another document saved at the same moment
        # comes out valid either way.
        a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            super().save()
        finally:
            rl_config.useA85 = a85


class _KeepWithStart(KeepTogether):
    """A heading kept with what follows: all of it if it fits a page, else its first lines.

    ReportLab's own moves a table taller than a page to the next page even when there is
    room to start it on this one, leaving most of a page blank.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The flowables to lay out instead, without a page break if the group may start here."""
        parts: list[Flowable] = super().split(available_width, available_height)
        frame = getattr(self, "_frame", None)
        if (
            parts
            and isinstance(parts[0], _FrameBreak)
            and frame is not None
            and frame._height < self._H
            and available_height > _ROOM_TO_START
        ):
            return parts[1:]
        return parts


class DonorDocument(BaseDocTemplate):
    """A cover template without running header, and a body template with one."""

    def __init__(
        self, target: str | BinaryIO, report: DonorReport, page_size: tuple[float, float]
    ) -> None:
        self._report = report
        self._period = period_text(report.scope)
        super().__init__(
            target,
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=_TOP_SPACE,
            bottomMargin=_BOTTOM_SPACE,
            title=f"{TITLE}: {report.project_name}, {self._period}",
            author="TrainingDesk",
            subject=f"{PROGRAMME}: results for {report.donor}",
            creator="TrainingDesk",
            keywords=["donor report", report.project_name, report.donor],
            invariant=1,
            pageCompression=1,
            keepTogetherClass=_KeepWithStart,
            # A Noto face as the initial font keeps an unembedded Helvetica out of the file.
            initialFontName=LATIN,
        )
        cover_height = page_size[1] - MARGIN - _BOTTOM_SPACE
        self.addPageTemplates(
            [
                PageTemplate("cover", [self._frame(cover_height)], onPage=self._decorate_cover),
                PageTemplate("body", [self._frame(self.height)], onPage=self._decorate_body),
            ]
        )

    def _frame(self, height: float) -> Frame:
        return Frame(
            MARGIN,
            _BOTTOM_SPACE,
            self.width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def _decorate_cover(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """A band across the top, in the colours of the certificates, and the page number."""
        page_width, page_height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, page_height - 14, page_width, 14, stroke=0, fill=1)
        canvas.setFillColor(GOLD)
        canvas.rect(0, page_height - 17, page_width, 3, stroke=0, fill=1)
        canvas.restoreState()
        canvas.showOutline()
        canvas.draw_page_number(page_width - MARGIN, _FOOTER_BASELINE)

    def _decorate_body(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """Running header (programme, project, period); footer (date, page N of M).

        All but the page number is the same on every page: drawn once, as a form that each
        page shows.
        """
        if not canvas.hasForm(_BODY_FORM):
            canvas.beginForm(_BODY_FORM)
            self._draw_header_and_footer(canvas)
            canvas.endForm()
        canvas.doForm(_BODY_FORM)
        canvas.draw_page_number(self.pagesize[0] - MARGIN, _FOOTER_BASELINE)

    def _draw_header_and_footer(self, canvas: Canvas) -> None:
        page_width, page_height = self.pagesize
        left, right = MARGIN, page_width - MARGIN
        width = right - left
        top = page_height - 30
        canvas.saveState()
        canvas.setFillColor(NAVY)
        _draw_line(canvas, left, top, PROGRAMME, LATIN_BOLD, width * 0.7)
        canvas.setFillColor(GREY)
        _draw_line(canvas, right, top, TITLE, LATIN, width * 0.28, right_aligned=True)
        period_width = min(stringWidth(self._period, LATIN, 8.0), width * 0.45)
        canvas.setFillColor(INK)
        project = self._report.project_name
        _draw_line(canvas, left, top - 12, project, LATIN, width - period_width - 16)
        _draw_line(canvas, right, top - 12, self._period, LATIN, period_width, right_aligned=True)
        canvas.setStrokeColor(GOLD)
        canvas.setLineWidth(1.0)
        canvas.line(left, top - 19, right, top - 19)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(left, _BOTTOM_SPACE - 18, right, _BOTTOM_SPACE - 18)
        canvas.setFillColor(GREY)
        generated = (
            f"Generated on {long_date(self._report.generated_on)} by TrainingDesk · "
            "aggregated figures, no personal data"
        )
        footer_width = width - _PAGE_NUMBER_WIDTH
        _draw_line(canvas, left, _FOOTER_BASELINE, generated, LATIN, footer_width, size=7.5)
        canvas.restoreState()


def _draw_line(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    width: float,
    *,
    size: float = 8.0,
    right_aligned: bool = False,
) -> None:
    """One line of header or footer, cut short with an ellipsis when wider than `width`."""
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    canvas.setFont(font, size)
    if right_aligned:
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)


class _Heading(Paragraph):
    """A heading that is also an entry of the PDF outline."""

    def __init__(
        self, text: str, style: ParagraphStyle, *, outline: str, key: str, level: int
    ) -> None:
        super().__init__(escape(text), style)
        self._outline = (outline, key, level)

    def draw(self) -> None:
        """Bookmark where the heading stands, then draw it."""
        title, key, level = self._outline
        self.canv.bookmarkHorizontal(key, 0, self.height + 6)
        self.canv.addOutlineEntry(title, key, level=level)
        super().draw()


class Sections:
    """The headings of one document, each with a bookmark of its own."""

    def __init__(self) -> None:
        self._numbers: Iterator[int] = itertools.count(1)

    def heading(
        self,
        text: str,
        *,
        level: int = 0,
        outline: str | None = None,
        style: ParagraphStyle | None = None,
    ) -> _Heading:
        """A section (level 0) or subsection (level 1) heading."""
        chosen = style or (H1 if level == 0 else H2)
        key = f"section-{next(self._numbers)}"
        return _Heading(text, chosen, outline=outline or text, key=key, level=level)


def short_date(day: date) -> str:
    """`1 Apr 2025`."""
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1][:3]} {day.year}"


def date_span(start: date, end: date) -> str:
    """`3–7 Mar 2025`, `28 Feb – 3 Mar 2025`, or `12 Mar 2025` for one day."""
    if start == end:
        return short_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{short_date(end)}"
    if start.year == end.year:
        return f"{start.day} {GREGORIAN_MONTHS[start.month - 1][:3]} – {short_date(end)}"
    return f"{short_date(start)} – {short_date(end)}"


def period_name(scope: ReportScope) -> str | None:
    """`Fiscal year 2025–26` (Canadian: April to March) or `Calendar year 2025`, else None."""
    start, end = scope.start, scope.end
    if (start.month, start.day) == (4, 1) and end == date(start.year + 1, 3, 31):
        return f"Fiscal year {start.year}–{(start.year + 1) % 100:02d}"
    if (start.month, start.day) == (1, 1) and end == date(start.year, 12, 31):
        return f"Calendar year {start.year}"
    return None


def period_text(scope: ReportScope) -> str:
    """`1 April 2025 – 31 March 2026 (fiscal year 2025–26)`."""
    dates = f"{long_date(scope.start)} – {long_date(scope.end)}"
    name = period_name(scope)
    return f"{dates} ({name[0].lower()}{name[1:]})" if name else dates


def scope_filters(scope: ReportScope) -> list[tuple[str, str]]:
    """The filters of the scope as (what, value), "All …" where none applies."""
    kind = scope.exercise_type
    return [
        ("Project", scope.project_code or "All projects"),
        ("Key area", scope.key_area.label if scope.key_area else "All key areas"),
        ("Site", scope.site_code or "All sites"),
        ("Exercise type", kind.value.replace("_", " ").capitalize() if kind else "All types"),
    ]


def suppression_text(scope: ReportScope) -> str:
    """The small-cell rule, as the summary and the methodology state it."""
    if scope.min_cell <= 1:  # as the suppression rule has it: 0 or 1 hides nothing
        return (
            "Suppression: no suppression (internal use). Counts are shown however small; "
            "this report must not leave the programme."
        )
    return (
        f"Suppression: counts of fewer than {scope.min_cell} people are shown as "
        f"“{primary_mark(scope.min_cell)}”, and further cells are hidden with them as "
        f"“{COMPLEMENTARY_MARK}”, so that no hidden count can be worked out by subtracting "
        f"the others from a total; figures that even this cannot protect are withheld as "
        f"“{WITHHELD_MARK}”."
    )


def logo_row(
    logos: Sequence[bytes], width: float, *, height: float, box_width: float, gap: float = 12.0
) -> Table | None:
    """The logos side by side in boxes `height` high that share `width` (each at most
    `box_width`), each keeping its shape; None when none is an image."""
    readable: list[tuple[bytes, float, float]] = []
    for data in logos:
        try:
            reader = ImageReader(io.BytesIO(data))
            reader.getRGBData()  # decodes it all: a truncated file fails here, not mid-build
        except (OSError, ValueError):
            continue
        readable.append((data, *reader.getSize()))
    if not readable:
        return None
    box = min(box_width, width / len(readable) - gap)
    images = []
    for data, pixel_width, pixel_height in readable:
        scale = min(box / pixel_width, height / pixel_height)
        images.append(Image(io.BytesIO(data), pixel_width * scale, pixel_height * scale))
    row = Table([images], colWidths=[box + gap] * len(images), hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                # Tables set an unembedded Helvetica for cells that are not flowables.
                ("FONTNAME", (0, 0), (-1, -1), LATIN),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return row
