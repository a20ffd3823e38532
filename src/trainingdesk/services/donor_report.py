"""The donor summary of a reporting period: figures counted in SQL, then suppressed.

`donor_counts` counts (in SQL); `domain.donor_figures` hides the small counts and lays the
figures out. Nothing here names a person.
"""

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainingdesk.domain.donor import DonorReport, ReportScope
from trainingdesk.domain.donor_figures import ReportHeader, assemble
from trainingdesk.domain.errors import NotFound, ValidationFailed
from trainingdesk.services.donor_counts import Progress, ReportCounter
from trainingdesk.storage.models import Project, Site
from trainingdesk.storage.unit_of_work import UnitOfWorkFactory


class DonorReportService:
    """Aggregate figures of a period for donors, with no person in them."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def build(
        self, scope: ReportScope, today: date | None = None, progress: Progress | None = None
    ) -> DonorReport:
        """Count, suppress and lay out the figures of the exercises in `scope`."""
        problems = {}
        if scope.end < scope.start:
            problems["end"] = "the period ends before it starts"
        if scope.min_cell < 0:
            problems["min_cell"] = "must be 0 (no suppression) or more"
        if problems:
            raise ValidationFailed(problems)
        with self._uow() as uow:
            session = uow.session
            project = _project(session, scope.project_code)
            site_id = _site_id(session, scope.site_code)
            counter = ReportCounter(
                session, scope, project.id if project else None, site_id, progress
            )
            counter.bring_tallies_up_to_date(uow)
            figures = counter.figures()
            header = ReportHeader(
                generated_on=today or date.today(),
                project_name=project.name if project else "All projects",
                donor=project.donor if project else ", ".join(counter.donors()),
            )
        return assemble(scope, figures, header)


def _project(session: Session, code: str | None) -> Project | None:
    if not code:
        return None
    project = session.scalars(
        select(Project).where(
            func.upper(Project.code) == code.strip().upper(), Project.deleted_at.is_(None)
        )
    ).first()
    if project is None:
        raise NotFound(f"no project with code {code!r}")
    return project


def _site_id(session: Session, code: str | None) -> uuid.UUID | None:
    if not code:
        return None
    site_id = session.scalar(
        select(Site.id).where(
            func.upper(Site.code) == code.strip().upper(), Site.deleted_at.is_(None)
        )
    )
    if site_id is None:
        raise NotFound(f"no site with code {code!r}")
    return site_id
