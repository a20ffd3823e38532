"""Printing a PDF the program made (certificates, sign-in sheets) on a real printer.

Each page of the PDF is rendered to an image with Qt PDF and painted onto a `QPrinter`, so
anything Qt can print to works: a CUPS queue, a Windows printer, or a PDF file. The printer
gets the orientation of the PDF's pages, so an A4 landscape certificate fills the sheet.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.ui.tasks import BackgroundTask

# Pages are sent as images: 300 dpi is sharp on paper and keeps a certificate near 1.4 MB;
# at a printer's full 1200 dpi a single page was 5 MB.
MAX_DPI = 300
POINTS_PER_INCH = 72

Progress = Callable[[int, int], None]


class PrintFailed(TrainingDeskError):
    """The PDF could not be read, or the printer could not start the job."""


def page_count(pdf: Path) -> int:
    """How many pages the PDF has; raises `PrintFailed` when it cannot be read."""
    document = _load(pdf)
    try:
        return document.pageCount()
    finally:
        document.close()


def print_pdf(
    pdf: Path,
    printer: QPrinter,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print the pages of `pdf` chosen on `printer`; returns how many sheets were painted.

    The printer's page ranges (`fromPage`/`toPage`, as the print dialog sets them) choose
    the pages; copies are left to the print system when it makes them, else painted here.
    `progress(done, total)` follows each page. When `cancelled()` turns true no further page
    is started; the pages already painted still go to the printer, because a job handed to
    the print system cannot be withdrawn from here (Qt's CUPS engine cannot abort).
    """
    document = _load(pdf)
    try:
        sheets = list(_sheets(printer, document.pageCount()))
        if not sheets:
            return 0
        _orient(printer, document, sheets[0])
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(f"The printer {printer.printerName()!r} could not start the job.")
        done = 0
        try:
            for index in sheets:
                if cancelled is not None and cancelled():
                    break
                if done:
                    # A new orientation applies from the next newPage() on.
                    _orient(printer, document, index)
                    if not printer.newPage():
                        raise PrintFailed(f"The printer {printer.printerName()!r} refused a page.")
                _paint(painter, printer, document, index)
                done += 1
                if progress is not None:
                    progress(done, len(sheets))
        finally:
            painter.end()
        return done
    finally:
        document.close()


def open_in_viewer(path: Path) -> bool:
    """Open the file in the desktop's own viewer; False when it is missing or nothing opened."""
    if not path.is_file():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.resolve())))


def choose_printer_and_print(
    parent: QWidget,
    pdf: Path,
    *,
    printer: QPrinter | None = None,
    on_done: Callable[[int], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> BackgroundTask | None:
    """File > Print: the system print dialog, then the job in the background.

    Returns the running task (keep a reference until it ends), or None when the dialog was
    closed or the PDF cannot be read (then `on_failure` has the message).
    """

    def fail(message: str) -> None:
        if on_failure is not None:
            on_failure(message)
        else:
            QMessageBox.warning(parent, "Printing failed", message)

    try:
        pages = page_count(pdf)
    except PrintFailed as exc:
        fail(str(exc))
        return None
    chosen = printer if printer is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
    chosen.setDocName(pdf.stem)  # the job's title in the print queue
    dialog = QPrintDialog(chosen, parent)
    dialog.setObjectName("print-dialog")
    dialog.setWindowTitle(f"Print {pdf.name}")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, pages)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return None

    def work(report: Callable[[str], None]) -> int:
        return print_pdf(
            pdf, chosen, progress=lambda done, total: report(f"Printing page {done} of {total}")
        )

    return BackgroundTask(
        parent, f"Printing {pdf.name}", work, on_done or (lambda _pages: None), fail
    )


def _load(pdf: Path) -> QPdfDocument:
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        reason = _REASONS.get(error, "it is not a readable PDF")
        document.close()
        raise PrintFailed(f"{pdf.name} cannot be printed: {reason}.")
    return document


_REASONS = {
    QPdfDocument.Error.FileNotFound: "the file does not exist",
    QPdfDocument.Error.InvalidFileFormat: "it is not a PDF file, or it is damaged",
    QPdfDocument.Error.IncorrectPassword: "it is protected by a password",
    QPdfDocument.Error.UnsupportedSecurityScheme: "its encryption is not supported",
    QPdfDocument.Error.DataNotYetAvailable: "the file is still being written",
}


def _sheets(printer: QPrinter, pages: int) -> Iterator[int]:
    """The 0-based page numbers to paint, in order, with the copies Qt leaves to us."""
    ranges = printer.pageRanges()  # 1-based; empty means every page
    chosen = [index for index in range(pages) if ranges.isEmpty() or ranges.contains(index + 1)]
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        for _copy in range(copies):
            yield from chosen
    else:
        for index in chosen:
            for _copy in range(copies):
                yield index


def _orient(printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """Turn the printer's page to the orientation of the PDF page."""
    size = document.pagePointSize(index)
    wanted = (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )
    if printer.pageLayout().orientation() != wanted and not printer.setPageOrientation(wanted):
        raise PrintFailed(f"The printer {printer.printerName()!r} cannot turn the page.")


def _paint(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """Render one page at up to MAX_DPI and paint it centred, as large as the page allows."""
    dpi = min(printer.resolution(), MAX_DPI)
    points = document.pagePointSize(index)
    pixels = QSize(
        max(1, round(points.width() * dpi / POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / POINTS_PER_INCH)),
    )
    rendered = document.render(index, pixels)
    if rendered.isNull():
        raise PrintFailed(f"Page {index + 1} could not be rendered.")
    # Qt PDF leaves the paper transparent; printers and PDF writers want it white (an
    # alpha channel would also travel as a second image).
    page = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    flatten = QPainter(page)
    flatten.drawImage(0, 0, rendered)
    flatten.end()
    area = printer.pageLayout().paintRectPixels(printer.resolution()).size()
    fitted = page.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
    corner = QPoint((area.width() - fitted.width()) // 2, (area.height() - fitted.height()) // 2)
    painter.drawImage(QRect(corner, fitted), page)
