"""Opening databases: schema from migrations, and refusing what must not be touched."""

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from trainingdesk.storage.database import (
    alembic_config,
    head_revision,
    open_database,
    resolve_url,
)
from trainingdesk.storage.errors import (
    DatabaseNotFound,
    DatabaseTooNew,
    DatabaseUnreadable,
    NotTrainingDeskDatabase,
)
from trainingdesk.storage.models import Base


def test_upgrade_head_from_empty_gives_exactly_the_models_schema(db_path: Path) -> None:
    database = open_database(str(db_path))
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        indexes = {
            index["name"]
            for table in Base.metadata.tables
            for index in inspect(connection).get_indexes(table)
        }
    expected = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    assert indexes == expected
    assert database.schema_revision() == head_revision()
    database.close()


def test_migrations_go_down_to_nothing_and_up_again(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(config, "head")
        assert set(inspect(connection).get_table_names()) >= set(Base.metadata.tables)
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db_path: Path) -> None:
    database = open_database(str(db_path))
    with database.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
        assert connection.scalar(text("PRAGMA synchronous")) == 2  # FULL
    database.close()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(db_path: Path) -> None:
    open_database(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version of TrainingDesk"):
        open_database(str(db_path))
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "roster.sqlite"
    path.write_text("name,father\nMohammad,Karim\n", encoding="utf-8")
    with pytest.raises(DatabaseUnreadable, match="not a TrainingDesk database"):
        open_database(str(path))
    assert path.read_text(encoding="utf-8") == "name,father\nMohammad,Karim\n"


def test_a_database_of_another_program_is_refused_byte_for_byte_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NotTrainingDeskDatabase, match="another program"):
        open_database(str(path))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_an_empty_file_is_not_taken_for_a_database_to_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(DatabaseUnreadable, match="empty file"):
        open_database(str(path), must_exist=True)
    assert path.stat().st_size == 0


def test_schema_changes_roll_back_so_a_migration_is_all_or_nothing(db_path: Path) -> None:
    database = open_database(str(db_path))
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (id INTEGER)"))
        connection.execute(text("DROP INDEX ix_attendance_mark_person_id"))
        connection.rollback()
    with database.engine.connect() as connection:
        names = set(connection.scalars(text("SELECT name FROM sqlite_master")))
    assert "scratch" not in names
    assert "ix_attendance_mark_person_id" in names
    database.close()


def test_a_damaged_database_gives_a_clear_error(db_path: Path) -> None:
    open_database(str(db_path)).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # header kept, schema page destroyed
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnreadable, match="cannot use the database"):
        open_database(str(db_path))


def test_a_missing_database_is_reported_when_it_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFound, match="no database at"):
        open_database(str(tmp_path / "absent.sqlite"), must_exist=True)
    assert not (tmp_path / "absent.sqlite").exists()


def test_a_new_database_gets_its_folder_created(tmp_path: Path) -> None:
    path = tmp_path / "field" / "torkham.sqlite"
    open_database(str(path)).close()
    assert path.exists()


def test_location_comes_from_option_then_environment_then_default(tmp_path: Path) -> None:
    option = resolve_url(str(tmp_path / "a.sqlite"), environ={"TRAININGDESK_DB": "/x/b.sqlite"})
    assert option.database == str(tmp_path / "a.sqlite")
    assert resolve_url(None, environ={"TRAININGDESK_DB": "/x/b.sqlite"}).database == "/x/b.sqlite"
    default = resolve_url(None, environ={})
    assert default.database is not None
    assert default.database.endswith("trainingdesk.sqlite")


def test_any_sqlalchemy_url_is_accepted() -> None:
    url = resolve_url("postgresql+psycopg://coordinator:secret@127.0.0.1:5433/trainingdesk")
    assert url.get_backend_name() == "postgresql"
    assert url.port == 5433


def test_a_malformed_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseUnreadable, match="not a valid database URL"):
        resolve_url("sqlite://:not a port")


def test_an_unknown_kind_of_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseUnreadable, match="cannot use a database of type 'nonsense'"):
        open_database("nonsense://somewhere/db")


def test_a_first_release_database_keeps_its_audit_log_when_upgraded(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO audit_entry (id, at, user_name, action, table_name, changes) "
                "VALUES ('00000000000000000000000000000001', '2013-10-06 08:00:00', 'amina', "
                "'update', 'person', '{}')"
            )
        )
    engine.dispose()
    database = open_database(str(db_path))
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT user_name, reason FROM audit_entry")).all()
    database.close()
    assert [tuple(row) for row in rows] == [("amina", "")]
    assert list(db_path.parent.glob("*0001*")), "the 0001 database was backed up first"
