"""The sections of the crosswalk PDF: the three-column comparison, the coverage summary and
the gaps of each side, built from the plain records of `trainingdesk.domain.crosswalk`.

Cells that hold module titles are `crosswalk_table` cells, whose Dari, Pashto and Urdu
titles are shaped; tables of figures only are the donor report's figure tables.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import CondPageBreak, Flowable

from trainingdesk.domain.crosswalk import (
    Crosswalk,
    CrosswalkLink,
    CrosswalkModule,
    CurriculumHeading,
    JointRow,
    SideCoverage,
)
from trainingdesk.domain.enums import Country, Equivalence
from trainingdesk.reports.crosswalk_table import Cell, Text, shaped_table
from trainingdesk.reports.donor_pages import Sections
from trainingdesk.reports.donor_tables import GREY, NAVY, figure_table, para, paragraph_style
from trainingdesk.reports.text import Hand, TextStyle, hand_for_country

_SIDE_SHARE = 0.355  # of the width, for each national column; the joint one has the rest
# Of the width, for the gap tables; short of it, so that a local title set against the
# right edge of its cell stays near the English title it translates.
_GAP_SHARES = (0.36, 0.46)  # joint module, links
_UNMATCHED_SHARES = (0.36, 0.16, 0.3)  # national module, curriculum, links
# A subsection heading needs this much room under it, or it starts on the next page.
_ROOM_UNDER_HEADING = 90.0

# Shades of a side's cell; the words and marks in the cell say the same.
GAP_FILL = Color(0.96, 0.8, 0.76)
PARTIAL_FILL = Color(1.0, 0.94, 0.8)
_JOINT_FILL = Color(0.95, 0.96, 0.98)

_BODY = TextStyle(8.0)
_BOLD = TextStyle(8.0, bold=True)
_NOTE = TextStyle(7.0)
_HEAD = TextStyle(8.5, bold=True)
# Arabic letters look smaller than Latin ones at the same size.
_LOCAL_SIZE = 9.5

_H1 = paragraph_style("crosswalk-h1", 14.0, bold=True, textColor=NAVY, spaceBefore=12, spaceAfter=6)
_H2 = paragraph_style("crosswalk-h2", 10.5, bold=True, textColor=NAVY, spaceBefore=10, spaceAfter=4)
_TEXT = paragraph_style("crosswalk-text", 9.0, spaceAfter=4)
_SMALL = paragraph_style("crosswalk-small", 7.5, textColor=GREY, spaceBefore=3, spaceAfter=6)

_NO_LINK = Text("no link", _NOTE, colour=GREY)
_WORDS = {Equivalence.FULL: "full", Equivalence.PARTIAL: "partial", Equivalence.NONE: "none"}


@dataclass(frozen=True)
class _Side:
    """One country's part of the crosswalk, as the sections name and show it."""

    name: str  # "Afghanistan"
    adjective: str  # "Afghan"
    headings: tuple[CurriculumHeading, ...]
    coverage: SideCoverage
    unmatched: tuple[CrosswalkModule, ...]
    hand: Hand

    def links(self, row: JointRow) -> tuple[tuple[CrosswalkModule, CrosswalkLink], ...]:
        """The national modules of this side mapped to the joint module of `row`."""
        return row.afghan if self.coverage.country is Country.AF else row.pakistani

    def cover(self, row: JointRow) -> Equivalence:
        """How this side covers the joint module of `row`."""
        return row.afghan_cover if self.coverage.country is Country.AF else row.pakistani_cover


def _sides(crosswalk: Crosswalk) -> tuple[_Side, _Side]:
    return (
        _Side(
            "Afghanistan",
            "Afghan",
            crosswalk.afghan,
            crosswalk.afghan_coverage,
            crosswalk.unmatched_afghan,
            hand_for_country(Country.AF),
        ),
        _Side(
            "Pakistan",
            "Pakistani",
            crosswalk.pakistani,
            crosswalk.pakistani_coverage,
            crosswalk.unmatched_pakistani,
            hand_for_country(Country.PK),
        ),
    )


# --- The comparison ---------------------------------------------------------------------


def comparison(
    crosswalk: Crosswalk, sections: Sections, width: float, height: float
) -> list[Flowable]:
    """The legend, then one row per joint module: Afghan links, the module, Pakistani links."""
    story: list[Flowable] = [sections.heading("Side-by-side comparison", style=_H1)]
    story.append(_legend(width, height))
    if not crosswalk.rows:
        return [*story, para("The joint curriculum has no modules yet.", _TEXT)]
    afghan, pakistani = _sides(crosswalk)
    side_width = width * _SIDE_SHARE
    widths = [side_width, width - 2 * side_width, side_width]
    joint = crosswalk.joint
    header = [
        _header_cell(f"{afghan.name}: national modules", _curriculum_codes(afghan.headings)),
        _header_cell("Joint curriculum", f"{joint.code} version {joint.version}"),
        _header_cell(f"{pakistani.name}: national modules", _curriculum_codes(pakistani.headings)),
    ]
    names = _curriculum_names(crosswalk)
    rows = [
        [
            _side_cell(afghan, row, names),
            _joint_cell(row.module, fill=_JOINT_FILL),
            _side_cell(pakistani, row, names),
        ]
        for row in crosswalk.rows
    ]
    return [*story, shaped_table(widths, rows, header=header, page_height=height)]


def _legend(width: float, height: float) -> Flowable:
    """What the marks and the shades mean, in words beside each."""
    links = Cell(
        (
            Text("full: the national module covers the joint module", _NOTE, mark=Equivalence.FULL),
            Text("partial: it covers part of it", _NOTE, mark=Equivalence.PARTIAL),
            Text("none: linked, but judged not equivalent", _NOTE, mark=Equivalence.NONE),
        )
    )
    label = _BOLD.resized(7.0)
    partly = Cell(
        (
            Text("Partly covered (light shade)", label, mark=Equivalence.PARTIAL),
            Text("The side's best link to the joint module is partial.", _NOTE),
        ),
        PARTIAL_FILL,
    )
    gap = Cell(
        (
            Text("Not covered (shaded)", label, mark=Equivalence.NONE),
            Text("No full or partial link: a gap of that side.", _NOTE),
        ),
        GAP_FILL,
    )
    legend = shaped_table([width / 3] * 3, [[links, partly, gap]], page_height=height, ruled=False)
    legend.spaceAfter = 8
    return legend


def _header_cell(title: str, subtitle: str) -> Cell:
    return Cell((Text(title, _HEAD, colour=NAVY), Text(subtitle, _NOTE, colour=NAVY)))


def _curriculum_codes(headings: Sequence[CurriculumHeading]) -> str:
    return " · ".join(f"{h.code} version {h.version}" for h in headings) or "none shown"


def _curriculum_names(crosswalk: Crosswalk) -> dict[uuid.UUID, str]:
    """Curriculum codes to set before module codes, on a side that shows several curricula."""
    return {
        heading.id: heading.code
        for headings in (crosswalk.afghan, crosswalk.pakistani)
        if len(headings) > 1
        for heading in headings
    }


def _joint_cell(module: CrosswalkModule, *, fill: Color | None = None) -> Cell:
    """A joint module: code and hours, English title, local title."""
    head = Text(f"{module.code} · {_hours_text(module.hours)}", _BOLD, colour=NAVY)
    continued = Text(f"{module.code} (continued)", _BOLD, colour=GREY)
    return Cell((head, *_titles(module, Hand.NASKH)), fill, (continued,))


def _side_cell(side: _Side, row: JointRow, names: dict[uuid.UUID, str]) -> Cell:
    """One side's modules mapped to a joint module; shaded, and saying so, where it is a gap."""
    texts: list[Text] = []
    fill = None
    cover = side.cover(row)
    if cover is Equivalence.NONE:
        texts.append(Text("Not covered", _BOLD, mark=Equivalence.NONE))
        fill = GAP_FILL
    elif cover is Equivalence.PARTIAL:
        texts.append(Text("Partly covered", _BOLD, mark=Equivalence.PARTIAL))
        fill = PARTIAL_FILL
    return Cell((*texts, *_link_texts(side, row, names, after=bool(texts))), fill)


def _link_texts(
    side: _Side, row: JointRow, names: dict[uuid.UUID, str], *, after: bool = False
) -> list[Text]:
    """The side's modules mapped to the joint module of `row`: equivalence, code, titles, note.

    `after`: whether they follow other text in their cell.
    """
    texts: list[Text] = []
    for module, link in side.links(row):
        code = _module_code(module, names)
        head = f"{_WORDS[link.equivalence]} · {code} · {_hours_text(module.hours)}"
        space = 4.0 if texts or after else 0.0
        texts.append(Text(head, _BOLD, mark=link.equivalence, space_before=space))
        texts += _titles(module, side.hand)
        if link.note:
            texts.append(Text(link.note, _NOTE, colour=GREY))
    return texts


def _module_code(module: CrosswalkModule, names: dict[uuid.UUID, str]) -> str:
    curriculum = names.get(module.curriculum_id)
    return f"{curriculum} {module.code}" if curriculum else module.code


def _titles(module: CrosswalkModule, hand: Hand) -> list[Text]:
    """The English title, then the local one in its hand (against the right edge)."""
    texts = [Text(module.title_en, _BODY)] if module.title_en else []
    if module.title_local:
        texts.append(Text(module.title_local, TextStyle(_LOCAL_SIZE, hand=hand)))
    return texts


def _hours_text(hours: float) -> str:
    """`12 h`, `7.5 h`, `1,240 h`."""
    return f"{number_text(hours)} h"


def number_text(value: float) -> str:
    """`12`, `7.5`, `1,240.25`: at most two decimals, no trailing zeros."""
    # Adding 0.0 turns the -0.0 of a difference of equal sums into 0.
    return f"{round(value, 2) + 0.0:,.2f}".rstrip("0").rstrip(".")


# --- Coverage ---------------------------------------------------------------------------


def coverage(crosswalk: Crosswalk, sections: Sections, width: float) -> list[Flowable]:
    """Joint modules and hours covered fully, partly and not per side; unmatched national ones."""
    sides = _sides(crosswalk)
    figures = [side.coverage for side in sides]
    columns = [f"{side.name}: {what}" for side in sides for what in ("modules", "hours", "share")]
    joint_rows = [
        ("Covered fully", *_joint_figures(figures, "full")),
        ("Covered partly", *_joint_figures(figures, "partial")),
        ("Not covered", *_joint_figures(figures, "none")),
        ("Joint curriculum", *_joint_figures(figures, "all")),
    ]
    national_rows = [
        ("All national modules", *_national_figures(figures, "all")),
        ("With a joint equivalent", *_national_figures(figures, "matched")),
        ("With no joint equivalent", *_national_figures(figures, "unmatched")),
    ]
    return [
        sections.heading("Coverage summary", style=_H1),
        para(
            "How much of the joint curriculum each side's national curricula cover. A joint "
            "module is covered fully when a national module maps to it with full equivalence, "
            "partly when its best link is partial, and not at all otherwise.",
            _TEXT,
        ),
        *(para(_coverage_sentence(side), _TEXT) for side in sides),
        *_subsection(sections, "Joint modules covered"),
        figure_table(("Joint modules", *columns), joint_rows, 1, True, width),
        para("Share: of the hours of the joint curriculum.", _SMALL),
        *_subsection(sections, "National modules with and without a joint equivalent"),
        figure_table(("National modules", *columns), national_rows, 1, False, width),
        para("Share: of the hours of the side's own national modules.", _SMALL),
    ]


def _joint_figures(figures: Sequence[SideCoverage], which: str) -> list[str]:
    cells: list[str] = []
    for side in figures:
        modules, hours = {
            "full": (side.covered_modules, side.covered_hours),
            "partial": (side.partly_covered_modules, side.partly_covered_hours),
            "none": (side.gap_modules, side.gap_hours),
            "all": (side.joint_modules, side.joint_hours),
        }[which]
        cells += [f"{modules:,}", number_text(hours), _share_text(hours, side.joint_hours)]
    return cells


def _national_figures(figures: Sequence[SideCoverage], which: str) -> list[str]:
    cells: list[str] = []
    for side in figures:
        unmatched = (side.unmatched_national_modules, side.unmatched_national_hours)
        modules, hours = {
            "all": (side.national_modules, side.national_hours),
            "matched": (side.national_modules - unmatched[0], side.national_hours - unmatched[1]),
            "unmatched": unmatched,
        }[which]
        cells += [f"{modules:,}", number_text(hours), _share_text(hours, side.national_hours)]
    return cells


def _share_text(part: float, whole: float) -> str:
    """`62.5%`, or `–` when there is nothing to take a share of."""
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _coverage_sentence(side: _Side) -> str:
    figures = side.coverage
    joint = figures.joint_hours
    return (
        f"{side.name}: of {figures.joint_modules} joint modules, "
        f"{figures.covered_modules} covered fully, {figures.partly_covered_modules} partly and "
        f"{figures.gap_modules} not at all; of {number_text(joint)} joint hours, "
        f"{number_text(figures.covered_hours)} covered fully "
        f"({_share_text(figures.covered_hours, joint)}), "
        f"{number_text(figures.partly_covered_hours)} partly "
        f"({_share_text(figures.partly_covered_hours, joint)}) and "
        f"{number_text(figures.gap_hours)} not ({_share_text(figures.gap_hours, joint)}). "
        f"National modules with no joint equivalent: {figures.unmatched_national_modules} "
        f"of {figures.national_modules} ({number_text(figures.unmatched_national_hours)} of "
        f"{number_text(figures.national_hours)} hours)."
    )


# --- Gaps -------------------------------------------------------------------------------


def gaps(crosswalk: Crosswalk, sections: Sections, width: float, height: float) -> list[Flowable]:
    """Per side: the joint modules it does not cover, those it covers only partly, and its
    national modules with no joint equivalent.
    """
    story: list[Flowable] = [
        sections.heading("Gaps", style=_H1),
        para(
            "What each side would have to add to its national curricula, or map, for the "
            "joint curriculum to be covered in full; and what it teaches that the joint "
            "curriculum does not.",
            _TEXT,
        ),
    ]
    for side in _sides(crosswalk):
        story += _joint_gaps(crosswalk, side, sections, width, height)
        story += _unmatched(crosswalk, side, sections, width, height)
    return story


def _joint_gaps(
    crosswalk: Crosswalk, side: _Side, sections: Sections, width: float, height: float
) -> list[Flowable]:
    """The joint modules `side` does not cover, then those it covers only partly."""
    figures = side.coverage
    widths = [width * share for share in _GAP_SHARES]
    names = _curriculum_names(crosswalk)
    kinds = (
        (
            Equivalence.NONE,
            f"Joint modules {side.name} does not cover: {_count(figures.gap_modules)}, "
            f"{_hours_text(figures.gap_hours)}",
            "joint modules not covered",
            "judged not equivalent",
            f"None: {side.name} covers every joint module, fully or partly.",
        ),
        (
            Equivalence.PARTIAL,
            f"Joint modules {side.name} covers only partly: "
            f"{_count(figures.partly_covered_modules)}, "
            f"{_hours_text(figures.partly_covered_hours)}",
            "joint modules covered partly",
            "mapped to it",
            f"None: no joint module is covered only partly by {side.name}.",
        ),
    )
    story: list[Flowable] = []
    for cover, title, outline, links, nothing in kinds:
        story += _subsection(sections, title, outline=f"{side.name}: {outline}")
        rows = [
            [_joint_cell(row.module), _links_cell(side, row, names)]
            for row in crosswalk.rows
            if side.cover(row) is cover
        ]
        if not rows:
            story.append(para(nothing, _TEXT))
            continue
        header = [_column("Joint module"), _column(f"{side.adjective} modules {links}")]
        story.append(shaped_table(widths, rows, header=header, page_height=height))
    return story


def _unmatched(
    crosswalk: Crosswalk, side: _Side, sections: Sections, width: float, height: float
) -> list[Flowable]:
    figures = side.coverage
    story = _subsection(
        sections,
        f"{side.adjective} national modules with no joint equivalent: "
        f"{_count(figures.unmatched_national_modules)}, "
        f"{_hours_text(figures.unmatched_national_hours)}",
        outline=f"{side.name}: modules with no joint equivalent",
    )
    if not side.unmatched:
        return [*story, para(f"None: every {side.adjective} module maps to a joint module.", _TEXT)]
    codes = {heading.id: f"{heading.code} version {heading.version}" for heading in side.headings}
    judged: dict[uuid.UUID, list[tuple[CrosswalkModule, CrosswalkLink]]] = {}
    for row in crosswalk.rows:
        for module, link in side.links(row):
            judged.setdefault(module.id, []).append((row.module, link))
    rows = []
    for module in side.unmatched:
        national = Cell(
            (
                Text(f"{module.code} · {_hours_text(module.hours)}", _BOLD),
                *_titles(module, side.hand),
            )
        )
        curriculum = Cell((Text(codes.get(module.curriculum_id, ""), _BODY),))
        texts: list[Text] = []
        for joint, link in judged.get(module.id, []):
            head = f"{_WORDS[link.equivalence]} · {joint.code}"
            texts.append(Text(head, _BOLD, mark=link.equivalence))
            if link.note:
                texts.append(Text(link.note, _NOTE, colour=GREY))
        rows.append([national, curriculum, Cell(tuple(texts) or (_NO_LINK,))])
    header = [
        _column(f"{side.adjective} module"),
        _column("Curriculum"),
        _column("Joint modules judged not equivalent"),
    ]
    widths = [width * share for share in _UNMATCHED_SHARES]
    return [*story, shaped_table(widths, rows, header=header, page_height=height)]


def _links_cell(side: _Side, row: JointRow, names: dict[uuid.UUID, str]) -> Cell:
    texts = _link_texts(side, row, names)
    return Cell(tuple(texts) or (_NO_LINK,))


def _subsection(sections: Sections, title: str, *, outline: str | None = None) -> list[Flowable]:
    """A subsection heading, on the next page unless what follows can start under it."""
    heading = sections.heading(title, outline=outline, level=1, style=_H2)
    return [CondPageBreak(_ROOM_UNDER_HEADING), heading]


def _column(title: str) -> Cell:
    return Cell((Text(title, _HEAD, colour=NAVY),))


def _count(modules: int) -> str:
    return f"{modules} module" + ("" if modules == 1 else "s")
