"""Curricula, their modules, the competency catalogue and the crosswalk links."""

import uuid
from collections.abc import Sequence
from dataclasses import asdict, fields, replace
from pathlib import Path

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError

from trainingdesk.domain.crosswalk import (
    AgencyCoverage,
    CompetencyRecord,
    Crosswalk,
    ModuleCompletion,
    competency_record,
)
from trainingdesk.domain.curriculum_file import CurriculumImport
from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus, Equivalence
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import (
    CompetencyDraft,
    CompetencyEntry,
    CurriculumDraft,
    CurriculumRecord,
    MappingRecord,
    ModuleDraft,
    ModuleRecord,
)
from trainingdesk.importing.curriculum_file import read_curriculum_file
from trainingdesk.reports.curriculum_xlsx import SUFFIXES, write_curriculum_file
from trainingdesk.reports.replacing import replacing
from trainingdesk.services.attendance import AttendanceService
from trainingdesk.services.common import validated
from trainingdesk.services.curriculum_coverage import (
    count_agency_coverage,
    deliveries,
    heading,
    joint_curriculum,
    latest,
    modules_of,
    read_crosswalk,
)
from trainingdesk.services.curriculum_files import add_from_file, file_content
from trainingdesk.storage.models import (
    Competency,
    Curriculum,
    Module,
    ModuleCompetency,
    ModuleMapping,
)
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

_CURRICULUM_FIELDS = tuple(f.name for f in fields(CurriculumDraft))
_MODULE_FIELDS = tuple(f.name for f in fields(ModuleDraft))
_COUNTRY_NAMES = {Country.AF: "an Afghan", Country.PK: "a Pakistani", Country.OTHER: "another"}


class CurriculumService:
    """Keep national and joint curricula and their modules."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work
        # Completion is judged by the attendance service alone, as certificates judge it.
        self._attendance = AttendanceService(unit_of_work)

    def create(self, draft: CurriculumDraft) -> CurriculumRecord:
        """Add a curriculum version; code and version together are unique."""
        draft = validated(draft)
        with self._uow() as uow:
            _check_unique(uow, draft, None)
            curriculum = uow.curricula.add(Curriculum(id=uuid.uuid4(), **asdict(draft)))
            uow.commit()
            return _curriculum_record(uow, curriculum)

    def update(self, curriculum_id: uuid.UUID, draft: CurriculumDraft) -> CurriculumRecord:
        """Change a curriculum's details.

        A curriculum with crosswalk links keeps its kind and country: the links join a
        national module to a joint one, on the side of the national module's country.
        """
        draft = validated(draft)
        with self._uow() as uow:
            curriculum = uow.curricula.require(curriculum_id)
            _check_unique(uow, draft, curriculum_id)
            if (draft.kind, draft.country) != (curriculum.kind, curriculum.country):
                _check_unlinked(uow, curriculum, draft)
            for name in _CURRICULUM_FIELDS:
                setattr(curriculum, name, getattr(draft, name))
            uow.commit()
            return _curriculum_record(uow, curriculum)

    def delete(self, curriculum_id: uuid.UUID) -> None:
        """Delete a curriculum (a tombstone; its modules stay for the exercises that used them)."""
        with self._uow() as uow:
            uow.curricula.delete(uow.curricula.require(curriculum_id))
            uow.commit()

    def restore(self, curriculum_id: uuid.UUID) -> CurriculumRecord:
        """Undo a deletion."""
        with self._uow() as uow:
            curriculum = uow.curricula.require_including_deleted(curriculum_id)
            _check_unique(uow, _draft(curriculum), curriculum_id)
            uow.curricula.restore(curriculum)
            uow.commit()
            return _curriculum_record(uow, curriculum)

    def find(self) -> list[CurriculumRecord]:
        """Every curriculum: joint first, then by country, code and version."""
        with self._uow() as uow:
            totals = _module_totals().subquery("totals")
            rows = uow.session.execute(
                select(Curriculum, totals.c.modules, totals.c.hours)
                .outerjoin(totals, totals.c.curriculum_id == Curriculum.id)
                .where(Curriculum.deleted_at.is_(None))
                .order_by(
                    Curriculum.kind != CurriculumKind.JOINT,
                    Curriculum.country,
                    Curriculum.code,
                    Curriculum.version,
                )
            )
            return [_record(row, modules or 0, hours or 0.0) for row, modules, hours in rows]

    def by_code(self, code: str, version: str | None = None) -> CurriculumRecord:
        """The version named, or without one the version in force (adopted last, else the
        highest)."""
        with self._uow() as uow:
            conditions = [func.upper(Curriculum.code) == code.strip().upper()]
            if version is not None:
                conditions.append(Curriculum.version == version.strip())
            row = latest(uow.curricula.where(*conditions))
            if row is None:
                named = f"{code} version {version}" if version is not None else code
                raise NotFound(f"no curriculum {named}")
            return _curriculum_record(uow, row)

    def copy_version(
        self, curriculum_id: uuid.UUID, version: str, title: str | None = None
    ) -> CurriculumRecord:
        """A new draft version with the same modules, competencies and crosswalk links.

        The version copied is left as it is, for the history of what was taught when.
        """
        with self._uow() as uow:
            source = uow.curricula.require(curriculum_id)
            draft = validated(
                replace(
                    _draft(source),
                    version=version.strip(),
                    title=(title if title is not None else source.title).strip(),
                    status=CurriculumStatus.DRAFT,
                    adopted_on=None,
                    retired_on=None,
                )
            )
            _check_unique(uow, draft, None)
            copy = uow.curricula.add(Curriculum(id=uuid.uuid4(), **asdict(draft)))
            modules = uow.modules.where(
                Module.curriculum_id == source.id, order_by=(Module.position, Module.code)
            )
            copied: dict[uuid.UUID, uuid.UUID] = {}
            for position, module in enumerate(modules):
                copied[module.id] = uuid.uuid4()
                uow.modules.add(
                    Module(
                        id=copied[module.id],
                        curriculum_id=copy.id,
                        position=position,
                        **{name: getattr(module, name) for name in _MODULE_FIELDS},
                    )
                )
            for link in uow.module_competencies.where(ModuleCompetency.module_id.in_(list(copied))):
                uow.module_competencies.add(
                    ModuleCompetency(
                        id=uuid.uuid4(),
                        module_id=copied[link.module_id],
                        competency_id=link.competency_id,
                    )
                )
            for mapping in uow.mappings.where(
                or_(
                    ModuleMapping.national_module_id.in_(list(copied)),
                    ModuleMapping.joint_module_id.in_(list(copied)),
                )
            ):
                uow.mappings.add(
                    ModuleMapping(
                        id=uuid.uuid4(),
                        national_module_id=copied.get(
                            mapping.national_module_id, mapping.national_module_id
                        ),
                        joint_module_id=copied.get(
                            mapping.joint_module_id, mapping.joint_module_id
                        ),
                        equivalence=mapping.equivalence,
                        note=mapping.note,
                    )
                )
            uow.commit()
            return _curriculum_record(uow, copy)

    def add_module(self, curriculum_id: uuid.UUID, draft: ModuleDraft) -> ModuleRecord:
        """Append a module with a code unique in its curriculum."""
        draft = validated(draft)
        with self._uow() as uow:
            uow.curricula.require(curriculum_id)
            _check_module_code(uow, curriculum_id, draft.code, None)
            last = uow.session.scalar(
                select(func.max(Module.position)).where(
                    Module.curriculum_id == curriculum_id, Module.deleted_at.is_(None)
                )
            )
            module = uow.modules.add(
                Module(
                    id=uuid.uuid4(),
                    curriculum_id=curriculum_id,
                    position=(last if last is not None else -1) + 1,
                    **asdict(draft),
                )
            )
            uow.commit()
            return _module_record(module)

    def update_module(self, module_id: uuid.UUID, draft: ModuleDraft) -> ModuleRecord:
        """Change a module."""
        draft = validated(draft)
        with self._uow() as uow:
            module = uow.modules.require(module_id)
            _check_module_code(uow, module.curriculum_id, draft.code, module_id)
            for name in _MODULE_FIELDS:
                setattr(module, name, getattr(draft, name))
            uow.commit()
            return _module_record(module)

    def delete_module(self, module_id: uuid.UUID) -> None:
        """Delete a module (a tombstone); the others close up.

        The module keeps the place it had, so that restoring it puts it back there.
        """
        with self._uow() as uow:
            module = uow.modules.require(module_id)
            order = _live_order(uow, module.curriculum_id)
            module.position = order.index(module)
            order.remove(module)
            _renumber(order)
            uow.modules.delete(module)
            uow.commit()

    def restore_module(self, module_id: uuid.UUID) -> ModuleRecord:
        """Undo a module's deletion: back in the place it had, the others moving down."""
        with self._uow() as uow:
            module = uow.modules.require_including_deleted(module_id)
            _check_module_code(uow, module.curriculum_id, module.code, module_id)
            if module.deleted_at is not None:
                order = _live_order(uow, module.curriculum_id)
                order.insert(max(0, min(module.position, len(order))), module)
                uow.modules.restore(module)
                _renumber(order)
            uow.commit()
            return _module_record(module)

    def modules(self, curriculum_id: uuid.UUID) -> list[ModuleRecord]:
        """Modules of a curriculum in their order."""
        with self._uow() as uow:
            uow.curricula.require(curriculum_id)
            return [_module_record(row) for row in _live_order(uow, curriculum_id)]

    def modules_with_competencies(
        self, curriculum_id: uuid.UUID
    ) -> list[tuple[ModuleRecord, list[CompetencyEntry]]]:
        """Modules of a curriculum in their order, each with its competencies by code.

        Two queries for the whole list, where `modules` then `module_competencies` for
        each module would take one per module.
        """
        with self._uow() as uow:
            uow.curricula.require(curriculum_id)
            rows = _live_order(uow, curriculum_id)
            competencies: dict[uuid.UUID, list[CompetencyEntry]] = {}
            for module_id, competency in uow.session.execute(
                select(ModuleCompetency.module_id, Competency)
                .join(Competency, Competency.id == ModuleCompetency.competency_id)
                .join(Module, Module.id == ModuleCompetency.module_id)
                .where(
                    Module.curriculum_id == curriculum_id,
                    ModuleCompetency.deleted_at.is_(None),
                    Competency.deleted_at.is_(None),
                )
                .order_by(Competency.code)
            ):
                competencies.setdefault(module_id, []).append(_competency_entry(competency))
            return [(_module_record(row), competencies.get(row.id, [])) for row in rows]

    def move_module(self, module_id: uuid.UUID, position: int) -> list[ModuleRecord]:
        """Move a module to a 0-based place in its curriculum (clamped); the new order."""
        with self._uow() as uow:
            module = uow.modules.require(module_id)
            order = _live_order(uow, module.curriculum_id)
            order.remove(module)
            order.insert(max(0, min(position, len(order))), module)
            _renumber(order)
            uow.commit()
            return [_module_record(row) for row in order]

    def competencies(self) -> list[CompetencyEntry]:
        """The shared competency catalogue, by code."""
        with self._uow() as uow:
            return [
                _competency_entry(row)
                for row in uow.competencies.where(order_by=(Competency.code,))
            ]

    def add_competency(self, code: str, title_en: str, title_local: str = "") -> CompetencyEntry:
        """Add an entry to the shared competency catalogue; codes are unique in any case."""
        draft = validated(CompetencyDraft(code.strip(), title_en.strip(), title_local.strip()))
        with self._uow() as uow:
            clash = uow.competencies.find_one(func.upper(Competency.code) == draft.code.upper())
            if clash is not None:
                raise Conflict(
                    f"competency {clash.code} is already in the catalogue ({clash.title_en})"
                )
            row = uow.competencies.add(
                Competency(
                    id=uuid.uuid4(),
                    code=draft.code,
                    title_en=draft.title_en,
                    title_local=draft.title_local,
                )
            )
            try:
                uow.commit()
            except IntegrityError as exc:
                # Another program added the same code since the check above.
                raise Conflict(f"competency {draft.code} is already in the catalogue") from exc
            return _competency_entry(row)

    def module_competencies(self, module_id: uuid.UUID) -> list[CompetencyEntry]:
        """The competencies a module develops, by code."""
        with self._uow() as uow:
            uow.modules.require(module_id)
            return _module_competencies(uow, module_id)

    def set_module_competencies(
        self, module_id: uuid.UUID, competency_ids: Sequence[uuid.UUID]
    ) -> list[CompetencyEntry]:
        """Make these the competencies the module develops; the new list, by code."""
        with self._uow() as uow:
            uow.modules.require(module_id)
            wanted = set(competency_ids)
            for competency_id in wanted:
                uow.competencies.require(competency_id)
            existing = {
                link.competency_id: link
                for link in uow.session.scalars(
                    select(ModuleCompetency).where(ModuleCompetency.module_id == module_id)
                )
            }
            for competency_id, link in existing.items():
                if competency_id in wanted and link.deleted_at is not None:
                    uow.module_competencies.restore(link)
                elif competency_id not in wanted and link.deleted_at is None:
                    uow.module_competencies.delete(link)
            for competency_id in wanted - existing.keys():
                uow.module_competencies.add(
                    ModuleCompetency(
                        id=uuid.uuid4(), module_id=module_id, competency_id=competency_id
                    )
                )
            uow.commit()
            return _module_competencies(uow, module_id)

    def map_module(
        self,
        national_module_id: uuid.UUID,
        joint_module_id: uuid.UUID,
        equivalence: Equivalence,
        note: str = "",
    ) -> MappingRecord:
        """Link a national module to a joint one (or change the existing link)."""
        with self._uow() as uow:
            national = uow.modules.require(national_module_id)
            joint = uow.modules.require(joint_module_id)
            kinds = (
                uow.curricula.require(national.curriculum_id).kind,
                uow.curricula.require(joint.curriculum_id).kind,
            )
            if kinds != (CurriculumKind.NATIONAL, CurriculumKind.JOINT):
                raise Conflict("a mapping links a national module to a joint module")
            row = uow.mappings.find_one(
                ModuleMapping.national_module_id == national_module_id,
                ModuleMapping.joint_module_id == joint_module_id,
                include_deleted=True,
            )
            if row is None:
                row = uow.mappings.add(
                    ModuleMapping(
                        id=uuid.uuid4(),
                        national_module_id=national_module_id,
                        joint_module_id=joint_module_id,
                    )
                )
            uow.mappings.restore(row)
            row.equivalence = equivalence
            row.note = note.strip()
            uow.commit()
            return _mapping_record(row)

    def unmap(self, mapping_id: uuid.UUID) -> None:
        """Remove a crosswalk link."""
        with self._uow() as uow:
            uow.mappings.delete(uow.mappings.require(mapping_id))
            uow.commit()

    def mappings(self) -> list[MappingRecord]:
        """Every live crosswalk link."""
        with self._uow() as uow:
            rows = uow.mappings.where(
                order_by=(ModuleMapping.national_module_id, ModuleMapping.joint_module_id)
            )
            return [_mapping_record(row) for row in rows]

    def crosswalk(
        self,
        joint_id: uuid.UUID | None = None,
        afghan: Sequence[uuid.UUID] | None = None,
        pakistani: Sequence[uuid.UUID] | None = None,
    ) -> Crosswalk:
        """The Afghan, joint and Pakistani curricula side by side, with coverage.

        Without a joint curriculum, the one in force (adopted last, else the highest
        version); without the curricula of a side, one version of each of that country's
        national curricula that is not retired, chosen the same way (so that a new draft
        copied from the adopted version does not list every link twice).
        """
        with self._uow() as uow:
            return read_crosswalk(uow, joint_id, afghan, pakistani)

    def competency_record(
        self, person_id: uuid.UUID, joint_id: uuid.UUID | None = None
    ) -> CompetencyRecord:
        """The joint modules an officer completed, through which exercise, and what remains.

        A module counts when the officer completed, as certificates judge it, an exercise
        that delivered it or the module with the same code of another version of the same
        joint curriculum; the earliest such exercise is the one shown.
        """
        with self._uow() as uow:
            uow.people.require(person_id)
            joint = joint_curriculum(uow, joint_id)
            modules = modules_of(uow, [joint.id])
            delivered = deliveries(uow, person_id, joint)
            joint_heading = heading(joint)
        by_id = {module.id: module for module in modules}
        eligible: dict[uuid.UUID, bool] = {}
        completions = []
        for exercise_id, code, title, end, module_id in delivered:
            if exercise_id not in eligible:
                eligible[exercise_id] = any(
                    c.person_id == person_id and c.eligible
                    for c in self._attendance.completion(exercise_id)
                )
            if eligible[exercise_id]:
                completions.append(
                    ModuleCompletion(by_id[module_id], exercise_id, code, title, end)
                )
        return competency_record(person_id, joint_heading, modules, completions)

    def agency_coverage(self, joint_id: uuid.UUID | None = None) -> AgencyCoverage:
        """Per agency, how many officers completed each module of the joint curriculum."""
        with self._uow() as uow:
            return count_agency_coverage(uow, joint_id)

    def export_curriculum(self, curriculum_id: uuid.UUID, path: Path) -> None:
        """Save a curriculum with its modules and links as `.xlsx` or `.csv` (by suffix)."""
        if path.suffix.lower() not in SUFFIXES:
            raise ValidationFailed(
                {"path": f"{path.name}: the file name must end in .xlsx or .csv"}
            )
        with self._uow() as uow:
            content = file_content(uow, curriculum_id)
        with replacing(path) as partial:
            write_curriculum_file(content, partial)

    def import_curriculum(self, path: Path) -> CurriculumImport:
        """Add the curriculum version in a file, with its modules and links, or nothing.

        A version already here is refused, never overwritten: a revision comes as a new
        version. Competencies the file describes and the catalogue lacks are added with it;
        links to curriculum versions not here are left out (`CurriculumImport.left_out`),
        to be made when those curricula are imported.
        """
        content = read_curriculum_file(path)
        draft = content.curriculum
        with self._uow() as uow:
            clash = uow.curricula.find_one(
                func.upper(Curriculum.code) == draft.code.upper(),
                Curriculum.version == draft.version,
            )
            if clash is not None:
                raise Conflict(
                    f"curriculum {clash.code} version {clash.version} is already here; "
                    f"{path.name} was not imported (a revision needs a version of its own)"
                )
            try:
                curriculum, left_out, unknown_owner = add_from_file(uow, content, path.name)
                uow.commit()
            except IntegrityError as exc:
                # The checks above should leave nothing for the database to refuse; if it
                # does (another program writing at the same time), say so in one line.
                raise Conflict(
                    f"{path.name} was not imported: it clashes with data already here ({exc.orig})"
                ) from exc
            record = _curriculum_record(uow, curriculum)
        return CurriculumImport(**asdict(record), left_out=left_out, unknown_owner=unknown_owner)


def _check_unique(uow: UnitOfWork, draft: CurriculumDraft, own_id: uuid.UUID | None) -> None:
    clash = uow.curricula.find_one(
        func.upper(Curriculum.code) == draft.code.strip().upper(),
        Curriculum.version == draft.version.strip(),
    )
    if clash is not None and clash.id != own_id:
        raise Conflict(f"curriculum {draft.code} version {draft.version} already exists")


def _check_unlinked(uow: UnitOfWork, curriculum: Curriculum, draft: CurriculumDraft) -> None:
    modules = select(Module.id).where(Module.curriculum_id == curriculum.id)
    links = uow.session.scalar(
        select(func.count())
        .select_from(ModuleMapping)
        .where(
            ModuleMapping.deleted_at.is_(None),
            or_(
                ModuleMapping.national_module_id.in_(modules),
                ModuleMapping.joint_module_id.in_(modules),
            ),
        )
    )
    if not links:
        return
    change = (
        f"a {draft.kind.value} curriculum"
        if draft.kind is not curriculum.kind or draft.country is None
        else f"{_COUNTRY_NAMES[draft.country]} curriculum"
    )
    raise Conflict(
        f"{curriculum.code} {curriculum.version} has {links} crosswalk link(s), which would "
        f"no longer fit {change}; remove its links first, or make a new curriculum"
    )


def _live_order(uow: UnitOfWork, curriculum_id: uuid.UUID) -> list[Module]:
    """The live modules of a curriculum in their order."""
    return uow.modules.where(
        Module.curriculum_id == curriculum_id, order_by=(Module.position, Module.code)
    )


def _renumber(order: Sequence[Module]) -> None:
    """Positions 0, 1, 2… in this order."""
    for index, row in enumerate(order):
        if row.position != index:
            row.position = index


def _check_module_code(
    uow: UnitOfWork, curriculum_id: uuid.UUID, code: str, own_id: uuid.UUID | None
) -> None:
    clash = uow.modules.find_one(
        Module.curriculum_id == curriculum_id,
        func.upper(Module.code) == code.strip().upper(),
    )
    if clash is not None and clash.id != own_id:
        raise Conflict(f"module code {code} is already used in this curriculum")


def _draft(row: Curriculum) -> CurriculumDraft:
    return CurriculumDraft(**{name: getattr(row, name) for name in _CURRICULUM_FIELDS})


def _module_competencies(uow: UnitOfWork, module_id: uuid.UUID) -> list[CompetencyEntry]:
    rows = uow.session.scalars(
        select(Competency)
        .join(ModuleCompetency, ModuleCompetency.competency_id == Competency.id)
        .where(
            ModuleCompetency.module_id == module_id,
            ModuleCompetency.deleted_at.is_(None),
            Competency.deleted_at.is_(None),
        )
        .order_by(Competency.code)
    )
    return [_competency_entry(row) for row in rows]


def _competency_entry(row: Competency) -> CompetencyEntry:
    return CompetencyEntry(row.id, row.code, row.title_en, row.title_local)


def _module_totals() -> Select[uuid.UUID, int, float]:
    """(curriculum, live modules, their hours) of each curriculum with live modules."""
    return (
        select(
            Module.curriculum_id,
            func.count().label("modules"),
            func.sum(Module.hours).label("hours"),
        )
        .where(Module.deleted_at.is_(None))
        .group_by(Module.curriculum_id)
    )


def _curriculum_record(uow: UnitOfWork, row: Curriculum) -> CurriculumRecord:
    totals = uow.session.execute(
        _module_totals().where(Module.curriculum_id == row.id)
    ).one_or_none()
    _, modules, hours = totals if totals is not None else (row.id, 0, 0.0)
    return _record(row, modules, hours)


def _record(row: Curriculum, modules: int, hours: float) -> CurriculumRecord:
    return CurriculumRecord(
        **{name: getattr(row, name) for name in _CURRICULUM_FIELDS},
        id=row.id,
        modules=int(modules),
        # Hundredths, as modules have them, so that sums made in any order agree.
        hours=round(float(hours), 2) + 0.0,
    )


def _module_record(row: Module) -> ModuleRecord:
    return ModuleRecord(
        **{name: getattr(row, name) for name in _MODULE_FIELDS},
        id=row.id,
        curriculum_id=row.curriculum_id,
        position=row.position,
    )


def _mapping_record(row: ModuleMapping) -> MappingRecord:
    return MappingRecord(
        id=row.id,
        national_module_id=row.national_module_id,
        joint_module_id=row.joint_module_id,
        equivalence=row.equivalence,
        note=row.note,
    )
