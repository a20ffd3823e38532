"""The certificate register: who gets one, serials never reused, offline verification."""

import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests import builders
from tests.conftest import TEST_ACTOR
from tests.integration.test_attendance_service import A, P, _exercise_with
from trainingdesk.domain.certificates import VerificationStatus, read_code
from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.errors import Conflict, ValidationFailed
from trainingdesk.domain.records import ExerciseRecord, MarkChange, PersonRecord
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
