"""Time printing the certificates of a large course: one PDF, and one PDF per person.

Usage: .venv/bin/python benchmarks/certificates.py [--count 1000]

The holders are synthetic, drawn from the demo name pools: two Afghans (Dari or Pashto,
Solar Hijri dates) to one Pakistani (Urdu, Nastaliq), each with five to twelve modules,
three signatories of whom one has a scanned signature, two logos (a PNG with transparency
and a JPEG), and a QR code of a verification address. Target from the issue: within 1.5x
of a baseline measured in the same run, the same layout drawn with the plainest canvas
code (Helvetica, `drawString` of the Latin parts only, the same logos in the same boxes,
the same one-path QR code).
"""

import argparse
import io
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from certificates_weasyprint import (  # beside this script, which Python runs from here
    weasyprint_available,
    weasyprint_files,
    weasyprint_one_pdf,
)
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from trainingdesk.domain.calendars import format_solar_hijri
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports.certificate import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PROGRAMME,
    TITLE,
    draw_qr,
    logo_boxes,
    write_certificate_files,
    write_certificates,
)
from trainingdesk.services.demo_pools import (
    AFGHAN_FAMILY,
    AFGHAN_MALE_GIVEN,
    PAKISTANI_FAMILY,
    PAKISTANI_MALE_GIVEN,
    NamePart,
)

TARGET_RATIO = 1.5
_MODULE_TITLES = (
    "Introduction to border management",
    "Border patrolling and surveillance",
    "Risk profiles, targeting and selectivity at the joint crossing",
    "Document examination and fraud detection",
    "Human rights and gender at the border",
    "Precursor chemical identification",
    "Joint incident reporting and liaison",
    "Cargo processing and transit procedures",
    "Ethics and integrity",
    "Radio procedures",
    "First aid at the crossing",
    "Joint exercise debrief",
)


def make_pages(count: int, signature: Path, logos: Sequence[Path]) -> list[CertificatePage]:
    """`count` certificates of one course, two Afghans to one Pakistani."""
    rng = random.Random(7)
    start = date(2025, 10, 12)
    signatories = (
        Signatory("Col. Farid Ahmad Noori", "Director of Training, ABP", signature.read_bytes()),
        Signatory("Ms. Sana Butt", "Programme Coordinator"),
        Signatory("Mr. Imran Qureshi", "Deputy Director, FIA Academy"),
    )
    logo_images = tuple(logo.read_bytes() for logo in logos)
    pages = []
    for number in range(1, count + 1):
        afghan = number % 3 != 0
        given: Sequence[NamePart] = AFGHAN_MALE_GIVEN if afghan else PAKISTANI_MALE_GIVEN
        family: Sequence[NamePart] = AFGHAN_FAMILY if afghan else PAKISTANI_FAMILY
        first, last = rng.choice(given), rng.choice(family)
        serial = f"TD-2025-{number:06d}"
        code = f"{rng.getrandbits(40):010X}"
        pages.append(
            CertificatePage(
                serial=serial,
                short_code=f"{code[:5]}-{code[5:]}",
                qr_text=f"https://verify.example.org/c/{serial}?k={code}",
                holder_name=f"{first.latin} {last.latin}",
                holder_native_name=f"{first.native} {last.native}",
                country=Country.AF if afghan else Country.PK,
                agency_name="Afghan Border Police" if afghan else "Frontier Corps",
                rank=rng.choice(("Captain", "Major", "Sergeant", "Inspector")),
                exercise_code="JX-2025-07",
                exercise_title="Joint traffic-flow exercise at the Torkham gate",
                start_date=start,
                end_date=start + timedelta(days=4),
                site_name="Torkham (Nangarhar side)",
                hours=30,
                modules=tuple(rng.sample(_MODULE_TITLES, rng.randint(5, 12))),
                issue_date=start + timedelta(days=4),
                local_language=("prs" if number % 2 else "ps") if afghan else "ur",
                signatories=signatories,
                logos=logo_images,
            )
        )
    return pages


def _baseline_page(canvas: Canvas, page: CertificatePage, images: dict[bytes, ImageReader]) -> None:
    """The same layout in Helvetica, Latin parts only, no shaping and no fitting."""
    canvas.setLineWidth(3)
    canvas.rect(20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40)
    canvas.setLineWidth(0.9)
    canvas.rect(27, 27, PAGE_WIDTH - 54, PAGE_HEIGHT - 54)
    for logo, (x, y, width, height) in zip(page.logos, logo_boxes(len(page.logos)), strict=True):
        canvas.drawImage(
            _image(images, logo), x, y, width, height, mask="auto", preserveAspectRatio=True
        )
    centre, top = PAGE_WIDTH / 2, PAGE_HEIGHT - 27
    lines = [
        (36, "Helvetica-Bold", 12, PROGRAMME),
        (72, "Helvetica-Bold", 30, TITLE),
        (156, "Helvetica", 11, "This is to certify that"),
        (192, "Helvetica-Bold", 30, page.holder_name),
        (264, "Helvetica", 12.5, f"{page.rank} · {page.agency_name}"),
        (290, "Helvetica", 11, "has completed"),
        (312, "Helvetica-Bold", 16, page.exercise_title),
        (332, "Helvetica", 10.5, f"{page.exercise_code} · {page.start_date} · {page.site_name}"),
    ]
    if page.country is Country.AF:
        lines.append((346, "Helvetica", 10.5, format_solar_hijri(page.start_date)))
    for offset, font, size, text in lines:
        canvas.setFont(font, size)
        canvas.drawCentredString(centre, top - offset, text)
    canvas.setFont("Helvetica", 8.5)
    for index, title in enumerate(page.modules[:8]):
        column, row = divmod(index, 4)
        canvas.drawString(120 + 360 * column, top - 380 - 12 * row, title)
    for index, signatory in enumerate(page.signatories):
        x = 210 + 160 * index
        if signatory.signature_image:
            image = _image(images, signatory.signature_image)
            canvas.drawImage(image, x, 91, 150, 34, mask="auto", preserveAspectRatio=True)
        canvas.line(x, 89, x + 150, 89)
        canvas.drawCentredString(x + 75, 76, signatory.name)
        canvas.drawCentredString(x + 75, 65, signatory.title)
    canvas.drawString(46, 99, page.serial)
    canvas.drawString(46, 75, page.short_code)
    canvas.drawString(46, 51, str(page.issue_date))
    draw_qr(canvas, PAGE_WIDTH - 144, 41, 84, page.qr_text)


def _image(images: dict[bytes, ImageReader], data: bytes) -> ImageReader:
    """The image in `data`, read once per run."""
    if data not in images:
        images[data] = ImageReader(io.BytesIO(data))
    return images[data]


def baseline_one_pdf(pages: Sequence[CertificatePage], out: Path) -> None:
    """All pages in one PDF, baseline style."""
    canvas = Canvas(str(out), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    images: dict[bytes, ImageReader] = {}
    for page in pages:
        _baseline_page(canvas, page, images)
        canvas.showPage()
    canvas.save()


def baseline_files(pages: Sequence[CertificatePage], folder: Path) -> None:
    """One PDF per page, baseline style."""
    images: dict[bytes, ImageReader] = {}
    for page in pages:
        canvas = Canvas(
            str(folder / f"{page.serial}.pdf"),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            invariant=1,
            pageCompression=1,
        )
        _baseline_page(canvas, page, images)
        canvas.showPage()
        canvas.save()


def timed(action: Callable[[], object]) -> float:
    """Seconds `action` takes."""
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    """Print product and baseline times and their ratio, for one PDF and one per person."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="certificates (default 1000)")
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        signature = folder / "signature.png"
        picture = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
        ImageDraw.Draw(picture).line([(10, 70), (60, 20), (140, 80), (280, 30)], (20, 30, 120), 4)
        picture.save(signature)
        emblem, banner = folder / "emblem.png", folder / "banner.jpg"
        picture = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
        ImageDraw.Draw(picture).ellipse((8, 8, 232, 232), (18, 60, 120, 255))
        ImageDraw.Draw(picture).polygon([(120, 60), (180, 180), (60, 180)], (250, 210, 60, 255))
        picture.save(emblem)
        picture = Image.new("RGB", (480, 160), (255, 255, 255))
        ImageDraw.Draw(picture).rectangle((0, 0, 150, 160), (160, 20, 40))
        picture.save(banner, quality=90)
        pages = make_pages(count, signature, (emblem, banner))
        # Warm-up outside the timing: font files, first shaping of the fixed headings.
        write_certificates(pages[:3], folder / "warm.pdf")
        for name in ("product", "baseline"):
            (folder / name).mkdir()
        missing = weasyprint_available()
        if missing is None:
            # Its first run loads Pango and the fonts; that is not what is compared.
            weasyprint_one_pdf(pages[:3], folder / "warm-weasyprint.pdf")
            (folder / "weasyprint").mkdir()
        rows = [
            (
                "one PDF",
                timed(lambda: write_certificates(pages, folder / "product.pdf")),
                timed(lambda: baseline_one_pdf(pages, folder / "baseline.pdf")),
                None
                if missing
                else timed(lambda: weasyprint_one_pdf(pages, folder / "weasyprint.pdf")),
            ),
            (
                "one PDF per person",
                timed(lambda: write_certificate_files(pages, folder / "product")),
                timed(lambda: baseline_files(pages, folder / "baseline")),
                None if missing else timed(lambda: weasyprint_files(pages, folder / "weasyprint")),
            ),
        ]
    print(f"{count} certificates")
    print(
        f"{'':20} {'product':>9} {'baseline':>9} {'ratio':>6}      {'WeasyPrint':>10} {'ratio':>6}"
    )
    for label, product, baseline, weasyprint in rows:
        ratio = product / baseline
        verdict = "ok  " if ratio <= TARGET_RATIO else "OVER"
        line = f"{label:20} {product:8.2f}s {baseline:8.2f}s {ratio:5.2f}x  {verdict}"
        if weasyprint is not None:
            line += f" {weasyprint:9.2f}s {weasyprint / baseline:5.2f}x"
        print(line)
    print(f"target: product within {TARGET_RATIO}x of the baseline, measured in this run")
    if missing:
        print(f"WeasyPrint not measured: {missing}")


if __name__ == "__main__":
    main()
