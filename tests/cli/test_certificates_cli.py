"""`trainingdesk certificates`: list, revoke and verify, as a coordinator types them."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, trainingdesk
from tests.conftest import TEST_ACTOR
from trainingdesk.services.container import open_services


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """A demo database with the certificates of one finished exercise; its QR texts."""
    folder = tmp_path_factory.mktemp("certificates-cli")
    path = folder / "demo.sqlite"
    assert trainingdesk("--db", str(path), "demo", "--people", "40", "--seed", "7").code == 0
    services = open_services(str(path), actor=TEST_ACTOR)
    # The demo leaves the certificates of the latest finished exercise to be issued.
    exercise = next(
        e
        for e in services.exercises.find()
        if any(c.eligible for c in services.attendance.completion(e.id))
        and not services.certificates.find(exercise_id=e.id)
    )
    certificates = services.certificates.issue(exercise.id, issued_on=exercise.end_date)
    services.close()
    return path, [c.qr_text for c in certificates], certificates[0].serial


def _copy(path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    return copy


def test_the_register_is_listed(issued: tuple[Path, list[str], str]) -> None:
    path, codes, _ = issued
    run = trainingdesk("--db", str(path), "certificates", "list", "--json")
    assert run.code == 0, run.err
    listed = json.loads(run.out)
    statuses = {c["serial"]: c["status"] for c in listed}
    issued = {c.split("|")[1] for c in codes}
    assert {statuses[serial] for serial in issued} == {"valid"}
    assert {"revoked", "superseded"} <= set(statuses.values()), "the demo's register"


def test_a_scanned_code_is_verified_then_revoked(
    issued: tuple[Path, list[str], str], tmp_path: Path
) -> None:
    path, codes, serial = issued
    db = _copy(path, tmp_path)
    code = next(c for c in codes if f"|{serial}|" in c)
    run = trainingdesk("--db", str(db), "certificates", "verify", code)
    assert run.code == 0 and run.out.startswith("VALID"), run.out

    forged = code.replace(code.split("|")[2], "Somebody Else")
    assert trainingdesk("--db", str(db), "certificates", "verify", forged).out.startswith("FORGED")
    revoked = trainingdesk(
        "--db", str(db), "certificates", "revoke", serial, "--reason", "duplicate issue"
    )
    assert revoked.code == 0, revoked.err
    after = trainingdesk("--db", str(db), "certificates", "verify", code)
    assert after.code == 1 and after.out.startswith("REVOKED: Revoked: duplicate issue")


def test_revoking_an_unknown_serial_is_one_clear_line(
    issued: tuple[Path, list[str], str],
) -> None:
    run = trainingdesk(
        "--db", str(issued[0]), "certificates", "revoke", "APCP-1999-000001", "--reason", "x"
    )
    assert_one_line_error(run, "no certificate APCP-1999-000001")


def test_the_public_key_is_exported(issued: tuple[Path, list[str], str]) -> None:
    run = trainingdesk("--db", str(issued[0]), "certificates", "public-key")
    assert run.code == 0 and "BEGIN PUBLIC KEY" in run.out


def test_certificates_are_issued_into_one_pdf_and_one_per_person(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert trainingdesk("--db", str(db), "demo", "--people", "40", "--seed", "8").code == 0
    services = open_services(str(db), actor=TEST_ACTOR)
    exercise = next(
        e
        for e in services.exercises.find()
        if any(c.eligible for c in services.attendance.completion(e.id))
        and not services.certificates.find(exercise_id=e.id)
    )
    eligible = [c.person_name for c in services.attendance.completion(exercise.id) if c.eligible]
    services.close()
    out, folder = tmp_path / "certificates.pdf", tmp_path / "each"
    run = trainingdesk(
        "--db",
        str(db),
        "certificates",
        "issue",
        "--exercise",
        exercise.code,
        "--out",
        str(out),
        "--per-person",
        str(folder),
    )
    assert run.code == 0, run.err
    assert f"Issued {len(eligible)} certificate(s) for {exercise.code}" in run.out
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in eligible:
        assert " ".join(name.split()) in " ".join(text.split())
    assert len(list(folder.glob("APCP-*.pdf"))) == len(eligible)
    checked = trainingdesk("--db", str(db), "certificates", "verify", str(out))
    assert checked.code == 0, checked.out
    assert checked.out.count("VALID: ") == len(eligible)
    one = sorted(folder.glob("APCP-*.pdf"))[0]
    trainingdesk("--db", str(db), "certificates", "revoke", one.stem, "--reason", "misspelt")
    revoked = trainingdesk("--db", str(db), "certificates", "verify", str(one))
    assert revoked.code == 1 and revoked.out.startswith("REVOKED: Revoked: misspelt")
    again = trainingdesk(
        "--db", str(db), "certificates", "issue", "--exercise", exercise.code, "--out", str(out)
    )
    assert again.code == 0 and "No new certificate" in again.out
