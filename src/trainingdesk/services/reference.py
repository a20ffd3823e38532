"""Reference data: agencies, sites and donor projects."""

import uuid
from dataclasses import asdict, fields

from sqlalchemy import func, select

from trainingdesk.domain.enums import Country
from trainingdesk.domain.errors import Conflict, NotFound
from trainingdesk.domain.records import (
    AgencyDraft,
    AgencyRecord,
    ProjectRecord,
    SiteDraft,
    SiteRecord,
)
from trainingdesk.services.common import validated
from trainingdesk.storage.models import Agency, Person, Project, Site
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

_AGENCY_FIELDS = tuple(f.name for f in fields(AgencyDraft))
_SITE_FIELDS = tuple(f.name for f in fields(SiteDraft))


class ReferenceService:
    """Agencies, sites and projects."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def create_agency(self, draft: AgencyDraft) -> AgencyRecord:
        """Add an agency; an acronym is reused only for a validity period that does not overlap."""
        draft = validated(draft)
        with self._uow() as uow:
            self._check_acronym(uow, draft, None)
            agency = uow.agencies.add(Agency(id=uuid.uuid4(), **asdict(draft)))
            uow.commit()
            return _agency_record(agency)

    def update_agency(self, agency_id: uuid.UUID, draft: AgencyDraft) -> AgencyRecord:
        """Change an agency."""
        draft = validated(draft)
        with self._uow() as uow:
            agency = uow.agencies.require(agency_id)
            self._check_acronym(uow, draft, agency_id)
            for name in _AGENCY_FIELDS:
                setattr(agency, name, getattr(draft, name))
            uow.commit()
            return _agency_record(agency)

    def delete_agency(self, agency_id: uuid.UUID) -> None:
        """Delete an agency nobody belongs to any more."""
        with self._uow() as uow:
            agency = uow.agencies.require(agency_id)
            members = uow.session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.agency_id == agency_id, Person.deleted_at.is_(None))
            )
            if members:
                raise Conflict(f"{agency.acronym} still has {members} people; move them first")
            uow.agencies.delete(agency)
            uow.commit()

    def list_agencies(self, country: Country | None = None) -> list[AgencyRecord]:
        """Agencies by country and acronym."""
        with self._uow() as uow:
            where = [Agency.country == country] if country else []
            rows = uow.agencies.where(*where, order_by=(Agency.country, Agency.acronym))
            return [_agency_record(row) for row in rows]

    def agency_by_acronym(self, acronym: str) -> AgencyRecord:
        """The agency with this acronym (case-insensitive)."""
        with self._uow() as uow:
            row = uow.agencies.find_one(func.upper(Agency.acronym) == acronym.strip().upper())
            if row is None:
                raise NotFound(f"no agency with acronym {acronym!r}")
            return _agency_record(row)

    def create_site(self, draft: SiteDraft) -> SiteRecord:
        """Add a site with a unique code."""
        draft = validated(draft)
        with self._uow() as uow:
            if uow.sites.find_one(func.upper(Site.code) == draft.code.strip().upper()):
                raise Conflict(f"site code {draft.code} is already in use")
            site = uow.sites.add(Site(id=uuid.uuid4(), **asdict(draft)))
            uow.commit()
            return _site_record(site)

    def update_site(self, site_id: uuid.UUID, draft: SiteDraft) -> SiteRecord:
        """Change a site."""
        draft = validated(draft)
        with self._uow() as uow:
            site = uow.sites.require(site_id)
            clash = uow.sites.find_one(func.upper(Site.code) == draft.code.strip().upper())
            if clash is not None and clash.id != site_id:
                raise Conflict(f"site code {draft.code} is already in use")
            for name in _SITE_FIELDS:
                setattr(site, name, getattr(draft, name))
            uow.commit()
            return _site_record(site)

    def delete_site(self, site_id: uuid.UUID) -> None:
        """Delete a site (exercises keep pointing at the tombstone for history)."""
        with self._uow() as uow:
            uow.sites.delete(uow.sites.require(site_id))
            uow.commit()

    def list_sites(self) -> list[SiteRecord]:
        """Sites by country and name."""
        with self._uow() as uow:
            return [_site_record(s) for s in uow.sites.where(order_by=(Site.country, Site.name))]

    def site_by_code(self, code: str) -> SiteRecord:
        """The site with this code (case-insensitive)."""
        with self._uow() as uow:
            row = uow.sites.find_one(func.upper(Site.code) == code.strip().upper())
            if row is None:
                raise NotFound(f"no site with code {code!r}")
            return _site_record(row)

    def list_projects(self) -> list[ProjectRecord]:
        """Donor projects by start date."""
        with self._uow() as uow:
            rows = uow.projects.where(order_by=(Project.start_date, Project.code))
            return [
                ProjectRecord(
                    id=row.id,
                    code=row.code,
                    name=row.name,
                    donor=row.donor,
                    start_date=row.start_date,
                    end_date=row.end_date,
                )
                for row in rows
            ]

    @staticmethod
    def _check_acronym(uow: UnitOfWork, draft: AgencyDraft, own_id: uuid.UUID | None) -> None:
        for other in uow.agencies.where(
            Agency.country == draft.country,
            func.upper(Agency.acronym) == draft.acronym.strip().upper(),
        ):
            if other.id != own_id and _overlap(other, draft):
                raise Conflict(
                    f"{draft.country} agency {draft.acronym} already exists for that period"
                )


def _overlap(agency: Agency, draft: AgencyDraft) -> bool:
    starts_before_other_ends = (
        agency.valid_to is None or draft.valid_from is None or draft.valid_from <= agency.valid_to
    )
    ends_after_other_starts = (
        agency.valid_from is None or draft.valid_to is None or draft.valid_to >= agency.valid_from
    )
    return starts_before_other_ends and ends_after_other_starts


def _agency_record(row: Agency) -> AgencyRecord:
    return AgencyRecord(**{name: getattr(row, name) for name in _AGENCY_FIELDS}, id=row.id)


def _site_record(row: Site) -> SiteRecord:
    return SiteRecord(**{name: getattr(row, name) for name in _SITE_FIELDS}, id=row.id)
