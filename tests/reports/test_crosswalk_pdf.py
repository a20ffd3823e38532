"""The harmonisation working group prints the crosswalk of the joint curriculum.

All curricula are synthetic: an Afghan border police course titled in Dari and Pashto, a
Pakistani customs course and a Frontier Corps course titled in Urdu, and a joint
curriculum titled in Dari, with partial overlaps so that each side has gaps.
"""

import io
import re
import shutil
import subprocess
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, letter

from trainingdesk.domain.crosswalk import (
    Crosswalk,
    CrosswalkLink,
    CrosswalkModule,
    CurriculumHeading,
    JointRow,
    SideCoverage,
)
from trainingdesk.domain.enums import Country, CurriculumStatus, Equivalence
from trainingdesk.reports.crosswalk_pdf import write_crosswalk_pdf
from trainingdesk.reports.crosswalk_sections import GAP_FILL, PARTIAL_FILL, number_text
from trainingdesk.reports.crosswalk_table import break_words
from trainingdesk.reports.text import Hand, TextStyle, text_width

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None
    or shutil.which("pdftoppm") is None
    or shutil.which("pdffonts") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm, pdffonts)",
)

TODAY = date(2025, 6, 3)
FULL, PARTIAL, NONE = Equivalence.FULL, Equivalence.PARTIAL, Equivalence.NONE
_RANK = {NONE: 0, PARTIAL: 1, FULL: 2}


def heading(
    code: str,
    title: str,
    country: Country | None,
    version: str = "1",
    status: CurriculumStatus = CurriculumStatus.ADOPTED,
) -> CurriculumHeading:
    """A curriculum version, its id derived from its code."""
    return CurriculumHeading(
        uuid.uuid5(uuid.NAMESPACE_URL, code), code, version, title, status, country
    )


def module(
    curriculum: CurriculumHeading, code: str, title: str, local: str, hours: float
) -> CrosswalkModule:
    """A module of `curriculum`, its id derived from both codes."""
    return CrosswalkModule(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{curriculum.code}/{code}"),
        curriculum.id,
        code,
        title,
        local,
        hours,
    )


Link = tuple[CrosswalkModule, CrosswalkModule, Equivalence, str]  # national, joint, how, note


def crosswalk(
    joint: CurriculumHeading,
    afghan: Sequence[CurriculumHeading],
    pakistani: Sequence[CurriculumHeading],
    modules: tuple[Sequence[CrosswalkModule], Sequence[CrosswalkModule], Sequence[CrosswalkModule]],
    links: Sequence[Link],
) -> Crosswalk:
    """The crosswalk records as the service hands them over, coverage worked out by its rule."""
    joint_modules, afghan_modules, pakistani_modules = modules
    afghan_ids = {national.id for national in afghan_modules}
    mapped: dict[uuid.UUID, list[tuple[CrosswalkModule, CrosswalkLink]]] = {}
    for national, target, equivalence, note in links:
        link_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{national.id}>{target.id}")
        link = CrosswalkLink(link_id, national.id, target.id, equivalence, note)
        mapped.setdefault(target.id, []).append((national, link))
    rows = []
    for target in joint_modules:
        pairs = mapped.get(target.id, [])
        af = tuple(pair for pair in pairs if pair[0].id in afghan_ids)
        pk = tuple(pair for pair in pairs if pair[0].id not in afghan_ids)
        rows.append(JointRow(target, af, pk, _best(af), _best(pk)))
    af_coverage, af_unmatched = _coverage(Country.AF, rows, afghan_modules)
    pk_coverage, pk_unmatched = _coverage(Country.PK, rows, pakistani_modules)
    return Crosswalk(
        joint=joint,
        afghan=tuple(afghan),
        pakistani=tuple(pakistani),
        rows=tuple(rows),
        afghan_modules=tuple(afghan_modules),
        pakistani_modules=tuple(pakistani_modules),
        unmatched_afghan=af_unmatched,
        unmatched_pakistani=pk_unmatched,
        afghan_coverage=af_coverage,
        pakistani_coverage=pk_coverage,
    )


def _best(pairs: Sequence[tuple[CrosswalkModule, CrosswalkLink]]) -> Equivalence:
    return max((link.equivalence for _, link in pairs), key=_RANK.__getitem__, default=NONE)


def _coverage(
    country: Country, rows: Sequence[JointRow], national: Sequence[CrosswalkModule]
) -> tuple[SideCoverage, tuple[CrosswalkModule, ...]]:
    def side(row: JointRow) -> tuple[Equivalence, Sequence[tuple[CrosswalkModule, CrosswalkLink]]]:
        if country is Country.AF:
            return row.afghan_cover, row.afghan
        return row.pakistani_cover, row.pakistani

    full = [row.module for row in rows if side(row)[0] is FULL]
    partly = [row.module for row in rows if side(row)[0] is PARTIAL]
    matched = {
        module.id for row in rows for module, link in side(row)[1] if link.equivalence is not NONE
    }
    unmatched = tuple(module for module in national if module.id not in matched)
    figures = SideCoverage(
        country=country,
        joint_modules=len(rows),
        joint_hours=sum(row.module.hours for row in rows),
        covered_modules=len(full),
        covered_hours=sum(module.hours for module in full),
        partly_covered_modules=len(partly),
        partly_covered_hours=sum(module.hours for module in partly),
        national_modules=len(national),
        national_hours=sum(module.hours for module in national),
        unmatched_national_modules=len(unmatched),
        unmatched_national_hours=sum(module.hours for module in unmatched),
    )
    return figures, unmatched


JOINT = heading("JC-BM", "Joint border management curriculum", None, "2")
ABP = heading("ABP-BASIC", "Afghan Border Police basic course", Country.AF, "3")
PKC = heading("PK-CUST", "Pakistan Customs induction course", Country.PK)
FC = heading("FC-KP", "Frontier Corps border course", Country.PK, "2", CurriculumStatus.DRAFT)

J01 = module(JOINT, "J01", "Document examination", "بررسی اسناد سفر", 16)
J02 = module(JOINT, "J02", "Risk analysis and profiling", "تحلیل خطر و نمایه‌سازی", 12)
J03 = module(JOINT, "J03", "Search of persons and cargo", "تلاشی اشخاص و محموله", 20)
J04 = module(JOINT, "J04", "Drug and precursor identification", "شناسایی مواد مخدر", 8)
J05 = module(JOINT, "J05", "Human rights and gender at the border", "حقوق بشر و جندر", 6)
J06 = module(JOINT, "J06", "Border liaison office procedures", "طرزالعمل دفاتر ارتباط سرحدی", 10)

# Dari and Pashto (ګ ډ ټ ې ښ), as the Afghan academy types them.
AF01 = module(ABP, "AF-01", "Travel document checks", "د سفري اسنادو ازموینه", 18)
AF02 = module(ABP, "AF-02", "Risk indicators", "شاخص‌های خطر", 6)
AF03 = module(ABP, "AF-03", "Vehicle and cargo search", "د ګاډو او بار پلټنه", 14)
AF04 = module(ABP, "AF-04", "Narcotics awareness", "د مخدره توکو پېژندنې ښوونه", 4)
AF05 = module(ABP, "AF-05", "Ceremonial drill", "رسم گذشت", 10)
AF06 = module(ABP, "AF-06", "Weapons handling", "د وسلو کارونه او ساتنه", 12)

PC01 = module(PKC, "PC-01", "Examination of documents", "دستاویزات کی جانچ", 15)
PC02 = module(PKC, "PC-02", "Risk management", "خطرے کا انتظام", 10)
PC03 = module(PKC, "PC-03", "Narcotics and precursors", "منشیات کی شناخت", 9)
PC04 = module(PKC, "PC-04", "Tariff classification", "محصولات کی درجہ بندی", 20)
FC01 = module(FC, "FC-01", "Search and seizure", "تلاشی اور ضبطی", 12.5)
FC02 = module(FC, "FC-02", "Human rights in policing", "پولیس کاری میں انسانی حقوق", 4)
FC03 = module(FC, "FC-03", "Border liaison meetings", "سرحدی رابطہ اجلاس", 6)

LINKS: list[Link] = [
    (AF01, J01, FULL, ""),
    (AF02, J02, PARTIAL, "Indicators only; no profiling exercise."),
    (AF03, J03, FULL, "Persons are searched in the same module."),
    (AF04, J04, PARTIAL, "Precursors are not taught."),
    (AF06, J06, NONE, "Unrelated: weapons, not liaison."),
    (PC01, J01, FULL, ""),
    (PC02, J02, FULL, ""),
    (PC03, J04, FULL, "Field test kits included."),
    (FC01, J03, PARTIAL, "Cargo search is not taught."),
    (FC02, J05, PARTIAL, "The gender part is missing."),
    (FC03, J06, FULL, ""),
]

CROSSWALK = crosswalk(
    JOINT,
    [ABP],
    [PKC, FC],
    (
        [J01, J02, J03, J04, J05, J06],
        [AF01, AF02, AF03, AF04, AF05, AF06],
        [PC01, PC02, PC03, PC04, FC01, FC02, FC03],
    ),
    LINKS,
)
LOCAL_TITLES = [
    module.title_local
    for module in (*(row.module for row in CROSSWALK.rows), *CROSSWALK.afghan_modules)
] + [module.title_local for module in CROSSWALK.pakistani_modules]


def long_crosswalk(joint_modules: int, links_to_first: int = 1) -> Crosswalk:
    """`joint_modules` joint modules, each mapped from one Afghan and one Pakistani module,
    every third only partly; `links_to_first` Afghan modules map to the first.
    """
    joint = [
        module(JOINT, f"J{number:03}", f"Joint module {number}", "مدیریت سرحد", 4)
        for number in range(1, joint_modules + 1)
    ]
    afghan = [
        module(ABP, f"AF-{number:03}", f"Afghan module {number}", "د پولې ساتنه", 5)
        for number in range(1, joint_modules + links_to_first)
    ]
    pakistani = [
        module(PKC, f"PC-{number:03}", f"Pakistani module {number}", "سرحدی انتظام", 3)
        for number in range(1, joint_modules + 1)
    ]
    links: list[Link] = []
    for index, national in enumerate(afghan):
        target = joint[max(0, index - links_to_first + 1)]
        how = PARTIAL if index % 3 == 2 else FULL
        links.append((national, target, how, "A note on how the two modules compare."))
    links += [(pakistani[index], joint[index], FULL, "") for index in range(joint_modules)]
    return crosswalk(JOINT, [ABP], [PKC], (joint, afghan, pakistani), links)


def pdf_text(path: Path, *, page: int | None = None, layout: bool = False) -> str:
    """What `pdftotext` reads from the PDF (or one page of it), composed (NFC)."""
    options = ["-f", str(page), "-l", str(page)] if page else []
    options += ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True
    )
    return unicodedata.normalize("NFC", result.stdout)


def flat(text: str) -> str:
    """`text` with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def render(path: Path, page: int, dpi: int = 60) -> Image.Image:
    """Page `page` (1-based) as poppler draws it, in RGB."""
    picture = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(picture)).convert("RGB")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic crosswalk on A4."""
    path = tmp_path_factory.mktemp("crosswalk") / "crosswalk.pdf"
    write_crosswalk_pdf(CROSSWALK, path, generated_on=TODAY)
    return path


@needs_poppler
def test_the_title_block_names_the_curricula_their_versions_and_the_date(printed: Path) -> None:
    first = flat(pdf_text(printed, page=1))
    assert "Curriculum crosswalk" in first
    assert "JC-BM version 2 · Joint border management curriculum (adopted)" in first
    assert "ABP-BASIC version 3 · Afghan Border Police basic course (adopted)" in first
    assert "PK-CUST version 1 · Pakistan Customs induction course (adopted)" in first
    assert "FC-KP version 2 · Frontier Corps border course (draft)" in first
    assert "Generated on 3 June 2025" in first


@needs_poppler
def test_each_joint_module_shows_its_national_modules_with_equivalence_and_note(
    printed: Path,
) -> None:
    text = flat(pdf_text(printed))
    for joint in CROSSWALK.rows:
        assert f"{joint.module.code} · {number_text(joint.module.hours)} h" in text
        assert joint.module.title_en in text
    # A side with one curriculum shows module codes; one with several, the curriculum too.
    for shown in (
        "full · AF-01 · 18 h",
        "partial · AF-02 · 6 h",
        "none · AF-06 · 12 h",
        "full · PK-CUST PC-01 · 15 h",
        "partial · FC-KP FC-01 · 12.5 h",
        "Indicators only; no profiling exercise.",
        "Unrelated: weapons, not liaison.",
    ):
        assert shown in text, shown
    assert "Afghanistan: national modules" in text
    assert "Pakistan: national modules" in text


@needs_poppler
def test_gaps_say_not_covered_and_partly_covered_in_words(printed: Path) -> None:
    comparison = pdf_text(printed, page=1) + pdf_text(printed, page=2)
    comparison = comparison[: comparison.index("Coverage summary")]
    # Afghanistan: J05 and J06 not covered, J02 and J04 partly; Pakistan: J03 and J05 partly.
    assert comparison.count("Not covered") == 1 + 2  # the legend, then the gaps
    assert comparison.count("Partly covered") == 1 + 4
    assert "none: linked, but judged not equivalent" in flat(comparison)


@needs_poppler
def test_coverage_figures_are_those_of_the_records(printed: Path) -> None:
    text = pdf_text(printed, layout=True)
    rows = {
        "Covered fully": "2 36 50.0% 4 46 63.9%",
        "Covered partly": "2 20 27.8% 2 26 36.1%",
        "Not covered": "2 16 22.2% 0 0 0.0%",
        "Joint curriculum": "6 72 100.0% 6 72 100.0%",
        "All national modules": "6 64 100.0% 7 76.5 100.0%",
        "With a joint equivalent": "4 42 65.6% 6 56.5 73.9%",
        "With no joint equivalent": "2 22 34.4% 1 20 26.1%",
    }
    for label, figures in rows.items():
        pattern = r"\s+".join(map(re.escape, [label, *figures.split()]))
        assert re.search(rf"^\s*{pattern}\s*$", text, re.MULTILINE), label
    sentences = flat(text)
    assert (
        "Afghanistan: of 6 joint modules, 2 covered fully, 2 partly and 2 not at all; of 72 "
        "joint hours, 36 covered fully (50.0%), 20 partly (27.8%) and 16 not (22.2%). National "
        "modules with no joint equivalent: 2 of 6 (22 of 64 hours)."
    ) in sentences
    assert "National modules with no joint equivalent: 1 of 7 (20 of 76.5 hours)." in sentences


@needs_poppler
def test_the_gap_lists_name_each_sides_missing_and_unmatched_modules(printed: Path) -> None:
    text = flat(pdf_text(printed))
    gaps = text[text.index("Gaps What each side") :]

    def between(start: str, end: str | None) -> str:
        part = gaps[gaps.index(start) :]
        return part[: part.index(end)] if end else part

    afghan_missing = between(
        "Joint modules Afghanistan does not cover: 2 modules, 16 h",
        "Joint modules Afghanistan covers only partly: 2 modules, 20 h",
    )
    assert ("J05 · 6 h" in afghan_missing, "J06 · 10 h" in afghan_missing) == (True, True)
    assert "J01" not in afghan_missing and "J03" not in afghan_missing
    assert "none · AF-06 · 12 h" in afghan_missing
    afghan_partly = between("Joint modules Afghanistan covers only partly", "Afghan national")
    assert "partial · AF-02 · 6 h" in afghan_partly and "partial · AF-04 · 4 h" in afghan_partly
    afghan_unmatched = between(
        "Afghan national modules with no joint equivalent: 2 modules, 22 h", "Joint modules Pak"
    )
    assert "AF-05 · 10 h" in afghan_unmatched and "AF-06 · 12 h" in afghan_unmatched
    assert "none · J06" in afghan_unmatched
    pakistani_missing = between(
        "Joint modules Pakistan does not cover: 0 modules, 0 h", "Joint modules Pakistan covers"
    )
    assert "None: Pakistan covers every joint module, fully or partly." in pakistani_missing
    pakistani_unmatched = between(
        "Pakistani national modules with no joint equivalent: 1 module, 20 h", None
    )
    assert "PC-04 · 20 h" in pakistani_unmatched and "PK-CUST version 1" in pakistani_unmatched
    assert "FC-01" not in pakistani_unmatched


@needs_poppler
def test_dari_pashto_and_urdu_titles_extract_exactly_as_typed(printed: Path) -> None:
    first = pdf_text(printed, page=1)
    for title in (J01.title_local, AF01.title_local, AF03.title_local, PC01.title_local):
        assert first.count(title) == 1, title
    text = pdf_text(printed)
    for title in LOCAL_TITLES:
        assert unicodedata.normalize("NFC", title) in text, title
    # The shaped glyphs themselves read as nothing: no junk beside the letters.
    assert not any(unicodedata.category(char) in ("Co", "Cn") or char == "\ufffd" for char in text)
    # pypdf agrees.
    reader_text = unicodedata.normalize("NFC", PdfReader(printed).pages[0].extract_text())
    for title in (J02.title_local, AF04.title_local, PC02.title_local):
        assert title in reader_text, title


@needs_poppler
def test_every_font_is_embedded_and_none_is_helvetica(printed: Path) -> None:
    lines = subprocess.run(
        ["pdffonts", str(printed)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+", 1)[-1]: line.split()[-5] for line in lines}
    assert set(fonts) == {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoNaskhArabic-Regular",
        "NotoNastaliqUrdu-Regular",
    }
    assert set(fonts.values()) == {"yes"}


@pytest.mark.parametrize(("size", "width", "height"), [(A4, 842, 595), (letter, 792, 612)])
def test_pages_are_landscape_a4_or_letter(
    tmp_path: Path, size: tuple[float, float], width: int, height: int
) -> None:
    path = tmp_path / "crosswalk.pdf"
    write_crosswalk_pdf(CROSSWALK, path, page_size=size, generated_on=TODAY)
    for page in PdfReader(path).pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (width, height)


@needs_poppler
@pytest.mark.parametrize("size", [A4, letter], ids=["A4", "Letter"])
def test_a_long_crosswalk_runs_over_pages_under_its_header_with_page_numbers(
    tmp_path: Path, size: tuple[float, float]
) -> None:
    path = tmp_path / "long.pdf"
    write_crosswalk_pdf(long_crosswalk(60), path, page_size=size, generated_on=TODAY)
    pages = len(PdfReader(path).pages)
    texts = [pdf_text(path, page=number) for number in range(1, pages + 1)]
    summary = next(index for index, text in enumerate(texts) if "Coverage summary" in text)
    comparison = texts[:summary]
    assert len(comparison) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "JC-BM version 2 · Joint border management curriculum" in text
    for text in comparison:
        assert "Afghanistan: national modules" in text and "Pakistan: national modules" in text
    whole = flat(" ".join(texts))
    for number in range(1, 61):
        assert f"J{number:03} · 4 h" in whole
    assert "Covered fully" in whole and "J060" in whole


@needs_poppler
def test_a_joint_module_with_more_links_than_a_page_holds_is_cut_between_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tall.pdf"
    write_crosswalk_pdf(long_crosswalk(3, links_to_first=40), path, generated_on=TODAY)
    text = flat(pdf_text(path))
    for number in range(1, 43):
        assert f"AF-{number:03} · 5 h" in text, number
    # The row starts where it stands, and each page of it says which joint module it is.
    assert "AF-001 · 5 h" in pdf_text(path, page=1)
    second = flat(pdf_text(path, page=2))
    assert "J001 (continued)" in second and "Afghanistan: national modules" in second
    # Cut between national modules, never inside one: a module's code and title share a page.
    for number in range(1, len(PdfReader(path).pages) + 1):
        page = pdf_text(path, page=number)
        codes = set(re.findall(r"AF-0*(\d+) · 5 h", page))
        assert codes == set(re.findall(r"Afghan module (\d+)", page)), number


@needs_poppler
def test_a_long_urdu_title_wraps_right_to_left_a_line_at_a_time(tmp_path: Path) -> None:
    title = (
        "سرحدی گزرگاہوں پر سفری اور شناختی دستاویزات کی جانچ اور جعلی اور نقلی دستاویزات کی شناخت"
    )
    style = TextStyle(9.5, hand=Hand.NASTALIQ)
    lines = break_words(title, style, 200)
    # Whole words in typed order, the first words on the first line, each line within bounds.
    assert len(lines) > 1 and " ".join(lines) == title
    assert all(text_width(line, style) <= 200 for line in lines)
    long = replace(PC01, title_local=title)
    row = CROSSWALK.rows[0]
    rows = (replace(row, pakistani=((long, row.pakistani[0][1]),)), *CROSSWALK.rows[1:])
    path = tmp_path / "wrapped.pdf"
    write_crosswalk_pdf(replace(CROSSWALK, rows=rows), path, generated_on=TODAY)
    first = pdf_text(path, page=1)
    wrapped = break_words(title, style, 0.355 * (842 - 72) - 8)
    assert len(wrapped) > 1
    for line in wrapped:
        assert first.count(line) == 1, line


def test_every_section_is_a_bookmark(printed: Path) -> None:
    outline = PdfReader(printed).outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert titles == ["Title", "Side-by-side comparison", "Coverage summary", "Gaps"]
    nested = [
        entry.title
        for entries in outline
        if isinstance(entries, list)
        for entry in entries
        if not isinstance(entry, list)
    ]
    assert "Afghanistan: joint modules not covered" in nested
    assert "Pakistan: modules with no joint equivalent" in nested


@needs_poppler
def test_gaps_are_shaded_darker_than_partial_cover(printed: Path) -> None:
    picture = render(printed, 1, dpi=100)
    colours = {colour for _, colour in picture.getcolors(maxcolors=1 << 20) or []}

    def rgb(fill: Color) -> tuple[int, int, int]:
        red, green, blue = (round(channel * 255) for channel in fill.rgb())
        return red, green, blue

    assert rgb(PARTIAL_FILL) in colours and rgb(GAP_FILL) in colours
    assert sum(rgb(GAP_FILL)) < sum(rgb(PARTIAL_FILL))


def test_logos_are_shown_within_the_page_and_what_is_not_an_image_is_left_out(
    tmp_path: Path,
) -> None:
    def png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
        data = io.BytesIO()
        Image.new("RGB", size, colour).save(data, format="PNG")
        return data.getvalue()

    gold = (180, 140, 40)
    path = tmp_path / "logos.pdf"
    logos = [png((120, 60), (20, 60, 120)), b"not an image", png((1000, 50), gold)]
    write_crosswalk_pdf(CROSSWALK, path, logos=logos)
    assert len(PdfReader(path).pages[0].images) == 2
    picture = render(path, 1)
    # The wide banner is shrunk into its box, far short of the right margin.
    banner = [
        x
        for y in range(picture.height // 5)
        for x in range(picture.width)
        if picture.getpixel((x, y)) == gold
    ]
    assert banner and max(banner) < picture.width / 2


def test_an_empty_joint_curriculum_still_prints_to_a_stream() -> None:
    empty = crosswalk(JOINT, [], [], ([], [], []), [])
    out = io.BytesIO()
    write_crosswalk_pdf(empty, out, generated_on=TODAY)
    text = PdfReader(out).pages[0].extract_text()
    assert "The joint curriculum has no modules yet." in text
    assert "none shown" in text


def test_the_same_crosswalk_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_crosswalk_pdf(CROSSWALK, first, generated_on=TODAY)
    write_crosswalk_pdf(CROSSWALK, second, generated_on=TODAY)
    assert first.getvalue() == second.getvalue()
