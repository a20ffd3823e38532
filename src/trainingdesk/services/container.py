"""Builds every service over one database; the CLI and the GUI both start here."""

from dataclasses import dataclass, field
from pathlib import Path

from trainingdesk.services.attendance import AttendanceService
from trainingdesk.services.attendance_grid import AttendanceGridService
from trainingdesk.services.certificates import CertificateService
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.services.dashboard import DashboardService
from trainingdesk.services.demo import DemoService
from trainingdesk.services.donor_report import DonorReportService
from trainingdesk.services.enrolments import EnrolmentService
from trainingdesk.services.exercises import ExerciseService
from trainingdesk.services.info import DatabaseInfo, describe_database
from trainingdesk.services.merge import PeopleMergeService
from trainingdesk.services.people import PeopleService
from trainingdesk.services.reference import ReferenceService
from trainingdesk.services.roster_import import RosterImportService
from trainingdesk.storage.backup import DEFAULT_KEEP, BackupResult, backup_database
from trainingdesk.storage.database import Database, open_database
from trainingdesk.storage.identity import Actor, current_actor
from trainingdesk.storage.signing import SigningKey, signing_key_path
from trainingdesk.storage.unit_of_work import unit_of_work_factory


@dataclass
class Services:
    """All use cases over one open database."""

    database: Database
    actor: Actor
    people: PeopleService = field(init=False)
    reference: ReferenceService = field(init=False)
    curricula: CurriculumService = field(init=False)
    exercises: ExerciseService = field(init=False)
    enrolments: EnrolmentService = field(init=False)
    attendance: AttendanceService = field(init=False)
    grid: AttendanceGridService = field(init=False)
    certificates: CertificateService = field(init=False)
    demo: DemoService = field(init=False)
    merge: PeopleMergeService = field(init=False)
    rosters: RosterImportService = field(init=False)
    dashboard: DashboardService = field(init=False)
    donor: DonorReportService = field(init=False)

    def __post_init__(self) -> None:
        uow = unit_of_work_factory(self.database, self.actor)
        self.people = PeopleService(uow)
        self.reference = ReferenceService(uow)
        self.curricula = CurriculumService(uow)
        self.exercises = ExerciseService(uow)
        self.enrolments = EnrolmentService(uow)
        self.attendance = AttendanceService(uow)
        self.grid = AttendanceGridService(uow, self.exercises)
        self.certificates = CertificateService(
            uow, self.attendance, lambda: SigningKey.load_or_create(signing_key_path())
        )
        self.demo = DemoService(uow, self.certificates)
        self.merge = PeopleMergeService(uow, self.people)
        self.rosters = RosterImportService(uow, self.reference)
        self.dashboard = DashboardService(uow)
        self.donor = DonorReportService(uow)

    def info(self) -> DatabaseInfo:
        """Where the database is and what it holds."""
        return describe_database(self.database)

    def backup(self, folder: Path | None = None, keep: int = DEFAULT_KEEP) -> BackupResult:
        """A checked copy of the database, keeping the newest `keep` copies in `folder`."""
        return backup_database(self.database, folder, keep)

    def close(self) -> None:
        """Release the database."""
        self.database.close()


def open_services(
    location: str | None = None, *, must_exist: bool = False, actor: Actor | None = None
) -> Services:
    """Open the database at `location` (path or URL; None = TRAININGDESK_DB or the default)."""
    database = open_database(location, must_exist=must_exist)
    return Services(database=database, actor=actor or current_actor())
