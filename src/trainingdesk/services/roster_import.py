"""Bringing a roster in: check every row, find probable duplicates, then write all or nothing.

The coordinator decides each probable duplicate (merge into the existing person, keep as
new, or skip the row); nothing is merged without a decision.
"""

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, NoReturn

from sqlalchemy import select

from trainingdesk.domain.enums import Country, RankTier, Role
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import PersonDraft
from trainingdesk.importing.duplicates import (
    DuplicateMatch,
    PersonIdentity,
    find_duplicates,
    identity_of_draft,
    identity_of_person,
)
from trainingdesk.importing.roster import RosterField, RosterRow, propose_mapping, read_roster
from trainingdesk.importing.tables import Table
from trainingdesk.services.enrolments import enrol_people
from trainingdesk.services.people import apply_draft, draft_of, person_values
from trainingdesk.services.reference import ReferenceService
from trainingdesk.storage.audit import insert_audited
from trainingdesk.storage.models import Person, Setting
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

# Ids per IN (...) list: well under SQLite's limit on bound parameters.
_CHUNK = 500


class Action(StrEnum):
    """What to do with a row that may be someone already known."""

    NEW = "new"
    MERGE = "merge"
    SKIP = "skip"


@dataclass(frozen=True)
class Decision:
    """The coordinator's answer for one row with probable duplicates.

    MERGE names either an existing person or an earlier row of the same file (the row then
    stands for the same person as that row).
    """

    action: Action
    existing: uuid.UUID | None = None
    same_as_row: int | None = None


@dataclass(frozen=True)
class RosterPlan:
    """A roster read and checked, with its probable duplicates; nothing written yet."""

    rows: tuple[RosterRow, ...]
    matches: tuple[DuplicateMatch, ...]

    @property
    def accepted(self) -> tuple[RosterRow, ...]:
        """Rows that make a person."""
        return tuple(row for row in self.rows if row.draft is not None)

    @property
    def rejected(self) -> tuple[RosterRow, ...]:
        """Rows with errors."""
        return tuple(row for row in self.rows if row.errors)

    def matches_of(self, row: int) -> tuple[DuplicateMatch, ...]:
        """Probable duplicates of a row, best first."""
        return self._by_row.get(row, ())

    def rows_with_matches(self) -> tuple[int, ...]:
        """Rows that need a decision."""
        return tuple(self._by_row)

    @cached_property
    def _by_row(self) -> dict[int, tuple[DuplicateMatch, ...]]:
        by_row: dict[int, list[DuplicateMatch]] = {}
        for match in self.matches:
            by_row.setdefault(match.row, []).append(match)
        return {row: tuple(matches) for row, matches in by_row.items()}


@dataclass(frozen=True)
class RosterResult:
    """What an import wrote, and what its undo and redo need."""

    created: tuple[uuid.UUID, ...]
    merged: tuple[uuid.UUID, ...]
    skipped: tuple[int, ...]
    rejected: tuple[int, ...]
    enrolled: int
    merged_before: tuple[tuple[uuid.UUID, PersonDraft], ...] = ()
    merged_after: tuple[tuple[uuid.UUID, PersonDraft], ...] = ()
    enrolment_ids: tuple[uuid.UUID, ...] = ()


class RosterRejected(TrainingDeskError):
    """The roster cannot be written as it is; nothing was."""


class RosterImportService:
    """Plan a roster import, then carry it out in one transaction."""

    def __init__(self, unit_of_work: UnitOfWorkFactory, reference: ReferenceService) -> None:
        self._uow = unit_of_work
        self._reference = reference

    def plan(
        self,
        table: Table,
        mapping: Mapping[int, RosterField],
        *,
        default_country: Country | None = None,
    ) -> RosterPlan:
        """Check every row and look for the people already known; writes nothing."""
        rows = read_roster(
            table, mapping, self._reference.list_agencies(), default_country=default_country
        )
        drafts = [identity_of_draft(row.row, row.draft) for row in rows if row.draft]
        matches = find_duplicates(drafts, self.identities())
        return RosterPlan(rows=tuple(rows), matches=tuple(matches))

    def remembered_mapping(self, headers: Sequence[str]) -> dict[int, RosterField]:
        """The mapping last used for a file with these headers, else the proposed one.

        Agencies send the same spreadsheet layout again and again: the coordinator's
        corrections are kept in the database, keyed by the header row.
        """
        with self._uow() as uow:
            stored = uow.session.get(Setting, _mapping_key(headers))
            if stored is not None:
                try:
                    saved = json.loads(stored.value)
                    return {int(index): RosterField(field) for index, field in saved.items()}
                except (ValueError, AttributeError):
                    pass  # an unreadable old setting is replaced at the next import
        return propose_mapping(headers)

    def remember_mapping(self, headers: Sequence[str], mapping: Mapping[int, RosterField]) -> None:
        """Keep a mapping for the next file with the same headers."""
        value = json.dumps({str(index): field.value for index, field in mapping.items()})
        with self._uow() as uow:
            key = _mapping_key(headers)
            stored = uow.session.get(Setting, key)
            if stored is None:
                uow.session.add(Setting(key=key, value=value))
            else:
                stored.value = value
            uow.commit()

    def identities(self) -> list[PersonIdentity]:
        """Every live person as duplicate detection compares them (one Core query)."""
        query = select(
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.native_name,
            Person.father_name,
            Person.father_name_native,
            Person.agency_id,
            Person.service_number,
            Person.birth_date,
        ).where(Person.deleted_at.is_(None))
        with self._uow() as uow:
            return [
                identity_of_person(
                    person_id,
                    given_name=given,
                    family_name=family,
                    native_name=native,
                    father_name=father,
                    father_name_native=father_native,
                    agency_id=agency_id,
                    service_number=number,
                    birth_date=born,
                )
                for (
                    person_id,
                    given,
                    family,
                    native,
                    father,
                    father_native,
                    agency_id,
                    number,
                    born,
                ) in uow.session.connection().execute(query)
            ]

    def apply(
        self,
        plan: RosterPlan,
        decisions: Mapping[int, Decision],
        *,
        exercise_id: uuid.UUID | None = None,
        role: Role = Role.PARTICIPANT,
        skip_invalid: bool = False,
    ) -> RosterResult:
        """Write every accepted row as decided, in one transaction, or nothing at all.

        Refused (RosterRejected, nothing written) when a row has errors and `skip_invalid`
        is off, or when a row with probable duplicates has no decision.
        """
        if plan.rejected and not skip_invalid:
            raise RosterRejected(
                f"{len(plan.rejected)} row(s) have problems; fix them or skip them"
            )
        undecided = [row for row in plan.rows_with_matches() if row not in decisions]
        if undecided:
            listed = ", ".join(str(row) for row in undecided[:10])
            raise RosterRejected(
                f"{len(undecided)} row(s) may be people already known (rows {listed}); "
                "decide for each: merge, new or skip"
            )
        with self._uow() as uow, uow.session.no_autoflush:
            writer = _Writer(uow, [d.existing for d in decisions.values() if d.existing])
            for row in plan.accepted:
                assert row.draft is not None
                decision = decisions.get(row.row, Decision(Action.NEW))
                if decision.action is Action.SKIP:
                    writer.skipped.append(row.row)
                elif decision.action is Action.NEW:
                    writer.add(row.row, row.draft)
                elif decision.same_as_row is not None:
                    writer.same_as(row.row, row.draft, decision.same_as_row)
                else:
                    writer.merge(row.row, row.draft, decision.existing or _missing(row.row))
            writer.write()
            enrolled = list(dict.fromkeys(writer.person_of_row.values()))
            enrolment_ids = (
                enrol_people(uow, exercise_id, enrolled, role)
                if exercise_id is not None and enrolled
                else []
            )
            uow.commit()
        return RosterResult(
            created=tuple(new["id"] for new in writer.fresh),
            merged=tuple(dict.fromkeys(writer.merged)),
            skipped=tuple(writer.skipped),
            rejected=tuple(row.row for row in plan.rejected),
            enrolled=len(enrolled) if exercise_id is not None else 0,
            merged_before=tuple(writer.before.items()),
            merged_after=tuple(writer.after.items()),
            enrolment_ids=tuple(enrolment_ids),
        )

    def undo(self, result: RosterResult) -> None:
        """Take an import back, in one transaction.

        New people and enrolments become tombstones; merged people get their former
        details again.
        """
        with self._uow() as uow:
            for enrolment_id in result.enrolment_ids:
                uow.enrolments.delete(uow.enrolments.require(enrolment_id))
            for person_id in result.created:
                uow.people.delete(uow.people.require(person_id))
            for person_id, draft in result.merged_before:
                apply_draft(uow.people.require(person_id), draft)
            uow.commit()

    def redo(self, result: RosterResult) -> None:
        """Carry an undone import out again, with the same rows (and ids) as the first time."""
        with self._uow() as uow:
            for person_id in result.created:
                uow.people.restore(uow.people.require_including_deleted(person_id))
            for person_id, draft in result.merged_after:
                apply_draft(uow.people.require(person_id), draft)
            for enrolment_id in result.enrolment_ids:
                uow.enrolments.restore(uow.enrolments.require_including_deleted(enrolment_id))
            uow.commit()


class _Writer:
    """The rows of one import on their way into the database (one unit of work)."""

    def __init__(self, uow: UnitOfWork, targets: list[uuid.UUID]) -> None:
        self._uow = uow
        # The people merged into are read at once: one query instead of one per row.
        self._known = {
            person.id: person
            for chunk in range(0, len(targets), _CHUNK)
            for person in uow.people.where(Person.id.in_(targets[chunk : chunk + _CHUNK]))
        }
        self.fresh: list[dict[str, Any]] = []
        self._fresh_by_id: dict[uuid.UUID, dict[str, Any]] = {}
        self.person_of_row: dict[int, uuid.UUID] = {}
        self.before: dict[uuid.UUID, PersonDraft] = {}
        self.after: dict[uuid.UUID, PersonDraft] = {}
        self.merged: list[uuid.UUID] = []
        self.skipped: list[int] = []

    def add(self, row: int, draft: PersonDraft) -> None:
        """A new person (inserted in bulk by `write`)."""
        values = {"id": uuid.uuid4(), **person_values(draft)}
        self.fresh.append(values)
        self._fresh_by_id[values["id"]] = values
        self.person_of_row[row] = values["id"]

    def merge(self, row: int, draft: PersonDraft, person_id: uuid.UUID) -> None:
        """A person already known: the roster fills the gaps of their record."""
        person = self._known.get(person_id) or self._uow.people.require(person_id)
        current = self.after.get(person_id) or draft_of(person)
        filled = _filled_in(current, draft)
        self.person_of_row[row] = person_id
        self.merged.append(person_id)
        if filled == current:
            return  # the roster knows nothing the record lacks: nothing to write
        self.before.setdefault(person_id, current)
        self.after[person_id] = filled
        apply_draft(person, filled)

    def same_as(self, row: int, draft: PersonDraft, earlier_row: int) -> None:
        """The same officer as an earlier row of the file: one person, gaps filled."""
        person_id = self.person_of_row.get(earlier_row) or _missing(row)
        values = self._fresh_by_id.get(person_id)
        if values is None:
            self.merge(row, draft, person_id)
            return
        names = {f.name for f in fields(PersonDraft)}
        known = PersonDraft(**{k: v for k, v in values.items() if k in names})
        values.update(person_values(_filled_in(known, draft)))
        self.person_of_row[row] = person_id

    def write(self) -> None:
        """Send the merges and the new people to the database (not committed yet)."""
        self._uow.session.flush()
        insert_audited(self._uow.session, Person, self.fresh)


def _missing(row: int) -> NoReturn:
    raise RosterRejected(f"row {row} is to be merged, but with no one known or kept")


def _mapping_key(headers: Sequence[str]) -> str:
    shape = "\x1f".join(" ".join(header.split()).casefold() for header in headers)
    return f"roster-mapping:{hashlib.sha1(shape.encode()).hexdigest()}"


def _filled_in(known: PersonDraft, roster: PersonDraft) -> PersonDraft:
    """The known details, with the gaps filled from the roster; nothing known is overwritten."""
    gaps = {
        f.name: getattr(roster, f.name)
        for f in fields(PersonDraft)
        if getattr(known, f.name) in ("", None, RankTier.UNKNOWN)
        and getattr(roster, f.name) not in ("", None)
    }
    return replace(known, **gaps)


def decisions_for_all(plan: RosterPlan, action: Action) -> dict[int, Decision]:
    """One answer for every probable duplicate (the command line's `--matches`)."""
    decisions: dict[int, Decision] = {}
    for row in plan.rows_with_matches():
        if action is not Action.MERGE:
            decisions[row] = Decision(action)
            continue
        best = plan.matches_of(row)[0]
        decisions[row] = Decision(Action.MERGE, best.existing, best.other_row)
    return decisions
