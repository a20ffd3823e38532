"""The figures on the dashboard."""

from datetime import date

from sqlalchemy import extract, func, select

from trainingdesk.domain.enums import CertificateStatus, ExerciseStatus
from trainingdesk.domain.records import DashboardFigures
from trainingdesk.storage.models import Certificate, Exercise, Person
from trainingdesk.storage.unit_of_work import UnitOfWorkFactory


class DashboardService:
    """Counts that matter to a coordinator, each one SQL query."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def figures(self, today: date | None = None) -> DashboardFigures:
        """People by country and sex, this year's, ongoing and upcoming exercises, certificates."""
        day = today or date.today()
        live_exercise = (Exercise.deleted_at.is_(None), Exercise.status != ExerciseStatus.CANCELLED)
        with self._uow() as uow:
            session = uow.session
            people = session.execute(
                select(Person.country, Person.sex, func.count())
                .where(Person.deleted_at.is_(None))
                .group_by(Person.country, Person.sex)
            ).all()
            this_year = session.scalar(
                select(func.count())
                .select_from(Exercise)
                .where(*live_exercise, extract("year", Exercise.start_date) == day.year)
            )
            ongoing = session.scalar(
                select(func.count())
                .select_from(Exercise)
                .where(*live_exercise, Exercise.start_date <= day, Exercise.end_date >= day)
            )
            upcoming = session.scalar(
                select(func.count())
                .select_from(Exercise)
                .where(*live_exercise, Exercise.start_date > day)
            )
            certificates = session.scalar(
                select(func.count())
                .select_from(Certificate)
                .where(
                    Certificate.deleted_at.is_(None),
                    Certificate.status == CertificateStatus.VALID,
                )
            )
        return DashboardFigures(
            people_by_country_sex={(country, sex): count for country, sex, count in people},
            exercises_this_year=int(this_year or 0),
            ongoing_exercises=int(ongoing or 0),
            upcoming_exercises=int(upcoming or 0),
            certificates_issued=int(certificates or 0),
        )
