"""`trainingdesk certificates …`: issuing, the register, revocation and offline checks."""

import argparse
import json
from pathlib import Path
from typing import TextIO

from trainingdesk.domain.certificates import VerificationStatus
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.services.certificate_files import CertificateOutput, codes_in_pdf
from trainingdesk.services.container import Services


def listing(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Every certificate, newest serial first, optionally of one exercise or status."""
    exercise = services.exercises.by_code(args.exercise) if args.exercise else None
    status = CertificateStatus(args.status) if args.status else None
    records = services.certificates.find(
        exercise_id=exercise.id if exercise else None, status=status
    )
    if args.json:
        payload = [
            {
                "serial": r.serial,
                "status": r.status.value,
                "name": r.person_name,
                "native_name": r.native_name,
                "exercise": r.exercise_code,
                "issue_date": r.issue_date.isoformat(),
                "revoked_reason": r.revoked_reason or None,
                "superseded_by": r.superseded_by or None,
                "short_code": r.short_code,
            }
            for r in records
        ]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for r in records:
        note = f" ({r.revoked_reason})" if r.revoked_reason else ""
        note += f" → {r.superseded_by}" if r.superseded_by else ""
        print(
            f"{r.serial}  {r.status.value:<10}  {r.issue_date.isoformat()}  "
            f"{r.exercise_code:<14} {r.person_name}{note}",
            file=out,
        )
    print(f"{len(records)} certificate(s)", file=out)
    return 0


def revoke(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Withdraw one certificate, with the reason kept in the register and the audit log."""
    record = services.certificates.revoke(args.serial, args.reason)
    print(f"{record.serial} ({record.person_name}) is revoked: {record.revoked_reason}", file=out)
    return 0


def verify(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Say whether a code, or every certificate in a PDF, is genuine."""
    path = Path(args.code)
    if path.suffix.lower() == ".pdf" and path.is_file():
        codes = codes_in_pdf(path)
        if not codes:
            print(f"{path.name} holds no TrainingDesk certificate code.", file=out)
            return 1
    else:
        codes = [args.code]
    all_valid = True
    for code in codes:
        verdict = services.certificates.verify(code)
        all_valid &= verdict.status is VerificationStatus.VALID
        print(f"{verdict.status.value.upper()}: {verdict.explanation}", file=out)
        if verdict.facts is not None:
            facts = verdict.facts
            print(
                f"  {facts.serial}, {facts.name}, {facts.exercise_code}, "
                f"issued {facts.issue_date.isoformat()}",
                file=out,
            )
    return 0 if all_valid else 1


def public_key(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """This laptop's public signing key (PEM), for whoever checks its certificates."""
    out.write(services.certificates.public_key_pem())
    return 0


def issue(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    """Certificates for everyone eligible in an exercise, into one PDF (and one per person)."""
    exercise = services.exercises.by_code(args.exercise)
    output = CertificateOutput(pdf=args.out, per_person=args.per_person)
    issued = services.certificates.issue(exercise.id, output=output)
    if not issued:
        print(
            f"No new certificate for {exercise.code}: everyone eligible already has one "
            "(see `certificates list`).",
            file=out,
        )
        return 0
    where = str(args.out)
    if args.per_person is not None:
        kind = "a ZIP archive" if output.zipped else "a folder"
        where += f" and one PDF per person in {kind}, {args.per_person}"
    serials = sorted(record.serial for record in issued)
    print(
        f"Issued {len(issued)} certificate(s) for {exercise.code} "
        f"({serials[0]} to {serials[-1]}); wrote {where}.",
        file=out,
    )
    return 0
