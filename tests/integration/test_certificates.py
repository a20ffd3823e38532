"""The certificate register: who gets one, serials never reused, offline verification."""

import io
import stat
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests import builders
from tests.conftest import TEST_ACTOR
from tests.integration.test_attendance_service import A, P, _exercise_with
from trainingdesk.domain.certificates import VerificationStatus, read_code
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.errors import Conflict, ValidationFailed
from trainingdesk.domain.records import (
    CertificateSettings,
    ExerciseRecord,
    MarkChange,
    PersonRecord,
    Signatory,
)
from trainingdesk.services.certificate_files import CertificateOutput
from trainingdesk.services.certificates import CertificateService
from trainingdesk.services.container import Services, open_services
from trainingdesk.storage.signing import SigningKey, signing_key_path
from trainingdesk.storage.unit_of_work import unit_of_work_factory

ISSUED = date(2013, 10, 10)


def _attended(services: Services) -> tuple[ExerciseRecord, list[PersonRecord]]:
    """An exercise where the first two of three people attended every session."""
    exercise, sessions, people = _exercise_with(
        services, CompletionRule(min_attendance_share=1.0), people=3
    )
    marks = [MarkChange(s.id, p.id, P) for s in sessions for p in people[:2]]
    marks += [MarkChange(s.id, people[2].id, A) for s in sessions]
    services.grid.set_marks(marks)
    return exercise, people


def test_certificates_go_to_the_eligible_with_serials_that_follow_on(services: Services) -> None:
    exercise, people = _attended(services)
    issued = services.certificates.issue(exercise.id, issued_on=ISSUED)
    assert {c.person_id for c in issued} == {people[0].id, people[1].id}
    assert sorted(c.serial for c in issued) == ["APCP-2013-000001", "APCP-2013-000002"]
    assert services.certificates.issue(exercise.id, issued_on=ISSUED) == []

    confirmed = services.certificates.issue(
        exercise.id,
        [people[2].id],
        issued_on=ISSUED,
    )
    assert [c.serial for c in confirmed] == ["APCP-2013-000003"]
    stranger = builders.person(services, "Zahir", "Popal", native_name="ظاهر پوپل")
    with pytest.raises(Conflict, match="enrolled"):
        services.certificates.issue(exercise.id, [stranger.id])


def test_a_scanned_code_is_valid_until_revoked_or_replaced(services: Services) -> None:
    exercise, _ = _attended(services)
    first, second = services.certificates.issue(exercise.id, issued_on=ISSUED)

    valid = services.certificates.verify(first.qr_text)
    assert valid.status is VerificationStatus.VALID
    assert valid.facts is not None and valid.facts.name == first.person_name
    assert services.certificates.verify(first.short_code).status is VerificationStatus.VALID

    tampered = first.qr_text.replace(first.person_name, "Someone Else")
    assert services.certificates.verify(tampered).status is VerificationStatus.FORGED
    wrong_letters = first.short_code[:-1] + ("A" if first.short_code[-1] != "A" else "B")
    assert services.certificates.verify(wrong_letters).status is VerificationStatus.FORGED

    with pytest.raises(ValidationFailed):
        services.certificates.revoke(first.serial, " ")
    services.certificates.revoke(first.serial, "issued to the wrong officer")
    revoked = services.certificates.verify(first.qr_text)
    assert revoked.status is VerificationStatus.REVOKED
    assert "wrong officer" in revoked.explanation

    replacement = services.certificates.reissue(second.serial, issued_on=ISSUED)
    assert replacement.serial == "APCP-2013-000003", "a serial is never reused"
    superseded = services.certificates.verify(second.qr_text)
    assert superseded.status is VerificationStatus.SUPERSEDED
    assert replacement.serial in superseded.explanation
    assert services.certificates.verify(replacement.qr_text).status is VerificationStatus.VALID
    statuses = {c.serial: c.status for c in services.certificates.find(exercise_id=exercise.id)}
    assert statuses == {
        first.serial: CertificateStatus.REVOKED,
        second.serial: CertificateStatus.SUPERSEDED,
        replacement.serial: CertificateStatus.VALID,
    }

    assert services.certificates.verify("APCP-2013-999999").status is VerificationStatus.UNKNOWN
    assert services.certificates.verify("hello").status is VerificationStatus.UNKNOWN


def test_the_printed_name_is_what_stays_signed_after_the_person_is_corrected(
    services: Services,
) -> None:
    exercise, _ = _attended(services)
    (first, _) = services.certificates.issue(exercise.id, issued_on=ISSUED)
    person = services.people.get(first.person_id)
    services.people.update(person.id, replace(person.draft(), given_name="Corrected"))
    again = services.certificates.find(ids=[first.id])[0]
    assert again.qr_text == first.qr_text
    assert services.certificates.verify(again.qr_text).status is VerificationStatus.VALID


def test_another_laptop_with_the_database_checks_a_code_offline(
    services: Services, migrated_db_path: Path, tmp_path: Path
) -> None:
    exercise, _ = _attended(services)
    (certificate, _) = services.certificates.issue(exercise.id, issued_on=ISSUED)
    other_laptop = open_services(str(migrated_db_path), actor=TEST_ACTOR)
    other_laptop.certificates = CertificateService(
        unit_of_work_factory(other_laptop.database, TEST_ACTOR),
        other_laptop.attendance,
        lambda: SigningKey.load_or_create(tmp_path / "other-key.pem"),
    )
    assert other_laptop.certificates.verify(certificate.qr_text).status is VerificationStatus.VALID
    other_laptop.close()


def test_the_signing_key_lives_outside_the_database_for_its_owner_only(
    services: Services,
) -> None:
    exercise, _ = _attended(services)
    services.certificates.issue(exercise.id, issued_on=ISSUED)
    path = signing_key_path()
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert services.certificates.public_key_pem().startswith("-----BEGIN PUBLIC KEY-----")
    assert read_code("APCP-2013-000001") is not None


def test_a_certificate_page_holds_what_is_printed(services: Services) -> None:
    exercise, _ = _attended(services)
    (first, _) = services.certificates.issue(exercise.id, issued_on=ISSUED)
    (page,) = services.certificates.pages([first.id])
    assert page.serial == first.serial and page.qr_text == first.qr_text
    assert page.holder_native_name.startswith("افسر")
    assert page.local_language == "prs", "Afghan certificates in Dari by default"
    assert (page.start_date, page.end_date) == (exercise.start_date, exercise.end_date)
    assert page.signatories and page.signatories[0].title == "Programme Coordinator"
    services.certificates.revoke(first.serial, "wrong exercise")
    with pytest.raises(Conflict, match="revoked"):
        services.certificates.pages([first.id])


def test_a_batch_does_not_give_back_a_revoked_certificate(services: Services) -> None:
    exercise, _ = _attended(services)
    first, _ = services.certificates.issue(exercise.id, issued_on=ISSUED)
    services.certificates.revoke(first.serial, "left before the field exercise")
    assert services.certificates.issue(exercise.id, issued_on=ISSUED) == []
    (again,) = services.certificates.issue(exercise.id, [first.person_id], issued_on=ISSUED)
    assert again.serial != first.serial


class _Cancel(Exception):
    """Raised by a progress callback, as the window's Cancel does."""


def test_a_batch_is_issued_only_when_its_files_are_all_written(
    services: Services, tmp_path: Path
) -> None:
    exercise, _ = _attended(services)
    out = tmp_path / "out"
    output = CertificateOutput(pdf=out / "course.pdf", per_person=out / "each")
    seen: list[tuple[int, int]] = []

    def cancel_halfway(_message: str, done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            raise _Cancel

    with pytest.raises(_Cancel):
        services.certificates.issue(
            exercise.id, issued_on=ISSUED, output=output, progress=cancel_halfway
        )
    assert seen == [(1, 4), (2, 4), (3, 4)]
    assert services.certificates.find(exercise_id=exercise.id) == []
    assert sorted(p.name for p in out.rglob("*")) == ["each"], "no file left behind"

    issued = services.certificates.issue(exercise.id, issued_on=ISSUED, output=output)
    assert [c.serial for c in issued] == ["APCP-2013-000002", "APCP-2013-000001"]
    assert len(PdfReader(output.pdf).pages) == 2
    assert sorted(p.name for p in (out / "each").iterdir()) == [
        "APCP-2013-000001.pdf",
        "APCP-2013-000002.pdf",
    ]


def test_a_full_or_read_only_destination_issues_nothing(services: Services, tmp_path: Path) -> None:
    exercise, _ = _attended(services)
    out = tmp_path / "out"
    out.mkdir()
    blocked = out / "a-file-not-a-folder"
    blocked.write_text("")
    with pytest.raises(OSError):
        services.certificates.issue(
            exercise.id,
            issued_on=ISSUED,
            output=CertificateOutput(pdf=out / "ok.pdf", per_person=blocked / "each"),
        )
    assert services.certificates.find() == []
    assert sorted(p.name for p in out.iterdir()) == ["a-file-not-a-folder"]


def test_one_pdf_per_person_can_travel_as_one_zip(services: Services, tmp_path: Path) -> None:
    exercise, _ = _attended(services)
    archive = tmp_path / "usb" / "course.zip"
    issued = services.certificates.issue(
        exercise.id, issued_on=ISSUED, output=CertificateOutput(per_person=archive)
    )
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == sorted(f"{c.serial}.pdf" for c in issued)
        first = opened.read(f"{issued[0].serial}.pdf")
    assert first.startswith(b"%PDF")
    assert [p.name for p in archive.parent.iterdir()] == ["course.zip"], "scratch files removed"


def test_certificates_in_the_register_are_printed_again(services: Services, tmp_path: Path) -> None:
    exercise, _ = _attended(services)
    first, second = services.certificates.issue(exercise.id, issued_on=ISSUED)
    again = tmp_path / "again.pdf"
    services.certificates.write([second.id, first.id], CertificateOutput(pdf=again))
    text = " ".join(PdfReader(again).pages[0].extract_text().split())
    assert second.serial in text
    services.certificates.revoke(first.serial, "misspelt")
    with pytest.raises(Conflict, match="revoked"):
        services.certificates.write([first.id], CertificateOutput(pdf=tmp_path / "no.pdf"))
    assert not (tmp_path / "no.pdf").exists()


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_certificate_settings_are_kept_in_the_database(services: Services) -> None:
    logo, signature = _png((0, 60, 120)), _png((10, 10, 10))
    settings = CertificateSettings(
        languages={"AF": "ps", "PK": "fr"},
        signatories=(
            Signatory("Col. Farid Noori", "Director of Training", signature),
            Signatory("", "Programme Coordinator"),
        ),
        logos=(logo,),
    )
    services.certificates.save_settings(settings)
    stored = services.certificates.settings()
    assert stored.languages == {"AF": "ps", "PK": "fr", "XX": "prs"}
    assert stored.signatories == settings.signatories
    assert stored.logos == (logo,)

    exercise, _ = _attended(services)
    (first, _) = services.certificates.issue(exercise.id, issued_on=ISSUED)
    (page,) = services.certificates.pages([first.id])
    assert page.local_language == "ps" and page.logos == (logo,)
    assert page.signatories[0].signature_image == signature


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (CertificateSettings({"AF": "de"}, ()), "language-AF"),
        (CertificateSettings({}, (Signatory(" ", " "),)), "signatory-1"),
        (CertificateSettings({}, (Signatory("A", "B"),) * 4), "signatories"),
        (CertificateSettings({}, (Signatory("A", "B", b"GIF89a"),)), "signature-1"),
        (CertificateSettings({}, (), (b"%PDF-1.4",)), "logo-1"),
        (CertificateSettings({}, (), (b"\x89PNG\r\n\x1a\n" + bytes(2_000_000),)), "logo-1"),
    ],
)
def test_certificate_settings_that_cannot_print_are_refused(
    services: Services, settings: CertificateSettings, field: str
) -> None:
    before = services.certificates.settings()
    with pytest.raises(ValidationFailed) as refused:
        services.certificates.save_settings(settings)
    assert field in refused.value.errors
    assert services.certificates.settings() == before
