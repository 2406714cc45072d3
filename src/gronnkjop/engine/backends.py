"""A thin layer over DB-API connections so the same SQL runs on DuckDB, SQLite and PostgreSQL.

The engine never imports Django; a Django connection works too because it quacks like DB-API (its
``vendor`` tells the dialect). The SQL the engine writes is the portable subset the three share:
CTEs, joins, window functions, CASE, COALESCE, ``substr``/``length`` and integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class Backend:
    def __init__(self, connection: Any, *, dialect: str) -> None:
        if dialect not in {"duckdb", "sqlite", "postgresql"}:
            raise ValueError(f"unsupported dialect {dialect!r}")
        self.connection = connection
        self.dialect = dialect
        self.placeholder = "%s" if dialect == "postgresql" or hasattr(connection, "vendor") else "?"

    # -- helpers ---------------------------------------------------------------------------------
    def _cursor(self):
        # A DuckDB "cursor" is a second connection that cannot see this one's temporary tables.
        return _Unclosable(self.connection) if self.dialect == "duckdb" else self.connection.cursor()

    def execute(self, sql: str) -> None:
        cursor = self._cursor()
        try:
            cursor.execute(sql)
        finally:
            _close(cursor)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        cursor = self._cursor()
        try:
            cursor.executemany(sql, rows)
        finally:
            _close(cursor)

    def query(self, sql: str) -> list[tuple]:
        cursor = self._cursor()
        try:
            cursor.execute(sql)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            _close(cursor)

    def drop(self, tables: Iterable[str], views: Iterable[str] = ()) -> None:
        views = set(views)
        for table in tables:
            self.execute(f"DROP {'VIEW' if table in views else 'TABLE'} IF EXISTS {table}")

    @property
    def indexes_help(self) -> bool:
        """Row stores want indexes on the join keys; DuckDB's vectorised hash joins do not."""
        return self.dialect != "duckdb"


class _Unclosable:
    """Lets a DuckDB connection stand in for a cursor without being closed after each statement."""

    def __init__(self, connection) -> None:
        self._connection = connection

    def execute(self, sql):
        return self._connection.execute(sql)

    def executemany(self, sql, rows):
        return self._connection.executemany(sql, rows)

    def fetchall(self):
        return self._connection.fetchall()


def _close(cursor) -> None:
    close = getattr(cursor, "close", None)
    if close is not None:
        close()


def backend_for(connection: Any) -> Backend:
    """Pick the dialect from the connection: duckdb, sqlite3, psycopg, or a Django connection."""
    vendor = getattr(connection, "vendor", None)
    if vendor is not None:  # a Django database wrapper
        return Backend(connection, dialect={"sqlite": "sqlite", "postgresql": "postgresql"}[vendor])
    module = type(connection).__module__
    if module.startswith(("duckdb", "_duckdb")):
        return Backend(connection, dialect="duckdb")
    if module.startswith("sqlite3"):
        return Backend(connection, dialect="sqlite")
    if module.startswith("psycopg"):
        return Backend(connection, dialect="postgresql")
    raise TypeError(f"no engine backend for a {type(connection)!r}")
