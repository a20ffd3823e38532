"""Whatever a roster holds, a refused import leaves every table's content as it was."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import builders
from tests.integration.test_roster_import import HEADERS, _content
from trainingdesk.domain.enums import Country
from trainingdesk.importing.roster import propose_mapping
from trainingdesk.importing.tables import Table, TableRow
from trainingdesk.services.container import Services
from trainingdesk.services.roster_import import RosterRejected

NAMES = st.text(alphabet="abcMKZ محمدکریمګښۍ '-", max_size=12)
SEXES = st.sampled_from(["M", "F", "male", "زن", "X", "", "=1+1"])
AGENCIES = st.sampled_from(["ABP", "abp", "NOPE", "", "@SUM(A1)"])
NUMBERS = st.text(alphabet="AB-0123۴۵۶", max_size=8)
ROWS = st.lists(st.tuples(NAMES, NAMES, NAMES, NAMES, SEXES, AGENCIES, NUMBERS), max_size=8)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=ROWS)
def test_a_refused_roster_changes_nothing(
    services: Services, migrated_db_path: Path, rows: list[tuple[str, ...]]
) -> None:
    if not services.reference.list_agencies():
        builders.agency(services, "ABP")
        builders.person(services, "Mohammad", "Karim", service_number="AB-123")
    table = Table(HEADERS, tuple(TableRow(n + 2, row) for n, row in enumerate(rows)))
    plan = services.rosters.plan(table, propose_mapping(HEADERS), default_country=Country.AF)
    if not (plan.rejected or plan.rows_with_matches()):
        return  # nothing to refuse: writing it is another test's business
    before = _content(migrated_db_path)
    try:
        services.rosters.apply(plan, {})
    except RosterRejected:
        pass
    else:
        raise AssertionError("a roster with problems or open duplicates was written")
    assert _content(migrated_db_path) == before
