"""Merging two records of the same officer, and taking a merge back.

What belongs to the person who goes (enrolments, marks, scores, certificates) moves to the
one who stays. Where both already have a row for the same exercise or session, the
survivor's row is kept and the other one becomes a tombstone. Every step is written down
in the returned `MergeRecord`, which is what `unmerge` needs to put everything back.
"""

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.records import MergePreview, MergeRecord, PersonDraft, RowMove
from trainingdesk.services.people import PeopleService, apply_draft, draft_of
from trainingdesk.storage.models import (
    Assessment,
    AttendanceMark,
    Certificate,
    Enrolment,
    utcnow,
)
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class _Owned:
    """A table of rows that belong to a person, and what makes a row unique per person."""

    label: str
    model: type[Any]  # a Replicated model class
    pair_column: str | None  # None: no uniqueness per person (certificates)
    values: tuple[str, ...]


_OWNED = (
    _Owned("enrolment", Enrolment, "exercise_id", ("role", "status")),
    _Owned("attendance mark", AttendanceMark, "session_id", ("status", "remark", "marked_by")),
    _Owned("assessment", Assessment, "exercise_id", ("pre_test", "post_test", "satisfaction")),
    _Owned("certificate", Certificate, None, ()),
)
_BY_TABLE = {owned.model.__tablename__: owned for owned in _OWNED}


class PeopleMergeService:
    """Preview, merge and unmerge two people."""

    def __init__(self, unit_of_work: UnitOfWorkFactory, people: PeopleService) -> None:
        self._uow = unit_of_work
        self._people = people

    def preview(self, survivor_id: uuid.UUID, merged_id: uuid.UUID) -> MergePreview:
        """Both records, and how many rows would move or be dropped as duplicates."""
        _check_pair(survivor_id, merged_id)
        survivor = self._people.get(survivor_id)
        merged = self._people.get(merged_id)
        moving: Counter[str] = Counter()
        dropping: Counter[str] = Counter()
        with self._uow() as uow:
            for owned in _OWNED:
                taken = _pairs(uow, owned, survivor_id, live_only=True)
                for row in _rows_of(uow, owned, merged_id):
                    pair = getattr(row, owned.pair_column) if owned.pair_column else None
                    (dropping if pair is not None and pair in taken else moving)[owned.label] += 1
        return MergePreview(
            survivor=survivor,
            merged=merged,
            moving=tuple(sorted(moving.items())),
            dropping=tuple(sorted(dropping.items())),
        )

    def merge(
        self, survivor_id: uuid.UUID, merged_id: uuid.UUID, chosen: PersonDraft
    ) -> MergeRecord:
        """Keep `survivor_id` with the chosen details; everything of `merged_id` moves to it.

        One transaction; the audit entries carry the reason "merged … into …".
        """
        _check_pair(survivor_id, merged_id)
        chosen = self._people.check(chosen)
        with self._uow() as uow:
            survivor = uow.people.require(survivor_id)
            merged = uow.people.require(merged_id)
            before = draft_of(survivor)
            moves: list[RowMove] = []
            for owned in _OWNED:
                moves += _move_rows(uow, owned, survivor_id, merged_id)
            apply_draft(survivor, chosen)
            uow.people.delete(merged)
            uow.give_reason(
                f"merged {merged.given_name} {merged.family_name} ({merged_id}) "
                f"into {chosen.given_name} {chosen.family_name} ({survivor_id})"
            )
            uow.commit()
        return MergeRecord(
            survivor_id=survivor_id,
            merged_id=merged_id,
            survivor_before=before,
            survivor_after=chosen,
            moves=tuple(moves),
        )

    def unmerge(self, record: MergeRecord) -> None:
        """Put back what `merge` did: the merged person, their rows, the survivor's details."""
        with self._uow() as uow:
            survivor = uow.people.require(record.survivor_id)
            merged = uow.people.require_including_deleted(record.merged_id)
            for move in reversed(record.moves):
                model = _BY_TABLE[move.table].model
                row = uow.session.get(model, move.row_id)
                if row is None:
                    raise Conflict(f"a {move.table} row of the merge is gone; cannot undo it")
                _undo_move(uow, row, move, record.merged_id)
            uow.people.restore(merged)
            apply_draft(survivor, record.survivor_before)
            uow.give_reason(f"merge of {record.merged_id} into {record.survivor_id} undone")
            uow.commit()


def _check_pair(survivor_id: uuid.UUID, merged_id: uuid.UUID) -> None:
    if survivor_id == merged_id:
        raise Conflict("a person cannot be merged with themselves")


def _rows_of(uow: UnitOfWork, owned: _Owned, person_id: uuid.UUID) -> list[Any]:
    model: Any = owned.model
    query = select(model).where(model.person_id == person_id, model.deleted_at.is_(None))
    return list(uow.session.scalars(query))


def _pairs(
    uow: UnitOfWork, owned: _Owned, person_id: uuid.UUID, *, live_only: bool
) -> dict[uuid.UUID, Any]:
    if owned.pair_column is None:
        return {}
    model: Any = owned.model
    query = select(model).where(model.person_id == person_id)
    if live_only:
        query = query.where(model.deleted_at.is_(None))
    return {getattr(row, owned.pair_column): row for row in uow.session.scalars(query)}


def _move_rows(
    uow: UnitOfWork, owned: _Owned, survivor_id: uuid.UUID, merged_id: uuid.UUID
) -> list[RowMove]:
    table = owned.model.__tablename__
    # Tombstones count: the unique index covers them, and reviving one keeps its id.
    survivors = _pairs(uow, owned, survivor_id, live_only=False)
    moves: list[RowMove] = []
    for row in _rows_of(uow, owned, merged_id):
        target = survivors.get(getattr(row, owned.pair_column)) if owned.pair_column else None
        if target is None:
            row.person_id = survivor_id
            moves.append(RowMove(table, row.id, "moved"))
        elif target.deleted_at is not None:
            saved = tuple((name, getattr(target, name)) for name in owned.values)
            for name in owned.values:
                setattr(target, name, getattr(row, name))
            target.deleted_at = None
            row.deleted_at = utcnow()
            moves.append(RowMove(table, target.id, "revived", saved, replaced_id=row.id))
        else:
            row.deleted_at = utcnow()
            moves.append(RowMove(table, row.id, "dropped"))
    uow.session.flush()
    return moves


def _undo_move(uow: UnitOfWork, row: Any, move: RowMove, merged_id: uuid.UUID) -> None:
    if move.kind == "moved":
        row.person_id = merged_id
    elif move.kind == "dropped":
        row.deleted_at = None
    else:
        for name, value in move.saved:
            setattr(row, name, value)
        row.deleted_at = utcnow()
        replaced = uow.session.get(type(row), move.replaced_id)
        if replaced is not None:
            replaced.deleted_at = None
    uow.session.flush()
