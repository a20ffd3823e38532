"""What a database holds: where it is, its schema, and rows per table."""

from dataclasses import dataclass

from sqlalchemy import func, select

from trainingdesk.storage.database import Database, head_revision
from trainingdesk.storage.models import Base


@dataclass(frozen=True)
class TableCount:
    """Live rows and tombstones of one table."""

    table: str
    live: int
    deleted: int


@dataclass(frozen=True)
class DatabaseInfo:
    """A description of an open database."""

    location: str
    backend: str
    schema_revision: str | None
    latest_revision: str
    size_bytes: int | None
    tables: tuple[TableCount, ...]


def describe_database(database: Database) -> DatabaseInfo:
    """Counts per table (live and deleted) and schema version."""
    counts = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "deleted_at" in table.c:
                live, deleted = connection.execute(
                    select(
                        func.count().filter(table.c.deleted_at.is_(None)),
                        func.count().filter(table.c.deleted_at.is_not(None)),
                    ).select_from(table)
                ).one()
            else:
                live = connection.scalar(select(func.count()).select_from(table)) or 0
                deleted = 0
            counts.append(TableCount(table.name, int(live or 0), int(deleted or 0)))
    path = database.sqlite_path
    size = None
    if path is not None and path.exists():
        size = path.stat().st_size
        wal = path.with_name(path.name + "-wal")
        size += wal.stat().st_size if wal.exists() else 0
    return DatabaseInfo(
        location=database.location,
        backend=database.url.get_backend_name(),
        schema_revision=database.schema_revision(),
        latest_revision=head_revision(),
        size_bytes=size,
        tables=tuple(sorted(counts, key=lambda count: count.table)),
    )
