"""The embedded default backend: one SQLite file in WAL mode, one writer at a time."""

from __future__ import annotations

from volg.storage.sqlite.articles import ArticlesTable
from volg.storage.sqlite.sources import SourcesTable
from volg.storage.sqlite.stories import StoriesTable


class SQLiteStorage(SourcesTable, ArticlesTable, StoriesTable):
    """Storage in one SQLite file (see volg.storage.base for the contract)."""
