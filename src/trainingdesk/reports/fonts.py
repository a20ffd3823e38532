"""The TrueType fonts every PDF embeds, registered with ReportLab once per process.

Two things differ from ReportLab's own `TTFont`:

- The PDF objects of a font subset (the subset font file, its widths and its ToUnicode map)
  are built once per process and reused by every PDF whose subset is the same. A batch of
  certificates written one file per person would otherwise subset, compress and format
  the same Latin fonts a thousand times over.
- Arabic-script fonts are `ShapedFont`s, whose shaped glyphs can be drawn so that they
  carry no text at all. A shaped glyph cannot say which letters it stands for in a way
  that PDF readers agree on (a Nastaliq letter is several stacked glyphs, a Naskh
  ligature such as the one in الله is read back in the wrong order), so `text.py` draws
  the shaped glyphs silent and lays the typed letters beneath them invisibly, as
  scanned-and-recognised PDFs do.
"""

import functools
import threading
import zlib
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

from trainingdesk.resources import resource_path

LATIN = "NotoSans"
LATIN_BOLD = "NotoSans-Bold"
NASKH = "NotoNaskhArabic"
NASKH_BOLD = "NotoNaskhArabic-Bold"
NASTALIQ = "NotoNastaliqUrdu"

_LATIN_FILES = {LATIN: "NotoSans-Regular.ttf", LATIN_BOLD: "NotoSans-Bold.ttf"}
_ARABIC_FILES = {
    NASKH: "NotoNaskhArabic-Regular.ttf",
    NASKH_BOLD: "NotoNaskhArabic-Bold.ttf",
    NASTALIQ: "NotoNastaliqUrdu-Regular.ttf",
}
# The PDF specification allows at most 100 entries per bfchar block.
_BFCHAR_BLOCK = 100
# Supplementary Private Use Area-A: ReportLab numbers its own private glyphs from U+E000.
_FIRST_ALIAS = 0xF0000
# Per font: the few Latin subsets a batch uses stay; Arabic ones vary with every name.
_SUBSETS_KEPT = 16

_lock = threading.Lock()


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted once, written as it is into every document that uses it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        """The bytes, whatever the document."""
        return self.data


@dataclass(frozen=True)
class _SubsetData:
    """What a font subset puts in a PDF, ready to write."""

    font_file: bytes  # compressed
    font_file_length: int
    widths: _Formatted
    to_unicode: bytes  # compressed


class EmbeddedFont(TTFont):
    """A TrueType font embedded as subsets like ReportLab's, each subset built once per process.

    ReportLab numbers a font's characters per document in the order they are first drawn,
    so documents that draw the same characters in the same order (the certificates of one
    course) share their subsets byte for byte.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._subset_data = functools.lru_cache(maxsize=_SUBSETS_KEPT)(self._build_subset)

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """Add a Font, a FontDescriptor, a font file and a ToUnicode map per subset to `doc`."""
        state = self._assignState(doc)
        state.frozen = 1
        fonts = doc.idToObject["BasicFonts"].dict
        face = self.face
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode(
                "pdfdoc"
            )
            data = self._subset_data(base_name, tuple(subset))
            font_file = pdfdoc.PDFStream(
                pdfdoc.PDFDictionary(
                    {"Filter": pdfdoc.PDFName("FlateDecode"), "Length1": data.font_file_length}
                ),
                data.font_file,
            )
            descriptor = pdfdoc.PDFDictionary(
                {
                    "Type": "/FontDescriptor",
                    "Ascent": face.ascent,
                    "CapHeight": face.capHeight,
                    "Descent": face.descent,
                    "Flags": flags,
                    "FontBBox": pdfdoc.PDFArray(face.bbox),
                    "FontName": pdfdoc.PDFName(base_name),
                    "ItalicAngle": face.italicAngle,
                    "StemV": face.stemV,
                    "FontFile2": doc.Reference(font_file, f"fontFile:{face.filename}({base_name})"),
                    "MissingWidth": face.defaultWidth,
                }
            )
            to_unicode = pdfdoc.PDFStream(
                pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")}), data.to_unicode
            )
            font = pdfdoc.PDFTrueTypeFont()
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = data.widths
            font.ToUnicode = doc.Reference(to_unicode, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base_name)
            doc.Reference(font, internal_name)
            fonts[internal_name] = font

    def _build_subset(self, base_name: str, subset: tuple[int, ...]) -> _SubsetData:
        font_file = self.face.makeSubset(list(subset))
        # Glyph widths are whole numbers: str() writes them as ReportLab's fp_str would.
        widths = " ".join(str(self.face.getCharWidth(code)) for code in subset)
        cmap = _to_unicode_cmap(base_name, [self.letters(code) for code in subset])
        return _SubsetData(
            font_file=zlib.compress(font_file),
            font_file_length=len(font_file),
            widths=_Formatted(f"[{widths}]".encode("ascii")),
            to_unicode=zlib.compress(cmap.encode("ascii")),
        )

    def letters(self, code: int) -> str:
        """What the character `code` reads as in the PDF's text."""
        return chr(code)


class ShapedFont(EmbeddedFont):
    """A font for HarfBuzz-shaped text, whose glyphs can be drawn without any text.

    `silent(code)` is a character code of its own (from a private-use plane) that draws the
    same glyph as `code` and maps to nothing in the PDF's ToUnicode map, so that the glyph
    adds nothing when the text is searched, copied or extracted. The typed letters come from
    an invisible layer instead. Codes drawn as they are still read as themselves.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._silent: dict[int, int] = {}
        self._aliases: set[int] = set()

    def silent(self, code: int) -> int:
        """The character code that draws the glyph of `code` and reads as nothing."""
        with _lock:
            alias = self._silent.get(code)
            if alias is None:
                alias = _FIRST_ALIAS + len(self._silent)
                face = self.face
                face.charToGlyph[alias] = face.charToGlyph[code]
                face.charWidths[alias] = face.getCharWidth(code)
                self._silent[code] = alias
                self._aliases.add(alias)
            return alias

    def letters(self, code: int) -> str:
        """Nothing for a silent code, else the character itself."""
        return "" if code in self._aliases else chr(code)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(font_name: str, letters: list[str]) -> str:
    """A ToUnicode CMap like ReportLab's: code `n` of the subset reads as `letters[n]`."""
    entries = [f"<{code:02X}> <{_utf16_hex(text)}>" for code, text in enumerate(letters)]
    blocks: list[str] = []
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        chunk = entries[start : start + _BFCHAR_BLOCK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({font_name})",
            f"/Ordering ({font_name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(letters) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def register_fonts() -> None:
    """Register the shipped fonts with ReportLab; later calls do nothing."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _LATIN_FILES.items():
            if name not in registered:
                path = str(resource_path("fonts", filename))
                pdfmetrics.registerFont(EmbeddedFont(name, path))
        for name, filename in _ARABIC_FILES.items():
            if name not in registered:
                path = str(resource_path("fonts", filename))
                pdfmetrics.registerFont(ShapedFont(name, path))
