"""Closed vocabularies shared by every layer; values are what the database stores."""

from enum import StrEnum


class Country(StrEnum):
    """Country of a participant, agency or site (ISO 3166 alpha-2 for the two programme sides)."""

    AF = "AF"
    PK = "PK"
    OTHER = "XX"


class Sex(StrEnum):
    """Sex as recorded on rosters and counted in donor reports."""

    MALE = "M"
    FEMALE = "F"


class RankTier(StrEnum):
    """Normalised rank level, so that reports can compare different rank systems."""

    SENIOR = "senior"
    MIDDLE = "middle"
    JUNIOR = "junior"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class SiteKind(StrEnum):
    """What a site is."""

    CROSSING = "crossing"
    TRAINING_CENTRE = "training_centre"
    OTHER = "other"


class CurriculumKind(StrEnum):
    """National curricula belong to one side; joint ones are the harmonised common ground."""

    NATIONAL = "national"
    JOINT = "joint"


class CurriculumStatus(StrEnum):
    """Life cycle of a curriculum version."""

    DRAFT = "draft"
    ADOPTED = "adopted"
    RETIRED = "retired"


class Equivalence(StrEnum):
    """How far a national module covers a joint module."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


class ExerciseType(StrEnum):
    """Kinds of event the programme runs."""

    JOINT_EXERCISE = "joint_exercise"
    COURSE = "course"
    WORKSHOP = "workshop"
    TABLETOP = "tabletop"
    FIELD_EXERCISE = "field_exercise"
    DIALOGUE = "dialogue"


class KeyArea(StrEnum):
    """The three key areas of the cooperation process."""

    INFRASTRUCTURE = "infrastructure"
    HARMONISATION = "harmonisation"
    DIALOGUE = "dialogue"

    @property
    def label(self) -> str:
        """The wording used in programme documents."""
        return _KEY_AREA_LABELS[self]


_KEY_AREA_LABELS = {
    KeyArea.INFRASTRUCTURE: "Border-crossing infrastructure coordination",
    KeyArea.HARMONISATION: "Harmonisation of border-management systems and training",
    KeyArea.DIALOGUE: "Institutionalised dialogue and information sharing",
}


class ExerciseStatus(StrEnum):
    """Planning state of an exercise."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    """Why a person is enrolled in an exercise."""

    PARTICIPANT = "participant"
    TRAINER = "trainer"
    OBSERVER = "observer"


class EnrolmentStatus(StrEnum):
    """Administrative state of an enrolment; completion itself is computed, never stored."""

    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"


class AttendanceStatus(StrEnum):
    """One mark in the attendance grid; the value is the key a coordinator types."""

    PRESENT = "P"
    LATE = "L"
    EXCUSED = "E"
    ABSENT = "A"


class CertificateStatus(StrEnum):
    """Whether a certificate still stands."""

    VALID = "valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


class AuditAction(StrEnum):
    """What a change did to a row."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
