"""Time `trainingdesk demo` and compare it with the issue's target of one minute.

Usage: .venv/bin/python benchmarks/demo_generation.py [--people 20000] [--runs 1]

Prints rows written, wall time, rows per second, and the per-row cost beside SQLite's own
executemany into an equivalent, unindexed table measured in the same run (the baseline:
what a bulk insert cannot beat on this machine).
"""

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

TARGET_SECONDS = 60.0


def demo_run(people: int, folder: Path, run: int) -> tuple[float, int]:
    """Seconds for one `trainingdesk demo` process, and attendance marks written."""
    path = folder / f"demo-{run}.sqlite"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "trainingdesk", "--db", str(path), "demo", "--people", str(people)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    with sqlite3.connect(path) as connection:
        marks = connection.execute("SELECT count(*) FROM attendance_mark").fetchone()[0]
    connection.close()
    return seconds, int(marks)


def raw_sqlite_rows_per_second(folder: Path, rows: int = 500_000) -> float:
    """SQLite's executemany of mark-shaped rows with no index and no foreign key."""
    connection = sqlite3.connect(folder / "baseline.sqlite")
    connection.execute(
        "CREATE TABLE mark (id TEXT, session_id TEXT, person_id TEXT, status TEXT, remark TEXT,"
        " marked_by TEXT, created_at TEXT, updated_at TEXT, changed_by TEXT, deleted_at TEXT)"
    )
    session, person, now = uuid.uuid4().hex, uuid.uuid4().hex, "2026-11-27 10:00:00.000000"
    data = [
        (f"{n:032x}", session, person, "P", "", "demo", now, now, None, None) for n in range(rows)
    ]
    started = time.perf_counter()
    connection.executemany("INSERT INTO mark VALUES (?,?,?,?,?,?,?,?,?,?)", data)
    connection.commit()
    seconds = time.perf_counter() - started
    connection.close()
    return rows / seconds


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        baseline = raw_sqlite_rows_per_second(Path(folder))
        runs = [demo_run(args.people, Path(folder), n) for n in range(args.runs)]
    seconds = statistics.median(s for s, _ in runs)
    marks = runs[0][1]
    print(f"demo --people {args.people}: {marks:,} attendance marks")
    print(
        f"  wall time (median of {args.runs}): {seconds:6.1f} s   target: < {TARGET_SECONDS:.0f} s"
    )
    print(f"  marks per second:              {marks / seconds:10,.0f}")
    print(f"  baseline, raw SQLite executemany without indexes: {baseline:10,.0f} rows/s")
    print(f"  demo / baseline time per mark: {baseline / (marks / seconds):.1f}x")


if __name__ == "__main__":
    main()
