"""The server backend: a PostgreSQL database, shared by several volg processes (see volg.storage.base)."""

from __future__ import annotations

from volg.storage.postgres.articles import ArticlesTable
from volg.storage.postgres.sources import SourcesTable
from volg.storage.postgres.stories import StoriesTable
from volg.storage.postgres.subscriptions import SubscriptionsTable


class PostgresStorage(SourcesTable, ArticlesTable, StoriesTable, SubscriptionsTable):
    """Storage in a PostgreSQL database (see volg.storage.base for the contract)."""
