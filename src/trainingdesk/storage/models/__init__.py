"""ORM models of every table; importing this package registers them all on `Base.metadata`."""

from trainingdesk.storage.models.base import Base, Replicated, utcnow
from trainingdesk.storage.models.curricula import (
    Competency,
    Curriculum,
    Module,
    ModuleCompetency,
    ModuleMapping,
)
from trainingdesk.storage.models.exercises import (
    Assessment,
    AttendanceMark,
    AttendanceTally,
    Enrolment,
    Exercise,
    ExerciseModule,
    StaleAttendanceTally,
    TrainingSession,
)
from trainingdesk.storage.models.records import AuditEntry, Certificate, Laptop, Setting
from trainingdesk.storage.models.reference import Agency, Person, Project, Site

__all__ = [
    "Agency",
    "Assessment",
    "AttendanceMark",
    "AttendanceTally",
    "AuditEntry",
    "Base",
    "Certificate",
    "Competency",
    "Curriculum",
    "Enrolment",
    "Exercise",
    "ExerciseModule",
    "Laptop",
    "Module",
    "ModuleCompetency",
    "ModuleMapping",
    "Person",
    "Project",
    "Replicated",
    "Setting",
    "Site",
    "StaleAttendanceTally",
    "TrainingSession",
    "utcnow",
]
