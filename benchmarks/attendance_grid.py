"""Time the attendance grid on a large database, driving the real widgets offscreen.

Usage: .venv/bin/python benchmarks/attendance_grid.py --db PATH [--people 300 --sessions 30]
(make PATH first with: .venv/bin/trainingdesk --db PATH demo --people 20000)

The script adds one exercise (code BENCH-…) with N participants and M daily sessions to
the database, half marked, then opens its grid and types marks as a coordinator does.

Targets from the issue: the grid opens in under 200 ms; a keystroke mark, commit
included, takes under 10 ms median; the attendance shares update without a pause (they
are recomputed inside the keystroke, so the keystroke time includes them). Baseline in
the same run: the service call alone (one transaction, synchronous=FULL), with no Qt.
"""

import argparse
import os
import statistics
import time
import uuid
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trainingdesk.domain.enums import AttendanceStatus, ExerciseType, KeyArea, Role
from trainingdesk.domain.records import ExerciseDraft, MarkChange
from trainingdesk.services.container import Services, open_services
from trainingdesk.ui.commands import Editing
from trainingdesk.ui.views.attendance import AttendanceView


def plan(services: Services, people: int, sessions: int) -> uuid.UUID:
    """An exercise of `people` x `sessions`, every other cell marked present."""
    start = date(2030, 1, 1)
    exercise = services.exercises.create(
        ExerciseDraft(
            code=f"BENCH-{uuid.uuid4().hex[:8].upper()}",
            title="Benchmark exercise",
            type=ExerciseType.COURSE,
            key_area=KeyArea.HARMONISATION,
            start_date=start,
            end_date=start + timedelta(days=sessions - 1),
        )
    )
    session_ids = [s.id for s in services.exercises.generate_daily_sessions(exercise.id)]
    person_ids = [p.id for p in services.people.table_rows()[:people]]
    services.enrolments.enrol(exercise.id, person_ids, Role.PARTICIPANT)
    services.grid.set_marks(
        [
            MarkChange(session_id, person_id, AttendanceStatus.PRESENT)
            for n, session_id in enumerate(session_ids)
            for m, person_id in enumerate(person_ids)
            if (n + m) % 2 == 0
        ]
    )
    return exercise.id


def main() -> None:
    """Open, type, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    application = QApplication([])
    services = open_services(args.db, must_exist=True)
    exercise_id = plan(services, args.people, args.sessions)

    view = AttendanceView(services, Editing(QUndoStack(), print))
    view.resize(1400, 800)
    view.show()
    application.processEvents()
    opening = []
    for _ in range(5):
        started = time.perf_counter()
        view.open_exercise(exercise_id)
        application.processEvents()
        opening.append((time.perf_counter() - started) * 1000)

    model = view.model
    keystrokes = []
    letters = "plea"
    # As from a paper sheet: down one session's column, the grid moving the cursor itself
    # (and scrolling), then the top of the next column.
    for typed in range(args.keys):
        row = typed % model.participant_count()
        if row == 0:
            column = model.session_column((typed // model.participant_count()) % args.sessions)
            view.table.setCurrentIndex(model.index(0, column))
            application.processEvents()
        started = time.perf_counter()
        QTest.keyClicks(view.table, letters[typed % 4])
        application.processEvents()
        keystrokes.append((time.perf_counter() - started) * 1000)

    grid = model.grid
    assert grid is not None
    service_only = []
    for typed in range(args.keys):
        participant = grid.participants[typed % len(grid.participants)]
        session = grid.sessions[typed % len(grid.sessions)]
        started = time.perf_counter()
        services.grid.set_marks(
            [MarkChange(session.id, participant.person_id, AttendanceStatus.LATE)]
        )
        service_only.append((time.perf_counter() - started) * 1000)

    cells = len(grid.participants) * len(grid.sessions)
    everyone = len(services.people.table_rows())
    print(
        f"Attendance grid: {len(grid.participants)} participants x {len(grid.sessions)} "
        f"sessions ({cells:,} cells) in a database of {everyone:,} people"
    )
    print(
        f"  open (query + model + first paint), median / worst of 5: "
        f"{statistics.median(opening):6.1f} / {max(opening):.1f} ms   target < 200 ms"
    )
    print(
        f"  keystroke mark with commit, median / p95 / worst:   "
        f"{statistics.median(keystrokes):6.2f} / "
        f"{statistics.quantiles(keystrokes, n=20)[18]:.2f} / {max(keystrokes):.2f} ms   "
        "target < 10 ms median"
    )
    print(
        f"  baseline: the service call alone, median:            "
        f"{statistics.median(service_only):6.2f} ms"
    )
    services.close()


if __name__ == "__main__":
    main()
