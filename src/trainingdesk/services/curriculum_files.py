"""A curriculum version to and from the file academies exchange (`domain.curriculum_file`).

Reading and writing the file are the business of `importing` and `reports`; here the file's
codes are matched with the database: the owner agency, the competencies of the catalogue
(adding those the file describes and the catalogue lacks) and the modules at the other end
of each crosswalk link (leaving out links to curriculum versions not here yet).
"""

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from trainingdesk.domain.curriculum_file import (
    COMPETENCIES,
    COMPETENCIES_SECTION,
    CurriculumFile,
    FileCompetency,
    FileLink,
    FileModule,
    LeftOutLinks,
    link_columns,
)
from trainingdesk.domain.enums import CurriculumKind
from trainingdesk.domain.records import CurriculumDraft, ModuleDraft
from trainingdesk.importing.curriculum_file import CurriculumFileInvalid
from trainingdesk.importing.report import RowError
from trainingdesk.storage.models import (
    Agency,
    Competency,
    Curriculum,
    Module,
    ModuleCompetency,
    ModuleMapping,
)
from trainingdesk.storage.unit_of_work import UnitOfWork


def file_content(uow: UnitOfWork, curriculum_id: uuid.UUID) -> CurriculumFile:
    """The curriculum with its live modules, their competencies and their live links."""
    curriculum = uow.curricula.require(curriculum_id)
    owner = (
        uow.agencies.require_including_deleted(curriculum.owner_agency_id)
        if curriculum.owner_agency_id is not None
        else None
    )
    modules = uow.modules.where(
        Module.curriculum_id == curriculum.id, order_by=(Module.position, Module.code)
    )
    codes, described = _competency_codes(uow, [module.id for module in modules])
    return CurriculumFile(
        curriculum=CurriculumDraft(
            code=curriculum.code,
            version=curriculum.version,
            title=curriculum.title,
            kind=curriculum.kind,
            country=curriculum.country,
            status=curriculum.status,
            adopted_on=curriculum.adopted_on,
            retired_on=curriculum.retired_on,
        ),
        owner_acronym=owner.acronym if owner is not None else "",
        modules=tuple(
            FileModule(
                ModuleDraft(
                    code=module.code,
                    title_en=module.title_en,
                    title_local=module.title_local,
                    hours=module.hours,
                    objectives=module.objectives,
                    assessment_method=module.assessment_method,
                ),
                tuple(codes.get(module.id, ())),
            )
            for module in modules
        ),
        links=_links(uow, curriculum),
        competencies=described,
    )


def _competency_codes(
    uow: UnitOfWork, module_ids: list[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[str]], tuple[FileCompetency, ...]]:
    """Each module's competency codes, and the competencies they name, by code."""
    query = (
        select(ModuleCompetency.module_id, Competency)
        .join(Competency, Competency.id == ModuleCompetency.competency_id)
        .where(
            ModuleCompetency.module_id.in_(module_ids),
            ModuleCompetency.deleted_at.is_(None),
            Competency.deleted_at.is_(None),
        )
        .order_by(Competency.code)
    )
    codes: dict[uuid.UUID, list[str]] = {}
    described: dict[uuid.UUID, FileCompetency] = {}
    for module_id, competency in uow.session.execute(query):
        codes.setdefault(module_id, []).append(competency.code)
        described[competency.id] = FileCompetency(
            competency.code, competency.title_en, competency.title_local
        )
    return codes, tuple(sorted(described.values(), key=lambda c: c.code))


def _links(uow: UnitOfWork, curriculum: Curriculum) -> tuple[FileLink, ...]:
    """Links of the curriculum's modules to live modules of live curricula on the other side."""
    national = curriculum.kind is CurriculumKind.NATIONAL
    mine, other = aliased(Module, name="mine"), aliased(Module, name="other")
    other_curriculum = aliased(Curriculum, name="other_curriculum")
    own_end = ModuleMapping.national_module_id if national else ModuleMapping.joint_module_id
    other_end = ModuleMapping.joint_module_id if national else ModuleMapping.national_module_id
    query = (
        select(
            mine.code,
            other_curriculum.code,
            other_curriculum.version,
            other.code,
            ModuleMapping.equivalence,
            ModuleMapping.note,
        )
        .join(mine, mine.id == own_end)
        .join(other, other.id == other_end)
        .join(other_curriculum, other_curriculum.id == other.curriculum_id)
        .where(
            mine.curriculum_id == curriculum.id,
            mine.deleted_at.is_(None),
            other.deleted_at.is_(None),
            other_curriculum.deleted_at.is_(None),
            ModuleMapping.deleted_at.is_(None),
        )
        .order_by(
            mine.position,
            mine.code,
            other_curriculum.code,
            other_curriculum.version,
            other.position,
        )
    )
    return tuple(FileLink(*row) for row in uow.session.execute(query))


def add_from_file(
    uow: UnitOfWork, content: CurriculumFile, name: str
) -> tuple[Curriculum, tuple[LeftOutLinks, ...], str]:
    """Stage the file's curriculum, modules, competencies and links (not committed).

    Competencies the file describes and the catalogue lacks (by code, in any case) join the
    catalogue. Links to a curriculum version that is not here are left out, and counted
    per version: that curriculum's file makes them when it is imported. An owner agency
    that is not here is left out too (its acronym is returned), as academies exchange
    curricula before they exchange agency lists. `CurriculumFileInvalid` names each
    competency or linked module the database does not have, with its row and column;
    nothing is staged then.
    """
    errors: list[RowError] = []
    owner_id, unknown_owner = _owner(uow, content)
    catalogue = {
        code.casefold(): competency_id
        for competency_id, code in uow.session.execute(
            select(Competency.id, Competency.code).where(Competency.deleted_at.is_(None))
        )
    }
    described = {competency.code.casefold(): competency for competency in content.competencies}
    for module in content.modules:
        for code in module.competencies:
            if code.casefold() not in catalogue and code.casefold() not in described:
                errors.append(
                    RowError(
                        module.row,
                        COMPETENCIES,
                        code,
                        _unknown_competency(code, content, catalogue),
                    )
                )
    others, left_out = _other_modules(uow, content, errors)
    if errors:
        raise CurriculumFileInvalid(name, errors)
    for key, competency in described.items():
        if key not in catalogue:
            catalogue[key] = uow.competencies.add(
                Competency(
                    id=uuid.uuid4(),
                    code=competency.code,
                    title_en=competency.title_en,
                    title_local=competency.title_local,
                )
            ).id
    draft = content.curriculum
    curriculum = uow.curricula.add(
        Curriculum(
            id=uuid.uuid4(),
            code=draft.code,
            version=draft.version,
            title=draft.title,
            kind=draft.kind,
            country=draft.country,
            owner_agency_id=owner_id,
            status=draft.status,
            adopted_on=draft.adopted_on,
            retired_on=draft.retired_on,
        )
    )
    module_ids: dict[str, uuid.UUID] = {}
    for position, module in enumerate(content.modules):
        row = uow.modules.add(
            Module(
                id=uuid.uuid4(),
                curriculum_id=curriculum.id,
                position=position,
                code=module.draft.code,
                title_en=module.draft.title_en,
                title_local=module.draft.title_local,
                hours=module.draft.hours,
                objectives=module.draft.objectives,
                assessment_method=module.draft.assessment_method,
            )
        )
        module_ids[module.draft.code.casefold()] = row.id
        for code in module.competencies:
            uow.module_competencies.add(
                ModuleCompetency(
                    id=uuid.uuid4(), module_id=row.id, competency_id=catalogue[code.casefold()]
                )
            )
    national = draft.kind is CurriculumKind.NATIONAL
    for link, other_id in zip(content.links, others, strict=True):
        if other_id is None:
            continue
        own_id = module_ids[link.module_code.casefold()]
        uow.mappings.add(
            ModuleMapping(
                id=uuid.uuid4(),
                national_module_id=own_id if national else other_id,
                joint_module_id=other_id if national else own_id,
                equivalence=link.equivalence,
                note=link.note,
            )
        )
    return curriculum, left_out, unknown_owner


def _unknown_competency(code: str, content: CurriculumFile, catalogue: Iterable[str]) -> str:
    known = ", ".join(sorted(code.upper() for code in catalogue)) or "none yet"
    if content.competencies:
        return (
            f"no competency {code} in the catalogue (it has {known}), nor in the file's "
            f"{COMPETENCIES_SECTION} section"
        )
    return (
        f"no competency {code} in the catalogue (it has {known}), and the file has no "
        f"{COMPETENCIES_SECTION} section describing it: add {code} to the catalogue, or ask "
        "for the file exported again by a current TrainingDesk"
    )


def _owner(uow: UnitOfWork, content: CurriculumFile) -> tuple[uuid.UUID | None, str]:
    """The owner agency's id, or None and the acronym that was not found."""
    acronym = content.owner_acronym.strip()
    if not acronym:
        return None, ""
    conditions = [func.upper(Agency.acronym) == acronym.upper()]
    if content.curriculum.country is not None:
        conditions.append(Agency.country == content.curriculum.country)
    agency = uow.agencies.find_one(*conditions)
    return (None, acronym) if agency is None else (agency.id, "")


def _other_modules(
    uow: UnitOfWork, content: CurriculumFile, errors: list[RowError]
) -> tuple[list[uuid.UUID | None], tuple[LeftOutLinks, ...]]:
    """The module at the other end of each link, in the links' order (None: left out), and
    the links left out because their curriculum version is not here."""
    kind = content.curriculum.kind
    wanted = CurriculumKind.JOINT if kind is CurriculumKind.NATIONAL else CurriculumKind.NATIONAL
    columns = link_columns(kind)
    found: list[uuid.UUID | None] = []
    absent: dict[tuple[str, str], LeftOutLinks] = {}
    for link in content.links:
        curriculum = uow.curricula.find_one(
            func.upper(Curriculum.code) == link.curriculum_code.upper(),
            Curriculum.version == link.curriculum_version,
        )
        if curriculum is None:
            key = (link.curriculum_code.casefold(), link.curriculum_version)
            before = absent.get(key)
            absent[key] = LeftOutLinks(
                link.curriculum_code, link.curriculum_version, before.count + 1 if before else 1
            )
            found.append(None)
            continue
        if curriculum.kind is not wanted:
            name = f"{link.curriculum_code} version {link.curriculum_version}"
            message = f"{name} is a {curriculum.kind.value} curriculum, not a {wanted.value} one"
            errors.append(RowError(link.row, columns.curriculum, link.curriculum_code, message))
            continue
        module = uow.modules.find_one(
            Module.curriculum_id == curriculum.id,
            func.upper(Module.code) == link.other_module_code.upper(),
        )
        if module is None:
            message = (
                f"{curriculum.code} {curriculum.version} has no module {link.other_module_code}"
            )
            errors.append(RowError(link.row, columns.module, link.other_module_code, message))
            continue
        found.append(module.id)
    return found, tuple(absent.values())
