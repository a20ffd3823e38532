"""Curricula, their modules, the competency catalogue and the crosswalk links."""

import uuid
from dataclasses import asdict, fields

from sqlalchemy import func, select

from trainingdesk.domain.enums import CurriculumKind, Equivalence
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.records import (
    CurriculumDraft,
    CurriculumRecord,
    MappingRecord,
    ModuleDraft,
    ModuleRecord,
)
from trainingdesk.services.common import validated
from trainingdesk.storage.models import Curriculum, Module, ModuleMapping
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

_CURRICULUM_FIELDS = tuple(f.name for f in fields(CurriculumDraft))
_MODULE_FIELDS = tuple(f.name for f in fields(ModuleDraft))


class CurriculumService:
    """Keep national and joint curricula and their modules."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def create(self, draft: CurriculumDraft) -> CurriculumRecord:
        """Add a curriculum version; code and version together are unique."""
        draft = validated(draft)
        with self._uow() as uow:
            _check_unique(uow, draft, None)
            curriculum = uow.curricula.add(Curriculum(id=uuid.uuid4(), **asdict(draft)))
            uow.commit()
            return _curriculum_record(uow, curriculum)

    def update(self, curriculum_id: uuid.UUID, draft: CurriculumDraft) -> CurriculumRecord:
        """Change a curriculum's details."""
        draft = validated(draft)
        with self._uow() as uow:
            curriculum = uow.curricula.require(curriculum_id)
            _check_unique(uow, draft, curriculum_id)
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
            uow.curricula.restore(curriculum)
            uow.commit()
            return _curriculum_record(uow, curriculum)

    def find(self) -> list[CurriculumRecord]:
        """Every curriculum: joint first, then by country, code and version."""
        with self._uow() as uow:
            rows = uow.curricula.where(
                order_by=(
                    Curriculum.kind != CurriculumKind.JOINT,
                    Curriculum.country,
                    Curriculum.code,
                    Curriculum.version,
                )
            )
            return [_curriculum_record(uow, row) for row in rows]

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
        """Delete a module (a tombstone)."""
        with self._uow() as uow:
            uow.modules.delete(uow.modules.require(module_id))
            uow.commit()

    def restore_module(self, module_id: uuid.UUID) -> ModuleRecord:
        """Undo a module's deletion."""
        with self._uow() as uow:
            module = uow.modules.require_including_deleted(module_id)
            _check_module_code(uow, module.curriculum_id, module.code, module_id)
            uow.modules.restore(module)
            uow.commit()
            return _module_record(module)

    def modules(self, curriculum_id: uuid.UUID) -> list[ModuleRecord]:
        """Modules of a curriculum in their order."""
        with self._uow() as uow:
            uow.curricula.require(curriculum_id)
            rows = uow.modules.where(
                Module.curriculum_id == curriculum_id, order_by=(Module.position, Module.code)
            )
            return [_module_record(row) for row in rows]

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


def _check_unique(uow: UnitOfWork, draft: CurriculumDraft, own_id: uuid.UUID | None) -> None:
    clash = uow.curricula.find_one(
        func.upper(Curriculum.code) == draft.code.strip().upper(),
        Curriculum.version == draft.version.strip(),
    )
    if clash is not None and clash.id != own_id:
        raise Conflict(f"curriculum {draft.code} version {draft.version} already exists")


def _check_module_code(
    uow: UnitOfWork, curriculum_id: uuid.UUID, code: str, own_id: uuid.UUID | None
) -> None:
    clash = uow.modules.find_one(
        Module.curriculum_id == curriculum_id,
        func.upper(Module.code) == code.strip().upper(),
    )
    if clash is not None and clash.id != own_id:
        raise Conflict(f"module code {code} is already used in this curriculum")


def _curriculum_record(uow: UnitOfWork, row: Curriculum) -> CurriculumRecord:
    modules, hours = uow.session.execute(
        select(func.count(), func.coalesce(func.sum(Module.hours), 0.0)).where(
            Module.curriculum_id == row.id, Module.deleted_at.is_(None)
        )
    ).one()
    return CurriculumRecord(
        **{name: getattr(row, name) for name in _CURRICULUM_FIELDS},
        id=row.id,
        modules=int(modules),
        hours=float(hours),
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
