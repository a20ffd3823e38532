"""The benchmark scripts keep working (their figures are read by people, not asserted)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_people_screen_benchmark_runs(demo_template: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "people_screen.py"), "--db", str(copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "People screen on 80 people" in run.stdout
    assert "keystroke, median / worst" in run.stdout
    assert "keystroke sorted by name" in run.stdout


def test_the_mark_commit_benchmark_runs() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "mark_commit.py"), "--marks", "20"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "AttendanceGridService.set_marks" in run.stdout


def test_the_attendance_grid_benchmark_runs(demo_template: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    script = ROOT / "benchmarks" / "attendance_grid.py"
    run = subprocess.run(
        [
            sys.executable,
            str(script),
            "--db",
            str(copy),
            "--people",
            "12",
            "--sessions",
            "4",
            "--keys",
            "20",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Attendance grid: 12 participants x 4 sessions" in run.stdout
    assert "keystroke mark with commit" in run.stdout


def test_the_roster_benchmarks_run(demo_template: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    importing = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "roster_import.py"),
            "--db",
            str(copy),
            "--rows",
            "60",
            "--seed",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert importing.returncode == 0, importing.stderr
    assert "Roster import: 60 rows" in importing.stdout
    scoring = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "roster_duplicates.py"),
            "--rows",
            "200",
            "--people",
            "400",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert scoring.returncode == 0, scoring.stderr
