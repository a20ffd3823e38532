"""`trainingdesk report donor`: the donor summary of a period as a PDF, and as a workbook."""

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from reportlab.lib.pagesizes import A4, LETTER

from trainingdesk.domain.donor import DEFAULT_MIN_CELL, ReportScope
from trainingdesk.domain.enums import ExerciseType, KeyArea
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.periods import Period, parse_period
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.reports.donor_xlsx import write_donor_workbook
from trainingdesk.reports.replacing import replacing
from trainingdesk.services.container import Services

PAPER = {"a4": A4, "letter": LETTER}


def add_arguments(
    parser: argparse.ArgumentParser, output: Callable[[str], Callable[[str], Path]]
) -> None:
    """The options of `report donor`; `output(suffix)` checks a file to write."""
    parser.add_argument("--from", dest="start", type=day_argument, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=day_argument, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--period",
        type=period_argument,
        metavar="NAME",
        help='instead of --from and --to: "FY 2025-26" (April to March), "2025", '
        '"2025 Q2", "2025 H1", "FY 2025-26 Q1"',
    )
    parser.add_argument("--out", required=True, type=output(".pdf"), metavar="FILE.pdf")
    parser.add_argument(
        "--xlsx", type=output(".xlsx"), metavar="FILE.xlsx", help="also the figures as a workbook"
    )
    parser.add_argument("--project", metavar="CODE", help="only this project's exercises")
    parser.add_argument("--key-area", choices=[area.value for area in KeyArea])
    parser.add_argument("--site", metavar="CODE", help="only exercises at this site")
    parser.add_argument("--type", dest="kind", choices=[kind.value for kind in ExerciseType])
    parser.add_argument(
        "--min-cell",
        type=_count,
        default=DEFAULT_MIN_CELL,
        metavar="N",
        help=f"counts of people below N are hidden (default {DEFAULT_MIN_CELL}; 0 hides "
        "nothing, for internal use only)",
    )
    parser.add_argument("--paper", choices=sorted(PAPER), default="a4")


def donor(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Count, suppress, and write the PDF (and the workbook)."""
    period = _period(args)
    scope = ReportScope(
        start=period.start,
        end=period.end,
        project_code=args.project,
        key_area=KeyArea(args.key_area) if args.key_area else None,
        site_code=args.site,
        exercise_type=ExerciseType(args.kind) if args.kind else None,
        min_cell=args.min_cell,
    )
    report = services.donor.build(scope)
    logos = services.certificates.settings().logos
    with replacing(args.out) as partial:
        write_donor_summary(report, partial, page_size=PAPER[args.paper], logos=logos)
    written = [str(args.out)]
    if args.xlsx is not None:
        with replacing(args.xlsx) as partial:
            write_donor_workbook(report, partial)
        written.append(str(args.xlsx))
    people = next((h.value for h in report.headlines if h.label == "People trained"), 0)
    figure = f"{people:,}" if isinstance(people, int) else str(people)
    name = f"{period.label} " if period.label else ""
    print(
        f"Donor report {name}({scope.start.isoformat()} to {scope.end.isoformat()}): "
        f"{len(report.exercises)} exercise(s), {figure} people trained; "
        f"wrote {' and '.join(written)}.",
        file=out,
    )
    return 0


def day_argument(text: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def period_argument(text: str) -> Period:
    """A named period: FY 2025-26, 2025, 2025 Q2..."""
    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1,000")
    return value


class PeriodError(TrainingDeskError):
    """The period was given twice, or not at all."""


def _period(args: argparse.Namespace) -> Period:
    if args.period is not None:
        if args.start is not None or args.end is not None:
            raise PeriodError("give either --period or --from and --to, not both")
        period: Period = args.period
        return period
    if args.start is None or args.end is None:
        raise PeriodError("give --from and --to (or --period)")
    if args.end < args.start:
        raise PeriodError(f"--to {args.end.isoformat()} is before --from {args.start.isoformat()}")
    return Period(args.start, args.end, "")
