"""Lines of text that may mix Latin and Arabic script, drawn on a ReportLab canvas.

ReportLab neither orders right-to-left text nor joins Arabic letters by itself, and its
own `direction="RTL"` silently draws unjoined reversed letters. Here a line is cut into
runs of one script and one direction (a small subset of the Unicode bidirectional
algorithm, enough for names, titles and dates), Arabic runs are shaped by HarfBuzz through
ReportLab's `shapeStr`, and the runs are drawn one by one from left to right, each in a
font that has its glyphs: Noto Sans for Latin, Noto Naskh Arabic or Noto Nastaliq Urdu
for Arabic script.

Typical use::

    style = TextStyle(size=10, hand=hand_for_country(person.country))
    size = fit_size(person.native_name, style, column_width)
    draw_text(canvas, right_edge, baseline, person.native_name, style.resized(size),
              align="right")

The shipped fonts are registered on first use. Shaped Arabic glyphs are drawn silent (see
`trainingdesk.reports.fonts.ShapedFont`) over an invisible copy of the letters as typed,
one character code per letter, right to left like the glyphs above it: `pdftotext` and
pypdf read every Dari, Pashto and Urdu name back exactly, ligatures (الله) and Nastaliq
included, so names can be searched and copied out of the PDF.
"""

import dataclasses
import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from trainingdesk.domain.enums import Country
from trainingdesk.domain.names import in_arabic_block
from trainingdesk.reports.fonts import (
    LATIN,
    LATIN_BOLD,
    NASKH,
    NASKH_BOLD,
    NASTALIQ,
    ShapedFont,
    register_fonts,
)

Align = Literal["left", "right", "centre"]

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Size at which runs are shaped; HarfBuzz advances scale linearly, so one shaping serves
# every size a line is measured or drawn at.
_SHAPING_SIZE = 10.0
_NASTALIQ_LANGUAGES = frozenset({"ur", "urd"})
# The invisible letters under shaped text are set in Naskh even under Nastaliq: pypdf
# misorders letters set with the very uneven advances of Nastaliq's isolated forms.
_HIDDEN_FONTS = {NASTALIQ: NASKH}
_INVISIBLE = 3  # text render mode: neither filled nor stroked


class Hand(Enum):
    """Style of Arabic script: Naskh for Dari and Pashto, Nastaliq for Urdu."""

    NASKH = "naskh"
    NASTALIQ = "nastaliq"


class Script(Enum):
    """Which font family draws a run."""

    LATIN = "latin"
    ARABIC = "arabic"


def hand_for_language(language: str) -> Hand:
    """The Arabic hand a language is read in: `ur` -> Nastaliq; `fa`, `prs`, `ps` -> Naskh."""
    primary = language.lower().replace("_", "-").split("-")[0]
    return Hand.NASTALIQ if primary in _NASTALIQ_LANGUAGES else Hand.NASKH


def hand_for_country(country: Country) -> Hand:
    """The Arabic hand for a person's native name: Pakistanis write Urdu, Afghans Dari/Pashto."""
    return Hand.NASTALIQ if country is Country.PK else Hand.NASKH


@dataclass(frozen=True)
class TextStyle:
    """Size, weight and Arabic hand of a line; Nastaliq has no bold face and stays regular."""

    size: float
    bold: bool = False
    hand: Hand = Hand.NASKH

    @property
    def latin_font(self) -> str:
        """Registered name of the font for Latin runs."""
        return LATIN_BOLD if self.bold else LATIN

    @property
    def arabic_font(self) -> str:
        """Registered name of the font for Arabic-script runs."""
        if self.hand is Hand.NASTALIQ:
            return NASTALIQ
        return NASKH_BOLD if self.bold else NASKH

    def resized(self, size: float) -> "TextStyle":
        """The same style at another size."""
        return dataclasses.replace(self, size=size)


@dataclass(frozen=True)
class Run:
    """A stretch of a line in one script and one direction, in typed (logical) order."""

    text: str
    script: Script
    level: int  # bidirectional embedding level: even is left to right, odd right to left

    @property
    def rtl(self) -> bool:
        """True when the run reads right to left."""
        return self.level % 2 == 1


@dataclass(frozen=True)
class Span:
    """A piece of a line with its own style, e.g. the Urdu part of a bilingual heading."""

    text: str
    style: TextStyle


def starts_right_to_left(text: str) -> bool:
    """True when the first letter with a direction reads right to left (Unicode rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def split_runs(text: str, *, rtl: bool | None = None) -> list[Run]:
    """Cut `text` into runs of one script and direction, in typed order.

    `rtl` is the direction of the line as a whole; by default that of its first letter.
    Spaces and punctuation between two right-to-left words belong to them, numbers read
    left to right even inside Arabic text.
    """
    if not text:
        return []
    base = 1 if (starts_right_to_left(text) if rtl is None else rtl) else 0
    levels = _levels(text, base)
    scripts = _scripts(text, levels)
    runs: list[Run] = []
    start = 0
    for index in range(1, len(text) + 1):
        if (
            index == len(text)
            or levels[index] != levels[start]
            or scripts[index] is not scripts[start]
        ):
            runs.append(Run(text[start:index], scripts[start], levels[start]))
            start = index
    return runs


def _classes(text: str) -> list[str]:
    """Simplified bidirectional classes: L, R, N (number) or O (other, neutral)."""
    classes: list[str] = []
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "NSM":
            # A combining mark goes with the letter it sits on.
            classes.append(classes[-1] if classes else "O")
        elif kind in ("R", "AL"):
            classes.append("R")
        elif kind == "L":
            classes.append("L")
        elif kind in ("EN", "AN"):
            classes.append("N")
        else:
            classes.append("O")
    # Rule W4: one separator between digits is part of the number (1391/07/15, 2.5).
    for index in range(1, len(text) - 1):
        if (
            classes[index] == "O"
            and unicodedata.bidirectional(text[index]) in ("CS", "ES")
            and classes[index - 1] == classes[index + 1] == "N"
        ):
            classes[index] = "N"
    return classes


def _levels(text: str, base: int) -> list[int]:
    """Embedding level of each character (rules W7, N1, N2, I1, I2 and L1)."""
    classes = _classes(text)
    previous_strong = "R" if base else "L"
    for index, kind in enumerate(classes):
        if kind in ("L", "R"):
            previous_strong = kind
        elif kind == "N" and previous_strong == "L":
            classes[index] = "L"
    # Neutrals between two runs of the same direction take it; numbers count as R here.
    resolved = ["R" if kind == "N" else kind for kind in classes]
    edge = "R" if base else "L"
    index = 0
    while index < len(resolved):
        if resolved[index] != "O":
            index += 1
            continue
        end = index
        while end < len(resolved) and resolved[end] == "O":
            end += 1
        before = resolved[index - 1] if index else edge
        after = resolved[end] if end < len(resolved) else edge
        fill = before if before == after else edge
        resolved[index:end] = [fill] * (end - index)
        index = end
    levels: list[int] = []
    for kind, direction in zip(classes, resolved, strict=True):
        if kind == "N":
            levels.append(2)
        elif direction == "R":
            levels.append(1)
        else:
            levels.append(2 if base else 0)
    # Rule L1: trailing spaces go back to the line's own direction.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        levels[end] = base
    return levels


def _scripts(text: str, levels: list[int]) -> list[Script]:
    """Font family of each character; neutrals inside Arabic text stay in the Arabic font."""
    scripts: list[Script] = []
    for index, char in enumerate(text):
        if in_arabic_block(char):
            scripts.append(Script.ARABIC)
        elif unicodedata.category(char) == "Mn" and scripts:
            scripts.append(scripts[-1])
        elif levels[index] % 2 and unicodedata.bidirectional(char) in ("WS", "BN"):
            scripts.append(Script.ARABIC)
        else:
            scripts.append(Script.LATIN)
    return scripts


def _visual_order(runs: list[Run]) -> list[Run]:
    """Runs from left to right (rule L2 applied to whole runs)."""
    ordered = list(runs)
    highest = max((run.level for run in ordered), default=0)
    lowest_odd = min((run.level for run in ordered if run.rtl), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(ordered):
            if ordered[index].level < level:
                index += 1
                continue
            end = index
            while end < len(ordered) and ordered[end].level >= level:
                end += 1
            ordered[index:end] = reversed(ordered[index:end])
            index = end
    return ordered


@dataclass(frozen=True)
class _Piece:
    """One run ready to draw: glyphs in drawing order, font and advance per point of size.

    A shaped run also has its letters, to be laid invisibly beneath its silent glyphs.
    """

    glyphs: str  # a ShapedStr when HarfBuzz shaped the run
    font: str
    width_per_point: float
    hidden: str = ""  # the letters in visual order: the last typed is the leftmost
    hidden_font: str = ""


@functools.lru_cache(maxsize=4096)
def _layout(text: str, latin_font: str, arabic_font: str) -> tuple[_Piece, ...]:
    """The line's runs from left to right, shaped."""
    register_fonts()
    pieces: list[_Piece] = []
    for run in _visual_order(split_runs(text)):
        font = arabic_font if run.script is Script.ARABIC else latin_font
        shaped = None
        if run.rtl and _has_letters(run.text):
            shaped = shapeStr(run.text, font, _SHAPING_SIZE)
        if isinstance(shaped, ShapedStr):
            width = sum(data.x_advance for data in shaped.__shapeData__) / 1000
            hidden_font = _HIDDEN_FONTS.get(font, font)
            silent = _silenced(shaped, font)
            # Readers put right-to-left letters back in typed order by where they stand,
            # as they do shaped glyphs: the letters go down last first, one code each.
            pieces.append(_Piece(silent, font, width, run.text[::-1], hidden_font))
            continue
        # Runs HarfBuzz leaves alone (a lone letter, brackets) are reversed by hand; their
        # characters are drawn as they are and read back as they are.
        glyphs = run.text[::-1].translate(_MIRRORED) if run.rtl else run.text
        pieces.append(_Piece(glyphs, font, pdfmetrics.stringWidth(glyphs, font, 1.0)))
    return tuple(pieces)


def _has_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _silenced(shaped: Any, font_name: str) -> Any:
    """`shaped` re-coded so that its glyphs add nothing to the PDF's text."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, ShapedFont):
        return shaped
    codes = "".join(chr(font.silent(ord(char))) for char in shaped)
    return ShapedStr(codes, shapeData=list(shaped.__shapeData__))


def text_width(text: str, style: TextStyle) -> float:
    """Width in points of `text` drawn in `style`."""
    pieces = _layout(text, style.latin_font, style.arabic_font)
    return sum(piece.width_per_point for piece in pieces) * style.size


def fit_size(text: str, style: TextStyle, width: float, *, min_size: float = 4.0) -> float:
    """The largest size up to `style.size` at which `text` fits in `width` points.

    Never below `min_size`, so a very long text may still overflow; `min_size=0` always fits.
    """
    natural = text_width(text, style)
    if natural <= width:
        return style.size
    # Rounded down to a tenth of a point so that the PDF says what was measured.
    shrunk = math.floor(style.size * width / natural * 10) / 10
    return max(min_size, shrunk)


def draw_text(
    canvas: Any, x: float, y: float, text: str, style: TextStyle, *, align: Align = "left"
) -> float:
    """Draw one line with its baseline at `y`; `x` is its left, right or centre point.

    Returns the width drawn.
    """
    return draw_spans(canvas, x, y, [Span(text, style)], align=align)


def spans_width(spans: Sequence[Span]) -> float:
    """Width in points of spans set side by side."""
    return sum(text_width(span.text, span.style) for span in spans)


def draw_spans(
    canvas: Any, x: float, y: float, spans: Sequence[Span], *, align: Align = "left"
) -> float:
    """Draw spans side by side from left to right, each laid out on its own.

    A trilingual heading ("Signature / امضا / دستخط") is four spans, so that each language
    keeps its place and its hand whatever the bidirectional algorithm would make of it.
    Returns the width drawn.
    """
    total = spans_width(spans)
    left = {"left": x, "right": x - total, "centre": x - total / 2}[align]
    for span in spans:
        size = span.style.size
        for piece in _layout(span.text, span.style.latin_font, span.style.arabic_font):
            width = piece.width_per_point * size
            if piece.hidden:
                draw_hidden(canvas, left, y, piece.hidden, piece.hidden_font, size, width)
            canvas.setFont(piece.font, size)
            # One drawString per run: a fresh text object per shaped string avoids
            # ReportLab 5.1's IndexError when a string starts with a raised glyph.
            canvas.drawString(left, y, piece.glyphs)
            left += width
    return total


def draw_hidden(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    width: float | None = None,
) -> None:
    """`text` laid invisibly from `x`, to be found and copied but not seen.

    With `width`, the text is stretched or squeezed to that width, so that a reader
    highlights a found name where it shows.
    """
    hidden = canvas.beginText(x, y)
    hidden.setFont(font, size)
    hidden.setTextRenderMode(_INVISIBLE)
    natural = pdfmetrics.stringWidth(text, font, size)
    scale = 100 * width / natural if width is not None and natural > 0 else 100.0
    if scale != 100:
        hidden.setHorizScale(scale)
    hidden.textOut(text)
    # Render mode and scaling outlast the text object: later text must not inherit them.
    hidden.setTextRenderMode(0)
    if scale != 100:
        hidden.setHorizScale(100)
    canvas.drawText(hidden)
