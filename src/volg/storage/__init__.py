"""Storage backends behind one interface (`volg.storage.base.Storage`); `open_storage` picks one by URL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from volg.storage.base import Storage
from volg.storage.sqlite import SQLiteStorage

if TYPE_CHECKING:
    from volg.storage.postgres import PostgresStorage


def __getattr__(name: str) -> Any:
    """PostgresStorage on first use: psycopg (~0.1 s) loads only for a PostgreSQL database."""
    if name == "PostgresStorage":
        from volg.storage.postgres import PostgresStorage

        return PostgresStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    if path is None:
        from volg.storage.postgres import PostgresStorage

        storage = PostgresStorage(url)
    else:
        storage = SQLiteStorage(path)
    if migrate:
        try:
            storage.migrate()
        except BaseException:
            storage.close()
            raise
    return storage


__all__ = ["Storage", "PostgresStorage", "SQLiteStorage", "open_storage", "sqlite_path"]
