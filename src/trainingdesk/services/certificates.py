"""The certificate register: issue, reissue, revoke, list, and check a certificate offline.

Nothing here is ever deleted: a revoked or superseded certificate stays in the register
with its serial, so that a paper copy can always be answered for.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from trainingdesk.domain.certificates import (
    LANGUAGES,
    MAX_LOGOS,
    MAX_SIGNATORIES,
    ReadCode,
    SignedFacts,
    Verification,
    VerificationStatus,
    decode_signature,
    format_serial,
    image_problem,
    parse_serial,
    read_code,
    short_code,
)
from trainingdesk.domain.enums import CertificateStatus
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import (
    CertificatePage,
    CertificateRecord,
    CertificateSettings,
    Signatory,
)
from trainingdesk.services.attendance import AttendanceService
from trainingdesk.services.certificate_files import CertificateOutput, Progress, stage
from trainingdesk.storage.models import (
    Certificate,
    Exercise,
    ExerciseModule,
    Module,
    Person,
    Setting,
    TrainingSession,
    utcnow,
)
from trainingdesk.storage.signing import SigningKey, signature_matches
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

PUBLIC_KEYS_SETTING = "certificate-public-keys"
LANGUAGES_SETTING = "certificate-languages"
SIGNATORIES_SETTING = "certificate-signatories"
LOGOS_SETTING = "certificate-logos"
# Afghan certificates in Dari unless the settings say Pashto; Pakistani ones in Urdu.
DEFAULT_LANGUAGES = {"AF": "prs", "PK": "ur", "XX": "prs"}
DEFAULT_SIGNATORIES = [{"name": "", "title": "Programme Coordinator"}]


class CertificateService:
    """Issue and check certificates; the signing key is this laptop's."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        attendance: AttendanceService,
        signing_key: Callable[[], SigningKey],
    ) -> None:
        self._uow = unit_of_work
        self._attendance = attendance
        self._signing_key = signing_key

    def issue(
        self,
        exercise_id: uuid.UUID,
        person_ids: list[uuid.UUID] | None = None,
        *,
        issued_on: date | None = None,
        output: CertificateOutput | None = None,
        progress: Progress | None = None,
    ) -> list[CertificateRecord]:
        """Certificates for everyone eligible (or for the people named), in one transaction.

        People who already hold a valid certificate for the exercise are left out (a
        correction is a reissue), and so, in a batch, are those whose certificate was
        revoked. Naming someone not eligible is allowed (the coordinator
        confirmed it); naming someone not enrolled is not.

        With `output`, the new certificates are written before the transaction commits:
        if writing fails or `progress` raises (Cancel), no certificate is issued and no
        file is left behind, so that the register never holds serials nobody printed.
        """
        completion = {c.person_id: c for c in self._attendance.completion(exercise_id)}
        chosen = (
            [person for person, result in completion.items() if result.eligible]
            if person_ids is None
            else list(dict.fromkeys(person_ids))
        )
        strangers = [person for person in chosen if person not in completion]
        if strangers:
            raise Conflict("certificates go only to people enrolled in the exercise")
        day = issued_on or date.today()
        key = self._signing_key()
        with self._uow() as uow:
            exercise = uow.exercises.require(exercise_id)
            # A revoked certificate was withdrawn on purpose: only naming the person again
            # gives them a new one, never a batch for everyone eligible.
            kept = (
                (CertificateStatus.VALID, CertificateStatus.REVOKED)
                if person_ids is None
                else (CertificateStatus.VALID,)
            )
            holders = set(
                uow.session.scalars(
                    select(Certificate.person_id).where(
                        Certificate.exercise_id == exercise_id,
                        Certificate.status.in_(kept),
                        Certificate.deleted_at.is_(None),
                    )
                )
            )
            _register_public_key(uow, key)
            number = _last_number(uow, day.year)
            issued: list[uuid.UUID] = []
            for person_id in chosen:
                if person_id in holders:
                    continue
                number += 1
                issued.append(_new_certificate(uow, key, person_id, exercise, day, number).id)
            uow.session.flush()
            records = _find(uow, ids=issued)
            staged = (
                stage(_pages(uow, records, issued), output, progress)
                if output is not None and issued
                else None
            )
            try:
                uow.commit()
            except BaseException:
                if staged is not None:
                    staged.discard()
                raise
        if staged is not None:
            staged.publish()
        return records

    def write(
        self,
        certificate_ids: list[uuid.UUID],
        output: CertificateOutput,
        progress: Progress | None = None,
    ) -> None:
        """Print certificates already in the register again (revoked ones are refused)."""
        stage(self.pages(certificate_ids), output, progress).publish()

    def reissue(self, serial: str, *, issued_on: date | None = None) -> CertificateRecord:
        """A corrected certificate with a new serial; the old one is kept as superseded."""
        key = self._signing_key()
        day = issued_on or date.today()
        with self._uow() as uow:
            old = _by_serial(uow, serial)
            if old.status is not CertificateStatus.VALID:
                raise Conflict(f"{old.serial} is {old.status.value}; only a valid one is reissued")
            _register_public_key(uow, key)
            exercise = uow.exercises.require(old.exercise_id)
            new = _new_certificate(
                uow, key, old.person_id, exercise, day, _last_number(uow, day.year) + 1
            )
            # The new row first: the old one will point at it (no ORM relationship orders it).
            uow.session.flush()
            old.status = CertificateStatus.SUPERSEDED
            old.superseded_by_id = new.id
            uow.commit()
            new_id = new.id
        return self.find(ids=[new_id])[0]

    def revoke(self, serial: str, reason: str) -> CertificateRecord:
        """Withdraw a certificate for a stated reason; it stays in the register."""
        if not reason.strip():
            raise ValidationFailed({"reason": "say why the certificate is revoked"})
        with self._uow() as uow:
            certificate = _by_serial(uow, serial)
            if certificate.status is CertificateStatus.REVOKED:
                raise Conflict(f"{certificate.serial} is already revoked")
            certificate.status = CertificateStatus.REVOKED
            certificate.revoked_reason = reason.strip()
            certificate.revoked_at = utcnow()
            uow.give_reason(reason)
            uow.commit()
            certificate_id = certificate.id
        return self.find(ids=[certificate_id])[0]

    def find(
        self,
        *,
        exercise_id: uuid.UUID | None = None,
        person_id: uuid.UUID | None = None,
        status: CertificateStatus | None = None,
        ids: list[uuid.UUID] | None = None,
    ) -> list[CertificateRecord]:
        """The register, newest serial first, narrowed by the filters given."""
        with self._uow() as uow:
            return _find(uow, exercise_id=exercise_id, person_id=person_id, status=status, ids=ids)

    def verify(self, text: str) -> Verification:
        """Check a scanned QR text, a typed short code or a serial, with no network."""
        code = read_code(text)
        if code is None:
            return Verification(
                VerificationStatus.UNKNOWN,
                "",
                "This is not a TrainingDesk certificate code.",
            )
        with self._uow() as uow:
            keys = _public_keys(uow)
            stored = uow.certificates.find_one(Certificate.serial == code.serial)
            record = self.find(ids=[stored.id])[0] if stored is not None else None
        return _verdict(code, record, keys)

    def pages(self, certificate_ids: list[uuid.UUID]) -> list[CertificatePage]:
        """What each certificate prints, in the order asked; revoked ones are refused."""
        with self._uow() as uow:
            return _pages(uow, _find(uow, ids=certificate_ids), certificate_ids)

    def settings(self) -> CertificateSettings:
        """The languages, signatories and logos certificates are printed with."""
        with self._uow() as uow:
            return _settings(uow)

    def save_settings(self, settings: CertificateSettings) -> None:
        """Store how certificates look from now on; what was printed stays as it was."""
        problems = settings_problems(settings)
        if problems:
            raise ValidationFailed(problems)
        signatories = [
            {
                "name": signatory.name.strip(),
                "title": signatory.title.strip(),
                "signature_image": base64.b64encode(signatory.signature_image).decode(),
            }
            for signatory in settings.signatories
        ]
        logos = [base64.b64encode(logo).decode() for logo in settings.logos]
        with self._uow() as uow:
            _put_setting(uow, LANGUAGES_SETTING, dict(settings.languages))
            _put_setting(uow, SIGNATORIES_SETTING, signatories)
            _put_setting(uow, LOGOS_SETTING, logos)
            uow.commit()

    def public_key_pem(self) -> str:
        """This laptop's public key, for anyone who wants to check its certificates."""
        return self._signing_key().public_pem()


def _verdict(code: ReadCode, record: CertificateRecord | None, keys: list[bytes]) -> Verification:
    if code.facts is not None and code.signature is not None:
        if not signature_matches(keys, code.facts.message(), code.signature):
            return Verification(
                VerificationStatus.FORGED,
                code.serial,
                "The signature does not match what the code says: the certificate was "
                "altered or not made by TrainingDesk.",
                code.facts,
            )
        if record is None:
            return Verification(
                VerificationStatus.VALID,
                code.serial,
                "The signature is genuine. This database does not hold the certificate, so "
                "whether it was revoked since cannot be told here.",
                code.facts,
            )
    elif record is None:
        return Verification(
            VerificationStatus.UNKNOWN, code.serial, f"No certificate {code.serial} is known."
        )
    assert record is not None
    if code.short_signature and not record.short_code.endswith(code.short_signature):
        return Verification(
            VerificationStatus.FORGED,
            code.serial,
            "The code's check letters do not match this certificate.",
        )
    facts = SignedFacts(record.serial, record.person_name, record.exercise_code, record.issue_date)
    if record.status is CertificateStatus.REVOKED:
        return Verification(
            VerificationStatus.REVOKED,
            record.serial,
            f"Revoked: {record.revoked_reason}",
            facts,
        )
    if record.status is CertificateStatus.SUPERSEDED:
        return Verification(
            VerificationStatus.SUPERSEDED,
            record.serial,
            f"Replaced by {record.superseded_by}.",
            facts,
        )
    return Verification(
        VerificationStatus.VALID,
        record.serial,
        f"Valid: {record.person_name}, {record.exercise_code}, issued "
        f"{record.issue_date.isoformat()}.",
        facts,
    )


def _find(
    uow: UnitOfWork,
    *,
    exercise_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    status: CertificateStatus | None = None,
    ids: list[uuid.UUID] | None = None,
) -> list[CertificateRecord]:
    replacement = select(Certificate.id, Certificate.serial).subquery()
    query = (
        select(Certificate, Person, Exercise, replacement.c.serial)
        .join(Person, Person.id == Certificate.person_id)
        .join(Exercise, Exercise.id == Certificate.exercise_id)
        .outerjoin(replacement, replacement.c.id == Certificate.superseded_by_id)
        .where(Certificate.deleted_at.is_(None))
        .order_by(Certificate.serial.desc())
    )
    if exercise_id is not None:
        query = query.where(Certificate.exercise_id == exercise_id)
    if person_id is not None:
        query = query.where(Certificate.person_id == person_id)
    if status is not None:
        query = query.where(Certificate.status == status)
    if ids is not None:
        query = query.where(Certificate.id.in_(ids))
    return [_record(*row) for row in uow.session.execute(query)]


def _pages(
    uow: UnitOfWork, records: list[CertificateRecord], certificate_ids: list[uuid.UUID]
) -> list[CertificatePage]:
    by_id = {record.id: record for record in records}
    settings = _settings(uow)
    # A batch is usually one course: its site, modules and hours are read once, not per page.
    courses: dict[uuid.UUID, _Course] = {}
    pages = []
    for certificate_id in certificate_ids:
        record = by_id.get(certificate_id)
        if record is None:
            raise NotFound(f"no certificate with id {certificate_id}")
        if record.status is CertificateStatus.REVOKED:
            raise Conflict(f"{record.serial} is revoked and is not printed")
        if record.exercise_id not in courses:
            courses[record.exercise_id] = _course(uow, record.exercise_id)
        pages.append(_page(uow, record, courses[record.exercise_id], settings))
    return pages


@dataclass(frozen=True)
class _Course:
    """What every certificate of one exercise prints alike."""

    exercise: Exercise
    site_name: str
    hours: float
    modules: tuple[str, ...]


def _course(uow: UnitOfWork, exercise_id: uuid.UUID) -> _Course:
    exercise = uow.exercises.require(exercise_id)
    site = uow.sites.require(exercise.site_id) if exercise.site_id else None
    modules = list(
        uow.session.execute(
            select(Module.code, Module.title_en, Module.hours)
            .join(ExerciseModule, ExerciseModule.module_id == Module.id)
            .where(ExerciseModule.exercise_id == exercise.id)
            .where(ExerciseModule.deleted_at.is_(None))
            .order_by(Module.position, Module.code)
        )
    )
    sessions = uow.sessions.where(TrainingSession.exercise_id == exercise.id)
    timed = [
        (datetime.combine(s.day, s.end_time) - datetime.combine(s.day, s.start_time))
        for s in sessions
        if s.start_time and s.end_time and s.end_time > s.start_time
    ]
    hours = (
        sum(t.total_seconds() for t in timed) / 3600
        if timed
        else float(sum(module_hours or 0 for _code, _title, module_hours in modules))
    )
    return _Course(
        exercise=exercise,
        site_name=site.name if site else "",
        hours=round(hours, 1),
        modules=tuple(f"{code} {title}" for code, title, _hours in modules),
    )


def _page(
    uow: UnitOfWork, record: CertificateRecord, course: _Course, settings: CertificateSettings
) -> CertificatePage:
    person = uow.people.require(record.person_id)
    agency = uow.agencies.require(person.agency_id) if person.agency_id else None
    exercise = course.exercise
    return CertificatePage(
        serial=record.serial,
        short_code=record.short_code,
        qr_text=record.qr_text,
        holder_name=record.person_name,
        holder_native_name=record.native_name,
        country=record.country,
        agency_name=agency.name if agency else "",
        rank=person.rank,
        exercise_code=exercise.code,
        exercise_title=exercise.title,
        start_date=exercise.start_date,
        end_date=exercise.end_date,
        site_name=course.site_name,
        hours=course.hours,
        modules=course.modules,
        issue_date=record.issue_date,
        local_language=settings.languages.get(record.country.value, "prs"),
        signatories=settings.signatories,
        logos=settings.logos,
    )


def _settings(uow: UnitOfWork) -> CertificateSettings:
    languages = _json_setting(uow, LANGUAGES_SETTING, {})
    stored_signatories = _json_setting(uow, SIGNATORIES_SETTING, DEFAULT_SIGNATORIES)
    stored_logos = _json_setting(uow, LOGOS_SETTING, [])
    return CertificateSettings(
        languages={
            **DEFAULT_LANGUAGES,
            **{
                country: language
                for country, language in (languages if isinstance(languages, dict) else {}).items()
                if language in LANGUAGES
            },
        },
        signatories=tuple(
            Signatory(
                str(entry.get("name", "")),
                str(entry.get("title", "")),
                _image(entry.get("signature_image", "")),
            )
            for entry in (stored_signatories if isinstance(stored_signatories, list) else [])
            if isinstance(entry, dict)
        ),
        logos=tuple(
            logo
            for text in (stored_logos if isinstance(stored_logos, list) else [])
            if (logo := _image(text))
        ),
    )


def _image(text: object) -> bytes:
    """Image bytes kept in a setting as base64; anything else (a hand-edited value) is none."""
    if not isinstance(text, str) or not text:
        return b""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


def settings_problems(settings: CertificateSettings) -> dict[str, str]:
    """What stops these settings from printing, by field; empty when nothing does."""
    problems: dict[str, str] = {}
    for country, language in settings.languages.items():
        if language not in LANGUAGES:
            problems[f"language-{country}"] = (
                f"{language!r} is not a certificate language; choose one of "
                + ", ".join(LANGUAGES.values())
            )
    if len(settings.signatories) > MAX_SIGNATORIES:
        problems["signatories"] = f"a certificate has room for {MAX_SIGNATORIES} signatories"
    for number, signatory in enumerate(settings.signatories, start=1):
        if not (signatory.name.strip() or signatory.title.strip()):
            problems[f"signatory-{number}"] = f"signatory {number} needs a name or a title"
        if signatory.signature_image and (problem := image_problem(signatory.signature_image)):
            problems[f"signature-{number}"] = f"the signature of signatory {number} {problem}"
    if len(settings.logos) > MAX_LOGOS:
        problems["logos"] = f"a certificate has room for {MAX_LOGOS} logos"
    for number, logo in enumerate(settings.logos, start=1):
        if problem := image_problem(logo):
            problems[f"logo-{number}"] = f"logo {number} {problem}"
    return problems


def _put_setting(uow: UnitOfWork, key: str, value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    setting = uow.session.get(Setting, key)
    if setting is None:
        uow.session.add(Setting(key=key, value=text))
    else:
        setting.value = text
        setting.updated_at = utcnow()


def _json_setting(uow: UnitOfWork, key: str, default: Any) -> Any:
    setting = uow.session.get(Setting, key)
    if setting is None:
        return default
    try:
        return json.loads(setting.value)
    except ValueError:
        return default


def _new_certificate(
    uow: UnitOfWork,
    key: SigningKey,
    person_id: uuid.UUID,
    exercise: Exercise,
    day: date,
    number: int,
) -> Certificate:
    person = uow.people.require(person_id)
    serial = format_serial(day.year, number)
    facts = SignedFacts(
        serial, f"{person.given_name} {person.family_name}".strip(), exercise.code, day
    )
    certificate = Certificate(
        id=uuid.uuid4(),
        serial=serial,
        person_id=person_id,
        exercise_id=exercise.id,
        issue_date=day,
        holder_name=facts.name,
        verification_code=facts.qr_text(key.sign(facts.message())).rsplit("|", 1)[1],
        status=CertificateStatus.VALID,
    )
    uow.certificates.add(certificate)
    return certificate


def _last_number(uow: UnitOfWork, year: int) -> int:
    """The highest number used this year, tombstones included: a serial is never reused."""
    prefix = format_serial(year, 0)[:-6]
    serials = uow.session.scalars(
        select(Certificate.serial).where(Certificate.serial.like(f"{prefix}%"))
    )
    numbers = [parsed[1] for serial in serials if (parsed := parse_serial(serial)) is not None]
    return max(numbers, default=0)


def _by_serial(uow: UnitOfWork, serial: str) -> Certificate:
    certificate = uow.certificates.find_one(
        func.upper(Certificate.serial) == serial.strip().upper()
    )
    if certificate is None:
        raise NotFound(f"no certificate {serial}")
    return certificate


def _register_public_key(uow: UnitOfWork, key: SigningKey) -> None:
    known = _public_keys(uow)
    raw = key.public_raw()
    if raw in known:
        return
    value = json.dumps([k.hex() for k in (*known, raw)])
    setting = uow.session.get(Setting, PUBLIC_KEYS_SETTING)
    if setting is None:
        uow.session.add(Setting(key=PUBLIC_KEYS_SETTING, value=value))
    else:
        setting.value = value


def _public_keys(uow: UnitOfWork) -> list[bytes]:
    setting = uow.session.get(Setting, PUBLIC_KEYS_SETTING)
    if setting is None:
        return []
    return [bytes.fromhex(text) for text in json.loads(setting.value)]


def _record(
    certificate: Certificate, person: Person, exercise: Exercise, superseded_by: str | None
) -> CertificateRecord:
    name = certificate.holder_name or f"{person.given_name} {person.family_name}".strip()
    facts = SignedFacts(certificate.serial, name, exercise.code, certificate.issue_date)
    signature = decode_signature(certificate.verification_code) or b""
    return CertificateRecord(
        id=certificate.id,
        serial=certificate.serial,
        person_id=person.id,
        person_name=name,
        native_name=person.native_name,
        country=person.country,
        exercise_id=exercise.id,
        exercise_code=exercise.code,
        exercise_title=exercise.title,
        issue_date=certificate.issue_date,
        status=certificate.status,
        qr_text=facts.qr_text(signature),
        short_code=short_code(certificate.serial, signature),
        revoked_reason=certificate.revoked_reason,
        superseded_by=superseded_by or "",
    )
