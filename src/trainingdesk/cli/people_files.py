"""`trainingdesk people import` and `people export`: rosters in, people and enrolments out."""

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from trainingdesk.importing.duplicates import PersonIdentity
from trainingdesk.importing.tables import read_table
from trainingdesk.reports.people_export import enrolments_csv_path, write_people
from trainingdesk.services.container import Services
from trainingdesk.services.roster_import import (
    Action,
    RosterPlan,
    RosterResult,
    decisions_for_all,
)

SUFFIXES = (".csv", ".xlsx")


def export(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """All live people and their enrolments, to `args.out` (.csv or .xlsx)."""
    people = services.people.find()
    enrolments = services.enrolments.export_rows()
    target = Path(args.out)
    try:
        write_people(people, enrolments, target)
    except ValueError as exc:
        print(f"trainingdesk: error: {exc}", file=sys.stderr)
        return 1
    if target.suffix.lower() == ".csv":
        where = f"{target} and {enrolments_csv_path(target)}"
    else:
        where = str(target)
    print(
        f"Wrote {len(people)} person(s) and {len(enrolments)} enrolment(s) to {where}.",
        file=out,
    )
    return 0


def output_file(text: str) -> Path:
    """An argparse type for `--out`: a .csv or .xlsx file in a folder that exists."""
    path = Path(text).expanduser()
    if path.suffix.lower() not in SUFFIXES:
        raise argparse.ArgumentTypeError(f"{text}: the file name must end in .csv or .xlsx")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: the folder {path.parent} does not exist")
    return path


def import_roster(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """A roster file: report new, matched and rejected rows; write all or nothing."""
    table = read_table(args.file, sheet=args.sheet)
    mapping = services.rosters.remembered_mapping(table.headers)
    plan = services.rosters.plan(table, mapping)
    exercise = services.exercises.by_code(args.exercise) if args.exercise else None
    names = {identity.key: identity for identity in services.rosters.identities()}
    report = _report(args.file.name, plan, names)
    refused = bool(plan.rejected) and not args.skip_invalid
    written: RosterResult | None = None
    if not refused and not args.dry_run:
        written = services.rosters.apply(
            plan,
            decisions_for_all(plan, Action(args.matches)),
            exercise_id=exercise.id if exercise else None,
            skip_invalid=args.skip_invalid,
        )
        services.rosters.remember_mapping(table.headers, mapping)
    if args.json:
        json.dump(_json_report(report, written, refused), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_report(report, written, refused, args, out)
    if refused:
        print(
            f"trainingdesk: error: {len(plan.rejected)} row(s) of {args.file.name} rejected; "
            "nothing was written (use --skip-invalid to import the others)",
            file=sys.stderr,
        )
        return 1
    return 0


@dataclass(frozen=True)
class _Report:
    file: str
    new: int
    matches: list[dict[str, Any]]
    rejected: list[dict[str, Any]]


def _report(file: str, plan: RosterPlan, people: dict[Any, PersonIdentity]) -> _Report:
    matched_rows = set(plan.rows_with_matches())
    drafts = {row.row: row.draft for row in plan.accepted}
    matches = []
    for match in plan.matches:
        draft = drafts[match.row]
        assert draft is not None
        target: dict[str, Any]
        if match.existing is not None:
            known = people[match.existing]
            target = {
                "person_id": str(match.existing),
                "name": f"{known.given_name} {known.family_name}".strip() or known.native_name,
                "id_number": known.service_number,
            }
        else:
            other = drafts[match.other_row] if match.other_row is not None else None
            target = {
                "row": match.other_row,
                "name": f"{other.given_name} {other.family_name}".strip() if other else "",
            }
        matches.append(
            {
                "row": match.row,
                "name": f"{draft.given_name} {draft.family_name}".strip() or draft.native_name,
                "matches": target,
                "score": round(match.score, 3),
                "reasons": list(match.reasons),
            }
        )
    rejected = [
        {
            "row": error.row,
            "column": error.column,
            "value": error.value,
            "reason": error.message,
        }
        for row in plan.rejected
        for error in row.errors
    ]
    new = sum(1 for row in plan.accepted if row.row not in matched_rows)
    return _Report(file, new, matches, rejected)


def _json_report(report: _Report, written: RosterResult | None, refused: bool) -> dict[str, Any]:
    return {
        "file": report.file,
        "new": report.new,
        "probable_duplicates": report.matches,
        "rejected": report.rejected,
        "written": None
        if written is None
        else {
            "created": len(written.created),
            "merged": len(written.merged),
            "skipped_rows": list(written.skipped),
            "enrolled": written.enrolled,
        },
        "refused": refused,
    }


def _print_report(
    report: _Report,
    written: RosterResult | None,
    refused: bool,
    args: argparse.Namespace,
    out: TextIO,
) -> None:
    duplicates = len({match["row"] for match in report.matches})
    rejected_rows = len({error["row"] for error in report.rejected})
    print(
        f"{report.file}: {report.new} new, {duplicates} probable duplicate(s), "
        f"{rejected_rows} rejected row(s)",
        file=out,
    )
    if report.matches:
        print("Probable duplicates:", file=out)
        for match in report.matches:
            target = match["matches"]
            shown = (
                f"row {target['row']} of this file ({target['name']})"
                if "row" in target
                else f"{target['name']}"
                + (f" [{target['id_number']}]" if target["id_number"] else "")
            )
            print(
                f"  row {match['row']}: {match['name']} ~ {shown}, score {match['score']:.2f}"
                + (f" ({'; '.join(match['reasons'])})" if match["reasons"] else ""),
                file=out,
            )
    if report.rejected:
        print("Rejected rows:", file=out)
        for error in report.rejected:
            print(
                f"  row {error['row']}, {error['column']}: “{error['value']}”: {error['reason']}",
                file=out,
            )
    if written is not None:
        print(
            f"Written: {len(written.created)} new, {len(written.merged)} merged into known "
            f"people, {len(written.skipped)} probable duplicate(s) skipped"
            + (f", {written.enrolled} enrolled in {args.exercise}" if args.exercise else "")
            + ".",
            file=out,
        )
    elif args.dry_run and not refused:
        print("Dry run: nothing was written.", file=out)
