"""The SQLite connection: WAL mode, one writer at a time, named migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from volg.errors import StorageError
from volg.storage.base import SchemaStatus
from volg.storage.savepoints import Savepoints
from volg.storage.sqlite.migrations import MIGRATIONS

BACKUP_STEP_PAGES = 256
"""Pages copied per step of a backup (1 MiB at SQLite's default page size): how often progress is reported."""


class SQLiteDatabase(Savepoints):
    """One SQLite file. Thread-safe: a lock serialises use of the single connection."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: cannot open SQLite database ({exc})") from exc
        self._lock = threading.RLock()
        self._depth = 0

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
                    self._run("BEGIN IMMEDIATE")
                yield
                if outermost:
                    self._run("COMMIT")
            except BaseException:
                if outermost:
                    self._db.rollback()
                raise
            finally:
                self._depth -= 1

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self._lock:
                return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: {exc}") from exc

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self._lock:
                self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: {exc}") from exc

    def _query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read, fetched while holding the lock, so threads never share a half-read cursor."""
        with self._lock:
            return self._run(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def migrate(self) -> list[str]:
        with self.transaction():
            self._run("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {row["name"] for row in self._query("SELECT name FROM migrations")}
            known = {name for name, _ in MIGRATIONS}
            if done - known:
                newer = ", ".join(sorted(done - known))
                raise StorageError(f"{self.path}: the database is newer than this volg (migrations {newer}); upgrade")
            applied = []
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in _statements(sql):
                    self._run(statement)
                self._run("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
                applied.append(name)
            return applied

    def schema_status(self) -> SchemaStatus:
        if not self._query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"):
            return SchemaStatus.of(set(), [name for name, _ in MIGRATIONS])
        done = {row["name"] for row in self._query("SELECT name FROM migrations")}
        return SchemaStatus.of(done, [name for name, _ in MIGRATIONS])

    def backup(self, path: str, *, progress: Callable[[int, int], None] | None = None) -> int:
        """SQLite's online backup API, from a connection of its own that holds one read transaction throughout: in
        WAL mode writers go on meanwhile, and every step copies the same snapshot (a backup that reads between
        writes restarts whenever another connection writes, and may never finish on a busy database). The copy
        goes into a hidden file beside `path`, in rollback-journal mode (one self-contained file), and is renamed
        onto `path` when complete."""
        target = Path(path).expanduser()
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")

        def report(status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        try:
            dest = sqlite3.connect(partial, isolation_level=None)
            try:
                if self.path == ":memory:":  # only this connection sees it: copy under the lock
                    with self._lock:
                        self._db.backup(dest, pages=BACKUP_STEP_PAGES, progress=report)
                else:
                    source = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                    try:
                        source.execute("BEGIN")
                        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
                        source.backup(dest, pages=BACKUP_STEP_PAGES, progress=report)
                        source.execute("COMMIT")
                    finally:
                        source.close()
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            with open(partial, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
        except BaseException as exc:  # failed, or stopped (Ctrl-C): no partial copy stays behind
            for leftover in (partial, partial.with_name(partial.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            if isinstance(exc, sqlite3.Error | OSError):
                raise StorageError(f"{self.path}: backup to {target} failed ({exc})") from exc
            raise
        return target.stat().st_size



def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, split at semicolons that end one (not those inside a trigger's body)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending
