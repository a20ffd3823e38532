"""A coordinator prints the certificates of a finished course, in one PDF or one per person.

All people here are synthetic. The Afghan name uses the Pashto letters ګ ښ ۍ that break
naive Arabic shaping; the Pakistani name is Urdu, drawn in Nastaliq.
"""

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from trainingdesk.domain.calendars import format_solar_hijri
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports.certificate import (
    qr_modules,
    write_certificate_files,
    write_certificates,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
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
