"""The PostgreSQL connection: one connection guarded by a lock, explicit transactions, named migrations."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.rows import DictRow, dict_row
from psycopg.types.string import TextLoader

from volg.errors import ConfigError, ConflictError, StorageError
from volg.storage.base import SchemaStatus
from volg.storage.postgres.migrations import MIGRATIONS
from volg.storage.savepoints import Savepoints
from volg.storage.where import pg_dump_advice, shown_url

MIGRATION_LOCK = 0x766F6C67  # "volg": the advisory lock that makes concurrent `migrate()` calls wait their turn


class PostgresDatabase(Savepoints):
    """One PostgreSQL database. Thread-safe: a lock serialises use of the single connection, and a transaction
    holds the lock from BEGIN to COMMIT, as SQLite's does."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = shown_url(url)
        self._password = urlsplit(url).password or ""
        self._lock = threading.RLock()
        self._depth = 0
        self._db = self._connect()

    def _connect(self) -> psycopg.Connection[DictRow]:
        try:
            db = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            db.execute("SET TIME ZONE 'UTC'")
        except psycopg.Error as exc:
            raise StorageError(f"{self.where}: cannot open PostgreSQL database ({self._line(exc)})") from exc
        # JSON columns come back as their text, as SQLite's do, so the shared row helpers read both
        for name in ("json", "jsonb"):
            db.adapters.register_loader(name, TextLoader)
        return db

    def _error(self, exc: psycopg.Error) -> StorageError:
        """The driver's error as volg's: a deadlock or serialization failure is a `ConflictError`, worth a retry."""
        kind = ConflictError if isinstance(exc, psycopg.errors.DeadlockDetected | psycopg.errors.SerializationFailure) \
            else StorageError
        return kind(f"{self.where}: {self._line(exc)}")

    def _line(self, exc: BaseException) -> str:
        """The driver's message on one line, never with the password."""
        lines = str(exc).strip().splitlines()
        line = lines[0] if lines else type(exc).__name__
        return line.replace(self._password, "********") if self._password else line

    # plumbing

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            outermost = self._depth == 0
            self._depth += 1
            try:
                if outermost:
                    self._run("BEGIN")
                yield
                if outermost:
                    self._run("COMMIT")
            except BaseException:
                if outermost:
                    with suppress(psycopg.Error):  # a lost connection has nothing left to roll back
                        self._db.execute("ROLLBACK")
                raise
            finally:
                self._depth -= 1

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> psycopg.Cursor[DictRow]:
        with self._lock:
            if self._db.broken and self._depth == 0:
                self._db = self._connect()  # the server restarted or dropped us: a new connection, between transactions
            try:
                return self._db.execute(sql, params)  # type: ignore[arg-type]  # the SQL is volg's own, not a user's
            except psycopg.Error as exc:
                raise self._error(exc) from exc

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if not rows:
            return
        with self._lock:
            try:
                self._db.cursor().executemany(sql, rows)  # type: ignore[arg-type]
            except psycopg.Error as exc:
                raise self._error(exc) from exc

    def _query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[DictRow]:
        """Rows of a read, fetched while holding the lock, so threads never share a half-read cursor."""
        with self._lock:
            cursor = self._run(sql, params)
            try:
                return cursor.fetchall()
            except psycopg.Error as exc:
                raise self._error(exc) from exc

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> DictRow | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def migrate(self) -> list[str]:
        with self.transaction():
            self._run("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self._run("CREATE TABLE IF NOT EXISTS migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)")
            done = {row["name"] for row in self._query("SELECT name FROM migrations")}
            known = {name for name, _ in MIGRATIONS}
            if done - known:
                newer = ", ".join(sorted(done - known))
                raise StorageError(f"{self.where}: the database is newer than this volg (migrations {newer}); upgrade")
            applied = []
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                self._run(sql)
                self._run("INSERT INTO migrations VALUES (%s, now())", (name,))
                applied.append(name)
            return applied

    def schema_status(self) -> SchemaStatus:
        row = self._one("SELECT to_regclass('migrations') IS NOT NULL AS present")  # in the search_path's schema
        done = {r["name"] for r in self._query("SELECT name FROM migrations")} if row and row["present"] else set()
        return SchemaStatus.of(done, [name for name, _ in MIGRATIONS])

    def backup(self, path: str, *, progress: Callable[[int, int], None] | None = None) -> int:
        raise ConfigError(pg_dump_advice(self.where))

