"""One transaction of a use case: a session that knows who is acting, committed or rolled back."""

from collections.abc import Callable
from datetime import datetime, timedelta
from types import TracebackType
from typing import Self

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from trainingdesk.storage.audit import ACTOR_KEY, REASON_KEY, install_audit
from trainingdesk.storage.database import Database
from trainingdesk.storage.errors import DatabaseUnreadable
from trainingdesk.storage.identity import Actor
from trainingdesk.storage.models import (
    Agency,
    Assessment,
    AttendanceMark,
    Certificate,
    Competency,
    Curriculum,
    Enrolment,
    Exercise,
    ExerciseModule,
    Laptop,
    Module,
    ModuleCompetency,
    ModuleMapping,
    Person,
    Project,
    Site,
    TrainingSession,
    utcnow,
)
from trainingdesk.storage.repositories import Repository


class LaptopRegister:
    """Whether this laptop's row was written lately by this program.

    Every commit used to read and update the laptop's row: two more statements on each
    attendance mark. Its `last_seen_at` only needs to be roughly right.
    """

    REFRESH = timedelta(minutes=10)

    def __init__(self) -> None:
        self._written_at: datetime | None = None

    def due(self, now: datetime) -> bool:
        """True when the laptop's row should be written with this commit."""
        return self._written_at is None or now - self._written_at >= self.REFRESH

    def written(self, now: datetime) -> None:
        """Remember that the row was written."""
        self._written_at = now


class UnitOfWork:
    """Context manager around one session; nothing is written unless `commit()` is called."""

    def __init__(
        self, factory: sessionmaker[Session], actor: Actor, laptops: LaptopRegister
    ) -> None:
        self._factory = factory
        self.actor = actor
        self._laptops = laptops
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The session of the open unit of work."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    def __enter__(self) -> Self:
        session = self._session = self._factory()
        session.info[ACTOR_KEY] = self.actor
        self.agencies = Repository(session, Agency, "agency")
        self.sites = Repository(session, Site, "site")
        self.projects = Repository(session, Project, "project")
        self.people = Repository(session, Person, "person")
        self.curricula = Repository(session, Curriculum, "curriculum")
        self.modules = Repository(session, Module, "module")
        self.competencies = Repository(session, Competency, "competency")
        self.module_competencies = Repository(session, ModuleCompetency, "module competency")
        self.mappings = Repository(session, ModuleMapping, "module mapping")
        self.exercises = Repository(session, Exercise, "exercise")
        self.exercise_modules = Repository(session, ExerciseModule, "exercise module")
        self.sessions = Repository(session, TrainingSession, "session")
        self.enrolments = Repository(session, Enrolment, "enrolment")
        self.marks = Repository(session, AttendanceMark, "attendance mark")
        self.assessments = Repository(session, Assessment, "assessment")
        self.certificates = Repository(session, Certificate, "certificate")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, OperationalError):
            # Locked, read-only, full or vanished databases: say so in one line, not a trace.
            raise DatabaseUnreadable(f"the database could not be used: {exc.orig}") from exc

    def give_reason(self, reason: str) -> None:
        """Record the user's reason in the audit entries of the changes committed next."""
        self.session.info[REASON_KEY] = reason.strip()

    def commit(self) -> None:
        """Write the changes, registering this laptop the first time it writes."""
        session = self.session
        now = utcnow()
        register = (session.new or session.dirty or session.deleted) and self._laptops.due(now)
        if register:
            laptop = session.get(Laptop, self.actor.laptop_id)
            if laptop is None:
                session.add(Laptop(id=self.actor.laptop_id, name=self.actor.laptop_name))
            else:
                laptop.last_seen_at = now
        session.commit()
        if register:
            self._laptops.written(now)


UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(database: Database, actor: Actor) -> UnitOfWorkFactory:
    """A factory the services call once per use case."""
    install_audit(database.session_factory)
    laptops = LaptopRegister()
    return lambda: UnitOfWork(database.session_factory, actor, laptops)
