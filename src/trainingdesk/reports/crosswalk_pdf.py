"""The crosswalk PDF for the harmonisation working group: the Afghan, joint and Pakistani
curricula side by side, how much of the joint curriculum each side covers, and the gaps.

Landscape pages, in order: the title block (curricula shown, date) and the three-column
comparison, one row per joint module with the national modules mapped to it on either
side; the coverage summary; the gaps of each side. Every page has a running header and
"Page N of M"; every section is an entry of the PDF outline. Module titles are bilingual:
their Dari, Pashto and Urdu titles are shaped as on the certificates (Naskh for the
Afghan and joint columns, Nastaliq for the Pakistani one) and read back as typed.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
)

from trainingdesk.domain.calendars import long_date
from trainingdesk.domain.crosswalk import Crosswalk, CurriculumHeading
from trainingdesk.reports.certificate import PROGRAMME
from trainingdesk.reports.crosswalk_sections import comparison, coverage, gaps
from trainingdesk.reports.crosswalk_table import Cell, Text, shaped_table
from trainingdesk.reports.donor_pages import NumberedCanvas, Sections, logo_row
from trainingdesk.reports.donor_tables import GOLD, GREY, INK, NAVY, paragraph_style
from trainingdesk.reports.fonts import LATIN, register_fonts
from trainingdesk.reports.text import Align, TextStyle, draw_text, text_width

TITLE = "Curriculum crosswalk"
_MARGIN = 36.0
_TOP_SPACE = 58.0  # holds the running header
_BOTTOM_SPACE = 40.0  # holds the footer
_FOOTER_BASELINE = _BOTTOM_SPACE - 22
_PAGE_NUMBER_WIDTH = 120.0
_HEADER_FORM = "crosswalkHeaderFooter"
_LOGO_HEIGHT = 40.0
_LOGO_WIDTH = 140.0
_LOGO_GAP = 12.0
# A section heading needs this much room under it, or it starts on the next page.
_ROOM_FOR_SECTION = 140.0
_FACTS_LABEL_WIDTH = 150.0

_RUNNING = TextStyle(8.0)
_RUNNING_BOLD = TextStyle(8.0, bold=True)
_FACT = TextStyle(8.5)
_FACT_LABEL = TextStyle(8.5, bold=True)
_TITLE = paragraph_style("crosswalk-title", 22.0, bold=True, textColor=NAVY, spaceAfter=2)


def write_crosswalk_pdf(
    crosswalk: Crosswalk,
    out: BinaryIO | Path,
    *,
    page_size: tuple[float, float] = A4,
    logos: Sequence[bytes] = (),
    generated_on: date | None = None,
) -> None:
    """Write the crosswalk as a landscape PDF of `page_size` to a path or a binary stream.

    `logos` are PNG or JPEG files shown above the title; anything that is not an image is
    left out. `generated_on` (by default today) is the date the pages say they were made.
    """
    register_fonts()
    made = generated_on or date.today()
    document = _CrosswalkDocument(
        str(out) if isinstance(out, Path) else out, crosswalk, landscape(page_size), made
    )
    sections = Sections()
    width, height = document.width, document.height
    story: list[Flowable] = [
        *_logo_row(logos, width),
        *_title_block(crosswalk, made, sections, width, height),
        *comparison(crosswalk, sections, width, height),
        CondPageBreak(_ROOM_FOR_SECTION),
        *coverage(crosswalk, sections, width),
        CondPageBreak(_ROOM_FOR_SECTION),
        *gaps(crosswalk, sections, width, height),
    ]
    document.build(story, canvasmaker=NumberedCanvas)


class _CrosswalkDocument(BaseDocTemplate):
    """One page template: the frame, a running header and a footer with the page number."""

    def __init__(
        self,
        target: str | BinaryIO,
        crosswalk: Crosswalk,
        page_size: tuple[float, float],
        generated_on: date,
    ) -> None:
        self._crosswalk = crosswalk
        self._generated_on = generated_on
        joint = crosswalk.joint
        super().__init__(
            target,
            pagesize=page_size,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_TOP_SPACE,
            bottomMargin=_BOTTOM_SPACE,
            title=f"{TITLE}: {joint.code} version {joint.version}",
            author="TrainingDesk",
            subject=f"{PROGRAMME}: {joint.title}",
            creator="TrainingDesk",
            keywords=["curriculum crosswalk", joint.code],
            invariant=1,
            pageCompression=1,
            # A Noto face as the initial font keeps an unembedded Helvetica out of the file.
            initialFontName=LATIN,
        )
        frame = Frame(
            _MARGIN,
            _BOTTOM_SPACE,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("body", [frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """The header and footer, the same on every page, drawn once as a form."""
        if not canvas.hasForm(_HEADER_FORM):
            canvas.beginForm(_HEADER_FORM)
            self._draw_header_and_footer(canvas)
            canvas.endForm()
        canvas.doForm(_HEADER_FORM)
        canvas.showOutline()
        canvas.draw_page_number(self.pagesize[0] - _MARGIN, _FOOTER_BASELINE)

    def _draw_header_and_footer(self, canvas: Canvas) -> None:
        page_width, page_height = self.pagesize
        left, right = _MARGIN, page_width - _MARGIN
        width = right - left
        top = page_height - 26
        joint = self._crosswalk.joint
        canvas.saveState()
        canvas.setFillColor(NAVY)
        _draw_clipped(canvas, left, top, PROGRAMME, _RUNNING_BOLD, width * 0.65)
        canvas.setFillColor(GREY)
        _draw_clipped(canvas, right, top, TITLE, _RUNNING, width * 0.3, align="right")
        status = f"Status: {joint.status.value}"
        status_width = text_width(status, _RUNNING)
        canvas.setFillColor(INK)
        curriculum = f"{joint.code} version {joint.version} · {joint.title}"
        _draw_clipped(canvas, left, top - 12, curriculum, _RUNNING, width - status_width - 16)
        _draw_clipped(canvas, right, top - 12, status, _RUNNING, status_width, align="right")
        canvas.setStrokeColor(GOLD)
        canvas.setLineWidth(1.0)
        canvas.line(left, top - 19, right, top - 19)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(left, _BOTTOM_SPACE - 12, right, _BOTTOM_SPACE - 12)
        canvas.setFillColor(GREY)
        generated = f"Generated on {long_date(self._generated_on)} by TrainingDesk"
        style = _RUNNING.resized(7.5)
        _draw_clipped(canvas, left, _FOOTER_BASELINE, generated, style, width - _PAGE_NUMBER_WIDTH)
        canvas.restoreState()


def _draw_clipped(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    style: TextStyle,
    width: float,
    *,
    align: Align = "left",
) -> None:
    """One line of the header or footer, cut short with an ellipsis when wider than `width`."""
    if text_width(text, style) > width:
        while len(text) > 1 and text_width(text + "…", style) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    draw_text(canvas, x, y, text, style, align=align)


# --- Title block ------------------------------------------------------------------------


def _logo_row(logos: Sequence[bytes], width: float) -> list[Flowable]:
    """The logos in a row, and room under them; nothing if none is an image."""
    row = logo_row(logos, width, height=_LOGO_HEIGHT, box_width=_LOGO_WIDTH, gap=_LOGO_GAP)
    return [] if row is None else [row, Spacer(0, 8)]


def _title_block(
    crosswalk: Crosswalk, made: date, sections: Sections, width: float, height: float
) -> list[Flowable]:
    """Title, the joint curriculum, the national curricula shown and the date."""
    joint = crosswalk.joint
    facts = [
        ("Joint curriculum", [_heading_line(joint)]),
        ("Afghan national curricula", [_heading_line(h) for h in crosswalk.afghan]),
        ("Pakistani national curricula", [_heading_line(h) for h in crosswalk.pakistani]),
        ("Generated on", [long_date(made)]),
    ]
    rows = [
        [
            Cell((Text(what, _FACT_LABEL, colour=GREY),)),
            Cell(tuple(Text(line, _FACT) for line in lines or ["none shown"])),
        ]
        for what, lines in facts
    ]
    widths = [_FACTS_LABEL_WIDTH, width - _FACTS_LABEL_WIDTH]
    return [
        sections.heading(TITLE, outline="Title", style=_TITLE),
        shaped_table(widths, rows, page_height=height, ruled=False),
        Spacer(0, 10),
    ]


def _heading_line(heading: CurriculumHeading) -> str:
    return f"{heading.code} version {heading.version} · {heading.title} ({heading.status.value})"
