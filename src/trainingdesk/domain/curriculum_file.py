"""A curriculum version as one file that academies exchange: heading, modules and links.

CSV and XLSX files (one sheet) share one layout, so that a file saved from Excel in either
form reads back the same:

    Curriculum code | AF-ABP-BASIC          label and value, one row each
    Version         | 2012.1
    ...
    Modules                                 a section title alone on its row
    Module code | English title | ...       the section's column names
    ABP-101     | Introduction to ...       one row per module, in curriculum order
    Competencies
    Competency code | English title | ...   one row per competency the modules name
    Mappings
    Module code | Joint curriculum | ...    one row per crosswalk link

A national curriculum's links name the joint module each of its modules maps to; a joint
curriculum's links name the national modules that map to its modules.

The Competencies section describes the competencies of the modules, so that a laptop whose
catalogue lacks some can add them; files written before it existed have no such section,
and then every competency named must already be in the catalogue. A link to a curriculum
version the database does not have is left out (`LeftOutLinks`): that curriculum's own file
makes it when it is imported, so that a set of files can be imported in any order.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from trainingdesk.domain.enums import CurriculumKind, Equivalence
from trainingdesk.domain.records import CurriculumDraft, CurriculumRecord, ModuleDraft

# Heading labels, keyed by the CurriculumDraft field (or "owner") each one fills.
HEADING_LABELS: Mapping[str, str] = {
    "code": "Curriculum code",
    "version": "Version",
    "title": "Title",
    "kind": "Kind",
    "country": "Country",
    "status": "Status",
    "adopted_on": "Adopted on",
    "retired_on": "Retired on",
    "owner": "Owner agency",
}
MODULES_SECTION = "Modules"
COMPETENCIES_SECTION = "Competencies"
MAPPINGS_SECTION = "Mappings"
SECTIONS = (MODULES_SECTION, COMPETENCIES_SECTION, MAPPINGS_SECTION)

MODULE_CODE = "Module code"
TITLE_EN = "English title"
TITLE_LOCAL = "Local title"
HOURS = "Hours"
OBJECTIVES = "Objectives"
ASSESSMENT = "Assessment method"
COMPETENCIES = "Competencies"
MODULE_COLUMNS = (MODULE_CODE, TITLE_EN, TITLE_LOCAL, HOURS, OBJECTIVES, ASSESSMENT, COMPETENCIES)
# Without these a module cannot be read; the other columns may be left out of a file.
REQUIRED_MODULE_COLUMNS = (MODULE_CODE, TITLE_EN, HOURS)

COMPETENCY_CODE = "Competency code"
COMPETENCY_COLUMNS = (COMPETENCY_CODE, TITLE_EN, TITLE_LOCAL)
REQUIRED_COMPETENCY_COLUMNS = (COMPETENCY_CODE, TITLE_EN)

EQUIVALENCE = "Equivalence"
NOTE = "Note"


@dataclass(frozen=True)
class LinkColumns:
    """Column names of the links section, which depend on the curriculum's kind."""

    curriculum: str
    version: str
    module: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every column of the section, in the order files have them."""
        return (MODULE_CODE, self.curriculum, self.version, self.module, EQUIVALENCE, NOTE)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a links section cannot do without (a note may be left out)."""
        return self.names[:-1]


def link_columns(kind: CurriculumKind) -> LinkColumns:
    """What the links of a curriculum of this kind name: the module at the other end."""
    if kind is CurriculumKind.NATIONAL:
        return LinkColumns("Joint curriculum", "Joint version", "Joint module")
    return LinkColumns("National curriculum", "National version", "National module")


@dataclass(frozen=True)
class FileModule:
    """A module of the file, its competencies by code, and the row it is on (0: not read)."""

    draft: ModuleDraft
    competencies: tuple[str, ...] = ()
    row: int = 0


@dataclass(frozen=True)
class FileCompetency:
    """A competency the file describes, for catalogues that do not have it yet."""

    code: str
    title_en: str
    title_local: str = ""
    row: int = 0


@dataclass(frozen=True)
class FileLink:
    """A crosswalk link of the file: this curriculum's module and the module at the other end.

    For a national curriculum the other end is a joint module; for a joint one, a national
    module. The other module is named by its curriculum's code and version and its own code.
    """

    module_code: str
    curriculum_code: str
    curriculum_version: str
    other_module_code: str
    equivalence: Equivalence
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class CurriculumFile:
    """One curriculum version as a file holds it.

    The draft's owner is left empty: a file names the owner agency by its acronym, which
    only the database can turn into an agency. `rows` maps each heading field read from a
    file (the keys of HEADING_LABELS) to its row, for messages about it.
    """

    curriculum: CurriculumDraft
    owner_acronym: str = ""
    modules: tuple[FileModule, ...] = ()
    links: tuple[FileLink, ...] = ()
    rows: Mapping[str, int] = field(default_factory=dict)
    competencies: tuple[FileCompetency, ...] = ()


@dataclass(frozen=True)
class LeftOutLinks:
    """Links of an imported file to a curriculum version the database does not have yet."""

    curriculum_code: str
    curriculum_version: str
    count: int

    @property
    def note(self) -> str:
        """What was left out, why, and when it will be made."""
        links, they, are = ("link", "it", "is") if self.count == 1 else ("links", "they", "are")
        return (
            f"{self.count} {links} to {self.curriculum_code} {self.curriculum_version} left "
            f"out: that curriculum is not in this database; {they} {are} made when it is "
            "imported"
        )


@dataclass(frozen=True)
class CurriculumImport(CurriculumRecord):
    """A curriculum imported from a file, and the links of the file that were left out."""

    left_out: tuple[LeftOutLinks, ...] = field(default=(), kw_only=True)
    unknown_owner: str = field(default="", kw_only=True)

    @property
    def notes(self) -> tuple[str, ...]:
        """One sentence per curriculum version whose links were left out, and one if the
        owner agency was not found."""
        owner = (
            (
                f"owner agency {self.unknown_owner} is not in this database: the curriculum "
                "was imported with no owner; set it with Edit… once the agency is added",
            )
            if self.unknown_owner
            else ()
        )
        return owner + tuple(left.note for left in self.left_out)
