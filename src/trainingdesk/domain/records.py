"""Plain records that services return and accept; front ends and reports see only these.

`*Record` is a row as stored (with its id); `*Draft` is what a user fills in to create or
edit one. Drafts are validated by `problems()`, which maps fields to messages.
"""

import uuid
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from typing import NamedTuple

from trainingdesk.domain.completion import CompletionResult, CompletionRule
from trainingdesk.domain.enums import (
    AttendanceStatus,
    CertificateStatus,
    Country,
    CurriculumKind,
    CurriculumStatus,
    EnrolmentStatus,
    Equivalence,
    ExerciseStatus,
    ExerciseType,
    KeyArea,
    RankTier,
    Role,
    Sex,
    SiteKind,
)

EARLIEST_BIRTH = date(1930, 1, 1)


def _required(errors: dict[str, str], name: str, value: str, label: str) -> None:
    if not value.strip():
        errors[name] = f"{label} is required"


@dataclass(frozen=True)
class AgencyDraft:
    """An agency as entered."""

    country: Country
    acronym: str
    name: str
    native_name: str = ""
    valid_from: date | None = None
    valid_to: date | None = None

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        _required(errors, "acronym", self.acronym, "Acronym")
        _required(errors, "name", self.name, "Name")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "must not be before the start of validity"
        return errors


@dataclass(frozen=True)
class AgencyRecord(AgencyDraft):
    """A stored agency."""

    id: uuid.UUID = field(kw_only=True)


@dataclass(frozen=True)
class SiteDraft:
    """A border crossing or training centre as entered."""

    code: str
    name: str
    country: Country
    kind: SiteKind
    province: str = ""
    native_name: str = ""

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        _required(errors, "code", self.code, "Code")
        _required(errors, "name", self.name, "Name")
        return errors


@dataclass(frozen=True)
class SiteRecord(SiteDraft):
    """A stored site."""

    id: uuid.UUID = field(kw_only=True)


@dataclass(frozen=True)
class ProjectRecord:
    """A donor-funded project."""

    id: uuid.UUID
    code: str
    name: str
    donor: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class PersonDraft:
    """A person as entered on the form or in a roster."""

    given_name: str
    sex: Sex
    country: Country
    family_name: str = ""
    native_name: str = ""
    father_name: str = ""
    father_name_native: str = ""
    agency_id: uuid.UUID | None = None
    rank: str = ""
    rank_tier: RankTier = RankTier.UNKNOWN
    duty_station_id: uuid.UUID | None = None
    service_number: str = ""
    phone: str = ""
    birth_date: date | None = None
    consent_photo: bool = False
    consent_roster: bool = False

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        if not self.given_name.strip() and not self.native_name.strip():
            errors["given_name"] = "a name in Latin or native script is required"
        if self.phone and not any(ch.isdigit() for ch in self.phone):
            errors["phone"] = "a phone number needs digits"
        if self.birth_date is not None and not EARLIEST_BIRTH <= self.birth_date <= date.today():
            errors["birth_date"] = f"must be between {EARLIEST_BIRTH:%Y} and today"
        return errors


@dataclass(frozen=True)
class PersonRecord(PersonDraft):
    """A stored person, with the names of what it refers to."""

    id: uuid.UUID = field(kw_only=True)
    agency_acronym: str = ""
    duty_station_code: str = ""

    @property
    def full_name(self) -> str:
        """Given and family name in Latin script."""
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def draft(self) -> PersonDraft:
        """The editable part, e.g. what an undo puts back."""
        return PersonDraft(**{f.name: getattr(self, f.name) for f in fields(PersonDraft)})


@dataclass(frozen=True)
class MergePreview:
    """Two records of one officer side by side, and what a merge would move or drop."""

    survivor: PersonRecord
    merged: PersonRecord
    moving: tuple[tuple[str, int], ...]  # (what, how many) that move to the survivor
    dropping: tuple[tuple[str, int], ...]  # rows both had; the survivor's are kept


@dataclass(frozen=True)
class RowMove:
    """One row a merge changed: moved to the survivor, dropped, or a survivor's revived.

    `saved` holds a revived row's former values and `replaced_id` the row it stands in
    for, so that the merge can be taken back exactly.
    """

    table: str
    row_id: uuid.UUID
    kind: str
    saved: tuple[tuple[str, object], ...] = ()
    replaced_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MergeRecord:
    """What a merge did, for its undo."""

    survivor_id: uuid.UUID
    merged_id: uuid.UUID
    survivor_before: PersonDraft
    survivor_after: PersonDraft
    moves: tuple[RowMove, ...]


@dataclass(frozen=True)
class CurriculumDraft:
    """A curriculum version as entered."""

    code: str
    version: str
    title: str
    kind: CurriculumKind
    country: Country | None = None
    owner_agency_id: uuid.UUID | None = None
    status: CurriculumStatus = CurriculumStatus.DRAFT
    adopted_on: date | None = None
    retired_on: date | None = None

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        _required(errors, "code", self.code, "Code")
        _required(errors, "version", self.version, "Version")
        _required(errors, "title", self.title, "Title")
        if self.kind is CurriculumKind.NATIONAL and self.country not in (Country.AF, Country.PK):
            errors["country"] = "a national curriculum belongs to Afghanistan or Pakistan"
        if self.kind is CurriculumKind.JOINT and self.country is not None:
            errors["country"] = "a joint curriculum belongs to no single country"
        errors.update(self._life_cycle_problems())
        return errors

    def _life_cycle_problems(self) -> dict[str, str]:
        """A draft has neither date; adopted needs its adoption date; retired both, in order."""
        errors: dict[str, str] = {}
        if self.status is CurriculumStatus.DRAFT and self.adopted_on is not None:
            errors["adopted_on"] = "a draft curriculum has no adoption date until it is adopted"
        if self.status is not CurriculumStatus.DRAFT and self.adopted_on is None:
            which = "an adopted" if self.status is CurriculumStatus.ADOPTED else "a retired"
            errors["adopted_on"] = f"{which} curriculum needs its adoption date"
        if self.status is CurriculumStatus.RETIRED and self.retired_on is None:
            errors["retired_on"] = "a retired curriculum needs the date it was retired"
        if self.status is not CurriculumStatus.RETIRED and self.retired_on is not None:
            errors["retired_on"] = "only a retired curriculum has a retirement date"
        if self.adopted_on and self.retired_on and self.retired_on < self.adopted_on:
            errors["retired_on"] = "cannot be before the adoption date"
        return errors


@dataclass(frozen=True)
class CurriculumRecord(CurriculumDraft):
    """A stored curriculum with its module count."""

    id: uuid.UUID = field(kw_only=True)
    modules: int = 0
    hours: float = 0.0


@dataclass(frozen=True)
class ModuleDraft:
    """A module as entered."""

    code: str
    title_en: str
    title_local: str = ""
    hours: float = 0.0
    objectives: str = ""
    assessment_method: str = ""

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        _required(errors, "code", self.code, "Code")
        _required(errors, "title_en", self.title_en, "English title")
        if not 0 <= self.hours <= 1000:
            errors["hours"] = "must be between 0 and 1000"
        return errors


@dataclass(frozen=True)
class ModuleRecord(ModuleDraft):
    """A stored module."""

    id: uuid.UUID = field(kw_only=True)
    curriculum_id: uuid.UUID = field(kw_only=True)
    position: int = 0


@dataclass(frozen=True)
class MappingRecord:
    """A crosswalk link between a national and a joint module."""

    id: uuid.UUID
    national_module_id: uuid.UUID
    joint_module_id: uuid.UUID
    equivalence: Equivalence
    note: str


# Module files list a module's competencies by code, separated by spaces, commas or
# semicolons (Latin or Arabic), so a code has none of these.
COMPETENCY_CODE_SEPARATORS = " \t\n,;\u060c\u061b"


@dataclass(frozen=True)
class CompetencyDraft:
    """An entry of the shared competency catalogue as entered."""

    code: str
    title_en: str
    title_local: str = ""

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        code = self.code.strip()
        _required(errors, "code", code, "Code")
        if any(character in COMPETENCY_CODE_SEPARATORS for character in code):
            errors["code"] = "a competency code is one word: no spaces, commas or semicolons"
        elif len(code) > 40:
            errors["code"] = "at most 40 characters"
        _required(errors, "title_en", self.title_en, "English title")
        if len(self.title_en.strip()) > 200:
            errors["title_en"] = "at most 200 characters"
        if len(self.title_local.strip()) > 200:
            errors["title_local"] = "at most 200 characters"
        return errors


@dataclass(frozen=True)
class CompetencyEntry:
    """An entry of the shared competency catalogue, as lists and module forms show it."""

    id: uuid.UUID
    code: str
    title_en: str
    title_local: str


@dataclass(frozen=True)
class ExerciseDraft:
    """An exercise as entered."""

    code: str
    title: str
    type: ExerciseType
    key_area: KeyArea
    start_date: date
    end_date: date
    status: ExerciseStatus = ExerciseStatus.PLANNED
    site_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    description: str = ""
    rule: CompletionRule = field(default_factory=CompletionRule)

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        _required(errors, "code", self.code, "Code")
        _required(errors, "title", self.title, "Title")
        if self.end_date < self.start_date:
            errors["end_date"] = "must not be before the start date"
        elif (self.end_date - self.start_date).days > 366:
            errors["end_date"] = "an exercise lasts at most a year"
        errors.update(self.rule.problems())
        return errors


@dataclass(frozen=True)
class ExerciseRecord(ExerciseDraft):
    """A stored exercise with what a list needs to show."""

    id: uuid.UUID = field(kw_only=True)
    site_code: str = ""
    site_name: str = ""
    project_code: str = ""
    participants: int = 0
    sessions: int = 0

    def draft(self) -> ExerciseDraft:
        """The editable part, e.g. what an undo puts back."""
        return ExerciseDraft(**{f.name: getattr(self, f.name) for f in fields(ExerciseDraft)})


@dataclass(frozen=True)
class SessionDraft:
    """A session as entered."""

    day: date
    start_time: time | None = None
    end_time: time | None = None
    title: str = ""
    module_id: uuid.UUID | None = None
    trainer_id: uuid.UUID | None = None

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "must be after the start time"
        return errors


@dataclass(frozen=True)
class SessionRecord(SessionDraft):
    """A stored session; `number` is its 1-based place in the exercise."""

    id: uuid.UUID = field(kw_only=True)
    exercise_id: uuid.UUID = field(kw_only=True)
    number: int = 0
    module_code: str = ""
    locked: bool = False

    def draft(self) -> SessionDraft:
        """The editable part, e.g. what an undo puts back."""
        return SessionDraft(**{f.name: getattr(self, f.name) for f in fields(SessionDraft)})


@dataclass(frozen=True)
class EnrolmentRecord:
    """A person enrolled in an exercise."""

    id: uuid.UUID
    exercise_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    native_name: str
    country: Country
    agency_acronym: str
    role: Role
    status: EnrolmentStatus


@dataclass(frozen=True)
class MarkRecord:
    """One cell of the attendance grid."""

    session_id: uuid.UUID
    person_id: uuid.UUID
    status: AttendanceStatus
    remark: str = ""


@dataclass(frozen=True)
class AssessmentDraft:
    """Scores of one participant in one exercise."""

    pre_test: float | None = None
    post_test: float | None = None
    satisfaction: int | None = None

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        errors: dict[str, str] = {}
        for name, score in (("pre_test", self.pre_test), ("post_test", self.post_test)):
            if score is not None and not 0 <= score <= 100:
                errors[name] = "must be between 0 and 100"
        if self.satisfaction is not None and not 1 <= self.satisfaction <= 5:
            errors["satisfaction"] = "must be between 1 and 5"
        return errors


@dataclass(frozen=True)
class AssessmentRecord(AssessmentDraft):
    """Stored scores."""

    exercise_id: uuid.UUID = field(kw_only=True)
    person_id: uuid.UUID = field(kw_only=True)


@dataclass(frozen=True)
class CertificateRecord:
    """A certificate in the register, with what its page and its checks need."""

    id: uuid.UUID
    serial: str
    person_id: uuid.UUID
    person_name: str
    native_name: str
    country: Country
    exercise_id: uuid.UUID
    exercise_code: str
    exercise_title: str
    issue_date: date
    status: CertificateStatus
    qr_text: str
    short_code: str
    revoked_reason: str = ""
    superseded_by: str = ""  # the serial of the certificate that replaced this one


@dataclass(frozen=True)
class Signatory:
    """Who signs a certificate: printed name, title, and optionally a scanned signature."""

    name: str
    title: str
    signature_image: bytes = b""  # a PNG or JPEG, as stored in the settings; empty: a line


@dataclass(frozen=True)
class CertificatePage:
    """Everything one printed certificate shows."""

    serial: str
    short_code: str
    qr_text: str
    holder_name: str
    holder_native_name: str
    country: Country
    agency_name: str
    rank: str
    exercise_code: str
    exercise_title: str
    start_date: date
    end_date: date
    site_name: str
    hours: float
    modules: tuple[str, ...]
    issue_date: date
    local_language: str  # "prs" (Dari), "ps" (Pashto), "ur" (Urdu) or "fr" (French)
    signatories: tuple[Signatory, ...] = ()
    logos: tuple[bytes, ...] = ()  # PNG or JPEG images across the top, left to right


@dataclass(frozen=True)
class CertificateSettings:
    """How certificates look: the second language per country, who signs, and the logos."""

    languages: dict[str, str]  # country code ("AF", "PK", "XX") to "prs", "ps", "ur" or "fr"
    signatories: tuple[Signatory, ...]
    logos: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class ParticipantCompletion:
    """Completion of one enrolled person, as certificates and reports will use it."""

    person_id: uuid.UUID
    person_name: str
    role: Role
    status: EnrolmentStatus
    result: CompletionResult
    post_test: float | None
    eligible: bool


class PersonRow(NamedTuple):
    """One line of the people table: what the screen shows and the key it filters on.

    A named tuple rather than a dataclass: the people screen builds 20,000 of them at
    once, and a tuple is built several times faster.
    """

    id: uuid.UUID
    full_name: str
    native_name: str
    father_name: str
    sex: Sex
    country: Country
    agency_acronym: str
    rank: str
    service_number: str
    search_key: str


@dataclass(frozen=True)
class DashboardFigures:
    """The counts a coordinator looks at first."""

    people_by_country_sex: dict[tuple[Country, Sex], int]
    exercises_this_year: int
    ongoing_exercises: int
    upcoming_exercises: int
    certificates_issued: int


class ExerciseLabel(NamedTuple):
    """What a chooser shows of an exercise."""

    id: uuid.UUID
    code: str
    title: str
    start_date: date

    def text(self) -> str:
        """`CODE — title (start date)`."""
        return f"{self.code} — {self.title} ({self.start_date:%d %b %Y})"


@dataclass(frozen=True)
class GridParticipant:
    """A person enrolled in an exercise, as the attendance grid and sign-in sheets show them."""

    person_id: uuid.UUID
    full_name: str
    native_name: str
    father_name: str
    agency_acronym: str
    country: Country
    rank: str
    service_number: str
    role: Role


@dataclass(frozen=True)
class GridSession:
    """A session as a column of the attendance grid; locked sessions are read-only."""

    id: uuid.UUID
    number: int
    day: date
    start_time: time | None
    end_time: time | None
    module_code: str
    module_title: str
    locked_by: str | None = None
    locked_at: datetime | None = None

    @property
    def locked(self) -> bool:
        """True while the coordinator's sign-off stands."""
        return self.locked_at is not None


@dataclass(frozen=True)
class AttendanceGrid:
    """Everything the attendance grid of one exercise shows, read in one go.

    `marks` is keyed by (session id, person id); a missing key is a cell not marked yet.
    `post_tests` holds the post-test scores completion may depend on.
    """

    exercise: ExerciseRecord
    rule: CompletionRule
    participants: tuple[GridParticipant, ...]
    sessions: tuple[GridSession, ...]
    marks: dict[tuple[uuid.UUID, uuid.UUID], MarkRecord]
    post_tests: dict[uuid.UUID, float]

    def session_by_number(self, number: int) -> GridSession | None:
        """The session with a 1-based number, if the exercise has it."""
        return next((s for s in self.sessions if s.number == number), None)


@dataclass(frozen=True)
class SignInSheet:
    """One session's paper sign-in sheet: who should sign, in enrolment-list order."""

    exercise: ExerciseRecord
    session: GridSession
    participants: tuple[GridParticipant, ...]


@dataclass(frozen=True)
class MarkChange:
    """One cell to set (status) or clear (status None), e.g. from an import or a fill."""

    session_id: uuid.UUID
    person_id: uuid.UUID
    status: AttendanceStatus | None
    remark: str = ""


@dataclass(frozen=True)
class EnrolmentExportRow:
    """One enrolment as the people export lists it: the exercise, the person and the role."""

    exercise_code: str
    exercise_title: str
    start_date: date
    end_date: date
    person_id: uuid.UUID
    person_name: str
    native_name: str
    service_number: str
    role: Role
    status: EnrolmentStatus
