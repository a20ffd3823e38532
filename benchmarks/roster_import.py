"""Time a whole roster import: the file read, every row checked, duplicates found, all written.

Usage: .venv/bin/python benchmarks/roster_import.py --db PATH [--rows 10000]
(make PATH first with: .venv/bin/trainingdesk --db PATH demo --people 20000; the script
adds the new people of the roster to it, so use a scratch copy)

Target from the issue: a 10,000-row roster imported, duplicate detection included, into
the 20,000-person database in under 5 s. The roster is a CSV written from the database
itself: a fifth of the rows are people already known, retyped (another spelling of the
given name, the ID number in Persian digits), the rest new people made of the demo's name
pools. Every probable duplicate is merged into the person it matches, as
`--matches merge` does. Baseline in the same run: the same rows inserted with one Core
statement (no checks, no duplicate search, no audit), the floor for any import.
"""

import argparse
import csv
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from trainingdesk.domain.search import person_search_key
from trainingdesk.importing.tables import read_table
from trainingdesk.services.container import Services, open_services
from trainingdesk.services.demo_pools import AFGHAN_FAMILY, AFGHAN_MALE_GIVEN, LATIN_VARIANTS
from trainingdesk.services.roster_import import Action, decisions_for_all
from trainingdesk.storage.models import Person

HEADERS = ("Name", "Surname", "Native name", "Father's name", "Sex", "Agency", "ID number")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def write_roster(services: Services, rows: int, path: Path, seed: int) -> None:
    """A roster CSV: one row in five is someone known, retyped; the others are new."""
    rng = random.Random(seed)
    known = [p for p in services.people.find() if p.agency_acronym][: rows // 5]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for person in known:
            retyped = rng.choice(LATIN_VARIANTS.get(person.given_name, (person.given_name,)))
            writer.writerow(
                (
                    retyped,
                    person.family_name,
                    person.native_name,
                    person.father_name,
                    person.sex.value,
                    person.agency_acronym,
                    person.service_number.translate(PERSIAN_DIGITS),
                )
            )
        for number in range(rows - len(known)):
            first, family = rng.choice(AFGHAN_MALE_GIVEN), rng.choice(AFGHAN_FAMILY)
            father = rng.choice(AFGHAN_MALE_GIVEN)
            writer.writerow(
                (
                    first.latin,
                    family.latin,
                    f"{first.native} {family.native}",
                    father.latin,
                    "M",
                    "ABP",
                    f"BENCH-{seed}-{number}",
                )
            )


def baseline(services: Services, path: Path) -> float:
    """Seconds for the bare insert of the same rows, rolled back."""
    table = read_table(path)
    started = time.perf_counter()
    rows = [
        {
            "id": uuid.uuid4(),
            "given_name": row.cells[0],
            "family_name": row.cells[1],
            "native_name": row.cells[2],
            "father_name": row.cells[3],
            "sex": "M",
            "country": "AF",
            "service_number": row.cells[6],
            "search_key": person_search_key(
                given_name=row.cells[0],
                family_name=row.cells[1],
                native_name=row.cells[2],
                father_name=row.cells[3],
                father_name_native="",
                service_number=row.cells[6],
                phone="",
            ),
        }
        for row in table.rows
    ]
    with services.database.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(insert(Person), rows)
        elapsed = time.perf_counter() - started
        transaction.rollback()
    return elapsed


def main() -> None:
    """Write the roster, import it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    args = parser.parse_args()
    services = open_services(args.db, must_exist=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        write_roster(services, args.rows, path, args.seed)
        bare = baseline(services, path)

        started = time.perf_counter()
        table = read_table(path)
        read = time.perf_counter()
        mapping = services.rosters.remembered_mapping(table.headers)
        plan = services.rosters.plan(table, mapping)
        planned = time.perf_counter()
        result = services.rosters.apply(plan, decisions_for_all(plan, Action.MERGE))
        written = time.perf_counter()

    everyone = services.people.count()
    print(
        f"Roster import: {len(table.rows):,} rows into a database of {everyone:,} people "
        f"({len(result.created):,} new, {len(result.merged):,} merged, "
        f"{len(plan.rows_with_matches()):,} probable duplicates, {len(plan.rejected)} rejected)"
    )
    steps = {
        "read the file": read - started,
        "check rows, find duplicates": planned - read,
        "write in one transaction": written - planned,
    }
    for step, seconds in steps.items():
        print(f"  {step + ':':32} {seconds:6.2f} s")
    total = written - started
    print(f"  {'total:':32} {total:6.2f} s   target < 5 s")
    print(f"  {'baseline, bare Core insert:':32} {bare:6.2f} s")
    services.close()


if __name__ == "__main__":
    main()
