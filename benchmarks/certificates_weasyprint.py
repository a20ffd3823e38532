"""The certificate design of `trainingdesk.reports.certificate` in HTML/CSS, printed by WeasyPrint.

For `certificates.py`, which times it beside the product's ReportLab pages: the issue asks how
the same design fares in WeasyPrint. WeasyPrint is an optional extra (`pip install -e .[bench]`,
with Pango on the system); every import of it is inside a function, so this module imports
without it, and `weasyprint_available()` says why it cannot run.

The page is the product's: A4 landscape, a tinted sheet in a navy frame with a gold line and
corner marks, the programme, the English and local titles, the holder's Latin and native names
in the bundled Noto fonts (`@font-face`), rank and agency, the exercise and its details (with
the Solar Hijri dates for Afghan holders), up to eight modules, up to three signatories with
their scanned signatures (`data:` URIs), the serial, short code and issue date, and the QR code
as an inline SVG of one path. Each line is placed absolutely on the product's baseline. What
CSS cannot do the product's way is done simply: a line too wide for its place is shrunk by an
estimate from its length, not measured.

Like the product, a run reads its fonts and images once: the style sheet (with the
`@font-face` rules) and the font configuration are made once per call, signature images are
encoded once, and one image cache serves every file of a run.
"""

import base64
import math
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from trainingdesk.domain.calendars import format_solar_hijri, long_date
from trainingdesk.domain.enums import Country
from trainingdesk.domain.records import CertificatePage, Signatory
from trainingdesk.reports.certificate import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PROGRAMME,
    TITLE,
    date_range,
    hours_text,
    local_title,
    logo_boxes,
    qr_modules,
    solar_range,
)
from trainingdesk.reports.text import Hand, hand_for_language
from trainingdesk.resources import resource_path

INSTALL_HINT = ".venv/bin/pip install -e .[bench]"

# Geometry of certificate.py, in points from the top left corner (CSS) rather than the bottom.
_INNER_FRAME = 27.0
_MARGIN = 60.0
_CONTENT_WIDTH = PAGE_WIDTH - 2 * _MARGIN
_NAME_WIDTH = _CONTENT_WIDTH - 60
_QR_SIZE = 84.0
_QR_QUIET_MODULES = 4
_MODULE_LINES = 8
_MODULE_COLUMN_WIDTH = 300.0
_MODULE_GAP = 24.0
_MODULE_LEADING = 12.0
_SIGNATURE_LINE_WIDTH = 150.0
_SIGNATURE_HEIGHT = 34.0
_SIGNATORY_LEFT = _MARGIN + 150
_SIGNATORY_RIGHT = PAGE_WIDTH - _MARGIN - _QR_SIZE - 20
_MAX_SIGNATORIES = 3
_REFERENCES_LEFT = _MARGIN - 14
_SIGNATURE_LINE = PAGE_HEIGHT - (_INNER_FRAME + 62)

# With `line-height: 1` the baseline lies this many ems below the top of a line's box:
# half of (1 + ascent - descent), from the fonts' hhea tables.
_SANS_BASELINE = (1 + 1.069 - 0.293) / 2
_NASKH_BASELINE = (1 + 1.069 - 0.634) / 2
_NASTALIQ_BASELINE = (1 + 1.904 - 0.596) / 2
# The average advance of a character in ems, by which a line too wide is shrunk.
_SANS_ADVANCE = 0.56
_ARABIC_ADVANCE = 0.42

_FONTS = (
    ("TD Sans", "normal", "NotoSans-Regular.ttf"),
    ("TD Sans", "bold", "NotoSans-Bold.ttf"),
    ("TD Naskh", "normal", "NotoNaskhArabic-Regular.ttf"),
    ("TD Naskh", "bold", "NotoNaskhArabic-Bold.ttf"),
    ("TD Nastaliq", "normal", "NotoNastaliqUrdu-Regular.ttf"),
)

_STYLE = """
@page { size: A4 landscape; margin: 0; }
html { font-family: "TD Sans"; color: #1a1a1f; }
body { margin: 0; }
p { margin: 0; }
.sheet { position: relative; width: 297mm; height: 210mm; overflow: hidden; }
.sheet + .sheet { break-before: page; }
.outer { position: absolute; left: 18.5pt; top: 18.5pt; right: 18.5pt; bottom: 18.5pt;
         border: 3pt solid #17335c; background: #fbf9f4; }
.inner { position: absolute; left: 26.55pt; top: 26.55pt; right: 26.55pt; bottom: 26.55pt;
         border: 0.9pt solid #b08c33; }
.mark { position: absolute; width: 6pt; height: 6pt; background: #b08c33; }
.rule { position: absolute; left: 330.945pt; width: 180pt; top: 162.4pt;
        border-top: 1.2pt solid #b08c33; }
.line { position: absolute; line-height: 1; white-space: nowrap;
        text-align: center; }
.naskh { font-family: "TD Naskh", "TD Sans"; }
.nastaliq { font-family: "TD Nastaliq", "TD Sans"; }
.bold { font-weight: bold; }
.nastaliq.bold { font-weight: normal; }
.grey { color: #61616b; }
.navy { color: #17335c; }
.modules { position: absolute; font-size: 8.5pt; line-height: 12pt; }
.modules div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.logo { position: absolute; object-fit: contain; }
.signature { position: absolute; height: 34pt; object-fit: contain;
             object-position: 50% 100%; }
.signature-line { position: absolute; border-top: 0.6pt solid #1a1a1f; }
.reference { position: absolute; left: 46pt; width: 152pt; line-height: 1;
             white-space: nowrap; }
.qr { position: absolute; width: 84pt; height: 84pt; }
.hidden { position: absolute; font-size: 1pt; line-height: 1; color: transparent;
          white-space: nowrap; }
"""


def weasyprint_available() -> str | None:
    """None when WeasyPrint can run here, else one line saying why not and what to do."""
    try:
        import weasyprint  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return f"WeasyPrint is not installed: {INSTALL_HINT}"
    except OSError as error:  # a C library it loads (Pango, HarfBuzz, fontconfig) is missing
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"WeasyPrint cannot load its libraries (Pango): {first}"
    return None


def weasyprint_one_pdf(pages: Sequence[CertificatePage], out: Path) -> None:
    """All certificates in one PDF, one A4 landscape page each."""
    _Printer().write(pages, out, "Certificates of completion")


def weasyprint_files(pages: Sequence[CertificatePage], folder: Path) -> None:
    """One PDF per certificate in `folder`, named `SERIAL.pdf`."""
    folder.mkdir(parents=True, exist_ok=True)
    printer = _Printer()
    for page in pages:
        printer.write((page,), folder / f"{page.serial}.pdf", f"Certificate {page.serial}")


class _Printer:
    """The style sheet, fonts and images of one run."""

    def __init__(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped, import-not-found, unused-ignore]

        self._fonts = FontConfiguration()
        faces = "".join(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'src: url("{resource_path("fonts", name).as_uri()}"); }}\n'
            for family, weight, name in _FONTS
        )
        self._css = CSS(string=faces + _STYLE, font_config=self._fonts)
        self._cache: dict[str, Any] = {}
        self._images: dict[bytes, str] = {}

    def write(self, pages: Iterable[CertificatePage], out: Path, title: str) -> None:
        """Lay out `pages` as one HTML document and print it to `out`."""
        from weasyprint import HTML

        sheets = "".join(self._sheet(page) for page in pages)
        html = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            '<meta name="author" content="TrainingDesk">'
            f'<meta name="description" content="{escape(PROGRAMME)}">'
            f"</head><body>{sheets}</body></html>"
        )
        HTML(string=html, base_url=str(out.parent)).write_pdf(
            out, stylesheets=[self._css], font_config=self._fonts, cache=self._cache
        )

    def _sheet(self, page: CertificatePage) -> str:
        """One certificate: a `div.sheet` the size of the page."""
        hand = hand_for_language(page.local_language)
        if hand is Hand.NASTALIQ:
            arabic, ratio, local_size, native_size = "nastaliq", _NASTALIQ_BASELINE, 19.0, 24.0
        else:
            arabic, ratio, local_size, native_size = "naskh", _NASKH_BASELINE, 21.0, 28.0
        rtl = f' dir="rtl" lang="{escape(page.local_language)}"'
        top = _INNER_FRAME
        rank_agency = " · ".join(part for part in (page.rank, page.agency_name) if part)
        details = [page.exercise_code, date_range(page.start_date, page.end_date)]
        details += [part for part in (page.site_name, hours_text(page.hours)) if part]
        parts = [
            '<div class="sheet"><div class="outer"></div><div class="inner"></div>',
            *(
                f'<div class="mark" style="{x}: 24pt; {y}: 24pt"></div>'
                for x in ("left", "right")
                for y in ("top", "bottom")
            ),
            '<div class="rule"></div>',
            _line(top + 36, PROGRAMME, 12.0, "bold grey"),
            _line(top + 72, TITLE, 30.0, "bold navy"),
            _line(
                top + 118,
                local_title(page),
                local_size,
                f"{arabic} bold navy",
                ratio=ratio,
                attributes=rtl,
            ),
            _line(top + 156, "This is to certify that", 11.0, "grey"),
            _line(top + 192, page.holder_name, 30.0, "bold", width=_NAME_WIDTH),
            _line(
                top + 236,
                page.holder_native_name,
                native_size,
                f"{arabic} bold",
                width=_NAME_WIDTH,
                ratio=ratio,
                advance=_ARABIC_ADVANCE,
                attributes=rtl,
            ),
            _line(top + 264, rank_agency, 12.5, "grey"),
            _line(top + 290, "has completed", 11.0, "grey"),
            _line(top + 312, page.exercise_title, 16.0, "bold navy"),
            _line(top + 332, " · ".join(details), 10.5, ""),
        ]
        baseline = top + 332
        if page.country is Country.AF:
            baseline += 14
            solar = "Solar Hijri: " + solar_range(page.start_date, page.end_date)
            parts.append(_line(baseline, solar, 10.5, ""))
        parts.append(_modules(baseline + 22, page.modules))
        parts.append(self._logos(page.logos))
        parts.append(self._signatories(page.signatories))
        parts.append(_references(page))
        parts.append(_qr(page.qr_text))
        parts.append("</div>")
        return "".join(parts)

    def _signatories(self, signatories: Sequence[Signatory]) -> str:
        """Up to three side by side: signature (or a line to sign on), name and title."""
        shown = signatories[:_MAX_SIGNATORIES]
        if not shown:
            return ""
        slot = (_SIGNATORY_RIGHT - _SIGNATORY_LEFT) / len(shown)
        width = min(_SIGNATURE_LINE_WIDTH, slot - 16)
        parts = []
        for index, signatory in enumerate(shown):
            centre = _SIGNATORY_LEFT + slot * (index + 0.5)
            left = centre - width / 2
            box = f"left: {left:.2f}pt; width: {width:.2f}pt"
            image = self._image(signatory.signature_image)
            if image:
                image_top = _SIGNATURE_LINE - 2 - _SIGNATURE_HEIGHT
                parts.append(
                    f'<img class="signature" alt="" src="{image}" '
                    f'style="{box}; top: {image_top:.2f}pt">'
                )
            parts.append(
                f'<div class="signature-line" style="{box}; top: {_SIGNATURE_LINE:.2f}pt"></div>'
            )
            for below, text, size, kind in (
                (13, signatory.name, 9.5, "bold"),
                (24, signatory.title, 8.0, "grey"),
            ):
                parts.append(
                    _line(
                        _SIGNATURE_LINE + below,
                        text,
                        size,
                        kind,
                        width=width + 10,
                        left=centre - (width + 10) / 2,
                    )
                )
        return "".join(parts)

    def _logos(self, logos: Sequence[bytes]) -> str:
        """Each logo in the product's box, its proportions kept."""
        shown = [uri for uri in map(self._image, logos) if uri]
        return "".join(
            f'<img class="logo" alt="" src="{uri}" style="left: {x:.2f}pt; '
            f"top: {PAGE_HEIGHT - y - height:.2f}pt; width: {width:.2f}pt; "
            f'height: {height:.2f}pt">'
            for uri, (x, y, width, height) in zip(shown, logo_boxes(len(shown)), strict=False)
        )

    def _image(self, data: bytes) -> str:
        """`data` as a `data:` URI, encoded once per run; empty when it is no PNG or JPEG."""
        if data not in self._images:
            kind = "png" if data.startswith(b"\x89PNG") else ""
            kind = "jpeg" if data.startswith(b"\xff\xd8") else kind
            encoded = base64.b64encode(data).decode("ascii")
            self._images[data] = f"data:image/{kind};base64,{encoded}" if kind else ""
        return self._images[data]


def _line(
    baseline: float,
    text: str,
    size: float,
    kind: str,
    *,
    width: float = _CONTENT_WIDTH,
    left: float | None = None,
    ratio: float = _SANS_BASELINE,
    advance: float = _SANS_ADVANCE,
    attributes: str = "",
) -> str:
    """One centred line on `baseline`, shrunk by an estimate of its width to fit `width`."""
    if not text:
        return ""
    size = min(size, width / (advance * len(text)))
    left = (PAGE_WIDTH - width) / 2 if left is None else left
    style = f"top: {baseline - ratio * size:.2f}pt; left: {left:.2f}pt; width: {width:.2f}pt"
    return (
        f'<p class="line {kind}"{attributes} style="{style}; font-size: {size:.2f}pt">'
        f"{escape(text)}</p>"
    )


def _modules(top: float, modules: Sequence[str]) -> str:
    """Up to eight module titles under a heading: one centred column up to four, else two."""
    if not modules:
        return ""
    lines = [f"• {title}" for title in modules[:_MODULE_LINES]]
    if len(modules) > _MODULE_LINES:
        lines[-1] = f"… and {len(modules) - _MODULE_LINES + 1} more"
    parts = [_line(top, "MODULES", 8.5, "bold grey")]
    # The first baseline 14 points below the heading's; in a 12-point line box of 8.5-point
    # Noto Sans the baseline is 9.3 points below the top.
    box_top = top + _MODULE_LEADING + 2 - 9.3
    if len(lines) <= _MODULE_LINES // 2:
        columns = [lines]
        lefts = [PAGE_WIDTH / 2 - _MODULE_COLUMN_WIDTH]
        width, align = 2 * _MODULE_COLUMN_WIDTH, "center"
    else:
        rows = math.ceil(len(lines) / 2)
        columns = [lines[:rows], lines[rows:]]
        left = PAGE_WIDTH / 2 - _MODULE_GAP / 2 - _MODULE_COLUMN_WIDTH
        lefts = [left, left + _MODULE_COLUMN_WIDTH + _MODULE_GAP]
        width, align = _MODULE_COLUMN_WIDTH, "left"
    for column, left in zip(columns, lefts, strict=True):
        items = "".join(f"<div>{escape(line)}</div>" for line in column)
        parts.append(
            f'<div class="modules" style="top: {box_top:.2f}pt; left: {left:.2f}pt; '
            f'width: {width:.2f}pt; text-align: {align}">{items}</div>'
        )
    return "".join(parts)


def _references(page: CertificatePage) -> str:
    """Bottom left: serial, short code and issue date, by which the certificate is checked."""
    issued = long_date(page.issue_date)
    if page.country is Country.AF:
        issued += f" ({format_solar_hijri(page.issue_date)})"
    rows = (("Serial", page.serial), ("Verification code", page.short_code), ("Issued", issued))
    width = _SIGNATORY_LEFT - _REFERENCES_LEFT - 12
    baseline = PAGE_HEIGHT - (_INNER_FRAME + 82)
    parts = []
    for label, value in rows:
        label_top = baseline - _SANS_BASELINE * 7.5
        parts.append(
            f'<p class="reference grey" style="top: {label_top:.2f}pt; font-size: 7.5pt">'
            f"{label}</p>"
        )
        size = min(9.0, width / (_SANS_ADVANCE * max(len(value), 1)))
        value_top = baseline + 10 - _SANS_BASELINE * size
        parts.append(
            f'<p class="reference bold" style="top: {value_top:.2f}pt; font-size: {size:.2f}pt">'
            f"{escape(value)}</p>"
        )
        baseline += 24
    return "".join(parts)


def _qr(text: str) -> str:
    """The QR code of `text` as an inline SVG, a white square and one path of dark runs, with
    the text itself invisible beneath it (as the product leaves it for `certificates verify`).
    """
    modules = qr_modules(text)
    count = len(modules)
    side = count + 2 * _QR_QUIET_MODULES
    runs = []
    for row, dark in enumerate(modules):
        col = 0
        while col < count:
            if not dark[col]:
                col += 1
                continue
            start = col
            while col < count and dark[col]:
                col += 1
            x, y = start + _QR_QUIET_MODULES, row + _QR_QUIET_MODULES
            runs.append(f"M{x} {y}h{col - start}v1h{start - col}z")
    left = PAGE_WIDTH - _MARGIN - _QR_SIZE
    top = PAGE_HEIGHT - (_INNER_FRAME + 14) - _QR_SIZE
    return (
        f'<p class="hidden" style="left: {left:.2f}pt; top: {top + _QR_SIZE - 1:.2f}pt">'
        f"{escape(text)}</p>"
        f'<svg class="qr" style="left: {left:.2f}pt; top: {top:.2f}pt" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )
