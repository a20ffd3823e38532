"""`trainingdesk curricula …`: the curricula, the crosswalk PDF, and curriculum files."""

import argparse
import io
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from reportlab.lib.pagesizes import A4, LETTER

from trainingdesk.cli.attendance import file_argument, output_argument
from trainingdesk.cli.people_files import output_file
from trainingdesk.domain.crosswalk import SideCoverage
from trainingdesk.domain.records import CurriculumRecord
from trainingdesk.importing.curriculum_file import CurriculumFileInvalid, describe
from trainingdesk.reports.crosswalk_pdf import write_crosswalk_pdf
from trainingdesk.services.container import Services

PAPER = {"a4": A4, "letter": LETTER}
SHOWN_ERRORS = 50


Handler = Callable[[Services, argparse.Namespace, TextIO], int]


def add_commands(
    curricula: "argparse._SubParsersAction[Any]", command: Callable[[Handler], object]
) -> None:
    """`curricula list`, `crosswalk`, `import`, `export` and `competencies`; `command` wraps
    each handler."""
    listing_parser = curricula.add_parser("list", help="every curriculum version, joint first")
    listing_parser.add_argument("--json", action="store_true", help="machine-readable output")
    listing_parser.set_defaults(handler=command(listing))
    pdf = curricula.add_parser(
        "crosswalk", help="the Afghan, joint and Pakistani curricula side by side, as a PDF"
    )
    pdf.add_argument("--out", required=True, type=output_argument(".pdf"), metavar="FILE")
    pdf.add_argument(
        "--joint",
        type=curriculum_argument,
        metavar="CODE[:VERSION]",
        help="the joint curriculum (default: the one adopted last)",
    )
    pdf.add_argument("--paper", choices=sorted(PAPER), default="a4")
    pdf.set_defaults(handler=command(crosswalk))
    importing = curricula.add_parser(
        "import", help="a curriculum version with its modules and links, from CSV/XLSX"
    )
    importing.add_argument("file", type=file_argument, metavar="FILE")
    importing.set_defaults(handler=command(import_file))
    export = curricula.add_parser(
        "export", help="a curriculum version with its modules and links, to CSV/XLSX"
    )
    export.add_argument(
        "curriculum",
        type=curriculum_argument,
        metavar="CODE[:VERSION]",
        help="without a version, the one adopted last (else the highest)",
    )
    export.add_argument("--out", required=True, type=output_file, metavar="FILE")
    export.set_defaults(handler=command(export_file))
    catalogue = curricula.add_parser(
        "competencies", help="the shared competency catalogue, or add an entry to it"
    )
    catalogue.add_argument(
        "--add", nargs=2, metavar=("CODE", "TITLE"), help="add CODE with its English TITLE"
    )
    catalogue.add_argument(
        "--local", default="", metavar="TITLE", help="with --add: the title in Dari/Pashto/Urdu"
    )
    catalogue.set_defaults(handler=command(competencies))


def listing(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Every curriculum version: joint first, then by country, code and version."""
    records = services.curricula.find()
    if args.json:
        json.dump([_json(record) for record in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    headers = ("code", "version", "kind", "ctry", "status", "adopted", "retired", "modules")
    rows = [
        (
            r.code,
            r.version,
            r.kind.value,
            r.country.value if r.country else "",
            r.status.value,
            r.adopted_on.isoformat() if r.adopted_on else "",
            r.retired_on.isoformat() if r.retired_on else "",
            f"{r.modules} ({r.hours:g} h)",
            r.title,
        )
        for r in records
    ]
    table = [(*headers, "title"), *rows]
    widths = [max(len(cell) for cell in column) for column in zip(*table, strict=True)]
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)
    print(f"{len(records)} curriculum version(s)", file=out)
    return 0


def crosswalk(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """The crosswalk PDF of a joint curriculum (by default the one in force)."""
    joint = _named(services, args.joint) if args.joint else None
    found = services.curricula.crosswalk(joint.id if joint is not None else None)
    logos = services.certificates.settings().logos
    # Built in memory, so that a failure leaves no half-written PDF where the old one was.
    pdf = io.BytesIO()
    write_crosswalk_pdf(found, pdf, page_size=PAPER[args.paper], logos=logos)
    args.out.write_bytes(pdf.getvalue())
    national = ", ".join(f"{h.code} {h.version}" for h in (*found.afghan, *found.pakistani))
    print(
        f"Wrote {args.out}: {found.joint.code} {found.joint.version} against "
        f"{national or 'no national curriculum'}.",
        file=out,
    )
    for side, coverage in (
        ("Afghan", found.afghan_coverage),
        ("Pakistani", found.pakistani_coverage),
    ):
        print(f"  {side} side: {_coverage_text(coverage)}", file=out)
    return 0


def import_file(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """A curriculum version from a CSV/XLSX file: all of it or, if anything is wrong, none."""
    try:
        record = services.curricula.import_curriculum(args.file)
    except CurriculumFileInvalid as exc:
        for error in exc.errors[:SHOWN_ERRORS]:
            print(f"{exc.name}: {describe(error)}", file=sys.stderr)
        if len(exc.errors) > SHOWN_ERRORS:
            print(f"… and {len(exc.errors) - SHOWN_ERRORS} more problem(s)", file=sys.stderr)
        print(
            f"trainingdesk: error: {len(exc.errors)} problem(s) in {exc.name}; "
            "nothing was imported",
            file=sys.stderr,
        )
        return 1
    print(
        f"Imported {record.code} {record.version} ({record.kind.value}, {record.status.value}): "
        f"{record.modules} module(s), {record.hours:g} hours.",
        file=out,
    )
    for note in record.notes:
        print(f"  {note[0].upper()}{note[1:]}.", file=out)
    return 0


def competencies(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """The competency catalogue, by code; with --add, add an entry first."""
    if args.add:
        code, title = args.add
        added = services.curricula.add_competency(code, title, args.local)
        print(f"Added {added.code} to the competency catalogue: {added.title_en}.", file=out)
        return 0
    entries = services.curricula.competencies()
    width = max((len(entry.code) for entry in entries), default=0)
    for entry in entries:
        local = f" ({entry.title_local})" if entry.title_local else ""
        print(f"{entry.code.ljust(width)}  {entry.title_en}{local}", file=out)
    print(f"{len(entries)} competenc{'y' if len(entries) == 1 else 'ies'}", file=out)
    return 0


def export_file(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """A curriculum version with its modules and links, to .xlsx or .csv."""
    record = _named(services, args.curriculum)
    services.curricula.export_curriculum(record.id, args.out)
    print(
        f"Wrote {args.out}: {record.code} {record.version}, {record.modules} module(s).", file=out
    )
    return 0


def curriculum_argument(text: str) -> tuple[str, str | None]:
    """`CODE` or `CODE:VERSION`."""
    code, _, version = text.partition(":")
    if not code.strip() or text.rstrip().endswith(":"):
        raise argparse.ArgumentTypeError(f"{text!r} is not CODE or CODE:VERSION")
    return code.strip(), version.strip() or None


def _named(services: Services, name: tuple[str, str | None]) -> CurriculumRecord:
    return services.curricula.by_code(*name)


def _coverage_text(coverage: SideCoverage) -> str:
    return (
        f"{coverage.covered_modules} of {coverage.joint_modules} joint modules covered "
        f"({coverage.covered_hours:g} of {coverage.joint_hours:g} hours), "
        f"{coverage.partly_covered_modules} partly ({coverage.partly_covered_hours:g} hours), "
        f"{coverage.gap_modules} not at all; {coverage.unmatched_national_modules} national "
        f"module(s) with no joint equivalent"
    )


def _json(record: CurriculumRecord) -> dict[str, object]:
    return {
        "id": str(record.id),
        "code": record.code,
        "version": record.version,
        "title": record.title,
        "kind": record.kind.value,
        "country": record.country.value if record.country else None,
        "status": record.status.value,
        "adopted_on": record.adopted_on.isoformat() if record.adopted_on else None,
        "retired_on": record.retired_on.isoformat() if record.retired_on else None,
        "modules": record.modules,
        "hours": record.hours,
    }
