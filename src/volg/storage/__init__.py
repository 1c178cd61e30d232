"""Storage backends behind one interface (`volg.storage.base.Storage`); `open_storage` picks one by URL."""

from __future__ import annotations

from volg.storage.base import Storage
from volg.storage.postgres import PostgresStorage
from volg.storage.sqlite import SQLiteStorage


def open_storage(url: str, *, migrate: bool = True) -> Storage:
    """Open the storage at `url` — a SQLite path, `sqlite:///path`, `:memory:`, or a `postgresql://` (or
    `postgres://`) URL — and apply its pending migrations, unless `migrate` is false (`volg migrate` applies them
    itself, to say which)."""
    storage: Storage
    if url.startswith(("postgresql://", "postgres://")):
        storage = PostgresStorage(url)
    else:
        storage = SQLiteStorage(url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url)
    if migrate:
        try:
            storage.migrate()
        except BaseException:
            storage.close()
            raise
    return storage


__all__ = ["Storage", "PostgresStorage", "SQLiteStorage", "open_storage"]
