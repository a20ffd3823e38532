"""The SQL of the donor report: one pass over the period's marks, then GROUP BYs.

The pass tallies each participant's marks per exercise (present, late, excused, days
attended) and applies the exercise's completion rule in SQL, term by term as
`domain.completion.evaluate` does in Python; the tallies go into a temporary table, and
every breakdown is a GROUP BY over it. SQLite answers the pass from one index of the marks
(migration 0005) and one sort; `benchmarks/donor_report.py` prints its plan.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    Column,
    ColumnElement,
    Connection,
    Float,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Uuid,
    and_,
    case,
    distinct,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from trainingdesk.domain.donor import ModuleDelivered, ReportScope
from trainingdesk.domain.donor_figures import (
    ExerciseFigures,
    PeopleCount,
    ReportFigures,
)
from trainingdesk.domain.donor_text import ScoreSums
from trainingdesk.domain.enums import (
    AttendanceStatus,
    CertificateStatus,
    Country,
    ExerciseStatus,
    KeyArea,
    Role,
    Sex,
)
from trainingdesk.services.attendance_tallies import (
    TOLERANCE,
    any_stale,
    bring_up_to_date,
    completes_exercise,
    with_tally_and_scores,
)
from trainingdesk.storage.models import (
    Agency,
    Assessment,
    AttendanceMark,
    AttendanceTally,
    Certificate,
    Enrolment,
    Exercise,
    ExerciseModule,
    Module,
    Person,
    Project,
    Site,
    TrainingSession,
)
from trainingdesk.storage.unit_of_work import UnitOfWork

# progress(message, done, total): raising from it cancels the report.
Progress = Callable[[str, int, int], None]

NO_AGENCY = "No agency recorded"
_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
# The tolerance of domain.completion.evaluate, so that SQL and Python round alike.
_STEPS = 5

# An id as the driver returns it when SQLAlchemy is told not to convert it (hex text on
# SQLite, a UUID on PostgreSQL): a dictionary key only, far cheaper to read by the
# thousand than a uuid.UUID made from text.
Key = Hashable


def _raw(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    return type_coerce(column, String)


@dataclass(frozen=True)
class _ExerciseRow:
    id: uuid.UUID
    key: Key
    code: str
    title: str
    start: date
    end: date
    key_area: KeyArea
    site_code: str
    site_name: str
    site_country: Country | None


@dataclass
class _ExerciseCounts:
    participants: dict[Country, int] = field(default_factory=dict)
    completed: int = 0
    days: int = 0


class ReportCounter:
    """The queries of one report, inside one transaction."""

    def __init__(
        self,
        session: Session,
        scope: ReportScope,
        project_id: uuid.UUID | None,
        site_id: uuid.UUID | None,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.progress = progress
        self.step = 0
        conditions: list[ColumnElement[bool]] = [
            Exercise.deleted_at.is_(None),
            Exercise.status != ExerciseStatus.CANCELLED,
            Exercise.start_date >= scope.start,
            Exercise.start_date <= scope.end,
        ]
        if project_id is not None:
            conditions.append(Exercise.project_id == project_id)
        if site_id is not None:
            conditions.append(Exercise.site_id == site_id)
        if scope.key_area is not None:
            conditions.append(Exercise.key_area == scope.key_area)
        if scope.exercise_type is not None:
            conditions.append(Exercise.type == scope.exercise_type)
        self.conditions = conditions
        # Materialised: SQLite then walks the period's sessions and looks their marks up,
        # instead of scanning every mark of every year.
        self.sessions: CTE = (
            select(TrainingSession.id, TrainingSession.exercise_id, TrainingSession.day)
            .where(
                TrainingSession.exercise_id.in_(select(Exercise.id).where(*conditions)),
                TrainingSession.deleted_at.is_(None),
            )
            .cte("scope_session")
            .prefix_with("MATERIALIZED")
        )

    @property
    def connection(self) -> Connection:
        """The session's connection of the moment: Core statements, no ORM result processing."""
        return self.session.connection()

    def bring_tallies_up_to_date(self, uow: UnitOfWork) -> None:
        """Recount the attendance of the exercises in scope whose marks changed.

        Ends the transaction so far: call it before anything else is counted.
        """
        scope = select(Exercise.id).where(*self.conditions)
        if any_stale(self.connection, scope):
            if self.progress is not None:
                self.progress("Recounting the attendance of changed exercises", 0, _STEPS)
            bring_up_to_date(uow, scope)

    def report(self, message: str) -> None:
        self.step += 1
        if self.progress is not None:
            self.progress(message, self.step, _STEPS)

    def figures(self) -> ReportFigures:
        self.report("Finding the exercises of the period")
        exercises = self.exercises()
        activity = self.session_activity()
        held = [row for row in exercises if activity.get(row.id, (0, 0))[0] > 0]
        held_ids = [row.id for row in held]
        self.report("Counting attendance and completion")
        participation = _participation_table(self.session)
        self.connection.execute(
            insert(participation).from_select(
                [c.name for c in participation.columns], self.participation(held_ids)
            )
        )
        self.report("Counting people by country, agency and sex")
        people = self.people(participation)
        per_exercise = self.per_exercise(participation)
        self.report("Counting scores, certificates and modules")
        scores = self.scores(participation)
        certificates = self.certificates(held_ids)
        modules = self.modules(held_ids)
        self.report("Protecting small counts")
        return ReportFigures(
            exercises=tuple(
                _exercise_figures(
                    row, activity[row.id], per_exercise.get(row.key, _ExerciseCounts())
                )
                for row in held
            ),
            people=people,
            scores=scores,
            certificates=certificates,
            modules=modules,
        )

    def exercises(self) -> list[_ExerciseRow]:
        query = (
            select(
                Exercise.id,
                _raw(Exercise.id).label("key"),
                Exercise.code,
                Exercise.title,
                Exercise.start_date,
                Exercise.end_date,
                Exercise.key_area,
                Site.code,
                Site.name,
                Site.country,
            )
            .outerjoin(Site, Site.id == Exercise.site_id)
            .where(*self.conditions)
            .order_by(Exercise.start_date, Exercise.code)
        )
        return [
            _ExerciseRow(
                exercise, key, code, title, start, end, area, site or "", name or "", country
            )
            for exercise, key, code, title, start, end, area, site, name, country in (
                self.connection.execute(query)
            )
        ]

    def session_activity(self) -> dict[uuid.UUID, tuple[int, int]]:
        """Exercise -> (sessions attended by anyone, sessions attended by both countries)."""
        sessions = self.sessions

        def attended_by(country: Country | None) -> ColumnElement[bool]:
            query = (
                select(literal(1))
                .select_from(AttendanceMark)
                .where(
                    AttendanceMark.session_id == sessions.c.id,
                    AttendanceMark.deleted_at.is_(None),
                    AttendanceMark.status.in_(_ATTENDED),
                )
            )
            if country is not None:
                query = query.join(Person, Person.id == AttendanceMark.person_id).where(
                    Person.country == country
                )
            return exists(query)

        query = select(
            sessions.c.exercise_id,
            func.count().filter(attended_by(None)),
            func.count().filter(and_(attended_by(Country.AF), attended_by(Country.PK))),
        ).group_by(sessions.c.exercise_id)
        return {row[0]: (int(row[1]), int(row[2])) for row in self.connection.execute(query)}

    def participation(self, exercise_ids: list[uuid.UUID]) -> Select[tuple[object, ...]]:
        """One row per participant of a held exercise: trained, completed, days, scores.

        The marks come already summed per exercise and person from `attendance_tally`
        (brought up to date before the report's transaction). Each exercise's rule and
        number of sessions, and each person's country, sex and agency, come from small
        materialised sets, looked up in memory rather than in the tables row by row.
        """
        rules = (
            select(
                Exercise.id,
                func.count().label("sessions"),
                Exercise.min_attendance_share,
                Exercise.late_counts_as_present,
                Exercise.excused_in_denominator,
                Exercise.post_test_pass_mark,
            )
            .join(TrainingSession, TrainingSession.exercise_id == Exercise.id)
            .where(Exercise.id.in_(exercise_ids), TrainingSession.deleted_at.is_(None))
            .group_by(Exercise.id)
            .cte("held_exercise")
            .prefix_with("MATERIALIZED")
        )
        # Every live person: one pass over the table, cheaper than a look-up per
        # participation (and a year's report meets most of them anyway).
        people = (
            select(Person.id, Person.country, Person.sex, Person.agency_id)
            .where(Person.deleted_at.is_(None))
            .cte("live_person")
            .prefix_with("MATERIALIZED")
        )
        tally = AttendanceTally
        present = func.coalesce(tally.present, 0)
        late = func.coalesce(tally.late, 0)
        participants = (
            select(
                Enrolment.exercise_id,
                Enrolment.person_id,
                people.c.country,
                people.c.sex,
                people.c.agency_id,
                case((present + late > 0, 1), else_=0),
                case((completes_exercise(rules.c, rules.c.sessions), 1), else_=0),
                func.coalesce(tally.days, 0),
                Assessment.pre_test,
                Assessment.post_test,
                Assessment.satisfaction,
                rules.c.post_test_pass_mark,
            )
            .select_from(rules)
            .join(Enrolment, Enrolment.exercise_id == rules.c.id)
            .join(people, people.c.id == Enrolment.person_id)
        )
        return with_tally_and_scores(participants).where(
            Enrolment.deleted_at.is_(None), Enrolment.role == Role.PARTICIPANT
        )

    def people(self, participation: Table) -> tuple[PeopleCount, ...]:
        """People by country, agency and sex, each counted once: trained in any exercise,
        completed any."""
        p = participation.c
        person = (
            select(
                p.country,
                p.agency_id,
                p.sex,
                func.max(p.trained).label("trained"),
                func.max(p.completed).label("completed"),
            )
            .group_by(p.person_id, p.country, p.agency_id, p.sex)
            .subquery("person")
        )
        query = select(
            person.c.country,
            _raw(person.c.agency_id),
            person.c.sex,
            func.count().filter(person.c.trained == 1),
            func.count().filter(person.c.completed == 1),
        ).group_by(person.c.country, person.c.agency_id, person.c.sex)
        agencies = self.agencies()
        counts: dict[tuple[Country, str, Sex], list[int]] = defaultdict(lambda: [0, 0])
        for country, agency, sex, trained, completed in self.connection.execute(query):
            label = NO_AGENCY if agency is None else agencies.get(agency, NO_AGENCY)
            key = (Country(country), label, Sex(sex))
            counts[key][0] += int(trained)
            counts[key][1] += int(completed)
        return tuple(
            PeopleCount(country, agency, sex, trained, completed)
            for (country, agency, sex), (trained, completed) in sorted(counts.items())
            if trained or completed
        )

    def agencies(self) -> dict[Key, str]:
        """Agency -> how the report names it: "Afghan Border Police (ABP)"."""
        query = select(_raw(Agency.id), Agency.acronym, Agency.name)
        result = {}
        for key, acronym, name in self.connection.execute(query):
            label = f"{name} ({acronym})" if name and acronym and acronym != name else name
            result[key] = label or NO_AGENCY
        return result

    def per_exercise(self, participation: Table) -> dict[Key, _ExerciseCounts]:
        p = participation.c
        query = select(
            _raw(p.exercise_id),
            p.country,
            func.sum(p.trained),
            func.sum(p.completed),
            func.sum(p.days),
        ).group_by(p.exercise_id, p.country)
        result: dict[Key, _ExerciseCounts] = defaultdict(_ExerciseCounts)
        for exercise, country, trained, completed, days in self.connection.execute(query):
            counts = result[exercise]
            counts.participants[Country(country)] = int(trained or 0)
            counts.completed += int(completed or 0)
            counts.days += int(days or 0)
        return result

    def scores(self, participation: Table) -> tuple[ScoreSums, ...]:
        """Sums of scores by country and sex, over participants who attended."""
        p = participation.c
        both = and_(p.pre_test.is_not(None), p.post_test.is_not(None))
        marked = and_(p.pass_mark.is_not(None), p.post_test.is_not(None))
        query = (
            select(
                p.country,
                p.sex,
                func.count().filter(
                    or_(
                        p.pre_test.is_not(None),
                        p.post_test.is_not(None),
                        p.satisfaction.is_not(None),
                    )
                ),
                func.count(p.pre_test),
                func.coalesce(func.sum(p.pre_test), 0.0),
                func.count(p.post_test),
                func.coalesce(func.sum(p.post_test), 0.0),
                func.count().filter(both),
                func.coalesce(func.sum(case((both, p.post_test - p.pre_test))), 0.0),
                func.count().filter(marked),
                func.count().filter(and_(marked, p.post_test + TOLERANCE >= p.pass_mark)),
                func.count(p.satisfaction),
                func.coalesce(func.sum(p.satisfaction), 0),
            )
            .where(p.trained == 1)
            .group_by(p.country, p.sex)
        )
        sums = []
        for row in self.connection.execute(query):
            numbers = [float(value or 0) for value in row[2:]]
            sums.append(
                ScoreSums(
                    Country(row[0]),
                    Sex(row[1]),
                    assessed=int(numbers[0]),
                    pre_count=int(numbers[1]),
                    pre_sum=numbers[2],
                    post_count=int(numbers[3]),
                    post_sum=numbers[4],
                    gain_count=int(numbers[5]),
                    gain_sum=numbers[6],
                    pass_count=int(numbers[7]),
                    passed=int(numbers[8]),
                    satisfaction_count=int(numbers[9]),
                    satisfaction_sum=numbers[10],
                )
            )
        return tuple(sums)

    def certificates(self, exercise_ids: list[uuid.UUID]) -> int:
        query = select(func.count()).where(
            Certificate.exercise_id.in_(exercise_ids),
            Certificate.status == CertificateStatus.VALID,
            Certificate.deleted_at.is_(None),
        )
        return int(self.session.scalar(query) or 0)

    def modules(self, exercise_ids: list[uuid.UUID]) -> tuple[ModuleDelivered, ...]:
        query = (
            select(
                Module.code,
                Module.title_en,
                Module.hours,
                func.count(distinct(ExerciseModule.exercise_id)),
            )
            .join(Module, Module.id == ExerciseModule.module_id)
            .where(
                ExerciseModule.exercise_id.in_(exercise_ids),
                ExerciseModule.deleted_at.is_(None),
                Module.deleted_at.is_(None),
            )
            .group_by(Module.id, Module.code, Module.title_en, Module.hours)
            .order_by(Module.code)
        )
        return tuple(
            ModuleDelivered(code, title, float(hours), int(count))
            for code, title, hours, count in self.connection.execute(query)
        )

    def donors(self) -> list[str]:
        """The donors of the projects whose exercises are in scope."""
        query = (
            select(Project.donor)
            .where(Project.id.in_(select(Exercise.project_id).where(*self.conditions)))
            .where(Project.donor != "")
            .distinct()
            .order_by(Project.donor)
        )
        return list(self.session.scalars(query))


def _participation_table(session: Session) -> Table:
    """A temporary table, gone when the report's transaction ends (it always rolls back)."""
    table = Table(
        "donor_participation",
        MetaData(),
        Column("exercise_id", Uuid),
        Column("person_id", Uuid),
        Column("country", String(2)),
        Column("sex", String(1)),
        Column("agency_id", Uuid),
        Column("trained", Integer),
        Column("completed", Integer),
        Column("days", Integer),
        Column("pre_test", Float),
        Column("post_test", Float),
        Column("satisfaction", Integer),
        Column("pass_mark", Float),
        prefixes=["TEMPORARY"],
    )
    table.create(session.connection())
    return table


def _exercise_figures(
    row: _ExerciseRow, activity: tuple[int, int], counts: _ExerciseCounts
) -> ExerciseFigures:
    return ExerciseFigures(
        code=row.code,
        title=row.title,
        start=row.start,
        end=row.end,
        site_code=row.site_code,
        site_name=row.site_name,
        site_country=row.site_country,
        key_area=row.key_area,
        sessions=activity[0],
        joint_sessions=activity[1],
        participants=counts.participants,
        completed=counts.completed,
        person_days=counts.days,
    )
