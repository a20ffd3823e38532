"""Where the database is, how it is opened, and how its schema is brought up to date."""

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from trainingdesk.storage.errors import (
    DatabaseNotFound,
    DatabaseTooNew,
    DatabaseUnreadable,
    NotTrainingDeskDatabase,
)
from trainingdesk.storage.identity import APP_NAME

DB_ENV_VAR = "TRAININGDESK_DB"
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_path() -> Path:
    """The embedded database in the per-user data folder."""
    return user_data_path(APP_NAME, appauthor=False) / "trainingdesk.sqlite"


def demo_database_path() -> Path:
    """The demo database, kept apart from real data in the same folder."""
    return default_database_path().with_name("demo.sqlite")


def resolve_url(location: str | None, environ: Mapping[str, str] = os.environ) -> URL:
    """Turn `--db`, `TRAININGDESK_DB` or the default into a SQLAlchemy URL.

    A value with `://` is taken as a URL (any SQLAlchemy backend); anything else is a
    path to an SQLite file.
    """
    chosen = location or environ.get(DB_ENV_VAR) or str(default_database_path())
    if "://" in chosen:
        try:
            return make_url(chosen)
        except (ArgumentError, ValueError) as exc:
            raise DatabaseUnreadable(f"not a valid database URL: {chosen}") from exc
    path = Path(chosen).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def describe(url: URL) -> str:
    """The database as shown to a user: a path for SQLite, the URL without password otherwise."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


@dataclass
class Database:
    """An open database: its engine, a session factory, and where it lives."""

    url: URL
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def location(self) -> str:
        """Path or password-free URL for messages."""
        return describe(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        """The file for an SQLite database, else None."""
        if self.url.get_backend_name() == "sqlite" and self.url.database:
            return Path(self.url.database)
        return None

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def close(self) -> None:
        """Release every connection (and the WAL file's lock)."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling leaves DDL outside transactions, so that an
    # interrupted migration or bulk load would stay half done; SQLAlchemy begins instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL makes every committed mark survive a power cut, not just a crash (about 0.2 ms).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: URL) -> Engine:
    """An engine with the settings TrainingDesk relies on."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


@lru_cache(maxsize=1)
def _migrations() -> ScriptDirectory:
    # The shipped migrations never change while the program runs; parse them once.
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of TrainingDesk knows."""
    head = _migrations().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def open_database(
    location: str | None = None,
    *,
    must_exist: bool = False,
    environ: Mapping[str, str] = os.environ,
) -> Database:
    """Open (and if needed create or upgrade) a TrainingDesk database.

    Refuses, without changing a byte, files that are not SQLite databases, databases of
    other programs, and databases written by a newer TrainingDesk: SQLite files are
    looked at through a read-only connection before anything else opens them. An older
    schema is backed up next to the file before it is upgraded.
    """
    url = resolve_url(location, environ)
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is not None:
        _check_sqlite_file(path, must_exist=must_exist)
        if path.exists() and path.stat().st_size:
            _refuse_unless_ours(describe(url), *_sqlite_file_state(path))
    try:
        engine = make_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseUnreadable(
            f"cannot use a database of type {url.drivername!r}: {exc}"
            + (
                " (install the postgres extra: pip install 'trainingdesk[postgres]')"
                if url.get_backend_name() == "postgresql"
                else ""
            )
        ) from exc
    try:
        _bring_schema_up_to_date(engine, path)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnreadable(f"cannot use the database {describe(url)}: {reason}") from exc
    except Exception:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, session_factory=sessionmaker(engine))


def _check_sqlite_file(path: Path, *, must_exist: bool) -> None:
    if not path.exists():
        if must_exist:
            raise DatabaseNotFound(_not_found_message(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnreadable(
                f"cannot create the folder for {path}: {exc.strerror}"
            ) from exc
        if not os.access(path.parent, os.W_OK):
            raise DatabaseUnreadable(f"cannot create a database in {path.parent}: not writable")
        return
    if path.is_dir():
        raise DatabaseUnreadable(f"{path} is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseUnreadable(f"cannot read {path}: {exc.strerror}") from exc
    if not header and must_exist:
        raise DatabaseUnreadable(f"{path} is an empty file, not a TrainingDesk database")
    if header and header != SQLITE_MAGIC:
        raise DatabaseUnreadable(
            f"{path} is not a TrainingDesk database (not an SQLite file); it was left untouched"
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseUnreadable(
            f"{path} or its folder is read-only; copy the database to a writable folder "
            "(a USB stick may be write-protected)"
        )


def _not_found_message(path: Path) -> str:
    if path == default_database_path():
        return (
            f"no database at {path} yet; the demo database is at {demo_database_path()} "
            f"(trainingdesk --db {demo_database_path()} info)"
        )
    return f"no database at {path} (check the path; a demo database is made with: demo)"


def _sqlite_file_state(path: Path) -> tuple[str | None, set[str]]:
    """Revision and tables of an SQLite file, read without changing it."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseUnreadable(f"cannot read {path}: {exc}") from exc
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = None
        if "alembic_version" in tables:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
    except sqlite3.Error as exc:
        raise DatabaseUnreadable(f"cannot use the database {path}: {exc}") from exc
    finally:
        connection.close()
    return revision, tables


def _refuse_unless_ours(location: str, current: str | None, tables: set[str]) -> None:
    if current is None and tables - {"alembic_version"}:
        raise NotTrainingDeskDatabase(
            f"{location} holds tables of another program "
            f"({', '.join(sorted(tables)[:3])}…); it was left untouched"
        )
    known = {rev.revision for rev in _migrations().walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            f"{location} was written by a newer version of TrainingDesk "
            f"(schema {current}); install that version to open it. The file was left untouched."
        )


def _bring_schema_up_to_date(engine: Engine, path: Path | None) -> None:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    _refuse_unless_ours(describe(engine.url), current, tables)
    if current == head_revision():
        return
    if current is not None and path is not None:
        backup_sqlite(engine, path.with_name(f"{path.stem}.before-upgrade-{current}{path.suffix}"))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy a live SQLite database consistently (SQLite's online backup) into one file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(partial) as destination:
            source.backup(destination)
            # One self-contained file, safe to carry on a USB stick without its -wal.
            destination.execute("PRAGMA journal_mode=DELETE")
        destination.close()
    finally:
        raw.close()
    partial.replace(target)
    return target
