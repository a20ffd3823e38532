"""Time the donor report of a full year on a large database: counting, PDF and workbook.

Usage: .venv/bin/python benchmarks/donor_report.py --db PATH [--period "FY 2012-13"]
(make PATH first with: .venv/bin/trainingdesk --db PATH demo --people 20000)

Target from the issue: the PDF of a full year is ready in under 2 s, counting included.
Baseline, in the same run on the same database: the plain GROUP BY over the marks table
that FACTS.md measured (distinct attendees by year x country x sex).

The report reads each participant's marks already summed in `attendance_tally`, recounting
only the exercises whose marks changed since (migration 0006). So the script times three
cases: nothing changed; one session's marks changed (a day of marking); every session of
the period changed (the first report after the upgrade, or after a bulk import). The marks
are "changed" by writing the same values again, which the triggers notice; the figures do
not change. It ends with the query plans of the pass over the participants and of the
recount, as SQLite runs them.
"""

import argparse
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, text

from trainingdesk.domain.donor import ReportScope
from trainingdesk.domain.periods import parse_period
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.reports.donor_xlsx import write_donor_workbook
from trainingdesk.services.container import open_services

BASELINE = """
SELECT strftime('%Y', s.day), p.country, p.sex, COUNT(DISTINCT m.person_id)
FROM attendance_mark m
JOIN training_session s ON s.id = m.session_id
JOIN person p ON p.id = m.person_id
WHERE m.status IN ('P', 'L')
GROUP BY 1, 2, 3
"""


def timed(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median seconds of `runs` runs, and what the last one returned."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def timed_after(prepare: Callable[[], Any], work: Callable[[], Any], runs: int) -> float:
    """Median seconds of `runs` runs of `work`, each after an untimed `prepare`."""
    times = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_ONE_SESSION = (
    "UPDATE attendance_mark SET status = status WHERE session_id = (SELECT id FROM "
    "training_session WHERE day BETWEEN :start AND :end ORDER BY day LIMIT 1)"
)
_EVERY_SESSION = "UPDATE training_session SET day = day WHERE day BETWEEN :start AND :end"


def time_recounts(
    services: Any, scope: ReportScope, runs: int
) -> tuple[float, float, tuple[str, Any] | None]:
    """Counting after one session's marks changed, after every session of the period
    changed, and the recount statement as the driver ran it."""
    engine = services.database.engine

    def touch(statement: str) -> Callable[[], None]:
        def run() -> None:
            with engine.begin() as connection:
                connection.execute(text(statement), {"start": scope.start, "end": scope.end})

        return run

    def build() -> None:
        services.donor.build(scope)

    one_session = timed_after(touch(_ONE_SESSION), build, runs)
    every_session = timed_after(touch(_EVERY_SESSION), build, runs)
    recounting: list[tuple[str, Any]] = []

    def recounted(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if statement.startswith("INSERT INTO attendance_tally "):
            recounting.append((statement, parameters))

    touch(_EVERY_SESSION)()
    event.listen(engine, "before_cursor_execute", recounted)
    build()
    event.remove(engine, "before_cursor_execute", recounted)
    return one_session, every_session, (recounting[0] if recounting else None)


def main() -> None:
    """Count, write, and print the figures beside the baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--period", default="FY 2012-13")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    period = parse_period(args.period)
    services = open_services(args.db, must_exist=True)
    engine = services.database.engine
    statements: list[tuple[float, str, Any]] = []

    def started(conn: Any, _cursor: Any, *_args: Any) -> None:
        conn.info["started"] = time.perf_counter()

    def finished(conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        statements.append((time.perf_counter() - conn.info["started"], statement, parameters))

    scope = ReportScope(period.start, period.end)
    services.donor.build(scope)  # warm the cache, as a coordinator's second click would
    event.listen(engine, "before_cursor_execute", started)
    event.listen(engine, "after_cursor_execute", finished)

    def build_once() -> Any:
        statements.clear()  # keep the statements of the last run only
        return services.donor.build(scope)

    build, report = timed(build_once, args.runs)
    event.remove(engine, "before_cursor_execute", started)
    event.remove(engine, "after_cursor_execute", finished)
    one_session, every_session, recounting = time_recounts(services, scope, args.runs)
    pdf, _ = timed(lambda: write_donor_summary(report, io.BytesIO()), args.runs)
    xlsx, _ = timed(lambda: write_donor_workbook(report, io.BytesIO()), args.runs)
    with engine.connect() as connection:
        baseline, _ = timed(lambda: connection.execute(text(BASELINE)).all(), 1)
        marks = connection.execute(text("SELECT COUNT(*) FROM attendance_mark")).scalar_one()
        slowest = max(statements, key=lambda item: item[0])
        # The pass over the marks, the heaviest on a large database (not always on a small).
        tally = next(item for item in statements if "INSERT INTO donor_participation" in item[1])
        plan = _plan(connection, tally[1], tally[2])
        recount = _plan(connection, *recounting) if recounting else []

    people = next(h.value for h in report.headlines if h.label == "People trained")
    print(
        f"Donor report {period.label} on {marks:,} marks: {len(report.exercises):,} exercises, "
        f"{people:,} people trained"
        if isinstance(people, int)
        else f"Donor report {period.label} on {marks:,} marks"
    )
    print(f"  count, suppress, lay out (median of {args.runs}): {build * 1000:7.0f} ms")
    print(f"  PDF (median of {args.runs}):                      {pdf * 1000:7.0f} ms")
    print(
        f"  report ready, counting + PDF:                 {(build + pdf) * 1000:7.0f} ms"
        "   target < 2000 ms"
    )
    print(f"  counting after one session's marks changed:   {one_session * 1000:7.0f} ms")
    print(f"  counting after every session changed:         {every_session * 1000:7.0f} ms")
    print(f"  XLSX workbook (median of {args.runs}):            {xlsx * 1000:7.0f} ms")
    print(f"  baseline: plain GROUP BY over every mark:     {baseline * 1000:7.0f} ms")
    print(
        f"  slowest statement of the last run:            {slowest[0] * 1000:7.0f} ms"
        f"   ({len(statements)} statements)"
    )
    print(f"\nThe pass over the participants and their tallies ({tally[0] * 1000:.0f} ms):")
    for line in plan:
        print(f"  {line}")
    print("\nThe recount of a changed exercise's tallies:")
    for line in recount:
        print(f"  {line}")
    services.close()


def _plan(connection: Any, statement: str, parameters: Any) -> list[str]:
    """EXPLAIN QUERY PLAN of a statement as the driver ran it (its temporary table made)."""
    raw = connection.connection.dbapi_connection
    if "donor_participation" in statement:
        raw.execute(
            "CREATE TEMP TABLE IF NOT EXISTS donor_participation (exercise_id, person_id, "
            "country, sex, agency_id, trained, completed, days, pre_test, post_test, "
            "satisfaction, pass_mark)"
        )
    rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    depth = {0: 0}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, 0) + 1
        lines.append("  " * (depth[node] - 1) + detail)
    return lines


if __name__ == "__main__":
    main()
