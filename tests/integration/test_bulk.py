"""Bulk loading: fast, but never at the cost of a broken key or a half-written load."""

import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import IntegrityError

from trainingdesk.storage.bulk import BulkLoader
from trainingdesk.storage.database import open_database
from trainingdesk.storage.models import Base, Exercise

NOW = datetime(2026, 11, 27, 9, 0)
TABLES = Base.metadata.sorted_tables
STAMPS = {"created_at": NOW, "updated_at": NOW, "changed_by": None, "deleted_at": None}


def _exercise(code: str) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "code": code,
        "title": "Joint exercise",
        "type": "joint_exercise",
        "key_area": "dialogue",
        "status": "planned",
        "start_date": date(2012, 5, 1),
        "end_date": date(2012, 5, 2),
        "site_id": None,
        "project_id": None,
        "description": "",
        "min_attendance_share": 0.8,
        "late_counts_as_present": True,
        "excused_in_denominator": False,
        "post_test_pass_mark": None,
        **STAMPS,
    }


def test_loaded_rows_read_back_like_any_other(migrated_db_path: Path) -> None:
    database = open_database(str(migrated_db_path))
    with database.session_factory() as session:
        loader = BulkLoader(session.connection())
        with loader.loading(Base.metadata.sorted_tables):
            loader.insert(Base.metadata.tables["exercise"], [_exercise("JTX-2012-01")])
        session.commit()
    with database.session_factory() as session:
        loaded = session.scalars(select(Exercise)).one()
        assert (loaded.code, loaded.start_date, loaded.created_at) == (
            "JTX-2012-01",
            date(2012, 5, 1),
            NOW,
        )
    with database.engine.connect() as connection:
        indexes = {row[1] for row in connection.execute(text("PRAGMA index_list(exercise)"))}
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
    assert "uq_exercise_code" in indexes
    database.close()


def test_a_duplicate_code_fails_the_whole_load(migrated_db_path: Path) -> None:
    database = open_database(str(migrated_db_path))
    with database.session_factory() as session:
        loader = BulkLoader(session.connection())
        table = Base.metadata.tables["exercise"]
        with pytest.raises(IntegrityError), loader.loading([table]):
            loader.insert(table, [_exercise("JTX-2012-01"), _exercise("JTX-2012-01")])
        session.rollback()
    with database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Exercise)) == 0
    database.close()


def test_a_broken_foreign_key_fails_the_whole_load(migrated_db_path: Path) -> None:
    database = open_database(str(migrated_db_path))
    orphan = _exercise("JTX-2012-02") | {"site_id": uuid.uuid4()}
    with database.session_factory() as session:
        loader = BulkLoader(session.connection())
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), loader.loading(TABLES):
            loader.insert(Base.metadata.tables["exercise"], [orphan])
        session.rollback()
    with database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Exercise)) == 0
    database.close()


def test_an_interrupted_load_leaves_the_database_as_it_was(migrated_db_path: Path) -> None:
    database = open_database(str(migrated_db_path))
    with database.engine.connect() as connection:
        indexes_before = _index_names(connection)
    with database.session_factory() as session:
        loader = BulkLoader(session.connection())
        with pytest.raises(KeyboardInterrupt), loader.loading(TABLES):
            loader.insert(Base.metadata.tables["exercise"], [_exercise("JTX-2012-03")])
            raise KeyboardInterrupt
        session.rollback()
    database.close()
    reopened = open_database(str(migrated_db_path))
    with reopened.engine.connect() as connection:
        assert _index_names(connection) == indexes_before
        assert connection.scalar(select(func.count()).select_from(Exercise)) == 0
    reopened.close()


def _index_names(connection: Connection) -> set[str]:
    query = text("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
    return set(connection.scalars(query))
