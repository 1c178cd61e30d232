"""The embedded default backend: one SQLite file in WAL mode, one writer at a time."""

from __future__ import annotations

from volg.storage.sqlite.articles import ArticlesTable
from volg.storage.sqlite.sources import SourcesTable
from volg.storage.sqlite.stories import StoriesTable
from volg.storage.sqlite.subscriptions import SubscriptionsTable


class SQLiteStorage(SourcesTable, ArticlesTable, StoriesTable, SubscriptionsTable):
    """Storage in one SQLite file (see volg.storage.base for the contract)."""
