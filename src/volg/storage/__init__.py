"""Storage backends behind one interface (`volg.storage.base.Storage`); `open_storage` picks one by URL."""

from __future__ import annotations

from volg.storage.base import Storage
from volg.storage.postgres import PostgresStorage
from volg.storage.sqlite import SQLiteStorage


def sqlite_path(url: str) -> str | None:
    """The file (or `:memory:`) a SQLite database URL names; None for a PostgreSQL URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return None
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url


def open_storage(url: str, *, migrate: bool = True) -> Storage:
    """Open the storage at `url` — a SQLite path, `sqlite:///path`, `:memory:`, or a `postgresql://` (or
    `postgres://`) URL — and apply its pending migrations, unless `migrate` is false (`volg migrate` applies them
    itself, to say which)."""
    storage: Storage
    path = sqlite_path(url)
    storage = PostgresStorage(url) if path is None else SQLiteStorage(path)
    if migrate:
        try:
            storage.migrate()
        except BaseException:
            storage.close()
            raise
    return storage


__all__ = ["Storage", "PostgresStorage", "SQLiteStorage", "open_storage", "sqlite_path"]
