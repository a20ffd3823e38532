"""The benchmark scripts keep working (their figures are read by people, not asserted)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a benchmark script offscreen; it must end well."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run


def demo_copy(demo_template: Path, tmp_path: Path) -> str:
    """A copy of the small demo database for a script to change."""
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    return str(copy)


def test_the_people_screen_benchmark_runs(demo_template: Path, tmp_path: Path) -> None:
    run = run_benchmark("people_screen.py", "--db", demo_copy(demo_template, tmp_path))
    assert "People screen on 80 people" in run.stdout
    assert "keystroke, median / worst" in run.stdout
    assert "keystroke sorted by name" in run.stdout


def test_the_mark_commit_benchmark_runs() -> None:
    run = run_benchmark("mark_commit.py", "--marks", "20")
    assert "AttendanceGridService.set_marks" in run.stdout


def test_the_attendance_grid_benchmark_runs(demo_template: Path, tmp_path: Path) -> None:
    run = run_benchmark(
        "attendance_grid.py",
        *("--db", demo_copy(demo_template, tmp_path)),
        *("--people", "12", "--sessions", "4", "--keys", "20"),
    )
    assert "Attendance grid: 12 participants x 4 sessions" in run.stdout
    assert "keystroke mark with commit" in run.stdout


def test_the_roster_benchmarks_run(demo_template: Path, tmp_path: Path) -> None:
    importing = run_benchmark(
        "roster_import.py",
        *("--db", demo_copy(demo_template, tmp_path), "--rows", "60", "--seed", "4"),
    )
    assert "Roster import: 60 rows" in importing.stdout
    run_benchmark("roster_duplicates.py", "--rows", "200", "--people", "400")


def test_the_certificate_benchmark_runs_with_weasyprint_beside_it() -> None:
    lines = run_benchmark("certificates.py", "--count", "4").stdout.splitlines()
    assert lines[0] == "4 certificates"
    assert lines[1].split() == ["product", "baseline", "ratio", "WeasyPrint", "ratio"]
    rows = {line[:20].strip(): line[20:].split() for line in lines[2:4]}
    assert list(rows) == ["one PDF", "one PDF per person"]
    for figures in rows.values():
        assert len(figures) == 6, "WeasyPrint is installed by the test command and measured"
