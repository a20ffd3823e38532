"""`trainingdesk attendance …`: sign-in sheets, marks imported from a file, the grid to XLSX."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from trainingdesk.importing.marks import plan_mark_import, write_error_report
from trainingdesk.importing.tables import read_table
from trainingdesk.reports.attendance_xlsx import write_attendance_xlsx
from trainingdesk.reports.signin_sheet import write_sign_in_sheet
from trainingdesk.services.container import Services

SHOWN_ERRORS = 50


def sheet(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """A printable sign-in sheet of session N (1-based)."""
    exercise = services.exercises.by_code(args.exercise)
    sign_in = services.grid.sign_in_sheet(exercise.id, args.session)
    write_sign_in_sheet(sign_in, args.out)
    print(
        f"Wrote {args.out}: sign-in sheet of {exercise.code} session {args.session} "
        f"({sign_in.session.day.isoformat()}), {len(sign_in.participants)} participant(s).",
        file=out,
    )
    return 0


def import_marks(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Marks from CSV/XLSX: all of them or, if any row is wrong, none."""
    exercise = services.exercises.by_code(args.exercise)
    plan = plan_mark_import(read_table(args.file), services.grid.grid(exercise.id))
    if not plan.ok:
        for error in plan.errors[:SHOWN_ERRORS]:
            where = f"row {error.row}" + (f", {error.column}" if error.column else "")
            value = f" (“{error.value}”)" if error.value else ""
            print(f"{args.file.name}: {where}: {error.message}{value}", file=sys.stderr)
        if len(plan.errors) > SHOWN_ERRORS:
            print(f"… and {len(plan.errors) - SHOWN_ERRORS} more problem(s)", file=sys.stderr)
        if args.errors is not None:
            write_error_report(plan, args.errors)
            print(f"The problems are listed in {args.errors}", file=sys.stderr)
        print(
            f"trainingdesk: error: {len(plan.errors)} problem(s) in {args.file.name}; "
            "no mark was changed",
            file=sys.stderr,
        )
        return 1
    services.grid.set_marks(list(plan.changes))
    print(
        f"Imported {len(plan.changes)} mark(s) into {exercise.code}; "
        f"{plan.unchanged} were already as in the file.",
        file=out,
    )
    return 0


def export(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """The attendance grid as an XLSX workbook."""
    exercise = services.exercises.by_code(args.exercise)
    write_attendance_xlsx(services.grid.grid(exercise.id), args.out)
    print(f"Wrote {args.out}: attendance of {exercise.code}.", file=out)
    return 0


def file_argument(text: str) -> Path:
    """An existing file to read."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path


def output_argument(suffix: str) -> Callable[[str], Path]:
    """A file to write with the given suffix, in a folder that exists."""

    def parse(text: str) -> Path:
        path = Path(text).expanduser()
        if path.suffix.lower() != suffix:
            raise argparse.ArgumentTypeError(f"{text}: the file name must end in {suffix}")
        if not path.parent.is_dir():
            raise argparse.ArgumentTypeError(f"{text}: the folder {path.parent} does not exist")
        return path

    return parse
