"""A coordinator typing marks without end, until the test kills the process (SIGKILL).

Run as `python -m tests.gui.typing_child DB EXERCISE_ID`. After each key has been handled,
the cell it changed is printed: from then on the grid shows that mark.
"""

import os
import sys
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import TEST_ACTOR
from trainingdesk.services.container import open_services
from trainingdesk.ui.commands import Editing
from trainingdesk.ui.views.attendance import AttendanceView


def main() -> None:
    """Type P, L, E, A down each session's column, round and round."""
    location, exercise_id = sys.argv[1], uuid.UUID(sys.argv[2])
    application = QApplication([])
    services = open_services(location, must_exist=True, actor=TEST_ACTOR)
    view = AttendanceView(services, Editing(QUndoStack(), print))
    view.reload()
    view.open_exercise(exercise_id)
    view.show()
    model = view.model
    letters = "plea"
    for typed in range(10**9):
        row = typed % model.participant_count()
        column = model.session_column(
            (typed // model.participant_count()) % len(model.grid.sessions)
        )  # type: ignore[union-attr]
        view.table.setCurrentIndex(model.index(row, column))
        QTest.keyClicks(view.table, letters[typed % len(letters)])
        application.processEvents()
        cell = model.cell(model.index(row, column))
        assert cell is not None
        session, participant = cell
        shown = model.mark(session.id, participant.person_id)
        assert shown is not None
        print(session.id, participant.person_id, shown.status.value, flush=True)


if __name__ == "__main__":
    main()
