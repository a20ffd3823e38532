"""Synthetic demo data: the 2011–2014 programme with people, curricula, exercises and marks.

Rows are written with bulk Core inserts in one transaction: the large set (20,000 people,
about two million attendance marks) must be made in well under a minute. Everything is
drawn from one seeded generator, UUIDs included, so a seed always gives the same data.
"""

import json
import random
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import func, select

from trainingdesk.domain.enums import (
    AttendanceStatus,
    AuditAction,
    Country,
    EnrolmentStatus,
    ExerciseStatus,
    Role,
    Sex,
)
from trainingdesk.domain.errors import Conflict
from trainingdesk.domain.search import person_search_key
from trainingdesk.services import demo_pools as pools
from trainingdesk.services.certificates import CertificateService
from trainingdesk.storage.bulk import BatchWriter, BulkLoader, ReadyRows
from trainingdesk.storage.models import AuditEntry, Base, Exercise, Person
from trainingdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

DEFAULT_PEOPLE = 300
# Finished exercises whose certificates the demo has issued already, the latest but one
# backwards: the latest is left for the coordinator to issue.
DEMO_CERTIFIED_EXERCISES = 8
MIN_DEMO_PEOPLE = 10
MAX_DEMO_PEOPLE = 100_000
_CODE_PREFIX = {
    "joint_exercise": "JTX",
    "course": "CRS",
    "workshop": "WSH",
    "tabletop": "TTX",
    "field_exercise": "FTX",
    "dialogue": "DLG",
}
# A seed gives the people, exercises and marks it has always given, whatever the demo
# curricula come to hold. Rows the first demo did not have take their ids from a spare
# generator, seeded with the bits that the first demo's 123 curriculum rows drew (three
# 32-bit words each); exercises draw their modules among the first ten of the joint version
# in force, as many as the first demo had, and deliver the later ones by their code.
_FIRST_CURRICULA_BITS = 123 * 96
_DRAWN_JOINT_MODULES = 10
_MORNING = (clock(8, 30), clock(12, 0))
_AFTERNOON = (clock(13, 30), clock(16, 30))

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    """What the generator wrote, and how long it took."""

    counts: dict[str, int]
    seconds: float


class DemoService:
    """Fill an empty database with demo data."""

    def __init__(self, unit_of_work: UnitOfWorkFactory, certificates: CertificateService) -> None:
        self._uow = unit_of_work
        self._certificates = certificates

    def holds_data(self) -> bool:
        """True when the database has people or exercises (deleted ones included)."""
        with self._uow() as uow:
            return _holds_data(uow)

    def generate(
        self,
        people: int = DEFAULT_PEOPLE,
        seed: int = 2011,
        today: date | None = None,
        progress: Progress | None = None,
    ) -> DemoSummary:
        """Write the demo set; refuses a database that already holds people or exercises."""
        if not MIN_DEMO_PEOPLE <= people <= MAX_DEMO_PEOPLE:
            raise Conflict(
                f"the demo takes between {MIN_DEMO_PEOPLE} and {MAX_DEMO_PEOPLE:,} people"
            )
        started = time.perf_counter()
        with self._uow() as uow:
            session = uow.session
            if _holds_data(uow):
                raise Conflict(
                    "the database already holds people or exercises; "
                    "demo data goes only into a new, empty database"
                )
            loader = BulkLoader(session.connection())
            writer = BatchWriter(loader)
            builder = _Builder(random.Random(seed), writer, today or date.today(), progress)
            with loader.loading(Base.metadata.sorted_tables):
                builder.build(people)
                builder.report("checking foreign keys and building indexes")
            session.add(
                AuditEntry(
                    id=uuid.uuid4(),
                    laptop_id=uow.actor.laptop_id,
                    user_name=uow.actor.user_name,
                    action=AuditAction.CREATE,
                    table_name="demo",
                    changes=json.dumps({"seed": seed, "people": people, **writer.counts}),
                )
            )
            builder.report("committing")
            uow.commit()
        counts = dict(writer.counts)
        counts["certificate"] = self._issue_certificates(today or date.today(), progress)
        return DemoSummary(counts=counts, seconds=time.perf_counter() - started)

    def _issue_certificates(self, today: date, progress: Progress | None) -> int:
        """Certificates of the latest finished exercises but one, with one revoked and one
        reissued, so that the register shows what it keeps."""
        if progress is not None:
            progress("issuing certificates")
        with self._uow() as uow:
            finished = list(
                uow.session.execute(
                    select(Exercise.id, Exercise.end_date)
                    .where(Exercise.status == ExerciseStatus.COMPLETED)
                    .where(Exercise.end_date < today)
                    .order_by(Exercise.end_date.desc(), Exercise.code.desc())
                    .limit(DEMO_CERTIFIED_EXERCISES + 1)
                )
            )
        ends = {exercise_id: end for exercise_id, end in finished}
        issued = []
        for exercise_id, end in reversed(finished[1:]):
            issued += self._certificates.issue(
                exercise_id, issued_on=min(today, end + timedelta(days=3))
            )
        if len(issued) >= 2:
            self._certificates.revoke(
                issued[0].serial, "issued in error: left the course before the field exercise"
            )
            replacement = self._certificates.reissue(
                issued[1].serial,
                issued_on=min(today, ends[issued[1].exercise_id] + timedelta(days=20)),
            )
            issued.append(replacement)
        return len(issued)


class _Builder:
    """Draws the demo programme from the pools."""

    def __init__(
        self, rng: random.Random, writer: BatchWriter, today: date, progress: Progress | None
    ) -> None:
        self.rng = rng
        self.writer = writer
        self.today = today
        self.report = progress or (lambda _message: None)
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self.agencies: dict[str, list[tuple[uuid.UUID, pools.AgencySeed]]] = {"AF": [], "PK": []}
        self.sites: list[tuple[uuid.UUID, pools.SiteSeed]] = []
        self.projects: list[tuple[uuid.UUID, date, date, int]] = []
        # Each joint version in force from its adoption: (adopted on, its module ids).
        self.joint_versions: list[tuple[date, list[uuid.UUID]]] = []
        self.people_by_country: dict[str, list[uuid.UUID]] = {"AF": [], "PK": []}
        self.senior: list[uuid.UUID] = []
        self.clock_ms = int(datetime(2011, 4, 1, tzinfo=UTC).timestamp() * 1000)
        self.spare: random.Random  # drawn in build(), where the first curricula drew
        stamps = {"created_at": self.now, "updated_at": self.now, "changed_by": None}
        stamps["deleted_at"] = None
        self.marks = ReadyRows(
            writer,
            "attendance_mark",
            ("id", "session_id", "person_id", "status"),
            {"remark": "", "marked_by": "demo", **stamps},
        )
        self.enrolments = ReadyRows(
            writer, "enrolment", ("id", "exercise_id", "person_id", "role", "status"), stamps
        )
        self.scores = ReadyRows(
            writer,
            "assessment",
            ("id", "exercise_id", "person_id", "pre_test", "post_test", "satisfaction"),
            stamps,
        )

    def new_id(self, rng: random.Random | None = None) -> uuid.UUID:
        return uuid.UUID(int=self.new_id_number(rng))

    def new_id_number(self, rng: random.Random | None = None) -> int:
        """A UUID in the time-ordered version 7 layout (RFC 9562), drawn from the seed.

        Ordered keys make every insert an append to the primary-key index; that is most
        of what keeps two million marks within a minute.
        """
        draw = rng if rng is not None else self.rng
        self.clock_ms += 1
        random_a, random_b = draw.getrandbits(12), draw.getrandbits(62)
        return (self.clock_ms << 80) | (0x7 << 76) | (random_a << 64) | (0b10 << 62) | random_b

    def spare_row(self, table: str, **values: Any) -> uuid.UUID:
        """A row with its id from the spare generator (see _FIRST_CURRICULA_BITS)."""
        return self.row(table, id=self.new_id(self.spare), **values)

    def row(self, table: str, **values: Any) -> uuid.UUID:
        if "id" not in values:
            values["id"] = self.new_id()
        row_id: uuid.UUID = values["id"]
        values.setdefault("created_at", self.now)
        values.setdefault("updated_at", self.now)
        values.setdefault("changed_by", None)
        values.setdefault("deleted_at", None)
        self.writer.add(table, values)
        return row_id

    def build(self, people: int) -> None:
        self.report("reference data")
        self.reference_data()
        self.spare = random.Random(self.rng.getrandbits(_FIRST_CURRICULA_BITS))
        self.curricula()
        self.writer.flush()
        self.report(f"{people} people")
        self.people(people)
        self.writer.flush()
        # Grows faster than the people, so that 20,000 people give about 2 million marks.
        exercises = max(30, round(people * people / 53_000))
        self.report(f"{exercises} exercises with sessions, enrolments and marks")
        self.exercises(exercises)
        self.writer.flush()

    def reference_data(self) -> None:
        for seed in pools.AGENCIES:
            agency_id = self.row(
                "agency",
                country=Country(seed.country),
                acronym=seed.acronym,
                name=seed.name,
                native_name=seed.native_name,
                valid_from=None,
                valid_to=None,
            )
            self.agencies[seed.country].append((agency_id, seed))
        for site in pools.SITES:
            site_id = self.row(
                "site",
                code=site.code,
                name=site.name,
                native_name=site.native_name,
                country=_country(site.country),
                province=site.province,
                kind=site.kind,
            )
            self.sites.append((site_id, site))
        for code, name, donor, start, end in pools.PROJECTS:
            start_date, end_date = date.fromisoformat(start), date.fromisoformat(end)
            project_id = self.row(
                "project",
                code=code,
                name=name,
                donor=donor,
                start_date=start_date,
                end_date=end_date,
            )
            # The Canadian programme funds most; the smaller projects share the rest.
            weight = 6 if code.startswith("APCP") else 2
            self.projects.append((project_id, start_date, end_date, weight))

    def curricula(self) -> None:
        competency_ids = {
            code: self.spare_row("competency", code=code, title_en=title, title_local=local)
            for code, title, local in pools.COMPETENCIES
        }
        agency_ids = {
            seed.acronym: agency_id for group in self.agencies.values() for agency_id, seed in group
        }
        national_modules: dict[str, uuid.UUID] = {}
        joint_modules: dict[tuple[str, str], uuid.UUID] = {}
        for curriculum in pools.CURRICULA:
            adopted_on = date(int(curriculum.version[:4]), 3, 1)
            retired_on = (
                date.fromisoformat(curriculum.retired_on) if curriculum.retired_on else None
            )
            curriculum_id = self.spare_row(
                "curriculum",
                code=curriculum.code,
                version=curriculum.version,
                title=curriculum.title,
                kind=curriculum.kind,
                country=_country(curriculum.country) if curriculum.country else None,
                owner_agency_id=agency_ids.get(curriculum.owner_acronym or ""),
                status="retired" if retired_on else "adopted",
                adopted_on=adopted_on,
                retired_on=retired_on,
            )
            if curriculum.kind == "joint":
                self.joint_versions.append((adopted_on, []))
            for position, module in enumerate(curriculum.modules):
                module_id = self.spare_row(
                    "module",
                    curriculum_id=curriculum_id,
                    code=module.code,
                    title_en=module.title_en,
                    title_local=module.title_local,
                    hours=float(module.hours),
                    objectives="\n".join(module.objectives),
                    assessment_method="written test" if position % 2 else "practical exercise",
                    position=position,
                )
                if curriculum.kind == "joint":
                    joint_modules[(curriculum.version, module.code)] = module_id
                    self.joint_versions[-1][1].append(module_id)
                else:
                    national_modules[module.code] = module_id
                for competency in module.competencies:
                    self.spare_row(
                        "module_competency",
                        module_id=module_id,
                        competency_id=competency_ids[competency],
                    )
        self.joint_versions.sort(key=lambda version: version[0])
        for mapping in pools.MAPPINGS:
            self.spare_row(
                "module_mapping",
                national_module_id=national_modules[mapping.national_module],
                joint_module_id=joint_modules[(mapping.joint_version, mapping.joint_module)],
                equivalence=mapping.equivalence,
                note=mapping.note,
            )

    def joint_modules(self, start: date) -> list[uuid.UUID]:
        """Modules of the joint curriculum in force when an exercise starts."""
        in_force = [modules for adopted_on, modules in self.joint_versions if adopted_on <= start]
        return in_force[-1] if in_force else self.joint_versions[0][1]

    def people(self, count: int) -> None:
        crossings = {
            country: [sid for sid, s in self.sites if s.country == country and s.kind == "crossing"]
            for country in ("AF", "PK")
        }
        for index in range(count):
            country = "AF" if index % 2 == 0 else "PK"
            female = self.rng.random() < 0.08
            given_pool, family_pool, male_pool = _name_pools(country, female)
            given = self.rng.choice(given_pool)
            family = self.rng.choice(family_pool)
            father = self.rng.choice(male_pool)
            agency_id, agency = self._weighted_agency(country)
            rank, tier = self.rng.choice(agency.ranks)
            service_number = f"{agency.acronym}-{self.rng.randint(10_000, 999_999)}"
            if country == "AF" and self.rng.random() < 0.1:
                service_number = service_number.translate(_PERSIAN_DIGITS)
            latin_given = self._spelling(given.latin)
            values = {
                "given_name": latin_given,
                "family_name": family.latin,
                "native_name": f"{given.native} {family.native}",
                "father_name": self._spelling(father.latin),
                "father_name_native": father.native,
                "service_number": service_number,
                "phone": _phone(self.rng, country),
            }
            person_id = self.row(
                "person",
                **values,
                sex=Sex.FEMALE if female else Sex.MALE,
                country=Country(country),
                agency_id=agency_id,
                rank=rank,
                rank_tier=tier,
                duty_station_id=self.rng.choice(crossings[country]),
                consent_photo=self.rng.random() < 0.7,
                consent_roster=self.rng.random() < 0.9,
                birth_date=_birth_date(service_number),
                search_key=person_search_key(**values),
            )
            self.people_by_country[country].append(person_id)
            if tier == "senior":
                self.senior.append(person_id)

    def exercises(self, count: int) -> None:
        programme_start, programme_end = date(2011, 5, 1), date(2015, 3, 15)
        span = (programme_end - programme_start).days
        sequence: Counter[tuple[str, int]] = Counter()
        recent = max(3, count // 20)
        for index in range(count):
            kind, area, title = self.rng.choice(pools.EXERCISE_TITLES)
            if index < recent:
                start = self.today + timedelta(days=self.rng.randint(-45, 120))
            else:
                start = programme_start + timedelta(days=self.rng.randint(0, span))
            days = self.rng.randint(3, 7)
            end = start + timedelta(days=days - 1)
            sequence[(kind, start.year)] += 1
            code = f"{_CODE_PREFIX[kind]}-{start.year}-{sequence[(kind, start.year)]:02d}"
            self.exercise(code, kind, area, title, start, end)
            if index and index % 500 == 0:
                self.report(f"{index} of {count} exercises")

    def exercise(self, code: str, kind: str, area: str, title: str, start: date, end: date) -> None:
        rng = self.rng
        if end < self.today:
            status = ExerciseStatus.CANCELLED if rng.random() < 0.02 else ExerciseStatus.COMPLETED
        elif start <= self.today:
            status = ExerciseStatus.ONGOING
        else:
            status = ExerciseStatus.PLANNED
        named = [(sid, s) for sid, s in self.sites if s.name.split(" (")[0] in title]
        site_id, site = rng.choice(named or self.sites)
        funding = [(pid, w) for pid, first, last, w in self.projects if first <= start <= last]
        project_id = (
            rng.choices([p for p, _ in funding], weights=[w for _, w in funding])[0]
            if funding
            else None
        )
        pass_mark = 60.0 if kind == "course" else None
        exercise_id = self.row(
            "exercise",
            code=code,
            title=title,
            type=kind,
            key_area=area,
            status=status,
            start_date=start,
            end_date=end,
            site_id=site_id,
            project_id=project_id,
            description="",
            min_attendance_share=0.8,
            late_counts_as_present=True,
            excused_in_denominator=False,
            post_test_pass_mark=pass_mark,
        )
        in_force = self.joint_modules(start)
        modules = rng.sample(in_force[:_DRAWN_JOINT_MODULES], k=rng.randint(2, 4))
        for module_id in modules:
            self.row("exercise_module", exercise_id=exercise_id, module_id=module_id)
        for module_id in in_force[_DRAWN_JOINT_MODULES:]:
            if zlib.crc32(f"{code} {module_id}".encode()) % 3 == 0:
                self.spare_row("exercise_module", exercise_id=exercise_id, module_id=module_id)
                modules.append(module_id)
        trainers = rng.sample(self.senior, k=min(2, len(self.senior)))
        sessions = self.sessions(exercise_id, start, end, modules, trainers)
        participants = [p for p in self.participants(site.country) if p not in trainers]
        self.enrol(exercise_id, trainers, Role.TRAINER)
        if status is ExerciseStatus.CANCELLED:
            return
        self.enrol(exercise_id, participants, Role.PARTICIPANT)
        self.attendance(sessions, participants)
        if end < self.today:
            self.assessments(exercise_id, participants)

    def sessions(
        self,
        exercise_id: uuid.UUID,
        start: date,
        end: date,
        modules: list[uuid.UUID],
        trainers: list[uuid.UUID],
    ) -> list[tuple[uuid.UUID, date]]:
        sessions = []
        day, number = start, 0
        while day <= end:
            for start_time, end_time in (_MORNING, _AFTERNOON):
                session_id = self.row(
                    "training_session",
                    exercise_id=exercise_id,
                    day=day,
                    start_time=start_time,
                    end_time=end_time,
                    title="Morning" if start_time < clock(12) else "Afternoon",
                    module_id=modules[number % len(modules)],
                    trainer_id=trainers[number % len(trainers)] if trainers else None,
                    locked_at=None,
                    locked_by="",
                )
                sessions.append((session_id, day))
                number += 1
            day += timedelta(days=1)
        return sessions

    def participants(self, site_country: str) -> list[uuid.UUID]:
        size = self.rng.randint(18, 40)
        if self.rng.random() < 0.15:
            # A national course: officers of the country where it is held.
            country = (
                site_country if site_country in ("AF", "PK") else self.rng.choice(("AF", "PK"))
            )
            pool = self.people_by_country[country]
            return self.rng.sample(pool, k=min(size, len(pool)))
        half = size // 2
        chosen = []
        for country, k in (("AF", half), ("PK", size - half)):
            pool = self.people_by_country[country]
            chosen += self.rng.sample(pool, k=min(k, len(pool)))
        return chosen

    def enrol(self, exercise_id: uuid.UUID, people: list[uuid.UUID], role: Role) -> None:
        table, rng = self.enrolments, self.rng
        exercise = table.value("exercise_id", exercise_id)
        for person_id in people:
            withdrawn = role is Role.PARTICIPANT and rng.random() < 0.02
            status = EnrolmentStatus.WITHDRAWN if withdrawn else EnrolmentStatus.ENROLLED
            table.add(
                table.writer.loader.driver_uuid(self.new_id_number()),
                exercise,
                table.value("person_id", person_id),
                table.value("role", role),
                table.value("status", status),
            )
        table.send()

    def attendance(
        self, sessions: list[tuple[uuid.UUID, date]], people: Iterable[uuid.UUID]
    ) -> None:
        rng, table = self.rng, self.marks
        held = [(table.value("session_id", sid), day) for sid, day in sessions if day <= self.today]
        if not held:
            return
        statuses = {status: table.value("status", status) for status in AttendanceStatus}
        driver_uuid = table.writer.loader.driver_uuid
        for person_id in people:
            person = table.value("person_id", person_id)
            drops_out_after = len(held) + 1 if rng.random() > 0.04 else rng.randint(1, len(held))
            for number, (session, day) in enumerate(held, start=1):
                if day == self.today and rng.random() < 0.5:
                    continue  # today's afternoon is not marked yet
                if rng.random() < 0.03:
                    continue  # a gap: the paper sheet was not typed in yet
                if number > drops_out_after:
                    status = AttendanceStatus.ABSENT
                else:
                    status = _draw_status(rng.random())
                table.add(driver_uuid(self.new_id_number()), session, person, statuses[status])
        table.send()

    def assessments(self, exercise_id: uuid.UUID, people: Iterable[uuid.UUID]) -> None:
        table, rng = self.scores, self.rng
        exercise = table.value("exercise_id", exercise_id)
        for person_id in people:
            if rng.random() < 0.1:
                continue
            pre = min(100.0, max(0.0, round(rng.gauss(52, 15))))
            post = min(100.0, max(0.0, round(pre + rng.gauss(18, 10))))
            table.add(
                table.writer.loader.driver_uuid(self.new_id_number()),
                exercise,
                table.value("person_id", person_id),
                pre,
                post if rng.random() > 0.05 else None,
                rng.choices((2, 3, 4, 5), weights=(1, 4, 10, 8))[0],
            )
        table.send()

    def _weighted_agency(self, country: str) -> tuple[uuid.UUID, pools.AgencySeed]:
        choices = self.agencies[country]
        return self.rng.choices(choices, weights=[seed.weight for _, seed in choices])[0]

    def _spelling(self, latin: str) -> str:
        variants = pools.LATIN_VARIANTS.get(latin)
        if variants and self.rng.random() < 0.25:
            return self.rng.choice(variants)
        return latin


def _holds_data(uow: UnitOfWork) -> bool:
    return any(
        uow.session.scalar(select(func.count()).select_from(model)) for model in (Person, Exercise)
    )


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _country(code: str) -> Country:
    return Country(code) if code in ("AF", "PK") else Country.OTHER


def _name_pools(
    country: str, female: bool
) -> tuple[tuple[pools.NamePart, ...], tuple[pools.NamePart, ...], tuple[pools.NamePart, ...]]:
    if country == "AF":
        given = pools.AFGHAN_FEMALE_GIVEN if female else pools.AFGHAN_MALE_GIVEN
        return given, pools.AFGHAN_FAMILY, pools.AFGHAN_MALE_GIVEN
    given = pools.PAKISTANI_FEMALE_GIVEN if female else pools.PAKISTANI_MALE_GIVEN
    return given, pools.PAKISTANI_FAMILY, pools.PAKISTANI_MALE_GIVEN


def _birth_date(service_number: str) -> date | None:
    """Born 1965-1999, or unknown for one person in four."""
    # Drawn from the ID, not the random stream, so that every other demo value of a seed
    # stays as it was before people had birth dates.
    digest = zlib.crc32(service_number.encode())
    if digest % 4 == 0:
        return None
    return date(1965, 1, 1) + timedelta(days=digest % 12_700)


def _phone(rng: random.Random, country: str) -> str:
    if country == "AF":
        return f"+93 7{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return f"+92 3{rng.randint(0, 4)}{rng.randint(0, 9)} {rng.randint(1_000_000, 9_999_999)}"


def _draw_status(draw: float) -> AttendanceStatus:
    if draw < 0.85:
        return AttendanceStatus.PRESENT
    if draw < 0.91:
        return AttendanceStatus.LATE
    if draw < 0.95:
        return AttendanceStatus.EXCUSED
    return AttendanceStatus.ABSENT
