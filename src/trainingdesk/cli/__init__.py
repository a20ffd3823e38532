"""Command line: the same services as the GUI, for batches and scripts. No Qt here."""

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

from trainingdesk import __version__
from trainingdesk.cli import attendance as attendance_commands
from trainingdesk.cli import certificates as certificate_commands
from trainingdesk.cli import curricula as curriculum_commands
from trainingdesk.cli import people_files
from trainingdesk.cli import report as report_commands
from trainingdesk.domain.calendars import format_solar_hijri_numeric
from trainingdesk.domain.enums import (
    CertificateStatus,
    Country,
    EnrolmentStatus,
    ExerciseStatus,
    KeyArea,
    Role,
    Sex,
)
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import ExerciseRecord, PersonRecord
from trainingdesk.services.container import Services, open_services
from trainingdesk.services.demo import DEFAULT_PEOPLE, MAX_DEMO_PEOPLE, MIN_DEMO_PEOPLE
from trainingdesk.services.roster_import import Action
from trainingdesk.storage.backup import DEFAULT_KEEP
from trainingdesk.storage.database import DB_ENV_VAR
from trainingdesk.storage.errors import StorageError

EXIT_OK = 0
EXIT_ERROR = 1


class UsageError(Exception):
    """A bad command line; argparse's usage dump is replaced by one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


@dataclass(frozen=True)
class Command:
    """A parsed command: the handler and whether it needs an existing database."""

    run: Callable[[Services, argparse.Namespace, TextIO], int]
    creates_database: bool = False


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    parser = _Parser(
        prog="trainingdesk",
        description="Training coordination for the Afghanistan–Pakistan border-cooperation "
        "programme. Without a command, opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=_location,
        metavar="PATH_OR_URL",
        help=f"SQLite file or SQLAlchemy URL (default: ${DB_ENV_VAR}, else the per-user data "
        "folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill a new database with synthetic demo data")
    demo.add_argument(
        "--people",
        type=_whole(MIN_DEMO_PEOPLE, MAX_DEMO_PEOPLE),
        default=DEFAULT_PEOPLE,
        metavar="N",
    )
    demo.add_argument("--seed", type=_whole(0, 2**32), default=2011, metavar="N")
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the database already holds data",
    )
    demo.set_defaults(handler=Command(_demo, creates_database=True))

    info = commands.add_parser("info", help="schema version, location and rows per table")
    info.add_argument("--json", action="store_true", help="machine-readable output")
    info.set_defaults(handler=Command(_info))

    backup = commands.add_parser("backup", help="a checked copy of the database, rotated")
    backup.add_argument(
        "--to", type=Path, metavar="FOLDER", help="where to put it (default: backups/ beside it)"
    )
    backup.add_argument("--keep", type=_whole(1, 1000), default=DEFAULT_KEEP, metavar="N")
    backup.set_defaults(handler=Command(_backup))

    exercises = commands.add_parser("exercises", help="exercises").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = exercises.add_parser("list", help="list exercises, newest first")
    listing.add_argument("--year", type=_whole(1990, 2100))
    listing.add_argument("--site", metavar="CODE", help="site code, e.g. TKM-AF")
    listing.add_argument("--key-area", choices=[area.value for area in KeyArea])
    listing.add_argument("--status", choices=[status.value for status in ExerciseStatus])
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=Command(_exercises_list))

    show = exercises.add_parser("show", help="one exercise: sessions, enrolment, completion")
    show.add_argument("code", help="exercise code, e.g. JTX-2012-03")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=Command(_exercises_show))

    people = commands.add_parser("people", help="people").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = people.add_parser("list", help="list people by family name")
    listing.add_argument("--search", default="", metavar="TEXT", help="name, father or ID number")
    listing.add_argument(
        "--country", choices=[c.value for c in Country], help="AF, PK, or XX for any other"
    )
    listing.add_argument("--sex", choices=[s.value for s in Sex])
    listing.add_argument("--agency", metavar="ACRONYM")
    listing.add_argument("--limit", type=_whole(1, 1_000_000), metavar="N")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=Command(_people_list))
    _add_people_file_commands(people)

    _add_attendance_commands(commands)
    _add_certificate_commands(commands)
    curricula = commands.add_parser(
        "curricula", help="national and joint curricula, the crosswalk, curriculum files"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    curriculum_commands.add_commands(curricula, Command)
    reports = commands.add_parser("report", help="reports for donors").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    donor = reports.add_parser(
        "donor", help="the donor summary of a period: a PDF (and a workbook), no names"
    )
    report_commands.add_arguments(donor, attendance_commands.output_argument)
    donor.set_defaults(handler=Command(report_commands.donor))
    return parser


def _add_certificate_commands(commands: "argparse._SubParsersAction[_Parser]") -> None:
    certificates = commands.add_parser(
        "certificates", help="the certificate register and offline checks"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    issuing = certificates.add_parser(
        "issue", help="certificates for everyone eligible in an exercise, as a PDF to print"
    )
    issuing.add_argument("--exercise", required=True, metavar="CODE", help="exercise code")
    issuing.add_argument(
        "--out", required=True, type=attendance_commands.output_argument(".pdf"), metavar="FILE"
    )
    issuing.add_argument(
        "--per-person",
        type=Path,
        metavar="DIR|FILE.zip",
        help="also one PDF per person, in this folder or in this ZIP archive",
    )
    issuing.set_defaults(handler=Command(certificate_commands.issue))
    listing = certificates.add_parser("list", help="every certificate, newest first")
    listing.add_argument("--exercise", metavar="CODE", help="only this exercise's")
    listing.add_argument("--status", choices=[s.value for s in CertificateStatus])
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=Command(certificate_commands.listing))
    revoke = certificates.add_parser("revoke", help="withdraw a certificate, with a reason")
    revoke.add_argument("serial", metavar="SERIAL", help="e.g. APCP-2013-000123")
    revoke.add_argument("--reason", required=True, metavar="TEXT")
    revoke.set_defaults(handler=Command(certificate_commands.revoke))
    verify = certificates.add_parser(
        "verify", help="is a certificate genuine? (the QR code's text, the short code or a serial)"
    )
    verify.add_argument("code", metavar="CODE")
    verify.set_defaults(handler=Command(certificate_commands.verify))
    key = certificates.add_parser("public-key", help="this laptop's public signing key (PEM)")
    key.set_defaults(handler=Command(certificate_commands.public_key))


def _add_people_file_commands(people: "argparse._SubParsersAction[_Parser]") -> None:
    importing = people.add_parser(
        "import", help="a roster (CSV/XLSX): new people, probable duplicates, rejected rows"
    )
    importing.add_argument("file", type=attendance_commands.file_argument, metavar="FILE")
    importing.add_argument("--exercise", metavar="CODE", help="also enrol everyone imported")
    importing.add_argument("--sheet", metavar="NAME", help="the workbook's sheet to read")
    importing.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    importing.add_argument(
        "--skip-invalid", action="store_true", help="import the good rows even if some are not"
    )
    importing.add_argument(
        "--matches",
        choices=[action.value for action in Action],
        default=Action.SKIP.value,
        help="probable duplicates: skip them (default), merge them into the person matched, "
        "or add them as new people",
    )
    importing.add_argument("--json", action="store_true", help="machine-readable report")
    importing.set_defaults(handler=Command(people_files.import_roster))
    export = people.add_parser(
        "export", help="people and their enrolments to CSV (two files) or XLSX (two sheets)"
    )
    export.add_argument("--out", required=True, type=people_files.output_file, metavar="FILE")
    export.set_defaults(handler=Command(people_files.export))


def _add_attendance_commands(commands: "argparse._SubParsersAction[_Parser]") -> None:
    attendance = commands.add_parser(
        "attendance", help="sign-in sheets, marks from CSV/XLSX, the grid to XLSX"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    sheet = attendance.add_parser("sheet", help="a printable PDF sign-in sheet of one session")
    sheet.add_argument("--exercise", required=True, metavar="CODE", help="exercise code")
    sheet.add_argument(
        "--session", required=True, type=_whole(1, 10_000), metavar="N", help="1 = the first"
    )
    sheet.add_argument(
        "--out", required=True, type=attendance_commands.output_argument(".pdf"), metavar="FILE"
    )
    sheet.set_defaults(handler=Command(attendance_commands.sheet))
    importing = attendance.add_parser(
        "import", help="marks from a CSV/XLSX file: one row per person, one column per session"
    )
    importing.add_argument("file", type=attendance_commands.file_argument, metavar="FILE")
    importing.add_argument("--exercise", required=True, metavar="CODE", help="exercise code")
    importing.add_argument(
        "--errors",
        type=attendance_commands.output_argument(".csv"),
        metavar="FILE",
        help="write the problems found to this CSV (for whoever sent the file)",
    )
    importing.set_defaults(handler=Command(attendance_commands.import_marks))
    export = attendance.add_parser("export", help="the attendance grid as an XLSX workbook")
    export.add_argument("--exercise", required=True, metavar="CODE", help="exercise code")
    export.add_argument(
        "--out", required=True, type=attendance_commands.output_argument(".xlsx"), metavar="FILE"
    )
    export.set_defaults(handler=Command(attendance_commands.export))


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    gui: Callable[[str | None], int] | None = None,
) -> int:
    """Run one command; expected failures print one line on stderr and return 1.

    Without a command, `gui` (the desktop program) runs on `--db` if given, else the help
    is printed.
    """
    out = stdout or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc))
    command: Command | None = getattr(args, "handler", None)
    if command is None:
        if gui is not None:
            return gui(args.db)
        parser.print_help(out)
        return EXIT_OK
    services: Services | None = None
    try:
        services = open_services(args.db, must_exist=not command.creates_database)
        return command.run(services, args, out)
    except (TrainingDeskError, StorageError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was changed by the unfinished command")
    finally:
        if services is not None:
            services.close()


def _fail(message: str) -> int:
    print(f"trainingdesk: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number within bounds (which SQLite can also store)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low:,} and {high:,}")
        return value

    return parse


def _location(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file path or a database URL")
    return text


def _demo(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"… {time.perf_counter() - started:5.1f} s  {message}", file=sys.stderr)

    if args.if_empty and services.demo.holds_data():
        print(f"{services.database.location} already holds data; no demo data added", file=out)
        return EXIT_OK
    summary = services.demo.generate(people=args.people, seed=args.seed, progress=progress)
    print(
        f"Demo data written to {services.database.location} in {summary.seconds:.1f} s:", file=out
    )
    for table, count in sorted(summary.counts.items()):
        print(f"  {table:<20} {count:>10,}", file=out)
    return EXIT_OK


def _info(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    info = services.info()
    if args.json:
        payload = {
            "location": info.location,
            "backend": info.backend,
            "schema_revision": info.schema_revision,
            "latest_revision": info.latest_revision,
            "size_bytes": info.size_bytes,
            "tables": {t.table: {"live": t.live, "deleted": t.deleted} for t in info.tables},
        }
        _dump_json(payload, out)
        return EXIT_OK
    print(f"Database:  {info.location} ({info.backend})", file=out)
    print(
        f"Schema:    {info.schema_revision} (this program's latest: {info.latest_revision})",
        file=out,
    )
    if info.size_bytes is not None:
        print(f"Size:      {info.size_bytes / 1_048_576:.1f} MB", file=out)
    print(f"\n  {'table':<20} {'rows':>10} {'deleted':>8}", file=out)
    for table in info.tables:
        print(f"  {table.table:<20} {table.live:>10,} {table.deleted:>8,}", file=out)
    return EXIT_OK


def _backup(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    result = services.backup(args.to, args.keep)
    print(
        f"Backup written and checked: {result.path} ({result.size_bytes / 1_048_576:.1f} MB)",
        file=out,
    )
    for path in result.removed:
        print(f"Removed older backup: {path}", file=out)
    return EXIT_OK


def _exercises_list(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    site_id = services.reference.site_by_code(args.site).id if args.site else None
    records = services.exercises.find(
        year=args.year,
        site_id=site_id,
        key_area=KeyArea(args.key_area) if args.key_area else None,
        status=ExerciseStatus(args.status) if args.status else None,
    )
    if args.json:
        _dump_json([_exercise_json(record) for record in records], out)
        return EXIT_OK
    rows = [
        (
            r.code,
            r.start_date.isoformat(),
            r.end_date.isoformat(),
            r.site_code,
            r.status.value,
            str(r.participants),
            str(r.sessions),
            r.title,
        )
        for r in records
    ]
    headers = ("code", "start", "end", "site", "status", "people", "sessions", "title")
    _print_table(headers, rows, out)
    print(f"{len(records)} exercise(s)", file=out)
    return EXIT_OK


def _exercises_show(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    exercise = services.exercises.by_code(args.code)
    sessions = services.exercises.sessions(exercise.id)
    enrolled = {e.person_id: e for e in services.enrolments.for_exercise(exercise.id)}
    completion = services.attendance.completion(exercise.id)
    participants = [e for e in enrolled.values() if e.role is Role.PARTICIPANT]
    active = [e for e in participants if e.status is EnrolmentStatus.ENROLLED]
    by_role = Counter(e.role.value for e in enrolled.values())
    by_country = Counter(e.country.value for e in active)
    eligible = sum(1 for c in completion if c.eligible)
    dates_solar = (
        f"{format_solar_hijri_numeric(exercise.start_date)} to "
        f"{format_solar_hijri_numeric(exercise.end_date)}"
    )
    if args.json:
        payload = _exercise_json(exercise) | {
            "dates_solar_hijri": dates_solar,
            "rule": asdict(exercise.rule),
            "sessions_detail": [
                {
                    "number": s.number,
                    "day": s.day.isoformat(),
                    "start_time": s.start_time.isoformat() if s.start_time else None,
                    "end_time": s.end_time.isoformat() if s.end_time else None,
                    "module": s.module_code or None,
                    "locked": s.locked,
                }
                for s in sessions
            ],
            "enrolled_by_role": dict(by_role),
            "withdrawn_participants": len(participants) - len(active),
            "participants_by_country": dict(by_country),
            "eligible_for_certificate": eligible,
            "enrolled": [
                {
                    "name": enrolled[c.person_id].person_name,
                    "native_name": enrolled[c.person_id].native_name,
                    "country": enrolled[c.person_id].country.value,
                    "agency": enrolled[c.person_id].agency_acronym or None,
                    "role": c.role.value,
                    "status": c.status.value,
                    "attendance_share": c.result.attendance_share,
                    "eligible": c.eligible,
                    "reasons": list(c.result.reasons),
                }
                for c in completion
            ],
        }
        _dump_json(payload, out)
        return EXIT_OK
    rule = exercise.rule
    pass_mark = f"{rule.post_test_pass_mark:g}" if rule.post_test_pass_mark is not None else "none"
    print(f"{exercise.code}  {exercise.title}", file=out)
    print(f"  {exercise.type.value}, {exercise.key_area.label}", file=out)
    print(
        f"  {exercise.start_date.isoformat()} to {exercise.end_date.isoformat()} "
        f"(Solar Hijri {dates_solar})",
        file=out,
    )
    print(f"  site: {exercise.site_name or '-'}; project: {exercise.project_code or '-'}", file=out)
    print(f"  status: {exercise.status.value}", file=out)
    print(
        f"  completion: {rule.min_attendance_share:.0%} attendance, late counts "
        f"{'as present' if rule.late_counts_as_present else 'as absent'}, excused "
        f"{'counted' if rule.excused_in_denominator else 'left out'}, post-test pass mark "
        f"{pass_mark}",
        file=out,
    )
    countries = ", ".join(f"{c} {n}" for c, n in sorted(by_country.items()))
    print(
        f"  participants: {len(active)} ({countries or 'none'}), "
        f"{len(participants) - len(active)} withdrawn; trainers: {by_role['trainer']}; "
        f"observers: {by_role['observer']}",
        file=out,
    )
    print(f"  eligible for a certificate: {eligible} of {len(active)} participants\n", file=out)
    session_rows = [
        (
            str(s.number),
            s.day.isoformat(),
            f"{s.start_time:%H:%M}" if s.start_time else "",
            f"{s.end_time:%H:%M}" if s.end_time else "",
            s.module_code,
            "locked" if s.locked else "",
        )
        for s in sessions
    ]
    _print_table(("session", "day", "from", "to", "module", ""), session_rows, out)
    print(file=out)
    people_rows = [
        (
            enrolled[c.person_id].person_name,
            enrolled[c.person_id].native_name,
            enrolled[c.person_id].country.value,
            enrolled[c.person_id].agency_acronym,
            c.role.value if c.status is EnrolmentStatus.ENROLLED else f"{c.role.value} (withdrawn)",
            f"{c.result.attendance_share:.0%}" if c.result.attendance_share is not None else "-",
            "yes" if c.eligible else "",
        )
        for c in completion
    ]
    headers = ("name", "native name", "ctry", "agency", "role", "attended", "certificate")
    _print_table(headers, people_rows, out)
    return EXIT_OK


def _people_list(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    agency_id = services.reference.agency_by_acronym(args.agency).id if args.agency else None
    records = services.people.find(
        search=args.search,
        country=Country(args.country) if args.country else None,
        sex=Sex(args.sex) if args.sex else None,
        agency_id=agency_id,
        limit=args.limit,
    )
    if args.json:
        _dump_json([_person_json(record) for record in records], out)
        return EXIT_OK
    rows = [
        (
            r.full_name,
            r.native_name,
            r.father_name,
            r.sex.value,
            r.country.value,
            r.agency_acronym,
            r.rank,
            r.service_number,
        )
        for r in records
    ]
    headers = ("name", "native name", "father", "sex", "ctry", "agency", "rank", "ID number")
    _print_table(headers, rows, out)
    print(f"{len(records)} person(s)", file=out)
    return EXIT_OK


def _exercise_json(record: ExerciseRecord) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "code": record.code,
        "title": record.title,
        "type": record.type.value,
        "key_area": record.key_area.value,
        "status": record.status.value,
        "start_date": record.start_date.isoformat(),
        "end_date": record.end_date.isoformat(),
        "site": record.site_code or None,
        "project": record.project_code or None,
        "participants": record.participants,
        "sessions": record.sessions,
    }


def _person_json(record: PersonRecord) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "given_name": record.given_name,
        "family_name": record.family_name,
        "native_name": record.native_name,
        "father_name": record.father_name,
        "father_name_native": record.father_name_native,
        "sex": record.sex.value,
        "country": record.country.value,
        "agency": record.agency_acronym or None,
        "rank": record.rank,
        "rank_tier": record.rank_tier.value,
        "service_number": record.service_number,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
    }


def _dump_json(payload: object, out: TextIO) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [_width(h) for h in headers]
    for row in rows:
        widths = [max(width, _width(cell)) for width, cell in zip(widths, row, strict=True)]
    for row in (headers, *rows):
        line = "  ".join(
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        )
        print(line.rstrip(), file=out)


def _width(text: str) -> int:
    """Terminal columns: combining marks (e.g. the superscript alef) and ZWNJ take none."""
    return sum(
        1 for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
