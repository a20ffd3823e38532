"""The queries behind the crosswalk, the officers' competency records and agency coverage.

Each function runs inside the caller's unit of work; `CurriculumService` owns the
transactions and the rules of which curricula a question is about.
"""

import re
import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import (
    Select,
    case,
    distinct,
    func,
    null,
    select,
)
from sqlalchemy.orm import aliased

from trainingdesk.domain.crosswalk import (
    AgencyCoverage,
    AgencyCoverageRow,
    Crosswalk,
    CrosswalkLink,
    CrosswalkModule,
    CurriculumHeading,
    build_crosswalk,
)
from trainingdesk.domain.enums import (
    Country,
    CurriculumKind,
    CurriculumStatus,
    Role,
)
from trainingdesk.domain.errors import Conflict, NotFound
from trainingdesk.services.attendance_tallies import (
    bring_up_to_date,
    completes_exercise,
    with_tally_and_scores,
)
from trainingdesk.storage.models import (
    Agency,
    Curriculum,
    Enrolment,
    Exercise,
    ExerciseModule,
    Module,
    ModuleMapping,
    Person,
    TrainingSession,
)
from trainingdesk.storage.unit_of_work import UnitOfWork

NO_AGENCY = "No agency recorded"
# The tolerance of domain.completion.evaluate, so that SQL and Python round alike.
_SIDE_NAMES = {Country.AF: "an Afghan", Country.PK: "a Pakistani"}
_COUNTRY_ORDER = {Country.AF: 0, Country.PK: 1, Country.OTHER: 2, None: 3}
_VERSION_PART = re.compile(r"\d+|\D+")


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Sorts versions as people read them: 2013.9 before 2013.10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _VERSION_PART.findall(version)
    )


def latest(rows: Sequence[Curriculum]) -> Curriculum | None:
    """The adopted version adopted last, or if none is adopted the highest version."""
    adopted = [row for row in rows if row.status is CurriculumStatus.ADOPTED]
    if adopted:
        return max(adopted, key=lambda row: (row.adopted_on or date.min, version_key(row.version)))
    return max(rows, key=lambda row: version_key(row.version), default=None)


def joint_curriculum(uow: UnitOfWork, joint_id: uuid.UUID | None) -> Curriculum:
    """The joint curriculum named, or the one in force (see `latest`)."""
    if joint_id is not None:
        row = uow.curricula.require(joint_id)
        if row.kind is not CurriculumKind.JOINT:
            raise Conflict(f"{row.code} {row.version} is a national curriculum, not a joint one")
        return row
    chosen = latest(uow.curricula.where(Curriculum.kind == CurriculumKind.JOINT))
    if chosen is None:
        raise NotFound(
            "there is no joint curriculum yet: add one, or import one, before comparing "
            "national curricula with it"
        )
    return chosen


def heading(row: Curriculum) -> CurriculumHeading:
    """How the crosswalk and the records name a curriculum version."""
    return CurriculumHeading(row.id, row.code, row.version, row.title, row.status, row.country)


def crosswalk_module(row: Module) -> CrosswalkModule:
    """A module as the crosswalk and the records show it."""
    return CrosswalkModule(
        row.id, row.curriculum_id, row.code, row.title_en, row.title_local, row.hours
    )


def modules_of(uow: UnitOfWork, curriculum_ids: Sequence[uuid.UUID]) -> list[CrosswalkModule]:
    """Live modules of these curricula, each curriculum's in its order."""
    rows = uow.modules.where(
        Module.curriculum_id.in_(curriculum_ids), order_by=(Module.position, Module.code)
    )
    return [crosswalk_module(row) for row in rows]


def read_crosswalk(
    uow: UnitOfWork,
    joint_id: uuid.UUID | None,
    afghan: Sequence[uuid.UUID] | None,
    pakistani: Sequence[uuid.UUID] | None,
) -> Crosswalk:
    """The crosswalk of a joint curriculum against national curricula of both sides."""
    joint = joint_curriculum(uow, joint_id)
    af, pk = _side(uow, Country.AF, afghan), _side(uow, Country.PK, pakistani)
    ids = [joint.id, *(row.id for row in af), *(row.id for row in pk)]
    shown = select(Module.id).where(Module.curriculum_id.in_(ids), Module.deleted_at.is_(None))
    links = uow.mappings.where(
        ModuleMapping.joint_module_id.in_(shown), ModuleMapping.national_module_id.in_(shown)
    )
    return build_crosswalk(
        heading(joint),
        [heading(row) for row in af],
        [heading(row) for row in pk],
        modules_of(uow, ids),
        [
            CrosswalkLink(
                link.id, link.national_module_id, link.joint_module_id, link.equivalence, link.note
            )
            for link in links
        ],
    )


def _side(
    uow: UnitOfWork, country: Country, curriculum_ids: Sequence[uuid.UUID] | None
) -> list[Curriculum]:
    if curriculum_ids is None:
        # One version per curriculum: a new draft copied from the adopted version, or two
        # adopted versions, would otherwise list every linked module twice.
        versions: dict[str, list[Curriculum]] = {}
        for row in uow.curricula.where(
            Curriculum.kind == CurriculumKind.NATIONAL,
            Curriculum.country == country,
            Curriculum.status != CurriculumStatus.RETIRED,
        ):
            versions.setdefault(row.code.casefold(), []).append(row)
        in_force = (latest(rows) for _, rows in sorted(versions.items()))
        return [row for row in in_force if row is not None]
    chosen = []
    for curriculum_id in dict.fromkeys(curriculum_ids):
        row = uow.curricula.require(curriculum_id)
        if row.kind is not CurriculumKind.NATIONAL or row.country is not country:
            raise Conflict(
                f"{row.code} {row.version} is not {_SIDE_NAMES[country]} national curriculum"
            )
        chosen.append(row)
    return chosen


def joint_deliveries(joint: Curriculum) -> Select[uuid.UUID, uuid.UUID]:
    """(exercise, module of `joint`) for each module of `joint` that an exercise delivered.

    An exercise delivers a module of `joint` when it delivered that module or the module
    with the same code of any other version of the same joint curriculum (versions are
    copies, so JBM-02 of JBM 2011.1 is JBM-02 of JBM 2013.1), whether or not that version
    was deleted since: the training took place.
    """
    delivered = aliased(Module, name="delivered_module")
    version = aliased(Curriculum, name="delivered_version")
    own = aliased(Module, name="own_module")
    return (
        select(ExerciseModule.exercise_id, own.id.label("module_id"))
        .join(delivered, delivered.id == ExerciseModule.module_id)
        .join(version, version.id == delivered.curriculum_id)
        .join(own, func.upper(own.code) == func.upper(delivered.code))
        .where(
            ExerciseModule.deleted_at.is_(None),
            version.kind == CurriculumKind.JOINT,
            func.upper(version.code) == joint.code.upper(),
            own.curriculum_id == joint.id,
            own.deleted_at.is_(None),
        )
        .distinct()
    )


def deliveries(
    uow: UnitOfWork, person_id: uuid.UUID, joint: Curriculum
) -> list[tuple[uuid.UUID, str, str, date, uuid.UUID]]:
    """(exercise id, code, title, end date, module id) of each module of `joint` delivered
    (see `joint_deliveries`) by a live exercise in which the person is enrolled."""
    delivered = joint_deliveries(joint).subquery("delivered")
    query = (
        select(Exercise.id, Exercise.code, Exercise.title, Exercise.end_date, delivered.c.module_id)
        .join(delivered, delivered.c.exercise_id == Exercise.id)
        .join(Module, Module.id == delivered.c.module_id)
        .join(Enrolment, Enrolment.exercise_id == Exercise.id)
        .where(
            Exercise.deleted_at.is_(None),
            Enrolment.person_id == person_id,
            Enrolment.deleted_at.is_(None),
        )
        .order_by(Exercise.end_date, Exercise.code, Module.position)
    )
    return [
        (exercise_id, code, title, end, module_id)
        for exercise_id, code, title, end, module_id in uow.session.execute(query)
    ]


def completed_participations() -> Select[uuid.UUID, uuid.UUID]:
    """(exercise, person) of every participant who completed a live exercise.

    The SQL twin of `AttendanceService.completion` with `eligible_for_certificate`:
    `attendance_tallies.completes_exercise` over the tallies, which the caller brings up
    to date first (`bring_up_to_date`).
    """
    held = (
        select(TrainingSession.exercise_id, func.count().label("sessions"))
        .where(TrainingSession.deleted_at.is_(None))
        .group_by(TrainingSession.exercise_id)
        .subquery("held")
    )
    enrolments = (
        select(Enrolment.exercise_id, Enrolment.person_id)
        .join(Exercise, Exercise.id == Enrolment.exercise_id)
        .join(held, held.c.exercise_id == Enrolment.exercise_id)
        .join(Person, Person.id == Enrolment.person_id)
    )
    return with_tally_and_scores(enrolments).where(
        Enrolment.deleted_at.is_(None),
        Enrolment.role == Role.PARTICIPANT,
        Exercise.deleted_at.is_(None),
        Person.deleted_at.is_(None),
        completes_exercise(Exercise, held.c.sessions),
    )


def count_agency_coverage(uow: UnitOfWork, joint_id: uuid.UUID | None) -> AgencyCoverage:
    """Per agency: officers who completed any exercise, and which joint modules they did.

    Ends the unit of work's transaction so far, to recount changed attendance first.
    """
    bring_up_to_date(uow, select(Exercise.id))
    joint = joint_curriculum(uow, joint_id)
    modules = modules_of(uow, [joint.id])
    module_ids = [module.id for module in modules]
    done = completed_participations().subquery("done")
    # Which exercises delivered which of these modules: a small set, looked up in memory,
    # rather than one search of exercise_module per module for each of 200,000 enrolments.
    delivered = joint_deliveries(joint).cte("delivered").prefix_with("MATERIALIZED")
    per_person = (
        select(
            done.c.person_id,
            func.count(distinct(delivered.c.module_id)).label("modules"),
            *(
                func.max(case((delivered.c.module_id == module_id, 1), else_=0)).label(
                    f"module_{index}"
                )
                for index, module_id in enumerate(module_ids)
            ),
        )
        .select_from(done)
        .outerjoin(delivered, delivered.c.exercise_id == done.c.exercise_id)
        .group_by(done.c.person_id)
        .subquery("per_person")
    )
    # Officers with no agency are counted per country rather than all together.
    no_agency_country = case((Person.agency_id.is_(None), Person.country), else_=null())
    query = (
        select(
            Person.agency_id,
            no_agency_country,
            func.count(),
            func.count().filter(per_person.c.modules == len(module_ids)),
            *(func.sum(per_person.c[f"module_{index}"]) for index in range(len(module_ids))),
        )
        .select_from(per_person)
        .join(Person, Person.id == per_person.c.person_id)
        .group_by(Person.agency_id, no_agency_country)
    )
    counted = uow.session.execute(query).all()
    agencies = {
        row.id: row
        for row in uow.session.scalars(
            select(Agency).where(Agency.id.in_([agency_id for agency_id, *_ in counted]))
        )
    }
    rows = []
    for agency_id, country, officers, everything, *per_module in counted:
        agency = agencies.get(agency_id)
        rows.append(
            AgencyCoverageRow(
                agency_id=agency_id,
                agency=_label(agency),
                country=agency.country if agency is not None else country,
                officers=int(officers),
                completed=tuple(int(count) for count in per_module),
                # A curriculum without modules is not "completed" by everyone.
                complete_curriculum=int(everything) if module_ids else 0,
            )
        )
    rows.sort(key=lambda r: (_COUNTRY_ORDER[r.country], r.agency_id is None, r.agency.casefold()))
    return AgencyCoverage(heading(joint), tuple(modules), tuple(rows))


def _label(agency: Agency | None) -> str:
    if agency is None:
        return NO_AGENCY
    if agency.acronym and agency.acronym != agency.name:
        return f"{agency.name} ({agency.acronym})"
    return agency.name or agency.acronym
