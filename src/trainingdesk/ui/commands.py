"""Undoable edits: each command calls one service method in redo and its opposite in undo."""

import uuid
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import PersonDraft
from trainingdesk.services.people import PeopleService
from trainingdesk.storage.errors import StorageError

PersonChanged = Callable[[uuid.UUID], None]
ErrorShown = Callable[[str], None]


class _ServiceCommand(QUndoCommand):
    """Runs service calls; a failure is shown and the command made obsolete, never raised.

    Qt calls redo() and undo() from C++, where a Python exception would be lost.
    """

    def __init__(self, text: str, on_error: ErrorShown) -> None:
        super().__init__(text)
        self._on_error = on_error

    def _attempt(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (TrainingDeskError, StorageError) as exc:
            self.setObsolete(True)
            self._on_error(f"{self.text()} could not be done: {exc}")


class CreatePerson(_ServiceCommand):
    """Add a person; undo deletes them, redo brings the same row back."""

    def __init__(
        self,
        people: PeopleService,
        draft: PersonDraft,
        changed: PersonChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Add {draft.given_name} {draft.family_name}".strip(), on_error)
        self._people = people
        self._draft = draft
        self._changed = changed
        self.person_id: uuid.UUID | None = None

    def redo(self) -> None:
        """Create the first time; restore after an undo."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        if self.person_id is None:
            self.person_id = self._people.create(self._draft).id
        else:
            self._people.restore(self.person_id)
        self._changed(self.person_id)

    def undo(self) -> None:
        """Delete the person again."""
        if self.person_id is not None:
            person_id = self.person_id
            self._attempt(lambda: self._people.delete(person_id))
            self._changed(person_id)


class EditPerson(_ServiceCommand):
    """Replace a person's details; undo puts the previous ones back."""

    def __init__(
        self,
        people: PeopleService,
        person_id: uuid.UUID,
        before: PersonDraft,
        after: PersonDraft,
        changed: PersonChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Edit {after.given_name} {after.family_name}".strip(), on_error)
        self._people = people
        self._person_id = person_id
        self._before = before
        self._after = after
        self._changed = changed

    def redo(self) -> None:
        """Store the new details."""
        self._attempt(lambda: self._apply(self._after))

    def undo(self) -> None:
        """Store the old details."""
        self._attempt(lambda: self._apply(self._before))

    def _apply(self, draft: PersonDraft) -> None:
        self._people.update(self._person_id, draft)
        self._changed(self._person_id)


class DeletePerson(_ServiceCommand):
    """Delete a person (a tombstone); undo restores them."""

    def __init__(
        self,
        people: PeopleService,
        person_id: uuid.UUID,
        name: str,
        changed: PersonChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Delete {name}", on_error)
        self._people = people
        self._person_id = person_id
        self._changed = changed

    def redo(self) -> None:
        """Delete."""
        self._attempt(lambda: self._people.delete(self._person_id))
        self._changed(self._person_id)

    def undo(self) -> None:
        """Restore."""
        self._attempt(lambda: self._people.restore(self._person_id))
        self._changed(self._person_id)
