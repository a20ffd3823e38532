"""The attendance tallies the reports read stay exact whatever writes the marks.

Triggers list the exercises whose marks or sessions changed; a report recounts those. The
tests change marks by every route (the grid service, a session deleted or re-dated, raw
SQL as a bulk load would) and check the figures and the tallies against the marks.
"""

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, select, text

from tests.conftest import TEST_ACTOR
from tests.integration.donor_programme import Programme, build_programme
from trainingdesk.domain.donor import ReportScope
from trainingdesk.domain.enums import AttendanceStatus
from trainingdesk.domain.records import MarkChange
from trainingdesk.services import attendance_tallies
from trainingdesk.services.attendance_tallies import refresh_tallies, tallies
from trainingdesk.services.container import Services, open_services
from trainingdesk.storage.database import alembic_config
from trainingdesk.storage.models import AttendanceTally, Exercise, StaleAttendanceTally

FISCAL_2025 = ReportScope(date(2025, 4, 1), date(2026, 3, 31), min_cell=0)
HELD = {"JTX-2025-01", "CRS-2025-01"}  # the exercises the fiscal year's report counts
IN_SCOPE = HELD | {"TTX-2026-01"}  # in the period too, but nobody attended it


@pytest.fixture
def programme(services: Services) -> Programme:
    """The synthetic programme of `donor_programme`."""
    return build_programme(services)


def _engine(services: Services) -> Engine:
    return services.database.engine


def _stale(services: Services) -> dict[str, int]:
    """Exercise code -> version of its stale entry."""
    with _engine(services).connect() as connection:
        rows = connection.execute(
            select(Exercise.code, StaleAttendanceTally.version).join(
                Exercise, Exercise.id == StaleAttendanceTally.exercise_id
            )
        )
        return {code: version for code, version in rows}


def _stored_tallies(services: Services) -> set[tuple[object, ...]]:
    with _engine(services).connect() as connection:
        return set(connection.execute(select(AttendanceTally.__table__)).all())


def _counted_from_marks(services: Services) -> set[tuple[object, ...]]:
    """What the tallies of every exercise not listed as stale should hold."""
    with _engine(services).connect() as connection:
        ids = list(
            connection.scalars(
                select(Exercise.id).where(
                    Exercise.id.not_in(select(StaleAttendanceTally.exercise_id))
                )
            )
        )
        return set(connection.execute(tallies(ids)).all())


def _headline(services: Services, label: str) -> object:
    report = services.donor.build(FISCAL_2025)
    return next(h.value for h in report.headlines if h.label == label)


def test_a_report_recounts_only_what_changed_and_matches_the_marks(
    services: Services, programme: Programme
) -> None:
    marked = set(_stale(services))  # every exercise with marks, in the period or not
    assert marked >= HELD
    assert _headline(services, "People trained") == 16
    assert set(_stale(services)) == marked - HELD
    assert _stored_tallies(services) == _counted_from_marks(services)

    jtx = services.exercises.by_code("JTX-2025-01")
    morning, afternoon = services.exercises.sessions(jtx.id)[:2]  # both on 5 May
    b6 = programme.people["B6"].id  # PPAA: trained on 5 May only
    services.grid.set_marks(
        [
            MarkChange(morning.id, b6, AttendanceStatus.ABSENT),
            MarkChange(afternoon.id, b6, AttendanceStatus.ABSENT),
        ]
    )
    assert set(_stale(services)) == marked - HELD | {"JTX-2025-01"}
    report = services.donor.build(FISCAL_2025)
    headlines = {h.label: h.value for h in report.headlines}
    assert (
        headlines["People trained"],
        headlines["Pakistani officials trained"],
        headlines["Person-days of training"],
    ) == (15, 6, 75)
    assert set(_stale(services)) == marked - HELD
    assert _stored_tallies(services) == _counted_from_marks(services)


def test_every_kind_of_change_marks_the_exercise_stale(
    services: Services, programme: Programme
) -> None:
    services.donor.build(FISCAL_2025)
    jtx = services.exercises.by_code("JTX-2025-01")
    sessions = services.exercises.sessions(jtx.id)
    engine = _engine(services)
    with engine.begin() as connection:
        refresh_tallies(connection, select(Exercise.id))

    def stale_after(statement: str) -> set[str]:
        with engine.begin() as connection:
            connection.execute(text(statement), {"session": sessions[0].id.hex})
        found = set(_stale(services))
        with engine.begin() as connection:
            refresh_tallies(connection, select(Exercise.id))
        return found

    mark = "SELECT id FROM attendance_mark WHERE session_id = :session LIMIT 1"
    assert stale_after(f"UPDATE attendance_mark SET status = 'A' WHERE id = ({mark})") == {
        "JTX-2025-01"
    }
    assert stale_after(
        f"UPDATE attendance_mark SET deleted_at = '2026-01-01' WHERE id = ({mark})"
    ) == {"JTX-2025-01"}
    assert stale_after(f"DELETE FROM attendance_mark WHERE id = ({mark})") == {"JTX-2025-01"}
    assert stale_after("UPDATE training_session SET day = '2025-05-08' WHERE id = :session") == {
        "JTX-2025-01"
    }
    assert stale_after(
        "UPDATE training_session SET deleted_at = '2026-01-01' WHERE id = :session"
    ) == {"JTX-2025-01"}
    # A remark or the clock of a mark changes no tally.
    assert stale_after(f"UPDATE attendance_mark SET remark = 'ok' WHERE id = ({mark})") == set()
    # Moving a session to another exercise changes both.
    crs = services.exercises.by_code("CRS-2025-01")
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE training_session SET exercise_id = :crs WHERE id = :session"),
            {"crs": crs.id.hex, "session": sessions[0].id.hex},
        )
    assert set(_stale(services)) == {"JTX-2025-01", "CRS-2025-01"}
    services.donor.build(FISCAL_2025)
    assert _stored_tallies(services) == _counted_from_marks(services)


def test_a_change_made_while_counting_keeps_the_exercise_stale(
    services: Services, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.donor.build(FISCAL_2025)
    jtx = services.exercises.by_code("JTX-2025-01")
    engine = _engine(services)
    touch = text("UPDATE training_session SET day = day WHERE exercise_id = :id")
    with engine.begin() as connection:
        connection.execute(touch, {"id": jtx.id.hex})

    def changed_while_counting(exercise_ids: list[uuid.UUID]) -> Any:
        # On a server, another coordinator's change between reading the stale list and
        # clearing it; here, the same change made from inside the recount.
        connection.execute(touch, {"id": jtx.id.hex})
        return tallies(exercise_ids)

    monkeypatch.setattr(attendance_tallies, "tallies", changed_while_counting)
    with engine.begin() as connection:
        only_jtx = select(Exercise.id).where(Exercise.id == jtx.id)
        assert refresh_tallies(connection, only_jtx) == 1
    assert "JTX-2025-01" in _stale(services)
    monkeypatch.undo()
    services.donor.build(FISCAL_2025)
    assert "JTX-2025-01" not in _stale(services)


def test_the_upgrade_counts_every_existing_exercise_once(
    migrated_db_path: Path, services: Services, programme: Programme
) -> None:
    expected = services.donor.build(FISCAL_2025)
    with _engine(services).connect() as connection:
        codes = set(connection.scalars(select(Exercise.code)))
    services.close()
    engine = create_engine(f"sqlite:///{migrated_db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        command.upgrade(config, "head")
    engine.dispose()
    reopened = open_services(str(migrated_db_path), actor=TEST_ACTOR)
    try:
        assert set(_stale(reopened)) == codes
        assert reopened.donor.build(FISCAL_2025) == expected
        assert _stale(reopened) == {code: 1 for code in codes - IN_SCOPE}
        assert _stored_tallies(reopened) == _counted_from_marks(reopened)
    finally:
        reopened.close()


@pytest.mark.postgres
def test_the_triggers_keep_the_tallies_exact_on_postgresql(postgres_url: str) -> None:
    services = open_services(postgres_url, actor=TEST_ACTOR)
    try:
        programme = build_programme(services)
        assert set(_stale(services)) >= HELD
        assert _headline(services, "People trained") == 16
        assert not HELD & set(_stale(services))
        jtx = services.exercises.by_code("JTX-2025-01")
        morning, afternoon = services.exercises.sessions(jtx.id)[:2]
        b6 = programme.people["B6"].id
        services.grid.set_marks(
            [
                MarkChange(morning.id, b6, AttendanceStatus.ABSENT),
                MarkChange(afternoon.id, b6, AttendanceStatus.ABSENT),
            ]
        )
        assert "JTX-2025-01" in _stale(services)
        assert _headline(services, "People trained") == 15
        services.exercises.delete_session(morning.id)
        assert "JTX-2025-01" in _stale(services)
        assert _headline(services, "Sessions held") == 7
        assert _stored_tallies(services) == _counted_from_marks(services)
    finally:
        services.close()
