"""Undoable curriculum edits: curricula and their versions, modules and their order, links."""

import uuid
from collections.abc import Callable

from trainingdesk.domain.enums import Equivalence
from trainingdesk.domain.records import CurriculumDraft, MappingRecord, ModuleDraft
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.commands import ErrorShown, ServiceCommand

CurriculumChanged = Callable[[uuid.UUID | None], None]
ModuleChanged = Callable[[uuid.UUID, uuid.UUID | None], None]
LinksChanged = Callable[[], None]
ModuleContent = tuple[ModuleDraft, list[uuid.UUID]]


class SaveCurriculum(ServiceCommand):
    """Create a curriculum version or change one; undo deletes it or puts the details back."""

    def __init__(
        self,
        curricula: CurriculumService,
        after: CurriculumDraft,
        before: tuple[uuid.UUID, CurriculumDraft] | None,
        changed: CurriculumChanged,
        on_error: ErrorShown,
    ) -> None:
        verb = "Edit" if before else "Add"
        super().__init__(f"{verb} curriculum {after.code} {after.version}", on_error)
        self._curricula = curricula
        self._after = after
        self._before = before
        self._changed = changed
        self.curriculum_id: uuid.UUID | None = before[0] if before else None

    def redo(self) -> None:
        """Create (first time), restore (after undoing a create) or store the new details."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        if self.curriculum_id is None:
            self.curriculum_id = self._curricula.create(self._after).id
        elif self._before is None:
            self._curricula.restore(self.curriculum_id)
        else:
            self._curricula.update(self.curriculum_id, self._after)
        self._changed(self.curriculum_id)

    def undo(self) -> None:
        """Delete the new curriculum, or store the old details."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        if self.curriculum_id is None:
            return
        if self._before is None:
            self._curricula.delete(self.curriculum_id)
            self._changed(None)
        else:
            self._curricula.update(self.curriculum_id, self._before[1])
            self._changed(self.curriculum_id)


class DeleteCurriculum(ServiceCommand):
    """Delete a curriculum version (a tombstone); undo restores it with its modules."""

    def __init__(
        self,
        curricula: CurriculumService,
        curriculum_id: uuid.UUID,
        name: str,
        changed: CurriculumChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Delete curriculum {name}", on_error)
        self._curricula = curricula
        self._curriculum_id = curriculum_id
        self._changed = changed

    def redo(self) -> None:
        """Delete."""
        self._attempt(lambda: self._curricula.delete(self._curriculum_id))
        self._changed(None)

    def undo(self) -> None:
        """Restore."""
        self._attempt(lambda: self._curricula.restore(self._curriculum_id))
        self._changed(self._curriculum_id)


class CopyCurriculumVersion(ServiceCommand):
    """A new draft version copied from another, which stays as it was; undo deletes the copy."""

    def __init__(
        self,
        curricula: CurriculumService,
        source_id: uuid.UUID,
        version: str,
        title: str | None,
        name: str,
        changed: CurriculumChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"New version {version} of {name}", on_error)
        self._curricula = curricula
        self._source_id = source_id
        self._version = version
        self._title = title
        self._changed = changed
        self.curriculum_id: uuid.UUID | None = None

    def redo(self) -> None:
        """Copy (first time) or restore the copy."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        if self.curriculum_id is None:
            copy = self._curricula.copy_version(self._source_id, self._version, self._title)
            self.curriculum_id = copy.id
        else:
            self._curricula.restore(self.curriculum_id)
        self._changed(self.curriculum_id)

    def undo(self) -> None:
        """Delete the copy; the version it came from is untouched."""
        if self.curriculum_id is not None:
            copy_id = self.curriculum_id
            self._attempt(lambda: self._curricula.delete(copy_id))
            self._changed(self._source_id)


class SaveModule(ServiceCommand):
    """Add a module with its competencies, or change one; undo takes it back."""

    def __init__(
        self,
        curricula: CurriculumService,
        curriculum_id: uuid.UUID,
        after: ModuleContent,
        before: tuple[uuid.UUID, ModuleDraft, list[uuid.UUID]] | None,
        changed: ModuleChanged,
        on_error: ErrorShown,
    ) -> None:
        verb = "Edit" if before else "Add"
        super().__init__(f"{verb} module {after[0].code}", on_error)
        self._curricula = curricula
        self._curriculum_id = curriculum_id
        self._after = after
        self._before = before
        self._changed = changed
        self.module_id: uuid.UUID | None = before[0] if before else None

    def redo(self) -> None:
        """Add (first time), restore (after undoing an add) or store the new content."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        draft, competencies = self._after
        if self.module_id is None:
            self.module_id = self._curricula.add_module(self._curriculum_id, draft).id
        elif self._before is None:
            self._curricula.restore_module(self.module_id)
        else:
            self._curricula.update_module(self.module_id, draft)
        self._curricula.set_module_competencies(self.module_id, competencies)
        self._changed(self._curriculum_id, self.module_id)

    def undo(self) -> None:
        """Delete the added module, or put the old content back."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        if self.module_id is None:
            return
        if self._before is None:
            self._curricula.delete_module(self.module_id)
            self._changed(self._curriculum_id, None)
            return
        _, draft, competencies = self._before
        self._curricula.update_module(self.module_id, draft)
        self._curricula.set_module_competencies(self.module_id, competencies)
        self._changed(self._curriculum_id, self.module_id)


class DeleteModule(ServiceCommand):
    """Delete a module (a tombstone); undo puts it back in its place."""

    def __init__(
        self,
        curricula: CurriculumService,
        curriculum_id: uuid.UUID,
        module_id: uuid.UUID,
        code: str,
        changed: ModuleChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Delete module {code}", on_error)
        self._curricula = curricula
        self._curriculum_id = curriculum_id
        self._module_id = module_id
        self._changed = changed

    def redo(self) -> None:
        """Delete."""
        self._attempt(lambda: self._curricula.delete_module(self._module_id))
        self._changed(self._curriculum_id, None)

    def undo(self) -> None:
        """Restore."""
        self._attempt(lambda: self._curricula.restore_module(self._module_id))
        self._changed(self._curriculum_id, self._module_id)


class MoveModule(ServiceCommand):
    """Move a module to another place in its curriculum; undo moves it back."""

    def __init__(
        self,
        curricula: CurriculumService,
        curriculum_id: uuid.UUID,
        module_id: uuid.UUID,
        code: str,
        positions: tuple[int, int],
        changed: ModuleChanged,
        on_error: ErrorShown,
    ) -> None:
        before, after = positions
        direction = "up" if after < before else "down"
        super().__init__(f"Move module {code} {direction}", on_error)
        self._curricula = curricula
        self._curriculum_id = curriculum_id
        self._module_id = module_id
        self._before = before
        self._after = after
        self._changed = changed

    def redo(self) -> None:
        """Move to the new place."""
        self._attempt(lambda: self._move(self._after))

    def undo(self) -> None:
        """Move back."""
        self._attempt(lambda: self._move(self._before))

    def _move(self, position: int) -> None:
        self._curricula.move_module(self._module_id, position)
        self._changed(self._curriculum_id, self._module_id)


class LinkModules(ServiceCommand):
    """Link a national module to a joint one, or change the link; undo takes it back."""

    def __init__(
        self,
        curricula: CurriculumService,
        modules: tuple[uuid.UUID, uuid.UUID],
        link: tuple[Equivalence, str],
        before: MappingRecord | None,
        text: str,
        changed: LinksChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(text, on_error)
        self._curricula = curricula
        self._national_id, self._joint_id = modules
        self._equivalence, self._note = link
        self._before = before
        self._changed = changed
        self._mapping_id: uuid.UUID | None = None

    def redo(self) -> None:
        """Store the link."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        made = self._curricula.map_module(
            self._national_id, self._joint_id, self._equivalence, self._note
        )
        self._mapping_id = made.id
        self._changed()

    def undo(self) -> None:
        """Remove the new link, or put the previous equivalence and note back."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        before = self._before
        if before is not None:
            self._curricula.map_module(
                before.national_module_id, before.joint_module_id, before.equivalence, before.note
            )
        elif self._mapping_id is not None:
            self._curricula.unmap(self._mapping_id)
        self._changed()


class UnlinkModules(ServiceCommand):
    """Remove a crosswalk link; undo puts it back with its equivalence and note."""

    def __init__(
        self,
        curricula: CurriculumService,
        link: MappingRecord,
        text: str,
        changed: LinksChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(text, on_error)
        self._curricula = curricula
        self._link = link
        self._changed = changed

    def redo(self) -> None:
        """Remove."""
        self._attempt(lambda: self._curricula.unmap(self._link.id))
        self._changed()

    def undo(self) -> None:
        """Link again."""
        link = self._link
        self._attempt(
            lambda: self._curricula.map_module(
                link.national_module_id, link.joint_module_id, link.equivalence, link.note
            )
        )
        self._changed()
