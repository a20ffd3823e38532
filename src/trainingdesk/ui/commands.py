"""Undoable edits: each command calls one service method in redo and its opposite in undo."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

from trainingdesk.domain.enums import EnrolmentStatus, Role
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import (
    CertificateSettings,
    EnrolmentRecord,
    ExerciseDraft,
    MergePreview,
    MergeRecord,
    PersonDraft,
    SessionDraft,
    SessionRecord,
)
from trainingdesk.services.certificates import CertificateService
from trainingdesk.services.enrolments import EnrolmentService
from trainingdesk.services.exercises import ExerciseService
from trainingdesk.services.merge import PeopleMergeService
from trainingdesk.services.people import PeopleService
from trainingdesk.services.roster_import import RosterImportService, RosterResult
from trainingdesk.storage.errors import StorageError

Changed = Callable[[uuid.UUID], None]
ErrorShown = Callable[[str], None]


@dataclass(frozen=True)
class Editing:
    """What a screen needs to make undoable changes: the window's stack, and a way to say
    that a change failed."""

    undo_stack: QUndoStack
    show_error: ErrorShown


class ServiceCommand(QUndoCommand):
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


class CreatePerson(ServiceCommand):
    """Add a person; undo deletes them, redo brings the same row back."""

    def __init__(
        self,
        people: PeopleService,
        draft: PersonDraft,
        changed: Changed,
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


class EditPerson(ServiceCommand):
    """Replace a person's details; undo puts the previous ones back."""

    def __init__(
        self,
        people: PeopleService,
        person_id: uuid.UUID,
        before: PersonDraft,
        after: PersonDraft,
        changed: Changed,
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


class DeletePerson(ServiceCommand):
    """Delete a person (a tombstone); undo restores them."""

    def __init__(
        self,
        people: PeopleService,
        person_id: uuid.UUID,
        name: str,
        changed: Changed,
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


class MergePeople(ServiceCommand):
    """Merge one record of a person into another; undo takes the merge back exactly."""

    def __init__(
        self,
        merge: PeopleMergeService,
        preview: MergePreview,
        chosen: PersonDraft,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Merge {preview.merged.full_name} into {chosen.given_name}", on_error)
        self._merge = merge
        self._survivor_id = preview.survivor.id
        self._merged_id = preview.merged.id
        self._chosen = chosen
        self._changed = changed
        self._record: MergeRecord | None = None

    def redo(self) -> None:
        """Merge (again, after an undo)."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        self._record = self._merge.merge(self._survivor_id, self._merged_id, self._chosen)
        self._changed(self._merged_id)
        self._changed(self._survivor_id)

    def undo(self) -> None:
        """Put both records back as they were."""
        record = self._record
        if record is not None:
            self._attempt(lambda: self._merge.unmerge(record))
            self._changed(self._merged_id)
            self._changed(self._survivor_id)


class ImportRoster(ServiceCommand):
    """A roster import that already ran (in the background); undo takes it back whole."""

    def __init__(
        self,
        rosters: RosterImportService,
        result: RosterResult,
        changed: Callable[[], None],
        on_error: ErrorShown,
    ) -> None:
        super().__init__(
            f"Import {len(result.created)} new and {len(result.merged)} known people", on_error
        )
        self._rosters = rosters
        self._result = result
        self._changed = changed
        self._already_done = True

    def redo(self) -> None:
        """Nothing the first time (the import ran before); after an undo, write it again."""
        if self._already_done:
            self._already_done = False
            return
        self._attempt(lambda: self._rosters.redo(self._result))
        self._changed()

    def undo(self) -> None:
        """Take the import back."""
        self._attempt(lambda: self._rosters.undo(self._result))
        self._changed()


class SaveExercise(ServiceCommand):
    """Create an exercise, or change one; undo deletes it again or puts the old details back."""

    def __init__(
        self,
        exercises: ExerciseService,
        after: tuple[ExerciseDraft, list[uuid.UUID]],
        before: tuple[uuid.UUID, ExerciseDraft, list[uuid.UUID]] | None,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        verb = "Edit" if before else "Add"
        super().__init__(f"{verb} exercise {after[0].code}", on_error)
        self._exercises = exercises
        self._after = after
        self._before = before
        self._changed = changed
        self.exercise_id: uuid.UUID | None = before[0] if before else None
        self._created = before is None

    def redo(self) -> None:
        """Create (first time), restore (after undoing a create), or apply the new details."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        draft, modules = self._after
        if self.exercise_id is None:
            self.exercise_id = self._exercises.create(draft).id
        elif self._created:
            self._exercises.restore(self.exercise_id)
        else:
            self._exercises.update(self.exercise_id, draft)
        self._exercises.set_modules(self.exercise_id, modules)
        self._changed(self.exercise_id)

    def undo(self) -> None:
        """Delete the created exercise, or put the old details back."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        if self.exercise_id is None:
            return
        if self._created:
            self._exercises.delete(self.exercise_id)
        elif self._before is not None:
            _, draft, modules = self._before
            self._exercises.update(self.exercise_id, draft)
            self._exercises.set_modules(self.exercise_id, modules)
        self._changed(self.exercise_id)


class DeleteExercise(ServiceCommand):
    """Delete an exercise (a tombstone); undo restores it."""

    def __init__(
        self,
        exercises: ExerciseService,
        exercise_id: uuid.UUID,
        code: str,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Delete exercise {code}", on_error)
        self._exercises = exercises
        self._exercise_id = exercise_id
        self._changed = changed

    def redo(self) -> None:
        """Delete."""
        self._attempt(lambda: self._exercises.delete(self._exercise_id))
        self._changed(self._exercise_id)

    def undo(self) -> None:
        """Restore."""
        self._attempt(lambda: self._exercises.restore(self._exercise_id))
        self._changed(self._exercise_id)


class GenerateSessions(ServiceCommand):
    """One session per day of the exercise; undo deletes the sessions it made."""

    def __init__(
        self,
        exercises: ExerciseService,
        exercise_id: uuid.UUID,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__("Generate daily sessions", on_error)
        self._exercises = exercises
        self._exercise_id = exercise_id
        self._changed = changed
        self._made: list[uuid.UUID] | None = None

    def redo(self) -> None:
        """Generate (first time) or restore the generated sessions."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        if self._made is None:
            before = {s.id for s in self._exercises.sessions(self._exercise_id)}
            after = self._exercises.generate_daily_sessions(self._exercise_id)
            self._made = [s.id for s in after if s.id not in before]
        else:
            for session_id in self._made:
                self._exercises.restore_session(session_id)
        self._changed(self._exercise_id)

    def undo(self) -> None:
        """Delete the sessions this command made."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        for session_id in self._made or []:
            self._exercises.delete_session(session_id)
        self._changed(self._exercise_id)


class EnrolPeople(ServiceCommand):
    """Enrol several people in a role; undo removes those this command enrolled."""

    def __init__(
        self,
        enrolments: EnrolmentService,
        exercise_id: uuid.UUID,
        person_ids: list[uuid.UUID],
        role: Role,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Enrol {len(person_ids)} person(s)", on_error)
        self._enrolments = enrolments
        self._exercise_id = exercise_id
        self._person_ids = person_ids
        self._role = role
        self._changed = changed
        self._added: list[uuid.UUID] = []

    def redo(self) -> None:
        """Enrol everyone not yet enrolled."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        already = {e.person_id for e in self._enrolments.for_exercise(self._exercise_id)}
        records = self._enrolments.enrol(self._exercise_id, self._person_ids, self._role)
        self._added = [r.id for r in records if r.person_id not in already]
        self._changed(self._exercise_id)

    def undo(self) -> None:
        """Remove the enrolments this command added."""
        self._attempt(self._undo)

    def _undo(self) -> None:
        for enrolment_id in self._added:
            self._enrolments.remove(enrolment_id)
        self._changed(self._exercise_id)


class RemoveEnrolment(ServiceCommand):
    """Take a person out of an exercise; undo puts them back."""

    def __init__(
        self,
        enrolments: EnrolmentService,
        enrolment: EnrolmentRecord,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Remove {enrolment.person_name}", on_error)
        self._enrolments = enrolments
        self._enrolment = enrolment
        self._changed = changed

    def redo(self) -> None:
        """Remove."""
        self._attempt(lambda: self._enrolments.remove(self._enrolment.id))
        self._changed(self._enrolment.exercise_id)

    def undo(self) -> None:
        """Restore."""
        self._attempt(lambda: self._enrolments.restore(self._enrolment.id))
        self._changed(self._enrolment.exercise_id)


class UpdateEnrolment(ServiceCommand):
    """Change the role or status of an enrolment; undo puts the old ones back."""

    def __init__(
        self,
        enrolments: EnrolmentService,
        enrolment: EnrolmentRecord,
        role: Role,
        status: EnrolmentStatus,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Set {enrolment.person_name} to {role.value}, {status.value}", on_error)
        self._enrolments = enrolments
        self._enrolment = enrolment
        self._after = (role, status)
        self._changed = changed

    def redo(self) -> None:
        """Apply the new role and status."""
        self._attempt(lambda: self._set(*self._after))

    def undo(self) -> None:
        """Put the old role and status back."""
        self._attempt(lambda: self._set(self._enrolment.role, self._enrolment.status))

    def _set(self, role: Role, status: EnrolmentStatus) -> None:
        self._enrolments.update(self._enrolment.id, role=role, status=status)
        self._changed(self._enrolment.exercise_id)


class EditSession(ServiceCommand):
    """Change a session's day, times, module or trainer; undo puts the old ones back."""

    def __init__(
        self,
        exercises: ExerciseService,
        session: SessionRecord,
        after: SessionDraft,
        changed: Changed,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Edit session {session.number}", on_error)
        self._exercises = exercises
        self._session = session
        self._after = after
        self._changed = changed

    def redo(self) -> None:
        """Store the new details."""
        self._attempt(lambda: self._store(self._after))

    def undo(self) -> None:
        """Store the old details."""
        self._attempt(lambda: self._store(self._session.draft()))

    def _store(self, draft: SessionDraft) -> None:
        self._exercises.update_session(self._session.id, draft)
        self._changed(self._session.exercise_id)


class SaveCertificateSettings(ServiceCommand):
    """Change how certificates look; undo puts the previous settings back."""

    def __init__(
        self,
        certificates: CertificateService,
        before: CertificateSettings,
        after: CertificateSettings,
        on_error: ErrorShown,
    ) -> None:
        super().__init__("Change the certificate settings", on_error)
        self._certificates = certificates
        self._before = before
        self._after = after

    def redo(self) -> None:
        """Store the new settings."""
        self._attempt(lambda: self._certificates.save_settings(self._after))

    def undo(self) -> None:
        """Store the settings as they were."""
        self._attempt(lambda: self._certificates.save_settings(self._before))
