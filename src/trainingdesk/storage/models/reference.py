"""Who and where: agencies, sites, donor projects and people."""

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from trainingdesk.domain.enums import Country, RankTier, Sex, SiteKind
from trainingdesk.storage.models.base import Base, Replicated, enum_column, unique_live


class Agency(Replicated, Base):
    """A police, customs or ministry body; names change, so each row has a validity period."""

    __tablename__ = "agency"
    __table_args__ = (Index("ix_agency_country_acronym", "country", "acronym"),)

    country: Mapped[Country] = mapped_column(enum_column(Country, "country"))
    acronym: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    native_name: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Site(Replicated, Base):
    """A border crossing point or a training centre."""

    __tablename__ = "site"
    __table_args__ = (unique_live("uq_site_code", "code"),)

    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    native_name: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[Country] = mapped_column(enum_column(Country, "country"))
    province: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind, "site_kind"))


class Project(Replicated, Base):
    """A donor-funded project that pays for exercises."""

    __tablename__ = "project"
    __table_args__ = (unique_live("uq_project_code", "code"),)

    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    donor: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)


class Person(Replicated, Base):
    """A participant, trainer or observer; minimal by design (no home address)."""

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_agency_id", "agency_id"),
        Index("ix_person_country_sex", "country", "sex"),
        Index("ix_person_service_number", "service_number"),
    )

    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), default="")
    native_name: Mapped[str] = mapped_column(String(200), default="")
    father_name: Mapped[str] = mapped_column(String(100), default="")
    father_name_native: Mapped[str] = mapped_column(String(100), default="")
    sex: Mapped[Sex] = mapped_column(enum_column(Sex, "sex"))
    country: Mapped[Country] = mapped_column(enum_column(Country, "country"))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    rank: Mapped[str] = mapped_column(String(100), default="")
    rank_tier: Mapped[RankTier] = mapped_column(
        enum_column(RankTier, "rank_tier"), default=RankTier.UNKNOWN
    )
    duty_station_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("site.id"))
    service_number: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    # Optional: rosters often carry it, and with the father's name it tells namesakes apart.
    birth_date: Mapped[date | None] = mapped_column(Date)
    consent_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_roster: Mapped[bool] = mapped_column(Boolean, default=False)
    # Precomputed match key of all names and numbers, so search never normalises per row.
    search_key: Mapped[str] = mapped_column(Text, default="")
