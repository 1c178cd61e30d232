"""Storage backends behind one interface (`volg.storage.base.Storage`); `open_storage` picks one by URL."""

from __future__ import annotations

from volg.errors import ConfigError
from volg.storage.base import Storage
from volg.storage.sqlite import SQLiteStorage


def open_storage(url: str) -> Storage:
    """Open (and migrate) the storage at `url`: a SQLite path, `sqlite:///path`, or `:memory:`."""
    if url.startswith(("postgresql://", "postgres://")):
        raise ConfigError(f"{url.split('@')[-1]}: PostgreSQL is not supported yet; use a SQLite path")
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    storage = SQLiteStorage(path)
    storage.migrate()
    return storage


__all__ = ["Storage", "SQLiteStorage", "open_storage"]
