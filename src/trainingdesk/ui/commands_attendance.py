"""Undoable attendance edits: marks (one key or a whole column), scores, sign-off."""

import uuid
from collections.abc import Callable

from trainingdesk.domain.records import (
    AssessmentDraft,
    GridSession,
    MarkChange,
)
from trainingdesk.services.attendance import AttendanceService
from trainingdesk.services.attendance_grid import AttendanceGridService
from trainingdesk.ui.commands import ErrorShown, ServiceCommand

MarksApplied = Callable[[list[MarkChange]], None]
SessionChanged = Callable[[GridSession], None]
ScoresChanged = Callable[[uuid.UUID, AssessmentDraft], None]
SIGN_OFF_UNDONE = "Sign-off undone with Edit > Undo"


class SetMarks(ServiceCommand):
    """Set or clear cells in one transaction; undo writes back what they held."""

    def __init__(
        self,
        grid: AttendanceGridService,
        changes: list[MarkChange],
        text: str,
        applied: MarksApplied,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(text, on_error)
        self._grid = grid
        self._changes = changes
        self._undo: list[MarkChange] = []
        self._applied = applied

    def redo(self) -> None:
        """Commit the changes, then show them."""
        self._attempt(self._redo)

    def _redo(self) -> None:
        self._undo = self._grid.set_marks(self._changes)
        self._applied(self._changes)

    def undo(self) -> None:
        """Commit the previous contents, then show them."""
        self._attempt(self._undo_marks)

    def _undo_marks(self) -> None:
        self._grid.set_marks(self._undo)
        self._applied(self._undo)


class LockSession(ServiceCommand):
    """Sign a session off; undo reopens it (the audit log says it was an undo)."""

    def __init__(
        self,
        grid: AttendanceGridService,
        session: GridSession,
        changed: SessionChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Sign off session {session.number}", on_error)
        self._grid = grid
        self._session_id = session.id
        self._changed = changed

    def redo(self) -> None:
        """Lock."""
        self._attempt(lambda: self._changed(self._grid.lock_session(self._session_id)))

    def undo(self) -> None:
        """Unlock, giving the undo as the reason."""
        self._attempt(
            lambda: self._changed(self._grid.unlock_session(self._session_id, SIGN_OFF_UNDONE))
        )


class UnlockSession(ServiceCommand):
    """Reopen a signed-off session with a reason; undo signs it off again."""

    def __init__(
        self,
        grid: AttendanceGridService,
        session: GridSession,
        reason: str,
        changed: SessionChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__(f"Reopen session {session.number}", on_error)
        self._grid = grid
        self._session_id = session.id
        self._reason = reason
        self._changed = changed

    def redo(self) -> None:
        """Unlock with the reason."""
        self._attempt(
            lambda: self._changed(self._grid.unlock_session(self._session_id, self._reason))
        )

    def undo(self) -> None:
        """Lock again."""
        self._attempt(lambda: self._changed(self._grid.lock_session(self._session_id)))


class SetScores(ServiceCommand):
    """Record a participant's test scores and satisfaction; undo puts the old ones back."""

    def __init__(
        self,
        attendance: AttendanceService,
        exercise_id: uuid.UUID,
        person_id: uuid.UUID,
        before: AssessmentDraft,
        after: AssessmentDraft,
        changed: ScoresChanged,
        on_error: ErrorShown,
    ) -> None:
        super().__init__("Change test scores", on_error)
        self._attendance = attendance
        self._exercise_id = exercise_id
        self._person_id = person_id
        self._before = before
        self._after = after
        self._changed = changed

    def redo(self) -> None:
        """Store the new scores."""
        self._attempt(lambda: self._store(self._after))

    def undo(self) -> None:
        """Store the previous scores."""
        self._attempt(lambda: self._store(self._before))

    def _store(self, draft: AssessmentDraft) -> None:
        self._attendance.set_assessment(self._exercise_id, self._person_id, draft)
        self._changed(self._person_id, draft)
