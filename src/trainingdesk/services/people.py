"""People: participants, trainers and observers."""

import uuid
from dataclasses import asdict, fields
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.errors import NotFound, ValidationFailed
from trainingdesk.domain.names import display_name
from trainingdesk.domain.records import PersonDraft, PersonRecord, PersonRow
from trainingdesk.domain.search import person_search_key, query_tokens
from trainingdesk.storage.models import Agency, Person, Site
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_SEARCH_LENGTH = 200
_NAME_FIELDS = ("given_name", "family_name", "native_name", "father_name", "father_name_native")
_DRAFT_FIELDS = tuple(f.name for f in fields(PersonDraft))


class PeopleService:
    """Create, edit, delete, restore, find and list people."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def create(self, draft: PersonDraft) -> PersonRecord:
        """Add a person."""
        draft = self._clean(draft)
        with self._uow() as uow:
            self._check_references(uow, draft)
            person = uow.people.add(Person(id=uuid.uuid4()))
            apply_draft(person, draft)
            uow.commit()
            return self._get(uow, person.id)

    def update(self, person_id: uuid.UUID, draft: PersonDraft) -> PersonRecord:
        """Replace a person's details."""
        draft = self._clean(draft)
        with self._uow() as uow:
            person = uow.people.require(person_id)
            self._check_references(uow, draft)
            apply_draft(person, draft)
            uow.commit()
            return self._get(uow, person_id)

    def delete(self, person_id: uuid.UUID) -> None:
        """Delete a person (a tombstone: `restore` undoes it)."""
        with self._uow() as uow:
            uow.people.delete(uow.people.require(person_id))
            uow.commit()

    def restore(self, person_id: uuid.UUID) -> PersonRecord:
        """Undo a deletion."""
        with self._uow() as uow:
            person = uow.people.require_including_deleted(person_id)
            uow.people.restore(person)
            uow.commit()
            return self._get(uow, person_id)

    def get(self, person_id: uuid.UUID) -> PersonRecord:
        """One person."""
        with self._uow() as uow:
            return self._get(uow, person_id)

    def find(
        self,
        *,
        search: str = "",
        country: Country | None = None,
        sex: Sex | None = None,
        agency_id: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> list[PersonRecord]:
        """People matching every given filter, by family then given name.

        `search` matches Latin or native-script names, fathers' names and ID or phone
        numbers, after normalisation (Muhammad finds Mohammad; ۱۲۳ finds 123).
        """
        if len(search) > MAX_SEARCH_LENGTH:
            raise ValidationFailed(
                {"search": f"is too long: at most {MAX_SEARCH_LENGTH} characters"}
            )
        tokens = query_tokens(search)
        if search.strip() and not tokens:
            return []  # only punctuation: nothing can match it
        conditions: list[ColumnElement[bool]] = [Person.deleted_at.is_(None)]
        conditions += [
            Person.search_key.contains(token, autoescape=True) for token in dict.fromkeys(tokens)
        ]
        if country is not None:
            conditions.append(Person.country == country)
        if sex is not None:
            conditions.append(Person.sex == sex)
        if agency_id is not None:
            conditions.append(Person.agency_id == agency_id)
        with self._uow() as uow:
            query = (
                _record_select()
                .where(*conditions)
                .order_by(func.lower(Person.family_name), func.lower(Person.given_name))
                .limit(limit)
            )
            rows = uow.session.execute(query)
            return [_to_record(person, acronym, code) for person, acronym, code in rows]

    def check(self, draft: PersonDraft) -> PersonDraft:
        """The draft as it would be stored, or ValidationFailed; writes nothing."""
        cleaned = self._clean(draft)
        with self._uow() as uow:
            self._check_references(uow, cleaned)
        return cleaned

    def table_row(self, person_id: uuid.UUID) -> PersonRow | None:
        """One person's table row (None once deleted), to refresh a single line."""
        return next(iter(self._rows(Person.id == person_id)), None)

    def table_rows(self) -> list[PersonRow]:
        """Every live person as a table row with its search key, read in one Core query.

        The people screen filters these rows in memory on every keystroke, so they carry
        their precomputed key; no ORM objects are built (20,000 rows in about 0.3 s).
        """
        return self._rows()

    def _rows(self, *where: ColumnElement[bool]) -> list[PersonRow]:
        query = (
            select(
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.native_name,
                Person.father_name,
                Person.sex,
                Person.country,
                Agency.acronym,
                Person.rank,
                Person.service_number,
                Person.search_key,
            )
            .outerjoin(Agency, Agency.id == Person.agency_id)
            .where(Person.deleted_at.is_(None), *where)
        )
        with self._uow() as uow:
            # Executed on the Core connection: the ORM's row loading would double the time.
            keyed = [
                (
                    (family.casefold(), given.casefold()),
                    PersonRow(
                        person_id,
                        f"{given} {family}".strip(),
                        native,
                        father,
                        sex,
                        country,
                        acronym or "",
                        rank,
                        number,
                        key,
                    ),
                )
                for (
                    person_id,
                    given,
                    family,
                    native,
                    father,
                    sex,
                    country,
                    acronym,
                    rank,
                    number,
                    key,
                ) in uow.session.connection().execute(query)
            ]
        # Sorted here: ORDER BY lower(...) over these wide rows costs SQLite more.
        keyed.sort(key=itemgetter(0))
        return [row for _, row in keyed]

    def count(self) -> int:
        """Number of people."""
        with self._uow() as uow:
            query = select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
            return int(uow.session.scalar(query) or 0)

    @staticmethod
    def _clean(draft: PersonDraft) -> PersonDraft:
        values = asdict(draft)
        for name in (*_NAME_FIELDS, "rank", "service_number", "phone"):
            values[name] = display_name(values[name])
        cleaned = PersonDraft(**values)
        problems = cleaned.problems()
        if problems:
            raise ValidationFailed(problems)
        return cleaned

    @staticmethod
    def _check_references(uow: UnitOfWork, draft: PersonDraft) -> None:
        problems: dict[str, str] = {}
        if draft.agency_id is not None and uow.agencies.get(draft.agency_id) is None:
            problems["agency_id"] = "no such agency"
        if draft.duty_station_id is not None and uow.sites.get(draft.duty_station_id) is None:
            problems["duty_station_id"] = "no such site"
        if problems:
            raise ValidationFailed(problems)

    @staticmethod
    def _get(uow: UnitOfWork, person_id: uuid.UUID) -> PersonRecord:
        row = uow.session.execute(
            _record_select().where(Person.id == person_id, Person.deleted_at.is_(None))
        ).first()
        if row is None:
            raise NotFound(f"no person with id {person_id}")
        person, acronym, code = row
        return _to_record(person, acronym, code)


def apply_draft(person: Person, draft: PersonDraft) -> None:
    """Copy a draft onto a person row, with the search key that goes with it."""
    for name, value in person_values(draft).items():
        setattr(person, name, value)


def person_values(draft: PersonDraft) -> dict[str, Any]:
    """The person columns a draft fills, search key included (for inserts in bulk too)."""
    values = {name: getattr(draft, name) for name in _DRAFT_FIELDS}
    values["search_key"] = person_search_key(
        given_name=draft.given_name,
        family_name=draft.family_name,
        native_name=draft.native_name,
        father_name=draft.father_name,
        father_name_native=draft.father_name_native,
        service_number=draft.service_number,
        phone=draft.phone,
    )
    return values


def _record_select() -> Select[Person, str | None, str | None]:
    return (
        select(Person, Agency.acronym, Site.code)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .outerjoin(Site, Site.id == Person.duty_station_id)
    )


def draft_of(person: Person) -> PersonDraft:
    """A person row's editable details."""
    return PersonDraft(**{name: getattr(person, name) for name in _DRAFT_FIELDS})


def _to_record(person: Person, agency_acronym: str | None, site_code: str | None) -> PersonRecord:
    return PersonRecord(
        **{name: getattr(person, name) for name in _DRAFT_FIELDS},
        id=person.id,
        agency_acronym=agency_acronym or "",
        duty_station_code=site_code or "",
    )
