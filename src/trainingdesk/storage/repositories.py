"""Repositories: load and store rows of one table, hiding tombstones from ordinary reads."""

import uuid
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from trainingdesk.domain.errors import NotFound
from trainingdesk.storage.models import Replicated, utcnow

M = TypeVar("M", bound=Replicated)


class Repository(Generic[M]):
    """Rows of one replicated model, live ones unless asked otherwise."""

    def __init__(self, session: Session, model: type[M], label: str) -> None:
        self.session = session
        self.model = model
        self.label = label

    def live(self) -> Select[M]:
        """A select of the rows that are not tombstones."""
        return select(self.model).where(self.model.deleted_at.is_(None))

    def get(self, row_id: uuid.UUID) -> M | None:
        """The live row with this id, or None."""
        row = self.session.get(self.model, row_id)
        return row if row is not None and row.deleted_at is None else None

    def require_including_deleted(self, row_id: uuid.UUID) -> M:
        """The row with this id, tombstone or not (for undoing a deletion), or NotFound."""
        row = self.session.get(self.model, row_id)
        if row is None:
            raise NotFound(f"no {self.label} with id {row_id}")
        return row

    def require(self, row_id: uuid.UUID) -> M:
        """The live row with this id, or NotFound."""
        row = self.get(row_id)
        if row is None:
            raise NotFound(f"no {self.label} with id {row_id}")
        return row

    def find_one(self, *where: ColumnElement[bool], include_deleted: bool = False) -> M | None:
        """The first row matching the conditions."""
        query = select(self.model) if include_deleted else self.live()
        return self.session.scalars(query.where(*where).limit(1)).first()

    def where(self, *where: ColumnElement[bool], order_by: Sequence[Any] = ()) -> list[M]:
        """Live rows matching the conditions."""
        return list(self.session.scalars(self.live().where(*where).order_by(*order_by)))

    def add(self, row: M) -> M:
        """Stage a new row; it is written when the unit of work commits."""
        if row.id is None:
            row.id = uuid.uuid4()
        self.session.add(row)
        return row

    def delete(self, row: M) -> None:
        """Make the row a tombstone so that the deletion can travel to other laptops."""
        row.deleted_at = utcnow()

    def restore(self, row: M) -> None:
        """Bring a tombstone back (undo of a deletion)."""
        row.deleted_at = None
