"""Moving an installation from SQLite to PostgreSQL (`volg migrate --to postgresql://...`).

Both backends have the same tables and columns (their migrations are kept in step), so the move copies table by
table, in the order the foreign keys need, keeping every id: links in digests already sent (signed with the key in
`settings_kept`) and feed URLs keep working. It runs in one PostgreSQL transaction, so a failed move leaves the
target empty; the SQLite file is only read. Search indexes and change counters are the target's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from volg.errors import ConfigError
from volg.storage.sqlite import SQLiteStorage

if TYPE_CHECKING:
    from volg.storage.postgres import PostgresStorage  # psycopg loads with the storage `volg migrate --to` opens

TABLES = ("sources", "articles", "article_versions", "article_sightings", "lsh_bands", "source_profiles",
          "source_lines", "stories", "story_passages", "topics", "cluster_state", "cluster_stories", "cluster_days",
          "subscriptions", "digests", "delivered_items", "deliveries", "settings_kept")
"""Every table with data, parents before children."""

SELF_REFERENCES = {"stories": "merged_into", "articles": "copy_of"}
"""Columns that point into their own table: filled in after all of its rows are in."""

_CASTS = {"timestamp with time zone": "::timestamptz", "jsonb": "::jsonb", "json": "::json"}
_BATCH = 1000


def move(source: SQLiteStorage, target: PostgresStorage, *,
         progress: Callable[[str, int], None] = lambda table, rows: None) -> dict[str, int]:
    """Copy every table of `source` into the empty `target`; how many rows each table had."""
    if _holds_data(target):
        raise ConfigError("the target database already holds data; move into a new, empty database")
    copied = {}
    with target.transaction():
        target._run("DELETE FROM settings_kept")  # the target's own key gives way to the one links were signed with
        for table in TABLES:
            columns, rows = _rows(source, table)
            copied[table] = _load(target, table, columns, rows)
            progress(table, copied[table])
        for table in TABLES:  # new rows continue after the copied ids
            if _has_identity(target, table):
                target._run(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1,"
                            f" false) FROM {table}")
    return copied


def _holds_data(target: PostgresStorage) -> bool:
    return any(target._one(f"SELECT 1 FROM {table} LIMIT 1") is not None
               for table in ("sources", "articles", "subscriptions", "topics"))


def _rows(source: SQLiteStorage, table: str) -> tuple[list[str], Iterator[Sequence[Any]]]:
    columns = [row[1] for row in source._query(f"PRAGMA table_info('{table}')")]
    order = " ORDER BY id" if "id" in columns else ""
    return columns, iter(source._query(f"SELECT {', '.join(columns)} FROM {table}{order}"))


def _load(target: PostgresStorage, table: str, columns: list[str], rows: Iterator[Sequence[Any]]) -> int:
    types = {row["column_name"]: row["data_type"] for row in target._query(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s", (table,))}
    later = SELF_REFERENCES.get(table)
    placeholders = ", ".join(f"%s{_CASTS.get(types[c], '')}" for c in columns)
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    flags = [i for i, c in enumerate(columns) if types[c] == "boolean"]
    held = columns.index(later) if later else None
    pointers: list[tuple[Any, Any]] = []
    count, batch = 0, []
    for row in rows:
        values = list(row)
        for i in flags:
            values[i] = None if values[i] is None else bool(values[i])
        if held is not None and values[held] is not None:
            pointers.append((values[held], values[columns.index("id")]))
            values[held] = None
        batch.append(values)
        count += 1
        if len(batch) >= _BATCH:
            target._run_many(insert, batch)
            batch = []
    if batch:
        target._run_many(insert, batch)
    if later and pointers:
        target._run_many(f"UPDATE {table} SET {later} = %s WHERE id = %s", pointers)
    return count


def _has_identity(target: PostgresStorage, table: str) -> bool:
    return target._one("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                       " AND table_name = %s AND column_name = 'id' AND is_identity = 'YES'", (table,)) is not None
