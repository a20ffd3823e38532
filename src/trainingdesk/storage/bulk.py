"""Bulk loading: many rows into one transaction at driver speed.

SQLAlchemy's executemany converts every value through its column type on every call,
which costs more than SQLite's own insert. Here converters are looked up once per column
and remember their recent results (foreign keys, dates and statuses repeat), and the
hottest tables can be fed tuples that are already in the driver's form. Indexes
(unique ones included: building them again checks uniqueness over all the rows) are
dropped during the load and built once at the end, which beats maintaining them row by
row.
"""

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, Uuid, insert

from trainingdesk.storage.models import Base

_LOAD_CACHE_KIB = 256 * 1024
BATCH_ROWS = 20_000
Converter = Callable[[Any], Any]


class BulkLoader:
    """Inserts rows into tables over one connection, inside its current transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = connection.dialect
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        self._converters: dict[tuple[str, str], Converter | None] = {}
        uuid_processor = Uuid().dialect_impl(self._dialect).bind_processor(self._dialect)
        self._uuid_as_hex = uuid_processor is not None and self._dialect.name == "sqlite"

    def insert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows given as dicts with a value for every column."""
        if not rows:
            return
        columns = tuple(table.c.keys())
        converters = [self._converter(table, column) for column in columns]
        ready = [
            tuple(
                value if convert is None or value is None else convert(value)
                for value, convert in zip(
                    (row[column] for column in columns), converters, strict=True
                )
            )
            for row in rows
        ]
        self.insert_ready(table, columns, ready)

    def insert_ready(
        self, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """Insert tuples whose values are already what the driver takes (see `driver_value`)."""
        if not rows:
            return
        sql = self._statement(table, tuple(columns))
        if self._dialect.positional:
            self._connection.exec_driver_sql(sql, list(rows))
        else:
            self._connection.exec_driver_sql(
                sql, [dict(zip(columns, r, strict=True)) for r in rows]
            )

    def driver_value(self, table: Table, column: str, value: Any) -> Any:
        """A value as the driver takes it for this column."""
        convert = self._converter(table, column)
        return value if convert is None or value is None else convert(value)

    def driver_uuid(self, number: int) -> Any:
        """The driver's form of the UUID with this 128-bit value."""
        return f"{number:032x}" if self._uuid_as_hex else uuid.UUID(int=number)

    @contextmanager
    def loading(self, tables: Iterable[Table]) -> Iterator[None]:
        """Drop the tables' indexes for the load and build them once at the end.

        Building a unique index again checks uniqueness over every loaded row; if that or
        anything else fails, the connection is discarded and the caller's transaction
        writes nothing (on SQLite the index drops are part of the same transaction). On
        SQLite the page cache is enlarged for the load.
        """
        deferred = [index for table in tables for index in table.indexes]
        sqlite = self._dialect.name == "sqlite"
        try:
            if sqlite:
                self._connection.exec_driver_sql(f"PRAGMA cache_size=-{_LOAD_CACHE_KIB}")
            for index in deferred:
                index.drop(self._connection)
            yield
            for index in deferred:
                index.create(self._connection)
            if sqlite:
                self._connection.exec_driver_sql("PRAGMA cache_size=-2000")
        except BaseException:
            # Interrupted mid-statement (Ctrl+C) the connection's state is unknown.
            self._connection.invalidate()
            raise

    def _statement(self, table: Table, columns: tuple[str, ...]) -> str:
        key = (table.name, columns)
        sql = self._statements.get(key)
        if sql is None:
            compiled = insert(table).compile(dialect=self._dialect, column_keys=list(columns))
            if self._dialect.positional and tuple(compiled.positiontup or ()) != columns:
                raise ValueError(f"unexpected parameter order for {table.name}")
            sql = self._statements[key] = str(compiled)
        return sql

    def _converter(self, table: Table, column: str) -> Converter | None:
        key = (table.name, column)
        if key not in self._converters:
            processor = (
                table.c[column].type.dialect_impl(self._dialect).bind_processor(self._dialect)
            )
            self._converters[key] = _remembering(processor) if processor else None
        return self._converters[key]


def _remembering(convert: Converter) -> Converter:
    """A converter that remembers recent results."""
    memory: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return memory[value]
        except KeyError:
            if len(memory) > 100_000:
                memory.clear()
            converted = memory[value] = convert(value)
            return converted

    return remembered


class BatchWriter:
    """Buffers rows per table and sends them in large batches, parents first."""

    def __init__(self, loader: BulkLoader) -> None:
        self.loader = loader
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._ready: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        self._size = 0
        self.counts: Counter[str] = Counter()

    def add(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row given as a dict with a value for every column."""
        self._rows.setdefault(table, []).append(row)
        self._grow()

    def add_ready(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Queue rows already in the driver's form (see `BulkLoader.driver_value`)."""
        self._ready.setdefault(table, (columns, []))[1].extend(rows)
        self._grow(len(rows))

    def _grow(self, rows: int = 1) -> None:
        self._size += rows
        if self._size >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Send everything pending; the metadata's table order keeps foreign keys satisfied."""
        for table in Base.metadata.sorted_tables:
            rows = self._rows.pop(table.name, [])
            self.loader.insert(table, rows)
            columns, ready = self._ready.pop(table.name, ((), []))
            self.loader.insert_ready(table, columns, ready)
            self.counts[table.name] += len(rows) + len(ready)
        self.counts = +self.counts
        self._size = 0


class ReadyRows:
    """Rows of one large table built directly in the driver's form.

    The columns that vary are converted per row (memoised by the loader); the rest are
    constants converted once.
    """

    def __init__(
        self, writer: BatchWriter, name: str, varying: tuple[str, ...], constants: dict[str, Any]
    ) -> None:
        self.writer = writer
        self.name = name
        self.table = Base.metadata.tables[name]
        self.columns = varying + tuple(constants)
        self.constants = tuple(
            writer.loader.driver_value(self.table, column, value)
            for column, value in constants.items()
        )
        self.rows: list[tuple[Any, ...]] = []

    def value(self, column: str, value: Any) -> Any:
        """One value in the driver's form."""
        return self.writer.loader.driver_value(self.table, column, value)

    def add(self, *varying: Any) -> None:
        """Queue a row given its varying values (already in the driver's form)."""
        self.rows.append((*varying, *self.constants))

    def send(self) -> None:
        """Hand the queued rows to the writer."""
        self.writer.add_ready(self.name, self.columns, self.rows)
        self.rows = []
