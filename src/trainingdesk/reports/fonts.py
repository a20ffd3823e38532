"""The TrueType fonts every PDF embeds, registered with ReportLab once per process.

Arabic-script fonts are registered as `ClusterMappedFont`: ReportLab's own ToUnicode map
turns HarfBuzz-shaped glyphs into presentation forms or private-use characters, so text
copied out of a PDF would not match the name that was typed. This font class maps each
shaped glyph to the letters HarfBuzz made it from instead.
"""

import threading
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

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

_lock = threading.Lock()


class ClusterMappedFont(TTFont):
    """A TrueType font whose ToUnicode map gives back the typed letters of shaped glyphs.

    One glyph can stand for different letters (a Nastaliq letter body shared by ب ت ن ی,
    a medial form shared by ي and ی), and a PDF maps each character code to one text.
    So each (glyph, letters) pair gets a character code of its own, taken from a
    private-use plane, all drawing the same glyph.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._letters: dict[int, str] = {}
        self._aliases: dict[tuple[int, str], int] = {}
        self._next_alias = _FIRST_ALIAS

    def code_for(self, code: int, letters: str) -> int:
        """The character code that draws the glyph of `code` and reads as `letters`."""
        if letters == chr(code):
            return code
        with _lock:
            alias = self._aliases.get((code, letters))
            if alias is None:
                alias = self._next_alias
                self._next_alias += 1
                face = self.face
                face.charToGlyph[alias] = face.charToGlyph[code]
                face.charWidths[alias] = face.getCharWidth(code)
                self._aliases[code, letters] = alias
                self._letters[alias] = letters
            return alias

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """Add the font subsets to `doc`, then rewrite their ToUnicode maps."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self._letters for code in subset):
                continue
            base_name = b"".join(
                (SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)
            ).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, subset, self._letters)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(font_name: str, subset: list[int], letters: dict[int, str]) -> str:
    """A ToUnicode CMap like ReportLab's, with recorded letters in place of glyph characters."""
    entries = [
        f"<{code:02X}> <{_utf16_hex(letters.get(char, chr(char)))}>"
        for code, char in enumerate(subset)
    ]
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
            f"<00> <{len(subset) - 1:02X}>",
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
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        for name, filename in _ARABIC_FILES.items():
            if name not in registered:
                path = str(resource_path("fonts", filename))
                pdfmetrics.registerFont(ClusterMappedFont(name, path))
