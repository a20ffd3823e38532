"""The crosswalk between the national curricula and the joint one, and who has covered what.

Plain records shared by the service that reads them, the screens that show them and the
PDF that prints them. Coverage is always measured against the joint curriculum: a joint
module is *covered* by one side when at least one of that side's national modules maps to
it with full equivalence, *partly covered* when its best link is partial, and a *gap* of
that side otherwise ("none" links say so explicitly and count as not covered).
"""

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from trainingdesk.domain.enums import Country, CurriculumStatus, Equivalence


@dataclass(frozen=True)
class CurriculumHeading:
    """Which curriculum version a column of the crosswalk shows."""

    id: uuid.UUID
    code: str
    version: str
    title: str
    status: CurriculumStatus
    country: Country | None


@dataclass(frozen=True)
class CrosswalkModule:
    """A module as the crosswalk shows it, in its curriculum's order."""

    id: uuid.UUID
    curriculum_id: uuid.UUID
    code: str
    title_en: str
    title_local: str
    hours: float


@dataclass(frozen=True)
class CrosswalkLink:
    """One national module's equivalence to one joint module."""

    id: uuid.UUID
    national_module_id: uuid.UUID
    joint_module_id: uuid.UUID
    equivalence: Equivalence
    note: str


@dataclass(frozen=True)
class JointRow:
    """A joint module with the national modules of each side that map to it."""

    module: CrosswalkModule
    afghan: tuple[tuple[CrosswalkModule, CrosswalkLink], ...]
    pakistani: tuple[tuple[CrosswalkModule, CrosswalkLink], ...]
    afghan_cover: Equivalence
    pakistani_cover: Equivalence


@dataclass(frozen=True)
class SideCoverage:
    """How much of the joint curriculum one country's national curricula cover.

    Hours are exact to two decimals (hundredths of an hour), as modules have them.
    """

    country: Country
    joint_modules: int
    joint_hours: float
    covered_modules: int
    covered_hours: float
    partly_covered_modules: int
    partly_covered_hours: float
    national_modules: int
    national_hours: float
    unmatched_national_modules: int
    unmatched_national_hours: float

    @property
    def gap_modules(self) -> int:
        """Joint modules this side does not cover at all."""
        return self.joint_modules - self.covered_modules - self.partly_covered_modules

    @property
    def gap_hours(self) -> float:
        """Hours of the joint modules this side does not cover at all."""
        return _rounded(self.joint_hours - self.covered_hours - self.partly_covered_hours)


@dataclass(frozen=True)
class Crosswalk:
    """The three-column comparison: Afghan, joint and Pakistani curricula.

    Each side may show several national curricula (the border police's and the customs'
    courses, say); their modules are listed curriculum by curriculum, each in its order.
    `unmatched_*` are national modules with no full or partial link to a joint module.
    """

    joint: CurriculumHeading
    afghan: tuple[CurriculumHeading, ...]
    pakistani: tuple[CurriculumHeading, ...]
    rows: tuple[JointRow, ...]
    afghan_modules: tuple[CrosswalkModule, ...]
    pakistani_modules: tuple[CrosswalkModule, ...]
    unmatched_afghan: tuple[CrosswalkModule, ...]
    unmatched_pakistani: tuple[CrosswalkModule, ...]
    afghan_coverage: SideCoverage
    pakistani_coverage: SideCoverage


@dataclass(frozen=True)
class ModuleCompletion:
    """A joint module an officer completed, and through which exercise."""

    module: CrosswalkModule
    exercise_id: uuid.UUID
    exercise_code: str
    exercise_title: str
    completed_on: date


@dataclass(frozen=True)
class CompetencyRecord:
    """Which modules of a joint curriculum one officer has completed, and what remains.

    A module is completed when the officer completed (by the exercise's completion rules)
    an exercise that delivered it, or the module with the same code of another version of
    the same joint curriculum (a version is a copy of the one before: JBM-02 of JBM 2011.1
    counts as JBM-02 of JBM 2013.1, and the other way round). The earliest such exercise is
    the one shown.
    """

    person_id: uuid.UUID
    joint: CurriculumHeading
    completed: tuple[ModuleCompletion, ...]
    remaining: tuple[CrosswalkModule, ...]

    @property
    def completed_hours(self) -> float:
        """Hours of the completed modules."""
        return _hours(done.module.hours for done in self.completed)

    @property
    def remaining_hours(self) -> float:
        """Hours of the modules still to complete."""
        return _hours(module.hours for module in self.remaining)


@dataclass(frozen=True)
class AgencyCoverageRow:
    """One agency's officers against the modules of a joint curriculum.

    `officers` counts the agency's live participants who completed at least one exercise;
    `completed[i]` counts those who completed the joint module `modules[i]` of the table;
    `complete_curriculum` those who completed every module. As in `CompetencyRecord`, a
    module is completed through an exercise that delivered it or the module with the same
    code of any other version of the same joint curriculum.
    """

    agency_id: uuid.UUID | None
    agency: str
    country: Country | None
    officers: int
    completed: tuple[int, ...]
    complete_curriculum: int


@dataclass(frozen=True)
class AgencyCoverage:
    """The per-agency coverage table of one joint curriculum."""

    joint: CurriculumHeading
    modules: tuple[CrosswalkModule, ...]
    rows: tuple[AgencyCoverageRow, ...]


def build_crosswalk(
    joint: CurriculumHeading,
    afghan: Sequence[CurriculumHeading],
    pakistani: Sequence[CurriculumHeading],
    modules: Iterable[CrosswalkModule],
    links: Iterable[CrosswalkLink],
) -> Crosswalk:
    """The crosswalk of a joint curriculum against the national curricula of each side.

    `modules` holds the modules of every curriculum named, each curriculum's in its order;
    modules of other curricula, and links that do not join a national module shown to a
    joint module shown, are left out.
    """
    by_curriculum: dict[uuid.UUID, list[CrosswalkModule]] = defaultdict(list)
    for module in modules:
        by_curriculum[module.curriculum_id].append(module)
    joint_modules = tuple(by_curriculum[joint.id])
    sides = {
        Country.AF: tuple(m for heading in afghan for m in by_curriculum[heading.id]),
        Country.PK: tuple(m for heading in pakistani for m in by_curriculum[heading.id]),
    }
    national = {m.id: (country, m) for country, side in sides.items() for m in side}
    place = {module_id: index for index, module_id in enumerate(national)}
    joint_ids = {m.id for m in joint_modules}
    shown = sorted(
        (
            link
            for link in links
            if link.national_module_id in national and link.joint_module_id in joint_ids
        ),
        key=lambda link: place[link.national_module_id],
    )
    linked: dict[tuple[uuid.UUID, Country], list[tuple[CrosswalkModule, CrosswalkLink]]] = (
        defaultdict(list)
    )
    for link in shown:
        country, module = national[link.national_module_id]
        linked[(link.joint_module_id, country)].append((module, link))
    rows = tuple(
        JointRow(
            module=module,
            afghan=tuple(linked[(module.id, Country.AF)]),
            pakistani=tuple(linked[(module.id, Country.PK)]),
            afghan_cover=_cover(linked[(module.id, Country.AF)]),
            pakistani_cover=_cover(linked[(module.id, Country.PK)]),
        )
        for module in joint_modules
    )
    matched = {
        link.national_module_id for link in shown if link.equivalence is not Equivalence.NONE
    }
    unmatched = {
        country: tuple(m for m in side if m.id not in matched) for country, side in sides.items()
    }
    return Crosswalk(
        joint=joint,
        afghan=tuple(afghan),
        pakistani=tuple(pakistani),
        rows=rows,
        afghan_modules=sides[Country.AF],
        pakistani_modules=sides[Country.PK],
        unmatched_afghan=unmatched[Country.AF],
        unmatched_pakistani=unmatched[Country.PK],
        afghan_coverage=_side_coverage(
            Country.AF, rows, [r.afghan_cover for r in rows], sides[Country.AF], unmatched
        ),
        pakistani_coverage=_side_coverage(
            Country.PK, rows, [r.pakistani_cover for r in rows], sides[Country.PK], unmatched
        ),
    )


def _cover(links: Sequence[tuple[CrosswalkModule, CrosswalkLink]]) -> Equivalence:
    equivalences = {link.equivalence for _, link in links}
    if Equivalence.FULL in equivalences:
        return Equivalence.FULL
    if Equivalence.PARTIAL in equivalences:
        return Equivalence.PARTIAL
    return Equivalence.NONE


def _side_coverage(
    country: Country,
    rows: Sequence[JointRow],
    covers: Sequence[Equivalence],
    side: Sequence[CrosswalkModule],
    unmatched: dict[Country, tuple[CrosswalkModule, ...]],
) -> SideCoverage:
    def covered(equivalence: Equivalence) -> list[float]:
        return [
            row.module.hours
            for row, cover in zip(rows, covers, strict=True)
            if cover is equivalence
        ]

    full, partial = covered(Equivalence.FULL), covered(Equivalence.PARTIAL)
    return SideCoverage(
        country=country,
        joint_modules=len(rows),
        joint_hours=_hours(row.module.hours for row in rows),
        covered_modules=len(full),
        covered_hours=_hours(full),
        partly_covered_modules=len(partial),
        partly_covered_hours=_hours(partial),
        national_modules=len(side),
        national_hours=_hours(m.hours for m in side),
        unmatched_national_modules=len(unmatched[country]),
        unmatched_national_hours=_hours(m.hours for m in unmatched[country]),
    )


def _hours(hours: Iterable[float]) -> float:
    # fsum, then hundredths: tenths of an hour added up would drift (0.1 + 0.2 != 0.3), and
    # differences of sums would leave crumbs such as 2.8e-17 hours.
    return _rounded(math.fsum(hours))


def _rounded(hours: float) -> float:
    # + 0.0 turns a -0.0 into 0.0, which prints without its sign.
    return round(hours, 2) + 0.0


def competency_record(
    person_id: uuid.UUID,
    joint: CurriculumHeading,
    modules: Sequence[CrosswalkModule],
    completions: Iterable[ModuleCompletion],
) -> CompetencyRecord:
    """One officer's record against the joint modules `modules` (in their order).

    `completions` holds every module completion found, several per module if the officer
    completed it more than once; the earliest (by date, then exercise code) is kept.
    Completions of modules not in `modules` are left out.
    """
    earliest: dict[uuid.UUID, ModuleCompletion] = {}
    for done in completions:
        kept = earliest.get(done.module.id)
        if kept is None or (done.completed_on, done.exercise_code) < (
            kept.completed_on,
            kept.exercise_code,
        ):
            earliest[done.module.id] = done
    return CompetencyRecord(
        person_id=person_id,
        joint=joint,
        completed=tuple(earliest[m.id] for m in modules if m.id in earliest),
        remaining=tuple(m for m in modules if m.id not in earliest),
    )
