"""Curricula, their modules, the competency catalogue and the crosswalk."""

import uuid
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus, Equivalence
from trainingdesk.storage.models.base import Base, Replicated, enum_column, unique_live


class Curriculum(Replicated, Base):
    """One version of a national or joint curriculum."""

    __tablename__ = "curriculum"
    __table_args__ = (unique_live("uq_curriculum_code_version", "code", "version"),)

    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[CurriculumKind] = mapped_column(enum_column(CurriculumKind, "curriculum_kind"))
    country: Mapped[Country | None] = mapped_column(enum_column(Country, "country"))
    owner_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    status: Mapped[CurriculumStatus] = mapped_column(
        enum_column(CurriculumStatus, "curriculum_status"), default=CurriculumStatus.DRAFT
    )
    adopted_on: Mapped[date | None] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)


class Competency(Replicated, Base):
    """An entry of the shared competency catalogue."""

    __tablename__ = "competency"
    __table_args__ = (unique_live("uq_competency_code", "code"),)

    code: Mapped[str] = mapped_column(String(40))
    title_en: Mapped[str] = mapped_column(String(200))
    title_local: Mapped[str] = mapped_column(String(200), default="")


class Module(Replicated, Base):
    """A unit of a curriculum."""

    __tablename__ = "module"
    __table_args__ = (
        unique_live("uq_module_curriculum_id_code", "curriculum_id", "code"),
        Index("ix_module_curriculum_id_position", "curriculum_id", "position"),
    )

    curriculum_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("curriculum.id"))
    code: Mapped[str] = mapped_column(String(40))
    title_en: Mapped[str] = mapped_column(String(300))
    title_local: Mapped[str] = mapped_column(String(300), default="")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    objectives: Mapped[str] = mapped_column(Text, default="")
    assessment_method: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ModuleCompetency(Replicated, Base):
    """A competency that a module develops."""

    __tablename__ = "module_competency"
    __table_args__ = (
        Index(
            "uq_module_competency_module_id_competency_id",
            "module_id",
            "competency_id",
            unique=True,
        ),
    )

    module_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("module.id"))
    competency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("competency.id"))


class ModuleMapping(Replicated, Base):
    """Crosswalk link: how far a national module covers a joint module."""

    __tablename__ = "module_mapping"
    __table_args__ = (
        Index(
            "uq_module_mapping_national_module_id_joint_module_id",
            "national_module_id",
            "joint_module_id",
            unique=True,
        ),
        Index("ix_module_mapping_joint_module_id", "joint_module_id"),
    )

    national_module_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("module.id"))
    joint_module_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("module.id"))
    equivalence: Mapped[Equivalence] = mapped_column(enum_column(Equivalence, "equivalence"))
    note: Mapped[str] = mapped_column(Text, default="")
