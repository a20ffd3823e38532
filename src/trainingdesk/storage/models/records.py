"""Certificates, the audit log, and this database's laptops and settings."""

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from trainingdesk.domain.enums import AuditAction, CertificateStatus
from trainingdesk.storage.models.base import Base, Replicated, enum_column, utcnow


class Certificate(Replicated, Base):
    """A certificate issued to a person for an exercise; revoked, never deleted."""

    __tablename__ = "certificate"
    __table_args__ = (
        Index("ix_certificate_exercise_id", "exercise_id"),
        Index("ix_certificate_person_id", "person_id"),
    )

    serial: Mapped[str] = mapped_column(String(40), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise.id"))
    issue_date: Mapped[date] = mapped_column(Date)
    # The name as printed and signed: a later correction of the person does not change it.
    holder_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    languages: Mapped[str] = mapped_column(String(40), default="en")
    verification_code: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus, "certificate_status"), default=CertificateStatus.VALID
    )
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("certificate.id"))


class AuditEntry(Base):
    """Who changed what, when, from which laptop; append-only."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_table_name_row_id", "table_name", "row_id"),
        Index("ix_audit_entry_at", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    laptop_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # JSON object {field: [old, new]}; text so that SQLite and PostgreSQL read it alike.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    # Why, in the user's words, where the action asks for it (unlocking a signed-off session).
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class Laptop(Base):
    """A laptop that has written to this database (its id is in every row it changed)."""

    __tablename__ = "laptop"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """A database-wide setting (JSON value), e.g. the small-count suppression threshold."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
