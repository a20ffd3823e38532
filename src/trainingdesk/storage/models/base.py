"""Declarative base and the columns every replicated row carries."""

import uuid
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum, Index, MetaData, Uuid, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NOT_DELETED = text("deleted_at IS NULL")


def utcnow() -> datetime:
    """Naive UTC now: SQLite keeps no time zone, so every timestamp is UTC by convention."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of all TrainingDesk tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Replicated:
    """Columns that let rows from several offline laptops merge without collisions.

    UUID keys never collide between laptops; `updated_at` and `changed_by` say which
    copy of a row is newer and where it came from; deleting only sets `deleted_at`, so
    that a deletion travels to other laptops like any other change.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4, sort_order=-1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def is_deleted(self) -> bool:
        """True once the row is a tombstone."""
        return self.deleted_at is not None


def enum_column(enum_class: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, no native database type."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def unique_live(name: str, *columns: str) -> Index:
    """A unique index over live rows only, so a deleted code can be typed again."""
    return Index(
        name,
        *columns,
        unique=True,
        sqlite_where=NOT_DELETED,
        postgresql_where=NOT_DELETED,
    )
