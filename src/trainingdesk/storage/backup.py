"""Rotating backups of an SQLite database, checked before they are trusted."""

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trainingdesk.storage.database import Database, backup_sqlite
from trainingdesk.storage.errors import DatabaseUnreadable, StorageError
from trainingdesk.storage.models import utcnow

DEFAULT_KEEP = 10


@dataclass(frozen=True)
class BackupResult:
    """A backup written, and the older ones removed to keep the rotation."""

    path: Path
    size_bytes: int
    removed: tuple[Path, ...]


def default_backup_folder(database_path: Path) -> Path:
    """`backups/` next to the database."""
    return database_path.parent / "backups"


def backup_database(
    database: Database,
    folder: Path | None = None,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> BackupResult:
    """Copy the live database into `folder`, check the copy, keep the newest `keep` copies.

    Only backups of this database (same file name stem, made by this function) are ever
    removed, so a USB stick shared with other files is safe.
    """
    source = database.sqlite_path
    if source is None:
        raise StorageError(
            "backups here are for SQLite files; back up a server database on the server "
            "(for PostgreSQL: pg_dump)"
        )
    if keep < 1:
        raise StorageError("at least one backup must be kept")
    target_folder = folder or default_backup_folder(source)
    stamp = (now or utcnow()).strftime("%Y%m%d-%H%M%S")
    target = target_folder / f"{source.stem}-{stamp}{source.suffix}"
    try:
        backup_sqlite(database.engine, target)
    except OSError as exc:
        raise StorageError(f"cannot write a backup to {target_folder}: {exc.strerror}") from exc
    _check(target)
    return BackupResult(
        path=target,
        size_bytes=target.stat().st_size,
        removed=_prune(target_folder, source, keep),
    )


def _check(copy: Path) -> None:
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
    if verdict != "ok":
        copy.unlink(missing_ok=True)
        raise DatabaseUnreadable(f"the backup failed its check ({verdict}); it was removed")


def _prune(folder: Path, source: Path, keep: int) -> tuple[Path, ...]:
    pattern = re.compile(rf"{re.escape(source.stem)}-\d{{8}}-\d{{6}}{re.escape(source.suffix)}")
    backups = sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))
    stale = backups[:-keep]
    for path in stale:
        path.unlink()
    return tuple(stale)
