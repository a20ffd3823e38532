"""A coordinator sends a donor the summary PDF of a reporting period.

All figures are synthetic. No person appears anywhere: a donor report holds aggregates only.
"""

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image, ImageDraw, ImageOps
from pypdf import PdfReader
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import String
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth

from trainingdesk.domain.donor import (
    DonorReport,
    ExerciseSummary,
    Headline,
    IndicatorTable,
    ModuleDelivered,
    QuarterFigures,
    ReportScope,
)
from trainingdesk.domain.enums import KeyArea
from trainingdesk.reports.donor_charts import (
    Bar,
    country_sex_figures,
    marks_note,
    quarter_people_chart,
)
from trainingdesk.reports.donor_pages import period_name
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.reports.donor_tables import break_lines, column_widths, format_cell
from trainingdesk.reports.fonts import LATIN, register_fonts

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
)
needs_pdffonts = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="needs poppler-utils (pdffonts)"
)

FISCAL_2025 = ReportScope(start=date(2025, 4, 1), end=date(2026, 3, 31))

HEADLINES = (
    Headline("People trained", 1234, "attended at least one session"),
    Headline("People who completed", 1050),
    Headline("Completion rate", 0.851),
    Headline("Exercises held", 12),
    Headline("Joint sessions", 37, "officers of both countries present"),
    Headline("Person-days of training", 4321.5),
    Headline("Mean pre-test score", 54.2),
    Headline("Mean post-test score", 71.9),
    Headline("Mean knowledge gain", 17.7, "post-test minus pre-test, out of 100"),
    Headline("Share passing the post-test", 0.78),
    Headline("Mean satisfaction (1–5)", 4.3),
    Headline("Certificates issued", 1002),
)

TRAINED = IndicatorTable(
    key="trained",
    title="People trained and completed, by country and sex",
    columns=("Country", "Sex", "Trained", "Completed", "Completion rate"),
    rows=(
        ("AF", "M", 702, 610, 0.869),
        ("AF", "F", "<5", "<5", None),
        ("PK", "M", 498, 423, 0.849),
        ("PK", "F", 31, 17, 0.548),
        ("Total", None, 1234, 1050, 0.851),
    ),
    label_columns=2,
    has_total_row=True,
    note="Trained: attended at least one session. Completed: met the exercise's completion rules.",
)

AGENCIES = (
    ("AF", "Afghan Border Police"),
    ("AF", "Afghanistan Customs Department"),
    ("AF", "Ministry of Commerce and Industry"),
    ("PK", "Federal Investigation Agency"),
    ("PK", "Pakistan Customs"),
    ("PK", "Frontier Corps Khyber Pakhtunkhwa (North)"),
    ("PK", "Anti-Narcotics Force"),
)


def agency_table(agencies: int = len(AGENCIES)) -> IndicatorTable:
    """Trained and completed by agency; the smallest agencies are suppressed."""
    rows: list[tuple[str | int | float | None, ...]] = []
    for number in range(agencies):
        country, name = AGENCIES[number % len(AGENCIES)]
        if number >= len(AGENCIES):
            name = f"{name}, regional office {number // len(AGENCIES)}"
        trained = 40 + (number * 37) % 300
        if number % 5 == 4:
            rows.append((country, name, "<5", "<5"))
        else:
            rows.append((country, name, trained, trained - (number % 7) * 3))
    return IndicatorTable(
        key="agency",
        title="People trained, by agency",
        columns=("Country", "Agency", "Trained", "Completed"),
        rows=tuple(rows),
        label_columns=2,
        note="Agencies as named at the start of the period.",
    )


KEY_AREAS = IndicatorTable(
    key="key_area",
    title="By key area",
    columns=("Key area", "Exercises", "Trained", "Completed", "Person-days"),
    rows=(
        (KeyArea.INFRASTRUCTURE.label, 4, 410, 352, 1436.5),
        (KeyArea.HARMONISATION.label, 6, 618, 531, 2190.0),
        (KeyArea.DIALOGUE.label, 2, 206, 167, 695.0),
        ("Total", 12, 1234, 1050, 4321.5),
    ),
    has_total_row=True,
)

ASSESSMENT = IndicatorTable(
    key="assessment",
    title="Knowledge gain and satisfaction",
    columns=("Country", "Pre-test mean", "Post-test mean", "Gain", "Share passing", "Satisfaction"),
    rows=(
        ("AF", 52.6, 70.4, 17.8, 0.76, 4.4),
        ("PK", 56.1, 73.7, 17.6, 0.81, 4.2),
    ),
    note="Scores out of 100; satisfaction from 1 (poor) to 5 (excellent).",
)

QUARTERS = (
    QuarterFigures("2025 Q2", 310, 262, 48, 9),
    QuarterFigures("2025 Q3", 402, 351, 61, 14),
    QuarterFigures("2025 Q4", 288, 240, 40, 8),
    QuarterFigures("2026 Q1", 234, 197, 35, 6),
)

SITES = ("Torkham", "Chaman / Spin Boldak", "Peshawar Training Centre", "Kabul Customs Academy")
TITLES = (
    "Joint risk profiling at the border crossing",
    "Harmonised cargo inspection procedures",
    "Tabletop exercise: closure and reopening of a crossing point during a flood emergency",
    "Dialogue meeting of crossing-point commanders",
)


def exercises(count: int) -> tuple[ExerciseSummary, ...]:
    """`count` exercises spread over the fiscal year."""
    areas = tuple(KeyArea)
    result = []
    for number in range(count):
        start = FISCAL_2025.start + timedelta(days=(number * 361) // max(count, 1))
        result.append(
            ExerciseSummary(
                code=f"JX-2025-{number + 1:03d}",
                title=TITLES[number % len(TITLES)],
                start=start,
                end=start + timedelta(days=number % 5),
                site=SITES[number % len(SITES)],
                key_area=areas[number % len(areas)],
                participants_af=12 + number % 9,
                participants_pk=10 + number % 7,
                participants_other="<5" if number % 3 else 0,
                completion_rate=0.75 + (number % 6) / 25,
            )
        )
    return tuple(result)


MODULES = tuple(
    ModuleDelivered(f"JM-{number:02d}", title, hours, exercises)
    for number, (title, hours, exercises) in enumerate(
        (
            ("Risk management and targeting", 16.0, 5),
            ("Document examination", 8.0, 4),
            ("Cargo and container inspection", 12.0, 6),
            ("Human rights and gender at the border", 6.0, 7),
            ("Coordinated border management", 10.0, 3),
            ("Information sharing between crossing points", 4.5, 2),
        ),
        start=1,
    )
)

METHODOLOGY = (
    "Trained: a participant who attended at least one session of an exercise in the period. "
    "Completed: a participant who met the exercise's completion rules (attendance and "
    "post-test).",
    "Joint sessions are sessions at which officers of both countries were present.",
    "Person-days: days of attendance summed over participants.",
)


def sample_report(
    *,
    exercise_count: int = 12,
    agencies: int = len(AGENCIES),
    scope: ReportScope = FISCAL_2025,
    quarters: tuple[QuarterFigures, ...] = QUARTERS,
) -> DonorReport:
    """A year of a project's figures, already suppressed as the service would."""
    return DonorReport(
        scope=scope,
        generated_on=date(2026, 4, 15),
        project_name="Border Management Training for Torkham and Chaman",
        donor="Global Affairs Canada",
        headlines=HEADLINES,
        tables=(TRAINED, agency_table(agencies), KEY_AREAS, ASSESSMENT),
        quarters=quarters,
        exercises=exercises(exercise_count),
        modules=MODULES,
        methodology=METHODOLOGY,
    )


def empty_report() -> DonorReport:
    """A period in which nothing took place."""
    return DonorReport(
        scope=ReportScope(start=date(2025, 1, 1), end=date(2025, 3, 31)),
        generated_on=date(2026, 4, 15),
        project_name="All projects",
        donor="Global Affairs Canada",
        headlines=(Headline("People trained", 0), Headline("Exercises held", 0)),
        tables=(),
        quarters=(),
        exercises=(),
        modules=(),
        methodology=METHODOLOGY,
    )


def png_logo() -> bytes:
    """A small synthetic logo with transparency."""
    image = Image.new("RGBA", (240, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 110, 110), fill=(23, 51, 92, 255))
    draw.rectangle((130, 30, 230, 90), fill=(176, 140, 51, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_logo() -> bytes:
    """A tall synthetic logo, as a donor might send it."""
    image = Image.new("RGB", (90, 160), (200, 16, 46))
    ImageDraw.Draw(image).rectangle((20, 40, 70, 120), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return buffer.getvalue()


def write(
    tmp_path: Path,
    report: DonorReport,
    *,
    page_size: tuple[float, float] = A4,
    logos: tuple[bytes, ...] = (),
) -> Path:
    """The donor summary of `report`, written where the test can read it."""
    path = tmp_path / "donor.pdf"
    write_donor_summary(report, path, page_size=page_size, logos=logos)
    return path


def pdf_text(path: Path, *, layout: bool = False, page: int | None = None) -> str:
    """What `pdftotext` reads from the PDF (or one page of it), columns kept if `layout`."""
    options = ["-layout"] if layout else []
    if page is not None:
        options += ["-f", str(page), "-l", str(page)]
    result = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF outline as (level, title, page number) in reading order."""
    reader = PdfReader(path)
    entries: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                index = reader.get_destination_page_number(item)
                assert index is not None
                entries.append((level, item.title, index + 1))

    walk(reader.outline, 0)
    return entries


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summary of the sample year, with two logos and one file that is not an image."""
    folder = tmp_path_factory.mktemp("donor")
    return write(folder, sample_report(), logos=(png_logo(), b"not an image", jpeg_logo()))


@needs_poppler
def test_the_headline_figures_read_as_the_donor_expects(sent: Path) -> None:
    summary = pdf_text(sent, page=2)
    for figure in ("1,234", "1,050", "85.1%", "4,321.5", "54.2", "17.7", "78.0%", "4.3", "1,002"):
        assert figure in summary
    assert "People trained" in summary
    assert "officers of both countries present" in summary


@needs_poppler
def test_table_figures_are_exact_with_suppressed_cells_as_they_came(sent: Path) -> None:
    text = pdf_text(sent, layout=True)
    rows = (
        r"AF\s+M\s+702\s+610\s+86\.9%",
        r"AF\s+F\s+<5\s+<5\n",
        r"PK\s+F\s+31\s+17\s+54\.8%",
        r"Total\s+1,234\s+1,050\s+85\.1%",
        r"Harmonisation of border-management systems and training\s+6\s+618\s+531\s+2,190\.0",
        r"Total\s+12\s+1,234\s+1,050\s+4,321\.5",
        r"PK\s+Pakistan Customs\s+<5\s+<5",
        r"AF\s+52\.6\s+70\.4\s+17\.8\s+76\.0%\s+4\.4",
        r"JX-2025-012\s+Dialogue meeting of.*25–26 Feb 2026\s+Kabul Customs Academy"
        r"\s+14\s+14\s+<5\s+95\.0%",
        r"JM-01\s+Risk management and targeting\s+16\.0\s+5",
    )
    for row in rows:
        assert re.search(row, text), row


@needs_poppler
def test_every_page_says_page_n_of_m(sent: Path) -> None:
    pages = len(PdfReader(sent).pages)
    assert pages >= 5
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in pdf_text(sent, page=number)


@needs_poppler
def test_pages_after_the_cover_carry_the_running_header(sent: Path) -> None:
    assert "Border Cooperation Programme" in pdf_text(sent, page=1)
    assert "(fiscal year 2025–26)" not in pdf_text(sent, page=1)
    for number in range(2, len(PdfReader(sent).pages) + 1):
        page = pdf_text(sent, page=number)
        assert "Afghanistan–Pakistan Border Cooperation Programme" in page
        assert "Border Management Training for Torkham and Chaman" in page
        assert "1 April 2025 – 31 March 2026 (fiscal year 2025–26)" in page


def test_the_outline_lists_every_section_and_table(sent: Path) -> None:
    entries = outline(sent)
    top = [title for level, title, _page in entries if level == 0]
    assert top == [
        "Cover",
        "Summary",
        "Indicator tables",
        "Charts",
        "Exercises",
        "Modules",
        "Methodology",
    ]
    tables = [title for level, title, _page in entries if level == 1]
    assert tables[:4] == [table.title for table in sample_report().tables]
    assert "Sessions held, by quarter" in tables
    pages = [page for _level, _title, page in entries]
    assert pages[:2] == [1, 2]
    assert pages == sorted(pages)


def test_the_document_says_what_it_is(sent: Path) -> None:
    metadata = PdfReader(sent).metadata
    assert metadata is not None
    assert metadata.title is not None
    assert metadata.title.startswith("Donor summary report: Border Management Training")
    assert metadata.author == "TrainingDesk"
    assert metadata.subject is not None
    assert "Global Affairs Canada" in metadata.subject


@needs_poppler
def test_the_cover_shows_project_donor_period_filters_and_date(tmp_path: Path) -> None:
    scope = replace(FISCAL_2025, project_code="BMT-TC", key_area=KeyArea.HARMONISATION)
    cover = pdf_text(write(tmp_path, sample_report(scope=scope)), page=1)
    for expected in (
        "Donor summary report",
        "Border Management Training for Torkham and Chaman",
        "Donor: Global Affairs Canada",
        "1 April 2025 – 31 March 2026",
        "Fiscal year 2025–26",
        "BMT-TC",
        "Harmonisation of border-management systems and training",
        "All sites",
        "Generated on 15 April 2026",
    ):
        assert expected in cover


@needs_poppler
def test_charts_have_axis_titles_legends_and_suppressed_bars(sent: Path) -> None:
    page = next(number for _level, title, number in outline(sent) if title == "Charts")
    charts = pdf_text(sent, page=page)
    for label in ("Country and sex", "Quarter", "People", "Sessions", "Trained", "Completed"):
        assert label in charts
    assert "Joint sessions" in charts
    assert "Afghanistan" in charts
    assert "Female" in charts
    assert "<5" in charts


def test_logos_that_are_not_images_are_left_out(sent: Path, tmp_path: Path) -> None:
    assert len(PdfReader(sent).pages[0].images) == 2
    junk_only = write(tmp_path, sample_report(), logos=(b"", b"GIF89a broken", b"\x89PNG\r\n"))
    assert len(PdfReader(junk_only).pages[0].images) == 0


@pytest.mark.parametrize(("size", "name"), [(A4, "A4"), (letter, "Letter")])
def test_pages_come_out_in_the_size_asked_for(
    tmp_path: Path, size: tuple[float, float], name: str
) -> None:
    reader = PdfReader(write(tmp_path, sample_report(), page_size=size))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size)


def render(path: Path, folder: Path, dpi: int) -> list[Image.Image]:
    """Every page of the PDF as a greyscale picture."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(path), str(folder / "page")], check=True
    )
    return [ImageOps.grayscale(Image.open(png)) for png in sorted(folder.glob("page-*.png"))]


def darkest(picture: Image.Image) -> int:
    """The darkest grey in a greyscale picture (0 is black)."""
    low, _high = cast(tuple[int, int], picture.getextrema())
    return low


@needs_poppler
@pytest.mark.parametrize(
    ("size", "exercise_count", "agencies"),
    [(A4, 12, len(AGENCIES)), (letter, 12, len(AGENCIES)), (A4, 60, 70), (letter, 60, 70)],
)
def test_nothing_spills_into_the_margins_and_no_page_is_blank(
    tmp_path: Path, size: tuple[float, float], exercise_count: int, agencies: int
) -> None:
    report = sample_report(exercise_count=exercise_count, agencies=agencies)
    dpi = 40
    scale = dpi / 72
    pages = render(write(tmp_path, report, page_size=size, logos=(png_logo(),)), tmp_path, dpi)
    for number, picture in enumerate(pages, start=1):
        width, height = picture.size
        # The frame is 50 points from either side; a little slack for anti-aliasing.
        inner_left, inner_right = round(47 * scale), round(width - 47 * scale)
        # The cover's band runs across the whole top edge.
        top = round(20 * scale) if number == 1 else 0
        for box in ((0, top, inner_left, height), (inner_right, top, width, height)):
            assert darkest(picture.crop(box)) > 200, f"page {number}: ink in the margin {box}"
        # Below the running header and above the footer, something is printed.
        body = picture.crop(
            (inner_left, round(80 * scale), inner_right, round(height - 60 * scale))
        )
        assert darkest(body) < 128, f"page {number} is empty"


@needs_poppler
def test_a_long_table_runs_over_pages_with_its_header_repeated(tmp_path: Path) -> None:
    path = write(tmp_path, sample_report(exercise_count=60, agencies=70))
    pages = [pdf_text(path, page=number) for number in range(1, len(PdfReader(path).pages) + 1)]
    with_exercises = [page for page in pages if re.search(r"JX-2025-0\d\d", page)]
    assert len(with_exercises) >= 3
    for page in with_exercises:
        assert "Completion" in page
        assert "Title" in page
    assert "JX-2025-060" in "".join(with_exercises)
    with_agencies = [page for page in pages if "regional office" in page]
    assert len(with_agencies) >= 2
    assert all("Agency" in page for page in with_agencies)


@needs_poppler
def test_a_period_without_exercises_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, empty_report())
    text = pdf_text(path)
    assert "No training exercise took place in this period" in text
    assert "No exercise took place in this period." in text
    assert "No charts" in text
    assert "Page 1 of 3" in text
    assert [title for level, title, _page in outline(path) if level == 0] == [
        "Cover",
        "Summary",
        "Indicator tables",
        "Charts",
        "Exercises",
        "Modules",
        "Methodology",
    ]


@needs_poppler
def test_a_long_table_lists_every_row_once_in_order(tmp_path: Path) -> None:
    # A part of the table per page: no row may be lost or repeated where a page breaks.
    path = write(tmp_path, sample_report(exercise_count=300))
    codes = re.findall(r"JX-2025-\d{3}", pdf_text(path))
    assert codes == [f"JX-2025-{number:03d}" for number in range(1, 301)]


@needs_poppler
def test_the_methodology_states_the_suppression_rule(sent: Path, tmp_path: Path) -> None:
    text = " ".join(pdf_text(sent).split())
    assert "counts of fewer than 5 people are shown as “<5”" in text
    assert "hidden with them as “x”" in text
    assert "withheld as “–”" in text
    for off in (0, 1):  # 0 or 1 hides nothing
        internal = replace(FISCAL_2025, min_cell=off)
        text = " ".join(pdf_text(write(tmp_path, sample_report(scope=internal))).split())
        assert "no suppression (internal use)" in text
        assert "No suppression (internal use)" in text


@needs_poppler
def test_the_charts_say_what_each_mark_stands_for(tmp_path: Path) -> None:
    hidden = replace(
        TRAINED,
        rows=(
            ("AF", "M", 702, 610, 0.869),
            ("AF", "F", "<5", "<5", None),
            ("PK", "M", "x", "x", None),
            ("PK", "F", 31, 17, 0.548),
            ("Total", None, "x", "x", None),
        ),
    )
    quarters = (QuarterFigures("2025 Q2", "x", "x", 48, 9), *QUARTERS[1:])
    report = replace(sample_report(quarters=quarters), tables=(hidden,))
    path = write(tmp_path, report)
    page = next(number for _level, title, number in outline(path) if title == "Charts")
    charts = " ".join(pdf_text(path, page=page).split())
    assert "A hidden count is drawn at zero, whatever it is." in charts
    assert "“<5”: fewer than 5 people" in charts
    assert "“x”: 5 or more, hidden so that a smaller count cannot be worked out" in charts
    assert "withheld" not in charts


@needs_pdffonts
def test_every_font_is_embedded(sent: Path, tmp_path: Path) -> None:
    for path in (sent, write(tmp_path, empty_report())):
        lines = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, check=True, text=True
        ).stdout.splitlines()[2:]
        fonts = {(line.split()[0], line.split()[-5]) for line in lines}
        assert fonts
        assert all(embedded == "yes" for _name, embedded in fonts), fonts
        assert all("NotoSans" in name for name, _embedded in fonts), fonts


def test_the_same_report_gives_the_same_bytes_on_a_stream() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_donor_summary(sample_report(), first)
    write_donor_summary(sample_report(), second)
    assert first.getvalue().startswith(b"%PDF")
    assert first.getvalue() == second.getvalue()


def test_figures_read_with_separators_percentages_and_one_decimal() -> None:
    assert format_cell(1234) == "1,234"
    assert format_cell(1234567.25) == "1,234,567.2"
    assert format_cell(0.851, rate=True) == "85.1%"
    assert format_cell(85.1, rate=True, fractions=False) == "85.1%"
    assert format_cell("<5", rate=True) == "<5"
    assert format_cell(None) == ""


def test_chart_bars_come_from_the_country_and_sex_table() -> None:
    figures = country_sex_figures(sample_report().tables)
    assert figures is not None
    assert figures.categories == (
        "Afghanistan\nMale",
        "Afghanistan\nFemale",
        "Pakistan\nMale",
        "Pakistan\nFemale",
    )
    assert figures.trained == (Bar(702, "702"), Bar(0, "<5"), Bar(498, "498"), Bar(31, "31"))


def test_chart_bars_add_up_agencies_and_mark_hidden_parts() -> None:
    by_agency = IndicatorTable(
        key="trained",
        title="By country, sex and agency",
        columns=("Country", "Sex", "Agency", "Trained", "Completed"),
        rows=(
            ("AF", "M", "ABP", 300, 250),
            ("AF", "M", "ACD", "<5", "<5"),
            ("AF", "F", "ABP", "<5", "<5"),
            ("AF", "F", "ACD", "<5", "<5"),
            ("PK", "M", "FIA", 120, 100),
            ("Total", None, None, 431, 360),
        ),
        label_columns=3,
        has_total_row=True,
    )
    figures = country_sex_figures((ASSESSMENT, by_agency))
    assert figures is not None
    assert figures.categories == ("Afghanistan\nMale", "Afghanistan\nFemale", "Pakistan\nMale")
    assert figures.trained == (Bar(300, "300+"), Bar(0, "2 × <5"), Bar(120, "120"))
    assert country_sex_figures((ASSESSMENT, KEY_AREAS)) is None


def test_hidden_bars_are_labelled_with_their_own_marks() -> None:
    by_agency = IndicatorTable(
        key="trained",
        title="By country, sex and agency",
        columns=("Country", "Sex", "Agency", "Trained", "Completed"),
        rows=(
            ("AF", "M", "ABP", "<5", "<5"),
            ("AF", "M", "ACD", "x", "x"),
            ("AF", "F", "ABP", "x", "x"),
            ("AF", "F", "ACD", "x", "<5"),
            ("PK", "M", "FIA", "–", "–"),
            ("PK", "F", "FIA", 40, 30),
            ("PK", "F", "FC", "x", "x"),
        ),
        label_columns=3,
    )
    figures = country_sex_figures((by_agency,))
    assert figures is not None
    # An "x" is 5 or more: never counted in with the "<5" beside it.
    assert figures.trained == (Bar(0, "<5 + x"), Bar(0, "2 × x"), Bar(0, "–"), Bar(40, "40+"))
    assert figures.completed[1] == Bar(0, "<5 + x")
    labels = [bar.label for bar in figures.trained]
    assert marks_note(labels, 5) == (
        "A hidden count is drawn at zero, whatever it is. “<5”: fewer than 5 people; "
        "“x”: 5 or more, hidden so that a smaller count cannot be worked out; "
        "“–”: withheld."
    )
    assert marks_note(["702", "1,234", "40+"], 5) is None


def test_long_labels_break_between_words_and_long_words_within() -> None:
    register_fonts()
    title = TITLES[2]
    lines = break_lines(title, LATIN, 8.0, 90.0)
    assert len(lines) > 2
    assert " ".join(lines) == title
    assert all(stringWidth(line, LATIN, 8.0) <= 90.0 for line in lines)
    word = "Khyber-Pakhtunkhwa-Frontier-Corps-Headquarters"
    pieces = break_lines(word, LATIN, 8.0, 60.0)
    assert "".join(pieces) == word
    assert all(stringWidth(piece, LATIN, 8.0) <= 60.0 for piece in pieces)
    assert break_lines("", LATIN, 8.0, 60.0) == ("",)
    assert break_lines("Torkham", LATIN, 8.0, 60.0) == ("Torkham",)


def test_columns_share_the_frame_and_figures_never_wrap() -> None:
    columns = ("Country", "Agency", "Trained", "Completed", "Completion rate")
    texts = [
        [
            "PK",
            "Frontier Corps Khyber Pakhtunkhwa (North), regional office 12",
            "1,234",
            "<5",
            "85.1%",
        ],
        ["AF", "Afghan Border Police", "12", "10", "83.3%"],
    ]
    for width in (300.0, 495.0, 512.0, 800.0):
        widths, fits = column_widths(columns, texts, 2, False, width, 8.0)
        assert fits
        assert sum(widths) == pytest.approx(width)
        # Room for "1,234" and "85.1%" at 8 points, and the cell padding.
        assert widths[2] > 28
        assert widths[4] > 30
    widths, fits = column_widths(columns, texts, 2, False, 150.0, 8.0)
    assert not fits
    assert sum(widths) == pytest.approx(150.0)


def test_a_suppressed_quarter_stands_at_zero_and_says_so() -> None:
    quarters = (
        QuarterFigures("2025 Q2", "<5", "<5", 3, 0),
        QuarterFigures("2025 Q3", 120, 96, 20, 4),
    )
    drawing = quarter_people_chart(quarters, 495)
    assert drawing is not None
    chart = next(item for item in drawing.contents if isinstance(item, HorizontalLineChart))
    assert chart.data == [[0.0, 120.0], [0.0, 96.0]]
    texts = [item.text for item in drawing.contents if isinstance(item, String)]
    assert texts.count("<5") == 2
    assert "Quarter" in texts
    nothing = (QuarterFigures("2025 Q2", None, None, 0, 0),)
    assert quarter_people_chart(nothing, 495) is None


def test_periods_are_named_only_when_they_are_a_whole_year() -> None:
    assert period_name(FISCAL_2025) == "Fiscal year 2025–26"
    calendar = ReportScope(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert period_name(calendar) == "Calendar year 2025"
    assert period_name(ReportScope(start=date(2025, 4, 1), end=date(2025, 6, 30))) is None
