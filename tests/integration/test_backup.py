"""Backups a coordinator can carry away on a USB stick and trust."""

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from tests import builders
from trainingdesk.services.container import Services
from trainingdesk.storage.backup import backup_database
from trainingdesk.storage.errors import StorageError


def _people_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        count = int(connection.execute("SELECT count(*) FROM person").fetchone()[0])
    connection.close()
    return count


def test_a_backup_is_one_checked_file_with_everything_committed(
    services: Services, tmp_path: Path
) -> None:
    builders.person(services)
    result = services.backup(tmp_path / "usb")
    assert result.path.parent == tmp_path / "usb"
    assert result.path.name.startswith("trainingdesk-")
    assert _people_in(result.path) == 1
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == [result.path.name]


def test_backups_go_beside_the_database_by_default(services: Services) -> None:
    result = services.backup()
    path = services.database.sqlite_path
    assert path is not None
    assert result.path.parent == path.parent / "backups"


def test_only_the_newest_backups_of_this_database_are_kept(
    services: Services, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    unrelated = usb / "trainingdesk-notes.sqlite"
    unrelated.write_text("not ours")
    made = [
        backup_database(services.database, usb, keep=2, now=datetime(2013, 5, day, 17, 0)).path
        for day in (1, 2, 3)
    ]
    assert sorted(p.name for p in usb.iterdir()) == sorted(
        [made[1].name, made[2].name, unrelated.name]
    )


def test_a_backup_to_an_unwritable_place_is_a_clear_error(
    services: Services, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    with pytest.raises(StorageError, match="cannot write a backup"):
        services.backup(blocker / "usb")


def test_at_least_one_backup_is_kept(services: Services) -> None:
    with pytest.raises(StorageError, match="at least one"):
        services.backup(keep=0)
