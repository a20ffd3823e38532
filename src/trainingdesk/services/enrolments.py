"""Who takes part in an exercise, and in which role."""

import uuid

from sqlalchemy import func, select

from trainingdesk.domain.enums import EnrolmentStatus, Role
from trainingdesk.domain.errors import Conflict, NotFound
from trainingdesk.domain.records import EnrolmentExportRow, EnrolmentRecord
from trainingdesk.storage.models import Agency, Enrolment, Exercise, Person
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory


class EnrolmentService:
    """Enrol people, change their role, withdraw and remove them."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def enrol(
        self, exercise_id: uuid.UUID, person_ids: list[uuid.UUID], role: Role = Role.PARTICIPANT
    ) -> list[EnrolmentRecord]:
        """Enrol several people at once (see `enrol_people`)."""
        with self._uow() as uow:
            enrol_people(uow, exercise_id, person_ids, role)
            uow.commit()
            return _records(uow, exercise_id, person_ids)

    def update(
        self, enrolment_id: uuid.UUID, *, role: Role, status: EnrolmentStatus
    ) -> EnrolmentRecord:
        """Change role or status (withdrawn participants get no certificate)."""
        with self._uow() as uow:
            row = uow.enrolments.require(enrolment_id)
            row.role = role
            row.status = status
            uow.commit()
            return _records(uow, row.exercise_id, [row.person_id])[0]

    def remove(self, enrolment_id: uuid.UUID) -> None:
        """Take a person out of an exercise (a tombstone; `restore` undoes it)."""
        with self._uow() as uow:
            uow.enrolments.delete(uow.enrolments.require(enrolment_id))
            uow.commit()

    def restore(self, enrolment_id: uuid.UUID) -> EnrolmentRecord:
        """Undo a removal."""
        with self._uow() as uow:
            row = uow.enrolments.require_including_deleted(enrolment_id)
            if uow.people.get(row.person_id) is None:
                raise Conflict("the person of this enrolment was deleted")
            uow.enrolments.restore(row)
            uow.commit()
            return _records(uow, row.exercise_id, [row.person_id])[0]

    def for_exercise(self, exercise_id: uuid.UUID) -> list[EnrolmentRecord]:
        """Everyone enrolled, by family then given name."""
        with self._uow() as uow:
            uow.exercises.require(exercise_id)
            return _records(uow, exercise_id, None)

    def export_rows(self) -> list[EnrolmentExportRow]:
        """Every live enrolment of a live person in a live exercise, read in one Core query.

        Ordered by exercise start date, then family and given name; the exercise code
        between them keeps two exercises that start on the same day apart.
        """
        query = (
            select(
                Exercise.code,
                Exercise.title,
                Exercise.start_date,
                Exercise.end_date,
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.native_name,
                Person.service_number,
                Enrolment.role,
                Enrolment.status,
            )
            .join(Exercise, Exercise.id == Enrolment.exercise_id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(
                Enrolment.deleted_at.is_(None),
                Exercise.deleted_at.is_(None),
                Person.deleted_at.is_(None),
            )
            .order_by(
                Exercise.start_date,
                Exercise.code,
                func.lower(Person.family_name),
                func.lower(Person.given_name),
                Person.id,
            )
        )
        with self._uow() as uow:
            # On the Core connection: an export reads every enrolment, and ORM rows cost more.
            return [
                EnrolmentExportRow(
                    exercise_code=code,
                    exercise_title=title,
                    start_date=start,
                    end_date=end,
                    person_id=person_id,
                    person_name=f"{given} {family}".strip(),
                    native_name=native,
                    service_number=number,
                    role=role,
                    status=status,
                )
                for (
                    code,
                    title,
                    start,
                    end,
                    person_id,
                    given,
                    family,
                    native,
                    number,
                    role,
                    status,
                ) in uow.session.connection().execute(query)
            ]


def enrol_people(
    uow: UnitOfWork, exercise_id: uuid.UUID, person_ids: list[uuid.UUID], role: Role
) -> list[uuid.UUID]:
    """Stage the enrolments (within the caller's unit of work; the caller commits).

    A person removed earlier gets their old enrolment back, so that the pair stays one row
    on every laptop; someone already enrolled is left as they are. Returns the ids of the
    enrolments added or brought back.
    """
    uow.exercises.require(exercise_id)
    # All of the exercise's enrolments (a few hundred at most), not an IN list of
    # thousands of people that an imported roster can bring.
    existing = {
        row.person_id: row
        for row in uow.session.scalars(
            select(Enrolment).where(Enrolment.exercise_id == exercise_id)
        )
    }
    wanted = list(dict.fromkeys(person_ids))
    live = {
        person_id
        for chunk in range(0, len(wanted), 500)
        for person_id in uow.session.scalars(
            select(Person.id).where(
                Person.id.in_(wanted[chunk : chunk + 500]), Person.deleted_at.is_(None)
            )
        )
    }
    missing = [person_id for person_id in wanted if person_id not in live]
    if missing:
        raise NotFound(f"no person with id {missing[0]}")
    changed: list[uuid.UUID] = []
    for person_id in wanted:
        row = existing.get(person_id)
        if row is None:
            row = uow.enrolments.add(
                Enrolment(
                    id=uuid.uuid4(),
                    exercise_id=exercise_id,
                    person_id=person_id,
                    role=role,
                    status=EnrolmentStatus.ENROLLED,
                )
            )
            changed.append(row.id)
        elif row.deleted_at is not None:
            uow.enrolments.restore(row)
            row.role = role
            row.status = EnrolmentStatus.ENROLLED
            changed.append(row.id)
    return changed


def _records(
    uow: UnitOfWork, exercise_id: uuid.UUID, person_ids: list[uuid.UUID] | None
) -> list[EnrolmentRecord]:
    query = (
        select(Enrolment, Person, Agency.acronym)
        .join(Person, Person.id == Enrolment.person_id)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .where(Enrolment.exercise_id == exercise_id, Enrolment.deleted_at.is_(None))
        .where(Person.deleted_at.is_(None))
        .order_by(Person.family_name, Person.given_name, Person.id)
    )
    if person_ids is not None:
        query = query.where(Enrolment.person_id.in_(person_ids))
    return [
        EnrolmentRecord(
            id=enrolment.id,
            exercise_id=exercise_id,
            person_id=person.id,
            person_name=" ".join(p for p in (person.given_name, person.family_name) if p),
            native_name=person.native_name,
            country=person.country,
            agency_acronym=acronym or "",
            role=enrolment.role,
            status=enrolment.status,
        )
        for enrolment, person, acronym in uow.session.execute(query)
    ]
