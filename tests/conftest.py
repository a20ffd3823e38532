"""Test isolation: no display, and per-user folders inside a temporary directory."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything reads them: Qt picks its platform and platformdirs its folders once.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="trainingdesk-tests-"))
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ.pop("TRAININGDESK_DB", None)

from tests.cups import CupsUnavailable, PrintQueue, running_print_queue  # noqa: E402
from tests.postgres import PostgresUnavailable, create_database, throwaway_server  # noqa: E402
from trainingdesk.services.container import Services, open_services  # noqa: E402
from trainingdesk.storage.database import open_database  # noqa: E402
from trainingdesk.storage.identity import Actor  # noqa: E402

TEST_ACTOR = Actor(
    laptop_id=uuid.UUID("00000000-0000-4000-8000-00000000a001"),
    laptop_name="test-laptop",
    user_name="coordinator",
)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the latest schema, migrated once for the whole run."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(str(path)).close()
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's SQLite database lives (nothing there yet)."""
    return tmp_path / "trainingdesk.sqlite"


@pytest.fixture
def migrated_db_path(db_path: Path, migrated_template: Path) -> Path:
    """A test's own copy of an empty, migrated database."""
    shutil.copyfile(migrated_template, db_path)
    return db_path


@pytest.fixture
def services(migrated_db_path: Path) -> Iterator[Services]:
    """Every service over a new, empty database file."""
    opened = open_services(str(migrated_db_path), actor=TEST_ACTOR)
    yield opened
    opened.close()


_postgres_skip_reason: list[str] = []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server (URL template); skips loudly when none can start."""
    try:
        with throwaway_server() as url_template:
            yield url_template
    except PostgresUnavailable as exc:
        _postgres_skip_reason.append(str(exc))
        pytest.skip(f"PostgreSQL tests skipped: {exc}")


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the throwaway server."""
    return create_database(postgres_server)


_cups_skip_reason: list[str] = []


@pytest.fixture(scope="session")
def print_queue() -> Iterator[PrintQueue]:
    """The CUPS queue `PDF` (cups-pdf), started if need be; skips loudly when there is none."""
    try:
        with running_print_queue() as queue:
            yield queue
    except CupsUnavailable as exc:
        _cups_skip_reason.append(str(exc))
        pytest.skip(f"Print queue tests skipped: {exc}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Make a skipped PostgreSQL or printing run impossible to miss."""
    if _postgres_skip_reason:
        terminalreporter.write_sep("!", "POSTGRESQL TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_postgres_skip_reason[0], red=True)
    if _cups_skip_reason:
        terminalreporter.write_sep("!", "PRINT QUEUE TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_cups_skip_reason[0], red=True)
