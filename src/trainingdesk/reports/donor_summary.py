"""The donor summary report: the figures of one reporting period as a PDF that names no one.

Pages, in order: a cover (programme, project, donor, period, filters, logos, date); a
one-page summary of the headline figures; the indicator tables; the charts; the exercises
of the period; the curriculum modules delivered; the methodology notes. Pages after the
cover carry a running header (programme, project, period); every page says "Page N of M";
every section is an entry of the PDF outline. Tables (`donor_tables.py`) and charts
(`donor_charts.py`) take their widths from the frame, so the same report fits A4 and US
Letter.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from trainingdesk.domain.calendars import long_date
from trainingdesk.domain.donor import DonorReport
from trainingdesk.reports.certificate import PROGRAMME
from trainingdesk.reports.donor_charts import (
    CHART_HEIGHT,
    country_sex_chart,
    country_sex_figures,
    marks_note,
    quarter_people_chart,
    quarter_sessions_chart,
)
from trainingdesk.reports.donor_pages import (
    TITLE,
    DonorDocument,
    NumberedCanvas,
    Sections,
    date_span,
    logo_row,
    period_name,
    period_text,
    scope_filters,
    suppression_text,
)
from trainingdesk.reports.donor_tables import (
    GOLD,
    GREY,
    HEAD_FILL,
    NAVY,
    figure_table,
    format_cell,
    is_rate,
    para,
    paragraph_style,
    rates_are_fractions,
)
from trainingdesk.reports.fonts import LATIN, register_fonts

_CARD_FILL = Color(0.94, 0.95, 0.97)
_SUMMARY_COLUMNS = 3
_LOGO_HEIGHT = 56.0
_LOGO_WIDTH = 150.0
# What the charts page holds besides the charts: its heading, and a heading and a note per chart.
_CHARTS_PAGE_TEXT = 180.0
# Tables set Helvetica, unembedded, for every cell that is not a flowable, even an empty one.
_LATIN_CELLS = ("FONTNAME", (0, 0), (-1, -1), LATIN)

_BODY = paragraph_style("donor-body", 9.5, spaceAfter=6)
_SMALL = paragraph_style("donor-small", 8.0, textColor=GREY, spaceAfter=4)
_NOTE = paragraph_style("donor-note", 7.5, textColor=GREY, spaceBefore=3, spaceAfter=4)
_COVER_PROGRAMME = paragraph_style("donor-cover-programme", 12.0, bold=True, textColor=NAVY)
_COVER_TITLE = paragraph_style("donor-cover-title", 30.0, bold=True, spaceBefore=8)
_COVER_PROJECT = paragraph_style("donor-cover-project", 16.0, bold=True, spaceAfter=4)
_COVER_LINE = paragraph_style("donor-cover-line", 11.0, spaceAfter=3)
_FACT_LABEL = paragraph_style("donor-fact-label", 9.5, bold=True, textColor=GREY)
_FACT = paragraph_style("donor-fact", 9.5)
_FIGURE = paragraph_style("donor-figure", 22.0, bold=True, textColor=NAVY, spaceAfter=2)
_FIGURE_LABEL = paragraph_style("donor-figure-label", 9.0)
_FIGURE_NOTE = paragraph_style("donor-figure-note", 7.5, textColor=GREY, spaceBefore=2)


def write_donor_summary(
    report: DonorReport,
    out: Path | BinaryIO,
    *,
    page_size: tuple[float, float] = A4,
    logos: tuple[bytes, ...] = (),
) -> None:
    """Write the donor summary of `report` as a PDF to a path or a binary stream.

    `logos` are PNG or JPEG files shown on the cover; anything that is not an image is left out.
    """
    register_fonts()
    document = DonorDocument(str(out) if isinstance(out, Path) else out, report, page_size)
    sections = Sections()
    width = document.width
    story: list[Flowable] = [
        *_cover(report, logos, sections, width),
        NextPageTemplate("body"),
        PageBreak(),
        *_summary(report, sections, width, document.height),
        PageBreak(),
        *_indicator_tables(report, sections, width),
        _gap(report),
        *_charts(report, sections, width, document.height),
        _gap(report),
        *_exercises(report, sections, width),
        *_modules(report, sections, width),
        *_methodology(report, sections),
    ]
    document.build(story, canvasmaker=NumberedCanvas)


def _gap(report: DonorReport) -> Flowable:
    """A new page between sections, unless there is nothing to report but their titles."""
    return PageBreak() if report.exercises else Spacer(0, 12)


# --- Sections ---------------------------------------------------------------------------


def _cover(
    report: DonorReport, logos: Sequence[bytes], sections: Sections, width: float
) -> list[Flowable]:
    """Programme, title, project and donor, period, filters, logos and the date."""
    scope = report.scope
    logos_shown = logo_row(logos, width, height=_LOGO_HEIGHT, box_width=_LOGO_WIDTH)
    story: list[Flowable] = [Spacer(0, 24)]
    story += [logos_shown, Spacer(0, 28)] if logos_shown is not None else [Spacer(0, 60)]
    story += [
        para(PROGRAMME, _COVER_PROGRAMME),
        sections.heading(TITLE, outline="Cover", style=_COVER_TITLE),
        HRFlowable(width="100%", thickness=2, color=GOLD, spaceBefore=10, spaceAfter=16),
        para(report.project_name, _COVER_PROJECT),
        para(f"Donor: {report.donor}", _COVER_LINE),
        Spacer(0, 22),
    ]
    dates = f"{long_date(scope.start)} – {long_date(scope.end)}"
    name = period_name(scope)
    small_counts = (
        f"Counts under {scope.min_cell} shown as “<{scope.min_cell}”"
        if scope.min_cell > 1  # 0 or 1 hides nothing
        else "No suppression (internal use)"
    )
    facts = [
        ("Reporting period", [dates, name] if name else [dates]),
        *((what, [value]) for what, value in scope_filters(scope)),
        ("Small counts", [small_counts]),
    ]
    rows = [
        [para(what, _FACT_LABEL), Paragraph("<br/>".join(map(escape, lines)), _FACT)]
        for what, lines in facts
    ]
    table = Table(rows, colWidths=[120, width - 120], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                _LATIN_CELLS,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, HEAD_FILL),
            ]
        )
    )
    return [
        *story,
        table,
        Spacer(0, 30),
        para(f"Generated on {long_date(report.generated_on)} by TrainingDesk.", _COVER_LINE),
        para(
            "This report holds aggregated figures only: it names no one, and small counts are "
            "hidden as the methodology notes describe.",
            _SMALL,
        ),
    ]


def _summary(
    report: DonorReport, sections: Sections, width: float, height: float
) -> list[Flowable]:
    """The headline figures as a grid of big numbers, on one page."""
    story: list[Flowable] = [
        sections.heading("Summary of headline figures", outline="Summary"),
        para(f"{report.project_name} · {period_text(report.scope)}", _BODY),
    ]
    if not report.exercises:
        story.append(
            para(
                "No training exercise took place in this period within the filters applied, "
                "so there is nothing to report for it.",
                _BODY,
            )
        )
    if report.headlines:
        # Shrunk rather than split: the summary is the page a donor reads first.
        grid = _headline_grid(report, width)
        story.append(KeepInFrame(width, height - 100, [grid], mode="shrink"))
    return [*story, Spacer(0, 8), para(suppression_text(report.scope), _SMALL)]


def _headline_grid(report: DonorReport, width: float) -> Table:
    cards: list[list[Flowable] | str] = []
    for headline in report.headlines:
        value = format_cell(
            headline.value,
            rate=is_rate(headline.label),
            fractions=rates_are_fractions([headline.value]),
        )
        card = [para(value or "—", _FIGURE), para(headline.label, _FIGURE_LABEL)]
        if headline.note:
            card.append(para(headline.note, _FIGURE_NOTE))
        cards.append(card)
    blanks = -len(cards) % _SUMMARY_COLUMNS
    cards += [""] * blanks
    rows = [
        cards[start : start + _SUMMARY_COLUMNS] for start in range(0, len(cards), _SUMMARY_COLUMNS)
    ]
    grid = Table(rows, colWidths=[width / _SUMMARY_COLUMNS] * _SUMMARY_COLUMNS)
    commands: list[tuple[Any, ...]] = [
        _LATIN_CELLS,
        ("BACKGROUND", (0, 0), (-1, -1), _CARD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # White rules between the cells leave gaps, so that each figure reads as a card.
        ("INNERGRID", (0, 0), (-1, -1), 8, white),
        ("LINEABOVE", (0, 0), (-1, 0), 2, NAVY),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
    ]
    for column in range(_SUMMARY_COLUMNS - blanks, _SUMMARY_COLUMNS):
        commands.append(("BACKGROUND", (column, -1), (column, -1), white))
    grid.setStyle(TableStyle(commands))
    return grid


def _indicator_tables(report: DonorReport, sections: Sections, width: float) -> list[Flowable]:
    story: list[Flowable] = [sections.heading("Indicator tables")]
    if not report.tables:
        story.append(para("No indicators: nothing took place in this period.", _BODY))
    for table in report.tables:
        story.append(sections.heading(table.title, level=1))
        if table.rows:
            story.append(
                figure_table(
                    table.columns, table.rows, table.label_columns, table.has_total_row, width
                )
            )
        else:
            story.append(para("No figures for this period.", _BODY))
        if table.note:
            story.append(para(table.note, _NOTE))
    return story


def _charts(
    report: DonorReport, sections: Sections, width: float, frame_height: float
) -> list[Flowable]:
    # Three charts to a page, each with its heading and note, on A4 and on Letter alike.
    height = min(CHART_HEIGHT, (frame_height - _CHARTS_PAGE_TEXT) / 3)
    story: list[Flowable] = [sections.heading("Charts")]
    figures = country_sex_figures(report.tables)
    if figures is not None:
        story += [
            sections.heading("People trained and completed, by country and sex", level=1),
            country_sex_chart(figures, width, height),
        ]
        labels = [bar.label for bar in (*figures.trained, *figures.completed)]
        notes = [marks_note(labels, report.scope.min_cell)]
        if any(label.endswith("+") for label in labels):
            notes.append("“n+”: a sum of which some parts are hidden: n or more.")
        story += _note(notes)
    people = quarter_people_chart(report.quarters, width, height) if report.quarters else None
    if people is not None:
        story += [sections.heading("People trained and completed, by quarter", level=1), people]
        marks = [
            cell
            for quarter in report.quarters
            for cell in (quarter.trained, quarter.completed)
            if isinstance(cell, str)
        ]
        story += _note([marks_note(marks, report.scope.min_cell)])
    if report.quarters:
        story += [
            sections.heading("Sessions held, by quarter", level=1),
            quarter_sessions_chart(report.quarters, width, height),
            para("Joint sessions: sessions with officers of both countries present.", _NOTE),
        ]
    if len(story) == 1:
        story.append(para("No charts: there are no figures to draw for this period.", _BODY))
    return story


def _note(texts: Sequence[str | None]) -> list[Flowable]:
    """The texts given, as one note; nothing if none."""
    shown = [text for text in texts if text]
    return [para(" ".join(shown), _NOTE)] if shown else []


def _exercises(report: DonorReport, sections: Sections, width: float) -> list[Flowable]:
    exercises = report.exercises
    heading = sections.heading(f"Exercises in the period ({len(exercises)})", outline="Exercises")
    if not exercises:
        return [heading, para("No exercise took place in this period.", _BODY)]
    columns = ("Code", "Title", "Dates", "Site", "AF", "PK", "Other", "Completion rate")
    rows = [
        (
            exercise.code,
            exercise.title,
            date_span(exercise.start, exercise.end),
            exercise.site,
            exercise.participants_af,
            exercise.participants_pk,
            exercise.participants_other,
            exercise.completion_rate,
        )
        for exercise in exercises
    ]
    return [
        heading,
        figure_table(columns, rows, 4, False, width),
        para(
            "AF, PK, Other: participants by country. Completion rate: participants who "
            "completed the exercise, out of all its participants.",
            _NOTE,
        ),
        Spacer(0, 12),
    ]


def _modules(report: DonorReport, sections: Sections, width: float) -> list[Flowable]:
    heading = sections.heading("Curriculum modules delivered", outline="Modules")
    if not report.modules:
        return [heading, para("No curriculum module was delivered in this period.", _BODY)]
    rows = [
        (module.code, module.title, module.hours, module.exercises) for module in report.modules
    ]
    return [
        heading,
        figure_table(("Code", "Module", "Hours", "Exercises"), rows, 2, False, width),
        para("Exercises: how many exercises of the period delivered the module.", _NOTE),
        Spacer(0, 12),
    ]


def _methodology(report: DonorReport, sections: Sections) -> list[Flowable]:
    scope = report.scope
    filters = "; ".join(f"{what}: {value}" for what, value in scope_filters(scope))
    # Kept on one page: a definition read apart from the others is easily misread.
    return [
        KeepTogether(
            [
                sections.heading("Methodology"),
                *(para(paragraph, _BODY) for paragraph in report.methodology),
                para(
                    f"Scope: the exercises that took place between {long_date(scope.start)} and "
                    f"{long_date(scope.end)}. {filters}.",
                    _BODY,
                ),
                para(suppression_text(scope), _BODY),
            ]
        )
    ]
