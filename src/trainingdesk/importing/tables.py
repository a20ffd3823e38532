"""Read a CSV or XLSX file into a plain table of text cells, whatever program wrote it.

Coordinators bring files from Excel in Dari, Pashto, Urdu, English or French Windows, from
LibreOffice and from phones, so the reader guesses what it must and says plainly what it
cannot read. Every cell comes back as trimmed text; what the columns mean is the business
of the importer that uses the table (marks today, rosters later).

The header is the first row with at least two non-empty cells. Rows above it with a single
non-empty cell are title rows ("Attendance - JX-2027-01") and are skipped, and so are
fully empty rows anywhere. A title spread over two cells would be taken for the header,
and the importer would then say it finds none of its columns.
"""

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.names import is_arabic_script

__all__ = ["Table", "TableRow", "UnreadableFile", "read_table"]

# Enough to recognise the file type, the encoding and the delimiter; the rest is streamed.
_SAMPLE_BYTES = 64 * 1024
_SNIFF_LINES = 50
_DELIMITERS = (",", ";", "\t")

_PDF = b"%PDF"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What openpyxl raises on a ZIP that is not a workbook or a workbook it cannot parse
# (SyntaxError covers XML parse errors).
_BROKEN_WORKBOOK = (
    zipfile.BadZipFile,
    KeyError,
    InvalidFileException,
    ValueError,
    EOFError,
    SyntaxError,
)

# A run of letters; digits, punctuation, marks and spaces end a word.
_WORD = re.compile(r"[^\W\d_]+")
_MERGE_REFERENCE = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')

_ENCODING_NAMES = {
    "ascii": "plain ASCII",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1252": "Windows-1252 (Western European)",
}


class UnreadableFile(TrainingDeskError):
    """A file that cannot be read as a table; the message says why and what to do instead."""


@dataclass(frozen=True)
class TableRow:
    """One data row: its number as the user sees it (spreadsheet row or CSV line) and cells.

    `cells` has at least one entry per header ("" where the file has nothing), plus any
    non-empty cells the file has to the right of the last header.
    """

    number: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        """The text in column `index` (0-based), "" past the end of the row."""
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    """The header row and the data rows below it; `header_row` is the header's row number."""

    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_row: int = 1


def read_table(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file; raise `UnreadableFile` with a plain explanation if it fails.

    The content decides how the file is read, not its extension: a workbook renamed .csv is
    still read as a workbook, and a PDF renamed .csv is refused as a PDF. `encoding`
    overrides the guess for CSV files (a byte-order mark still wins). `sheet` names a
    worksheet (the first one otherwise, case-insensitive) and is ignored for CSV files.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(_SAMPLE_BYTES)
            if not head.strip():
                raise UnreadableFile(f"{path.name} is empty.")
            stream.seek(0)
            if head.startswith(_ZIP):
                return _xlsx_table(stream, path.name, sheet)
            _refuse_binary(head, path.name, encoding)
            return _table(_csv_rows(stream, head, encoding, path.name), path.name)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableFile(f"TrainingDesk could not open {path.name}: {reason}.") from exc


def _refuse_binary(head: bytes, name: str, encoding: str | None) -> None:
    if head.startswith(_PDF):
        raise UnreadableFile(
            f"{name} is a PDF document, not a table. Use the CSV or Excel (.xlsx) file instead."
        )
    if head.startswith(_OLE2):
        raise UnreadableFile(
            f"{name} is in the old Excel 97-2003 (.xls) format. Open it in Excel and save it "
            "as an Excel Workbook (.xlsx) or as CSV UTF-8."
        )
    # UTF-16 without a BOM is full of NUL bytes too, but then the user names the encoding.
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16 and encoding is None:
        raise UnreadableFile(f"{name} is not a CSV or Excel file (it does not contain text).")


def _table(
    rows: Iterable[tuple[int, list[str]]],
    name: str,
    merges: Sequence[tuple[int, int, int, int]] = (),
) -> Table:
    header: list[str] | None = None
    header_row = 0
    data: list[TableRow] = []
    seen_any = False
    for number, cells in rows:
        filled = sum(1 for cell in cells if cell)
        if not filled:
            continue
        seen_any = True
        if header is None:
            if filled >= 2:
                header, header_row = _spread_merged(cells, number, merges), number
            continue
        data.append(TableRow(number, _fit(cells, len(header))))
    if not seen_any:
        raise UnreadableFile(f"{name} is empty.")
    if header is None:
        raise UnreadableFile(
            f"{name} has no header row: no row has at least two column names, such as "
            "'Name' and '1' for the first session."
        )
    return Table(tuple(header), tuple(data), header_row)


def _spread_merged(
    cells: list[str], row: int, merges: Sequence[tuple[int, int, int, int]]
) -> list[str]:
    """A header cell merged over several columns names each of them, numbered ("Name (2)").

    A workbook keeps the text in the first cell of a merge only; the others read empty.
    """
    header = list(cells)
    for first_column, first_row, last_column, last_row in merges:
        if not first_row <= row <= last_row or first_column > len(header):
            continue
        text = header[first_column - 1]
        for column in range(first_column + 1, last_column + 1):
            if text and column <= len(header) and not header[column - 1]:
                header[column - 1] = f"{text} ({column - first_column + 1})"
    return _trim_end(header)


def _trim_end(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _fit(cells: list[str], width: int) -> tuple[str, ...]:
    cells = _trim_end(cells)
    return tuple(cells + [""] * (width - len(cells)))


# ------------------------------------------------------------------------------- CSV


def _csv_rows(
    stream: BinaryIO, head: bytes, encoding: str | None, name: str
) -> Iterator[tuple[int, list[str]]]:
    decoder = _LineDecoder(head, encoding, name)
    lines = decoder.lines(stream)
    reader = csv.reader(lines, delimiter=_delimiter(decoder.sample_text(head)))
    previous_line = 0
    try:
        for record in reader:
            # A quoted cell can span lines: the row's number is the line it starts on.
            yield previous_line + 1, [cell.strip() for cell in record]
            previous_line = reader.line_num
    except csv.Error as exc:
        raise UnreadableFile(
            f"Line {reader.line_num} of {name} is not valid CSV ({exc}). "
            "Open the file in Excel and save it again as CSV UTF-8."
        ) from exc


class _LineDecoder:
    """Turns the lines of a CSV file into text, choosing the encoding as described below.

    A BOM settles it (UTF-8 or UTF-16). Otherwise, with no encoding given, the file is
    UTF-8 if its first 64 KiB decode as UTF-8. If they do not, it was written by a
    Windows program in the computer's "ANSI" code page, which on the programme's laptops
    is Windows-1256 (Dari, Pashto and Urdu Windows) or Windows-1252 (English and French
    Windows). The two decode any bytes, so the choice is made on the words: decoded as
    Windows-1256, Arabic text gives words made only of Arabic letters, while accented
    Latin text gives Arabic letters inside Latin words (É becomes ة in "Élodie"), or none
    at all, since Windows-1256 keeps é, è, à and ç. Windows-1256 is chosen when words of
    two or more Arabic letters outnumber words mixing Arabic and Latin letters. A file
    that is plain ASCII so far is undecided until its first non-ASCII line. A file that
    starts as UTF-8 and then stops being UTF-8 is refused, naming the line.
    """

    def __init__(self, head: bytes, encoding: str | None, name: str) -> None:
        self._name = name
        self.encoding: str | None
        if head.startswith(codecs.BOM_UTF8):
            self.encoding = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
        elif encoding is not None:
            self.encoding = _known_encoding(encoding)
        elif head.isascii():
            self.encoding = None
        else:
            self.encoding = self._guess(head, complete=len(head) < _SAMPLE_BYTES)

    def sample_text(self, head: bytes) -> str:
        """The complete lines of the sample, as text, for delimiter detection."""
        decoder = codecs.getincrementaldecoder(self.encoding or "ascii")(errors="replace")
        text = decoder.decode(head, final=len(head) < _SAMPLE_BYTES)
        return text if len(head) < _SAMPLE_BYTES else text.rpartition("\n")[0]

    def lines(self, stream: BinaryIO) -> Iterator[str]:
        """The file's lines as text, ends kept, as `csv.reader` wants them."""
        if self.encoding and self.encoding.startswith(("utf-16", "utf-32")):
            # Not split on b"\n": in UTF-16 that byte can be half of another character.
            text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
            try:
                yield from text
            except UnicodeDecodeError as exc:
                shown = _ENCODING_NAMES.get(self.encoding, self.encoding)
                raise UnreadableFile(
                    f"{self._name} starts like {shown} text but is damaged further on. "
                    "Open it in Excel and save it again as CSV UTF-8."
                ) from exc
            finally:
                text.detach()
            return
        for number, raw in enumerate(stream, start=1):
            yield self._decode(raw, number)

    def _decode(self, raw: bytes, number: int) -> str:
        if self.encoding is None:
            if raw.isascii():
                return raw.decode("ascii")
            self.encoding = self._guess(raw, complete=True, first_line=number)
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise self._mixed(number, self.encoding) from exc

    def _guess(self, data: bytes, *, complete: bool, first_line: int = 1) -> str:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            if not before.isascii():
                # UTF-8 text first, then something else: any single choice garbles a part.
                raise self._mixed(first_line + before.count(b"\n"), "utf-8") from exc
            return "cp1256" if _looks_arabic(data) else "cp1252"
        return "utf-8"

    def _mixed(self, number: int, encoding: str) -> UnreadableFile:
        shown = _ENCODING_NAMES.get(codecs.lookup(encoding).name, encoding)
        return UnreadableFile(
            f"Line {number} of {self._name} cannot be read as {shown} text like the lines "
            "before it. Open the file in Excel and save it again as CSV UTF-8."
        )


def _known_encoding(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError as exc:
        raise UnreadableFile(f"'{encoding}' is not a text encoding TrainingDesk knows.") from exc
    # A BOM is not part of the data even when the user names UTF-8 explicitly.
    return "utf-8-sig" if name == "utf-8" else name


def _looks_arabic(data: bytes) -> bool:
    arabic_words = mixed_words = 0
    for word in _WORD.findall(data.decode("cp1256")):
        arabic = sum(1 for ch in word if is_arabic_script(ch))
        if arabic and arabic < len(word):
            mixed_words += 1
        elif arabic >= 2:
            arabic_words += 1
    return arabic_words > mixed_words


def _delimiter(sample: str) -> str:
    """The candidate that splits the most lines into the same number (> 1) of cells."""
    lines = [line for line in sample.splitlines() if line.strip()][:_SNIFF_LINES]

    def score(delimiter: str) -> tuple[int, int]:
        widths = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1)
        if not widths:
            return 0, 0
        width, count = widths.most_common(1)[0]
        return count, width

    return max(_DELIMITERS, key=score)


# ------------------------------------------------------------------------------ XLSX


def _xlsx_table(stream: BinaryIO, name: str, sheet: str | None) -> Table:
    not_a_workbook = (
        f"{name} is a ZIP archive but not an Excel workbook. Use the .xlsx or CSV file itself."
    )
    # openpyxl warns about parts it drops (data validation, drawings, missing default
    # styles): all irrelevant to the cell values read here, and not the user's concern.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            # A stream rather than the path, so that openpyxl does not refuse the extension.
            workbook = load_workbook(stream, read_only=True, data_only=True)
        except _BROKEN_WORKBOOK as exc:
            raise UnreadableFile(not_a_workbook) from exc
        try:
            worksheet = _worksheet(workbook, name, sheet)
            # Some programs write a wrong sheet size; without it, every row is read.
            worksheet.reset_dimensions()
            rows = worksheet.iter_rows(values_only=True)
            return _table(
                (
                    (number, [_cell_text(v) for v in values])
                    for number, values in enumerate(rows, 1)
                ),
                name,
                _merged_ranges(worksheet),
            )
        except _BROKEN_WORKBOOK as exc:
            raise UnreadableFile(not_a_workbook) from exc
        finally:
            workbook.close()


def _merged_ranges(worksheet: ReadOnlyWorksheet) -> list[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row) of each merged range of the sheet.

    openpyxl's read-only mode, which large files need, does not read merges: they are
    taken from the sheet's XML, where they follow the cells. Without those internals
    (another openpyxl), a merged header reads as it did before, with empty cells.
    """
    path = getattr(worksheet, "_worksheet_path", None)
    archive = getattr(worksheet.parent, "_archive", None)
    if path is None or archive is None:
        return []
    with archive.open(path) as xml:
        references = _MERGE_REFERENCE.findall(xml.read())
    return [range_boundaries(reference.decode()) for reference in references]


def _worksheet(workbook: Workbook, name: str, sheet: str | None) -> ReadOnlyWorksheet:
    sheets = list(workbook.worksheets)
    if not sheets:
        raise UnreadableFile(f"{name} has no worksheet with cells.")
    if sheet is None:
        return sheets[0]
    wanted = sheet.strip().casefold()
    for candidate in sheets:
        if str(candidate.title).strip().casefold() == wanted:
            return candidate
    titles = ", ".join(f"'{candidate.title}'" for candidate in sheets)
    raise UnreadableFile(f"{name} has no sheet named '{sheet}'. Its sheets are: {titles}.")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
