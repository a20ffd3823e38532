"""Time duplicate detection of a roster against the people already in TrainingDesk.

Usage: .venv/bin/python benchmarks/roster_duplicates.py [--rows 10000] [--people 20000]

Target from the issue: 10,000 roster rows against 20,000 people in well under 5 s. The
identities are synthetic, drawn from the demo name pools: a quarter of the rows are
people already known, written differently (another Latin spelling, only the native or
only the Latin name, no family name, the ID number in Persian digits), one in twenty
repeats an earlier row, and the rest are new. The baseline, measured in the same run, is
the same scoring applied to every pair (no blocking), timed on a sample and extrapolated;
the sample also shows how many of the naive candidates blocking finds.
"""

import argparse
import random
import statistics
import time
import uuid
from dataclasses import replace
from datetime import date, timedelta

from trainingdesk.importing.duplicates import (
    PersonIdentity,
    _Keys,
    _Scorer,
    find_duplicates,
)
from trainingdesk.services.demo_pools import (
    AFGHAN_FAMILY,
    AFGHAN_FEMALE_GIVEN,
    AFGHAN_MALE_GIVEN,
    AGENCIES,
    LATIN_VARIANTS,
    PAKISTANI_FAMILY,
    PAKISTANI_FEMALE_GIVEN,
    PAKISTANI_MALE_GIVEN,
    NamePart,
)

POOLS = {
    "AF": (AFGHAN_MALE_GIVEN, AFGHAN_FEMALE_GIVEN, AFGHAN_FAMILY),
    "PK": (PAKISTANI_MALE_GIVEN, PAKISTANI_FEMALE_GIVEN, PAKISTANI_FAMILY),
}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SAMPLE_ROWS, SAMPLE_PEOPLE = 200, 2_000


class Generator:
    """Synthetic people and roster rows, reproducible from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.agencies = [(uuid.UUID(int=i + 1), seed.country) for i, seed in enumerate(AGENCIES)]
        self.weights = [seed.weight for seed in AGENCIES]

    def person(self, key: uuid.UUID | int) -> PersonIdentity:
        """A new person with both scripts, most with a father's name, ID and birth date."""
        rng = self.rng
        agency_id, country = rng.choices(self.agencies, self.weights)[0]
        male, female, family = POOLS[country]
        given = rng.choice(male if rng.random() < 0.85 else female)
        surname = rng.choice(family) if rng.random() < 0.8 else NamePart("", "")
        father = rng.choice(male)
        return PersonIdentity(
            key,
            given.latin,
            surname.latin,
            f"{given.native} {surname.native}".strip(),
            father.latin,
            father.native,
            agency_id,
            f"{country}-{rng.randrange(10**6):06d}" if rng.random() < 0.6 else "",
            date(1960, 1, 1) + timedelta(days=rng.randrange(15_000))
            if rng.random() < 0.75
            else None,
        )

    def variant(self, person: PersonIdentity, key: int) -> PersonIdentity:
        """The same person as another agency's clerk would type them."""
        rng = self.rng
        given = person.given_name
        if given in LATIN_VARIANTS and rng.random() < 0.7:
            given = rng.choice(LATIN_VARIANTS[given])
        # Latin only, native only or both, but never neither: a roster row has a name.
        scripts = rng.random()
        if not person.native_name:
            scripts = 0.5
        elif not person.given_name:
            scripts = 0.0
        id_number = person.service_number
        if id_number and rng.random() < 0.5:
            id_number = id_number.translate(PERSIAN_DIGITS)
        return replace(
            person,
            key=key,
            given_name="" if scripts < 0.2 else given,
            family_name="" if scripts < 0.2 or rng.random() < 0.2 else person.family_name,
            native_name="" if 0.2 <= scripts < 0.6 else person.native_name,
            father_name_native="" if rng.random() < 0.5 else person.father_name_native,
            service_number=id_number if rng.random() < 0.7 else "",
            birth_date=person.birth_date if rng.random() < 0.6 else None,
        )


def make_data(
    rows: int, people: int, seed: int
) -> tuple[list[PersonIdentity], list[PersonIdentity], dict[int, uuid.UUID | int]]:
    """(roster rows, known people, row number -> whom the row repeats)."""
    generator = Generator(seed)
    known = [generator.person(uuid.UUID(int=i + 1)) for i in range(people)]
    roster: list[PersonIdentity] = []
    planted: dict[int, uuid.UUID | int] = {}
    for number in range(2, rows + 2):
        draw = generator.rng.random()
        if draw < 0.30 and roster:
            source = generator.rng.choice(known if draw < 0.25 else roster)
            roster.append(generator.variant(source, number))
            planted[number] = source.key
        else:
            roster.append(generator.person(number))
    return roster, known, planted


def naive_seconds_per_pair(rows: list[PersonIdentity], people: list[PersonIdentity]) -> float:
    """Seconds per pair when every pair is prepared and scored, as without blocking."""
    started = time.perf_counter()
    keys = _Keys()
    prepared_rows = [keys.prepare(row) for row in rows]
    prepared_people = [keys.prepare(person) for person in people]
    scorer = _Scorer(keys)
    for row in prepared_rows:
        for person in prepared_people:
            scorer.compare(row, person, 0.5)
    return (time.perf_counter() - started) / (len(rows) * len(people))


def sample_recall(rows: list[PersonIdentity], people: list[PersonIdentity]) -> tuple[int, int]:
    """(candidates blocking finds, candidates the naive comparison finds) on a sample."""
    keys = _Keys()
    prepared_rows = [keys.prepare(row) for row in rows]
    prepared_people = [keys.prepare(person) for person in people]
    scorer = _Scorer(keys)
    naive = {
        (row.identity.key, person.identity.key)
        for row in prepared_rows
        for person in prepared_people
        if scorer.compare(row, person, 0.5) is not None
    }
    blocked = {(m.row, m.existing) for m in find_duplicates(rows, people) if m.existing}
    return len(naive & blocked), len(naive)


def main() -> None:
    """Generate, time and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args()
    rows, people, planted = make_data(args.rows, args.people, args.seed)

    times = []
    for _ in range(3):
        started = time.perf_counter()
        matches = find_duplicates(rows, people)
        times.append(time.perf_counter() - started)
    per_pair = naive_seconds_per_pair(rows[:SAMPLE_ROWS], people[:SAMPLE_PEOPLE])
    all_pairs = len(rows) * len(people) + len(rows) * (len(rows) - 1) // 2
    found, naive = sample_recall(rows[:SAMPLE_ROWS], people[:SAMPLE_PEOPLE])

    found_planted = len(
        {m.row for m in matches if m.row in planted and planted[m.row] in (m.existing, m.other_row)}
    )
    with_existing = len({m.row for m in matches if m.existing is not None})
    within_file = len({m.row for m in matches if m.other_row is not None})
    print(f"Duplicate candidates: {len(rows):,} roster rows against {len(people):,} people")
    print(
        f"  find_duplicates, median / worst of 3: {statistics.median(times):6.2f} / "
        f"{max(times):.2f} s   target < 5 s"
    )
    print(
        f"  naive every-pair baseline (est.):     {per_pair * all_pairs:6.0f} s   "
        f"({all_pairs:,} pairs at {per_pair * 1e6:.1f} µs, timed on "
        f"{SAMPLE_ROWS} x {SAMPLE_PEOPLE:,})"
    )
    print(
        f"  rows with a candidate: {with_existing:,} among people, {within_file:,} within "
        f"the file; {len(matches):,} candidates in all"
    )
    print(
        f"  planted duplicates found: {found_planted:,} of {len(planted):,}; on the sample, "
        f"blocking finds {found} of the {naive} candidates comparing every pair finds"
    )


if __name__ == "__main__":
    main()
