"""A curriculum version as one file that academies exchange: heading, modules and links.

CSV and XLSX files (one sheet) share one layout, so that a file saved from Excel in either
form reads back the same:

    Curriculum code | AF-ABP-BASIC          label and value, one row each
    Version         | 2012.1
    ...
    Modules                                 a section title alone on its row
    Module code | English title | ...       the section's column names
    ABP-101     | Introduction to ...       one row per module, in curriculum order
    Mappings
    Module code | Joint curriculum | ...    one row per crosswalk link

A national curriculum's links name the joint module each of its modules maps to; a joint
curriculum's links name the national modules that map to its modules.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from trainingdesk.domain.enums import CurriculumKind, Equivalence
from trainingdesk.domain.records import CurriculumDraft, ModuleDraft

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
MAPPINGS_SECTION = "Mappings"

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
