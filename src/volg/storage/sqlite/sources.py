"""Sources and their polling state."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

from volg.errors import NotFound
from volg.models import Source
from volg.storage.records import time_in, time_out
from volg.storage.sqlite.database import SQLiteDatabase

_SOURCE_COLUMNS = (
    "url, name, every_s, etag, last_modified, next_poll_at, last_polled_at, last_status, last_error, failures"
)


class SourcesTable(SQLiteDatabase):
    def add_source(self, source: Source) -> Source:
        with self.transaction():
            row = self._one("SELECT id FROM sources WHERE url = ?", (source.url,))
            if row is None:
                cursor = self._run(
                    f"INSERT INTO sources ({_SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _source_values(source),
                )
                return replace(source, id=cursor.lastrowid)
            return self.get_source(row["id"])

    def save_source(self, source: Source) -> Source:
        if source.id is None:
            raise NotFound(f"source {source.url} has not been added")
        with self.transaction():
            assignments = ", ".join(f"{c.strip()} = ?" for c in _SOURCE_COLUMNS.split(","))
            self._run(f"UPDATE sources SET {assignments} WHERE id = ?", (*_source_values(source), source.id))
        return source

    def get_source(self, key: int | str) -> Source:
        column = "id" if isinstance(key, int) else "url"
        row = self._one(f"SELECT * FROM sources WHERE {column} = ?", (key,))
        if row is None:
            raise NotFound(f"no source {key}")
        return _source(row)

    def list_sources(self) -> list[Source]:
        return [_source(row) for row in self._query("SELECT * FROM sources ORDER BY id")]



def _source_values(source: Source) -> tuple[Any, ...]:
    return (
        source.url, source.name, source.every_s, source.etag, source.last_modified, time_out(source.next_poll_at),
        time_out(source.last_polled_at), source.last_status, source.last_error, source.failures,
    )


def _source(row: sqlite3.Row) -> Source:
    values = dict(row)
    for key in ("next_poll_at", "last_polled_at"):
        values[key] = time_in(values[key])
    return Source(**values)
