"""A coordinator prints the certificates of a finished course, in one PDF or one per person.

All people here are synthetic. The Afghan name uses the Pashto letters ګ ښ ۍ that break
naive Arabic shaping; the Pakistani name is Urdu, drawn in Nastaliq.
"""

import io
import itertools
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from trainingdesk.domain.calendars import format_solar_hijri
from trainingdesk.domain.enums import Country
from trainingdesk.domain.names import in_arabic_block
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports import certificate as certificate_module
from trainingdesk.reports import text as text_module
from trainingdesk.reports.certificate import (
    LOCAL_TITLES,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TITLE,
    logo_boxes,
    qr_modules,
    write_certificate_files,
    write_certificates,
)
from trainingdesk.reports.text import TextStyle, text_width

ROOT = Path(__file__).resolve().parents[2]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
)
needs_pdffonts = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="needs poppler-utils (pdffonts)"
)

DARI_NAME = "ګل‌بشرۍ ښکلې احمدزی"
URDU_NAME = "عائشہ صدیقی"
LONG_NAME = (
    "Mohammad Abdul Rahman Abdul Ghafoor Khan Ahmadzai Popalzai Durrani Barakzai Mohmand",
    "محمد عبدالرحمن عبدالغفور خان احمدزی پوپلزی درانی بارکزی مومند",
)
MODULES = tuple(
    f"Module {number}: "
    + ("Risk profiles, targeting and selectivity at the joint crossing" if number % 4 else "Ethics")
    for number in range(1, 13)
)
SIGNATORIES = (
    Signatory("Col. Farid Ahmad Noori", "Director of Training, Afghan Border Police"),
    Signatory("Ms. Sana Butt", "Programme Coordinator"),
    Signatory("Mr. Imran Qureshi", "Deputy Director, FIA Academy"),
)


def certificate(
    serial: str,
    name: str,
    native: str,
    country: Country,
    language: str,
    modules: tuple[str, ...] = MODULES[:5],
    signatories: tuple[Signatory, ...] = SIGNATORIES,
) -> CertificatePage:
    """The certificate of one participant of JX-2025-07."""
    return CertificatePage(
        serial=serial,
        short_code=f"K7{serial[-3:]}-Q9X",
        qr_text=f"https://verify.example.org/c/{serial}?k=K7{serial[-3:]}Q9X",
        holder_name=name,
        holder_native_name=native,
        country=country,
        agency_name="Afghan Border Police"
        if country is Country.AF
        else "Federal Investigation Agency",
        rank="Captain" if country is Country.AF else "Inspector",
        exercise_code="JX-2025-07",
        exercise_title="Joint risk analysis at the crossing",
        start_date=date(2025, 10, 12),
        end_date=date(2025, 10, 16),
        site_name="Torkham (Nangarhar side)",
        hours=30,
        modules=modules,
        issue_date=date(2025, 10, 16),
        local_language=language,
        signatories=signatories,
    )


def pages() -> list[CertificatePage]:
    """An Afghan (Dari), a Pakistani (Urdu) and a Pashto reader with a very long name."""
    return [
        certificate("TD-2025-000101", "Gul Bashary Sheklay Ahmadzai", DARI_NAME, Country.AF, "prs"),
        certificate("TD-2025-000102", "Ayesha Siddiqui", URDU_NAME, Country.PK, "ur", MODULES[:3]),
        certificate("TD-2025-000103", *LONG_NAME, Country.AF, "ps", MODULES, SIGNATORIES[:2]),
    ]


def pdf_text(path: Path, *, page: int | None = None) -> str:
    """What `pdftotext` reads from the PDF (or from one page of it)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def nfc(text: str) -> str:
    """`text` composed, as a name typed on another keyboard would compare."""
    return unicodedata.normalize("NFC", text)


def render(path: Path, page: int, dpi: int) -> Image.Image:
    """Page `page` (1-based) as poppler draws it, in RGB."""
    picture = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(picture)).convert("RGB")


def image_bytes(size: tuple[int, int], colour: tuple[int, int, int], kind: str) -> bytes:
    """A plain rectangle of `colour` as a PNG with transparent corners, or as a JPEG."""
    buffer = io.BytesIO()
    if kind == "PNG":
        picture = Image.new("RGBA", size, (*colour, 255))
        picture.putpixel((0, 0), (0, 0, 0, 0))
        picture.save(buffer, format="PNG")
    else:
        Image.new("RGB", size, colour).save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


RED_WIDE_PNG = image_bytes((300, 100), (230, 20, 20), "PNG")
BLUE_TALL_JPEG = image_bytes((100, 200), (20, 20, 230), "JPEG")
GREEN_SQUARE_PNG = image_bytes((120, 120), (20, 200, 20), "PNG")


def ink_box(picture: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """The bounding box (left, top, right, bottom) of the pixels close to `colour`."""
    red, green, blue = ImageChops.difference(
        picture, Image.new("RGB", picture.size, colour)
    ).split()
    farthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    box = farthest.point(lambda level: 255 if level < 40 else 0).getbbox()
    assert box is not None, f"no {colour} on the page"
    return box


def file_fonts(path: Path) -> set[str]:
    """The fonts of a PDF, without their subset prefixes (ReportLab lists all on each page)."""
    fonts = PdfReader(path).pages[0]["/Resources"]["/Font"].values()
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[-1] for font in fonts}


def pdffonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font `pdffonts` lists."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()
    # The columns after the name are: type (one or two words), encoding, emb, sub, uni,
    # object number and generation; read from the right.
    return [(line.split()[0], line.split()[-5]) for line in lines[2:] if line.strip()]


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    """The three certificates in one PDF."""
    path = tmp_path / "certificates.pdf"
    write_certificates(pages(), path)
    return path


@needs_poppler
def test_names_serials_codes_and_dates_can_be_searched(printed: Path) -> None:
    for number, page in enumerate(pages(), start=1):
        text = " ".join(pdf_text(printed, page=number).split())
        assert page.holder_name in text
        assert page.serial in text
        assert page.short_code in text
        assert "JX-2025-07" in text
        assert "12–16 October 2025" in text
        assert "Certificate of Completion" in text
        assert "Afghanistan–Pakistan Border Cooperation Programme" in text
        solar = format_solar_hijri(page.start_date)
        assert (solar in text) is (page.country is Country.AF)


@needs_poppler
def test_the_dari_name_extracts_exactly(printed: Path) -> None:
    assert DARI_NAME in pdf_text(printed, page=1)
    assert LONG_NAME[1] in pdf_text(printed, page=3)


@needs_poppler
def test_twelve_modules_show_seven_and_a_count(printed: Path) -> None:
    text = pdf_text(printed, page=3)
    assert "Module 7:" in text
    assert "Module 8:" not in text
    assert "and 5 more" in text


def test_one_landscape_a4_page_per_certificate_with_fonts_embedded(printed: Path) -> None:
    reader = PdfReader(printed)
    assert len(reader.pages) == 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx((A4[1], A4[0]), abs=0.5)
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            assert "/FontFile2" in font.get("/FontDescriptor", {}), font["/BaseFont"]


def test_a_progress_callback_sees_every_page_and_can_cancel(tmp_path: Path) -> None:
    seen: list[int] = []
    write_certificates(pages(), io.BytesIO(), progress=seen.append)
    assert seen == [1, 2, 3]

    def cancel(number: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_certificates(pages(), tmp_path / "cancelled.pdf", progress=cancel)
    assert not (tmp_path / "cancelled.pdf").exists()


def test_one_file_per_person_named_by_serial(tmp_path: Path) -> None:
    paths = write_certificate_files(pages(), tmp_path / "out")
    assert [path.name for path in paths] == [f"{page.serial}.pdf" for page in pages()]
    for path in paths:
        assert len(PdfReader(path).pages) == 1


def test_a_serial_that_is_not_a_file_name_is_refused(tmp_path: Path) -> None:
    page = certificate("../escape", "A B", "", Country.PK, "ur")
    with pytest.raises(ValueError, match="cannot name a file"):
        write_certificate_files([page], tmp_path)


def test_the_qr_code_uses_level_m_and_reportlabs_encoder() -> None:
    modules = qr_modules("https://verify.example.org/c/TD-2025-000101")
    assert len(modules) in (29, 33)  # version 3 or 4: 43 bytes at level M
    assert all(len(row) == len(modules) for row in modules)
    # The three finder patterns: dark corners with a light ring inside.
    for row, col in ((0, 0), (0, len(modules) - 7), (len(modules) - 7, 0)):
        assert modules[row][col] and not modules[row + 1][col + 1] and modules[row + 3][col + 3]


def test_a_signature_image_is_drawn_once_per_page(tmp_path: Path) -> None:
    image = io.BytesIO()
    Image.new("RGB", (120, 40), (20, 30, 120)).save(image, format="PNG")
    signed = (
        Signatory("Ms. Sana Butt", "Programme Coordinator", image.getvalue()),
        Signatory("Mr. Nobody", "Not an image", b"not a picture"),
    )
    page = certificate("TD-2025-000104", "Sana Butt", "ثنا بٹ", Country.PK, "ur", (), signed)
    path = tmp_path / "signed.pdf"
    write_certificates([page, page], path)
    reader = PdfReader(path)
    for printed_page in reader.pages:
        assert len(printed_page["/Resources"]["/XObject"]) == 1


@needs_poppler
def test_the_first_page_renders_with_ink_on_it(printed: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(printed),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    with Image.open(tmp_path / "p.png") as picture:
        grey = picture.convert("L")
        dark = sum(grey.histogram()[:128])
        assert grey.size[0] > grey.size[1]  # landscape
        assert dark > 0.01 * grey.size[0] * grey.size[1]


@needs_poppler
def test_two_logos_face_each_other_across_the_title_keeping_their_shape(tmp_path: Path) -> None:
    page = replace(pages()[0], logos=(RED_WIDE_PNG, BLUE_TALL_JPEG))
    path = tmp_path / "logos.pdf"
    write_certificates([page], path)
    picture = render(path, 1, 72)  # one pixel per point
    red, blue = ink_box(picture, (230, 20, 20)), ink_box(picture, (20, 20, 230))

    def aspect(box: tuple[int, int, int, int]) -> float:
        return (box[2] - box[0]) / (box[3] - box[1])

    assert aspect(red) == pytest.approx(3.0, rel=0.06)
    assert aspect(blue) == pytest.approx(0.5, rel=0.06)
    title_width = text_width(TITLE, TextStyle(30.0, bold=True))
    title_left, title_right = (PAGE_WIDTH - title_width) / 2, (PAGE_WIDTH + title_width) / 2
    assert red[0] > 27 and red[2] < title_left - 8, "the first logo sits left of the title"
    assert blue[0] > title_right + 8 and blue[2] < PAGE_WIDTH - 27, "the second at its right"
    for box in (red, blue):
        # Inside the frame, beside the programme line and the title, above the French,
        # Dari, Pashto or Urdu title (whose baseline is 450 points up the page).
        assert box[1] > 27 and box[3] < PAGE_HEIGHT - 470


def test_logo_boxes_for_none_to_three_logos_stay_clear_of_the_title_and_each_other() -> None:
    title_width = text_width(TITLE, TextStyle(30.0, bold=True))
    title_left, title_right = (PAGE_WIDTH - title_width) / 2, (PAGE_WIDTH + title_width) / 2
    assert logo_boxes(0) == []
    for count in (1, 2, 3):
        boxes = logo_boxes(count)
        assert len(boxes) == count
        assert [x for x, *_ in boxes] == sorted(x for x, *_ in boxes), "left to right"
        assert len({(width, height) for _, _, width, height in boxes}) == 1, "one size"
        for (x, _, width, _), following in itertools.pairwise(boxes):
            assert x + width < following[0], "no two logos overlap"
        for x, y, width, height in boxes:
            assert x > 27 and x + width < PAGE_WIDTH - 27, "inside the frame"
            assert y > PAGE_HEIGHT - 27 - 100 and y + height < PAGE_HEIGHT - 27, "at the top"
            assert x + width < title_left or x > title_right
    assert logo_boxes(1)[0][0] < title_left, "a single logo goes at the left"
    left, right = logo_boxes(2)
    assert left[0] == pytest.approx(PAGE_WIDTH - (right[0] + right[2])), "mirrored"
    assert len(logo_boxes(5)) == 3, "the settings allow three; more are left out"


def test_each_logo_is_read_once_per_run_and_stored_once_per_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []

    class CountingReader(certificate_module.ImageReader):
        def __init__(self, source: io.BytesIO) -> None:
            opened.append(1)
            super().__init__(source)

    monkeypatch.setattr(certificate_module, "ImageReader", CountingReader)
    logos = (RED_WIDE_PNG, b"not a picture", BLUE_TALL_JPEG)
    course = [replace(page, logos=logos) for page in pages()]
    files = write_certificate_files(course, tmp_path / "out")
    assert len(opened) == 3, "two images and one that is not, each tried once"
    path = tmp_path / "course.pdf"
    write_certificates(course, path)
    drawn = [
        {reference.idnum for reference in page["/Resources"]["/XObject"].values()}
        for page in PdfReader(path).pages
    ]
    assert all(len(images) == 2 for images in drawn), "the bytes that are no image are skipped"
    assert drawn[0] == drawn[1] == drawn[2], "one copy of each logo serves every page"
    for pdf in (path, *files):
        # The two logos and the transparency of the PNG, each stored once.
        assert pdf.read_bytes().count(b"/Subtype /Image") == 3, pdf.name


@needs_poppler
def test_one_two_and_three_logos_all_show(tmp_path: Path) -> None:
    colours = ((230, 20, 20), (20, 20, 230), (20, 200, 20))
    logos = (RED_WIDE_PNG, BLUE_TALL_JPEG, GREEN_SQUARE_PNG)
    course = [
        replace(pages()[1], serial=f"TD-2025-00011{count}", logos=logos[:count])
        for count in (1, 2, 3)
    ]
    files = write_certificate_files(course, tmp_path / "out")
    for count, path in zip((1, 2, 3), files, strict=True):
        picture = render(path, 1, 36)
        lefts = [ink_box(picture, colour)[0] for colour in colours[:count]]
        assert lefts == sorted(lefts), "logos are laid out left to right in the given order"


@needs_poppler
def test_a_french_certificate_is_titled_in_french_and_keeps_the_native_name(
    tmp_path: Path,
) -> None:
    afghan = replace(pages()[0], local_language="fr")
    pakistani = replace(pages()[1], local_language="fr-FR")
    no_native = replace(
        pages()[1], serial="TD-2025-000109", local_language="fr", holder_native_name=""
    )
    course = (afghan, pakistani, no_native)
    files = write_certificate_files(course, tmp_path / "out")
    for page, path in zip(course, files, strict=True):
        text = pdf_text(path)
        assert "Certificat de fin de formation" in " ".join(text.split())
        arabic = [
            line.strip("\u202b\u202c")
            for line in text.splitlines()
            if any(in_arabic_block(char) for char in line)
        ]
        assert arabic == ([page.holder_native_name] if page.holder_native_name else [])
    # Each name in the hand of the holder's country; no Arabic font where there is no name.
    assert "NotoNaskhArabic-Bold" in file_fonts(files[0])
    assert "NotoNastaliqUrdu-Regular" not in file_fonts(files[0])
    assert "NotoNastaliqUrdu-Regular" in file_fonts(files[1])
    assert file_fonts(files[2]) == {"NotoSans-Regular", "NotoSans-Bold"}


@pytest.mark.parametrize("language", ["ps", "prs", "ur", "fr", "ps-AF", "UR_pk", "fa"])
def test_language_tags_with_regions_and_any_case_are_understood(language: str) -> None:
    write_certificates([replace(pages()[0], local_language=language)], io.BytesIO())


def test_an_unknown_language_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    course = [pages()[0], replace(pages()[1], local_language="de")]
    message = r"TD-2025-000102: language 'de' is not one of prs \(Dari\), ps \(Pashto\), ur"
    with pytest.raises(ValueError, match=message):
        write_certificates(course, tmp_path / "course.pdf")
    with pytest.raises(ValueError, match=message):
        write_certificate_files(course, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# Names that shaped glyphs alone do not give back: the Allah ligature, a superscript alef,
# a hamza, and plain Urdu set in Nastaliq.
HARD_NAMES = (
    ("TD-2025-000201", "Abdul Rahman Kasi", "عبدالرحمٰن کاسی", Country.PK, "ur"),
    ("TD-2025-000202", "Ataullah Baloch", "عطاء اللہ بلوچ", Country.PK, "ur"),
    ("TD-2025-000203", "Bushra Jadoon", "بشریٰ جدون", Country.PK, "ur"),
    ("TD-2025-000204", "Ayesha Siddiqui", URDU_NAME, Country.PK, "ur"),
    ("TD-2025-000205", "Habibullah Rahimi", "حبیب الله رحیمی", Country.AF, "prs"),
    ("TD-2025-000206", "Abdullah Sultani", "عبدالله سلطانی", Country.AF, "ps"),
    ("TD-2025-000207", "Gul Bashary Sheklay Ahmadzai", DARI_NAME, Country.AF, "ps"),
)


@needs_poppler
def test_urdu_dari_and_pashto_names_and_titles_extract_exactly_once(tmp_path: Path) -> None:
    course = [certificate(*fields) for fields in HARD_NAMES]
    path = tmp_path / "course.pdf"
    write_certificates(course, path)
    files = write_certificate_files(course, tmp_path / "out")
    reader = PdfReader(path)
    for number, page in enumerate(course, start=1):
        title = LOCAL_TITLES[page.local_language]
        for text in (nfc(pdf_text(path, page=number)), nfc(pdf_text(files[number - 1]))):
            assert text.count(nfc(page.holder_native_name)) == 1, page.holder_native_name
            assert text.count(nfc(title)) == 1
            # The shaped glyphs themselves read as nothing: no junk beside the letters.
            assert not any(
                unicodedata.category(char) in ("Co", "Cn") or char == "\ufffd" for char in text
            )
        # pypdf, which `certificates verify` reads PDFs with, agrees.
        assert nfc(page.holder_native_name) in nfc(reader.pages[number - 1].extract_text())


@needs_poppler
def test_the_letters_under_shaped_names_are_invisible_and_hide_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = tmp_path / "shown.pdf"
    write_certificates(pages(), shown)
    monkeypatch.setattr(text_module, "draw_hidden", lambda *args, **kwargs: None)
    monkeypatch.setattr(certificate_module, "draw_hidden", lambda *args, **kwargs: None)
    bare = tmp_path / "bare.pdf"
    write_certificates(pages(), bare)
    # Without the invisible layer the names cannot be found: the glyphs carry no text...
    assert URDU_NAME not in pdf_text(bare, page=2)
    assert DARI_NAME not in pdf_text(bare, page=1)
    # ...and with it not one pixel changes: it shows nothing, and text after it still shows.
    for number in (1, 2, 3):
        difference = ImageChops.difference(render(shown, number, 100), render(bare, number, 100))
        assert difference.getbbox() is None, f"page {number}"


@needs_pdffonts
def test_pdffonts_finds_every_font_embedded_and_no_helvetica(tmp_path: Path) -> None:
    course = [
        *(replace(page, logos=(RED_WIDE_PNG,)) for page in pages()),
        replace(pages()[1], local_language="fr"),
    ]
    path = tmp_path / "course.pdf"
    write_certificates(course, path)
    shipped = {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoNaskhArabic-Regular",
        "NotoNaskhArabic-Bold",
        "NotoNastaliqUrdu-Regular",
    }
    for pdf in (path, *write_certificate_files(course, tmp_path / "out")):
        fonts = pdffonts(pdf)
        assert fonts, f"pdffonts lists no font in {pdf.name}"
        assert [name for name, embedded in fonts if embedded != "yes"] == [], pdf.name
        assert not any("Helvetica" in name for name, _ in fonts), pdf.name
        assert {name.split("+", 1)[-1] for name, _ in fonts} <= shipped, pdf.name
    assert {name.split("+", 1)[-1] for name, _ in pdffonts(path)} == shipped


def test_a_certificate_file_is_the_same_whatever_was_written_before(tmp_path: Path) -> None:
    first = write_certificate_files([pages()[1]], tmp_path / "first")[0].read_bytes()
    write_certificate_files([*pages(), certificate(*HARD_NAMES[1])], tmp_path / "between")
    again = write_certificate_files([pages()[1]], tmp_path / "again")[0].read_bytes()
    assert first == again
