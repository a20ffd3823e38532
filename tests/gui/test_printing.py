"""A coordinator prints the certificates of a course on the office printer.

The printer here is a real CUPS queue, `PDF`, whose cups-pdf backend writes each job as a
PDF file (see `tests/cups.py`): what comes out is what a printer would have been sent.
The print dialog is left out except in one test; the rest call `print_pdf` with the
printer the dialog would have returned.
"""

import io
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.reports.test_certificate import needs_poppler, pages
from trainingdesk.reports.certificate import write_certificates
from trainingdesk.ui.printing import (
    PrintFailed,
    choose_printer_and_print,
    open_in_viewer,
    page_count,
    print_pdf,
)

# Pages are compared as small grey images: enough to tell one certificate from another.
LOOK_DPI = 40
TURNED = (90, -90)  # a landscape page printed on an upright sheet, either way round


@pytest.fixture
def certificates(tmp_path: Path) -> Path:
    """Three A4 landscape certificates (Dari, Urdu, a very long name) in one PDF."""
    path = tmp_path / f"certificates-{uuid.uuid4().hex[:8]}.pdf"
    write_certificates(pages(), path)
    return path


def look(pdf: Path, page: int) -> Image.Image:
    """Page `page` (1-based) as poppler draws it, in grey at LOOK_DPI."""
    grey = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(LOOK_DPI), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(grey)).convert("L")


def ink(page: Image.Image) -> Image.Image:
    """The page cut down to what is printed on it (the certificate's frame and inside)."""
    box = page.point(lambda value: 255 if value < 200 else 0).getbbox()
    assert box is not None, "the page is blank"
    return page.crop(box)


def distance(sheet: Image.Image, original: Image.Image, turns: tuple[int, ...]) -> float:
    """How unlike the original the sheet looks (0 = alike) at the best of the quarter `turns`."""
    printed = ink(sheet)
    return min(
        float(
            ImageStat.Stat(
                ImageChops.difference(
                    printed, ink(original).rotate(angle, expand=True).resize(printed.size)
                )
            ).mean[0]
        )
        for angle in turns
    )


def originals(pdf: Path) -> list[Image.Image]:
    """Every page of the PDF as poppler draws it."""
    return [look(pdf, number) for number in range(1, page_count(pdf) + 1)]


def likeliest(sheet: Image.Image, candidates: list[Image.Image], turns: tuple[int, ...]) -> int:
    """The 0-based index of the candidate page the sheet looks most like."""
    distances = [distance(sheet, candidate, turns) for candidate in candidates]
    return distances.index(min(distances))


def test_three_certificates_come_out_as_three_sheets_filled_by_the_landscape_pages(
    certificates: Path, office_printer: QPrinter, printed: Callable[[str], Path]
) -> None:
    progress: list[tuple[int, int]] = []

    sheets = print_pdf(certificates, office_printer, progress=lambda *p: progress.append(p))

    assert sheets == 3
    assert progress == [(1, 3), (2, 3), (3, 3)]
    out = printed(office_printer.docName())
    assert out.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(out).pages) == 3
    # The queue prints on A4 paper held upright, as a printer does: each landscape
    # certificate arrives turned a quarter, and fills the sheet rather than a strip of it.
    before = originals(certificates)
    for number, original in enumerate(before, start=1):
        sheet = look(out, number)
        assert sheet.width < sheet.height
        assert ink(sheet).height > 0.9 * sheet.height
        assert ink(sheet).width > 0.9 * sheet.width
        assert distance(sheet, original, TURNED) < 10
        assert distance(sheet, original, TURNED) < 0.6 * distance(sheet, original, (0,))
        assert likeliest(sheet, before, TURNED) == number - 1


def test_pages_two_to_three_print_those_two_certificates(
    certificates: Path, office_printer: QPrinter, printed: Callable[[str], Path]
) -> None:
    office_printer.setFromTo(2, 3)

    assert print_pdf(certificates, office_printer) == 2

    out = printed(office_printer.docName())
    assert len(PdfReader(out).pages) == 2
    before = originals(certificates)
    assert [likeliest(look(out, sheet), before, TURNED) for sheet in (1, 2)] == [1, 2]


def test_cancel_after_the_first_page_prints_that_page_only(
    certificates: Path, office_printer: QPrinter, printed: Callable[[str], Path]
) -> None:
    progress: list[tuple[int, int]] = []

    sheets = print_pdf(
        certificates,
        office_printer,
        progress=lambda *p: progress.append(p),
        cancelled=lambda: len(progress) >= 1,
    )

    assert sheets == 1
    assert progress == [(1, 3)]
    # A job handed to the print system cannot be taken back: the page done is printed.
    assert len(PdfReader(printed(office_printer.docName())).pages) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4\n this was cut off by a full USB stick", "not a PDF file, or it is damaged"),
        (None, "the file does not exist"),
    ],
)
def test_an_unreadable_pdf_is_refused_before_anything_is_sent(
    qapp: QApplication, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    pdf = tmp_path / "certificates.pdf"
    if content is not None:
        pdf.write_bytes(content)
    printer = _file_printer(tmp_path / "printed.pdf")

    with pytest.raises(PrintFailed, match=reason):
        print_pdf(pdf, printer)

    assert not (tmp_path / "printed.pdf").exists()


def test_the_print_dialog_prints_in_the_background(
    qtbot: QtBot, certificates: Path, office_printer: QPrinter, printed: Callable[[str], Path]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[str, int, int]] = []

    def press_print() -> None:
        dialog = _active_dialog()
        seen.append((dialog.windowTitle(), dialog.minPage(), dialog.maxPage()))
        dialog.accept()

    QTimer.singleShot(0, press_print)
    done: list[int] = []
    failures: list[str] = []
    task = choose_printer_and_print(
        window,
        certificates,
        printer=office_printer,
        on_done=done.append,
        on_failure=failures.append,
    )

    assert task is not None
    qtbot.waitUntil(task.finished.is_set, timeout=60_000)
    assert (done, failures) == ([3], [])
    assert seen == [(f"Print {certificates.name}", 1, 3)]
    # The job is titled after the file, as the queue shows it.
    assert len(PdfReader(printed(certificates.stem)).pages) == 3


def test_closing_the_print_dialog_prints_nothing(
    qtbot: QtBot, certificates: Path, office_printer: QPrinter
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QTimer.singleShot(0, lambda: _active_dialog().reject())

    assert choose_printer_and_print(window, certificates, printer=office_printer) is None


def test_printing_a_damaged_file_says_why_without_a_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    failures: list[str] = []

    task = choose_printer_and_print(window, tmp_path / "gone.pdf", on_failure=failures.append)

    assert task is None
    assert failures == ["gone.pdf cannot be printed: the file does not exist."]


@needs_poppler
def test_printing_to_a_pdf_file_keeps_landscape_pages_and_makes_the_copies(
    qapp: QApplication, certificates: Path, tmp_path: Path
) -> None:
    printer = _file_printer(tmp_path / "printed.pdf")
    printer.setCopyCount(2)

    assert print_pdf(certificates, printer) == 6

    reader = PdfReader(tmp_path / "printed.pdf")
    assert [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages] == [
        (842, 595)
    ] * 6
    before = originals(certificates)
    sheets = [look(tmp_path / "printed.pdf", number) for number in range(1, 7)]
    assert [likeliest(sheet, before, (0,)) for sheet in sheets] == [0, 1, 2, 0, 1, 2]  # collated


class _Viewer(QObject):
    """Stands in for the desktop's PDF viewer."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show_file(self, url: QUrl) -> None:
        self.opened.append(url)


def test_open_in_viewer_hands_the_file_to_the_desktop(
    qapp: QApplication, certificates: Path, tmp_path: Path
) -> None:
    viewer = _Viewer()
    # PySide 6.12 accepts the slot's name as str only, although its stubs ask for bytes.
    QDesktopServices.setUrlHandler("file", viewer, "show_file")  # type: ignore[arg-type]
    try:
        assert open_in_viewer(certificates)
        assert not open_in_viewer(tmp_path / "missing.pdf")
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in viewer.opened] == [str(certificates.resolve())]


def _file_printer(out: Path) -> QPrinter:
    """Qt's "Print to file (PDF)" printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def _active_dialog() -> QPrintDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QPrintDialog)
    return dialog
