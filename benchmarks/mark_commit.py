"""Time one attendance mark through the service, against a bare SQLite upsert.

Usage: .venv/bin/python benchmarks/mark_commit.py [--marks 300]

Each mark goes through AttendanceGridService.set_marks, as the attendance grid will use it:
its own transaction, checks (session open, person enrolled), the audit entry, and a
commit with synchronous=FULL. The baseline is a one-row upsert in its own transaction on
the same kind of file with the same pragmas, measured in the same run.
"""

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from trainingdesk.domain.enums import AttendanceStatus, Role
from trainingdesk.domain.records import MarkChange
from trainingdesk.services.container import open_services


def service_marks(folder: Path, count: int) -> list[float]:
    """Milliseconds per `set_marks` of one mark on a small demo database."""
    services = open_services(str(folder / "demo.sqlite"))
    services.demo.generate(people=60, seed=1)
    exercise = next(e for e in services.exercises.find() if e.participants and e.sessions)
    sessions = services.exercises.sessions(exercise.id)
    people = [
        e.person_id
        for e in services.enrolments.for_exercise(exercise.id)
        if e.role is Role.PARTICIPANT
    ]
    cells = [(s.id, p) for s in sessions for p in people]
    statuses = list(AttendanceStatus)
    timings = []
    for n in range(count):
        session_id, person_id = cells[n % len(cells)]
        started = time.perf_counter()
        services.grid.set_marks([MarkChange(session_id, person_id, statuses[n % len(statuses)])])
        timings.append((time.perf_counter() - started) * 1000)
    services.close()
    return timings


def baseline_marks(folder: Path, count: int) -> list[float]:
    """Milliseconds per bare one-row upsert in its own transaction."""
    connection = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute(
        "CREATE TABLE mark (session_id TEXT, person_id TEXT, status TEXT,"
        " PRIMARY KEY (session_id, person_id))"
    )
    timings = []
    for n in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO mark VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET status = excluded.status",
            (f"s{n % 10}", f"p{n % 30}", "PLEA"[n % 4]),
        )
        connection.execute("COMMIT")
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def main() -> None:
    """Run both and print medians and 95th percentiles."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--marks", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        service = service_marks(Path(folder), args.marks)
        baseline = baseline_marks(Path(folder), args.marks)
    for label, timings in (("AttendanceGridService.set_marks", service), ("bare upsert", baseline)):
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{label:28} median {statistics.median(timings):6.2f} ms   p95 {p95:6.2f} ms")
    ratio = statistics.median(service) / statistics.median(baseline)
    print(f"service / baseline (median): {ratio:.1f}x; a keystroke budget is ~50 ms")


if __name__ == "__main__":
    main()
