"""Sources and their polling state."""

from __future__ import annotations

from dataclasses import replace

from volg.errors import NotFound
from volg.models import Source
from volg.storage.records import SOURCE_COLUMNS, source_from_row, source_values
from volg.storage.sqlite.database import SQLiteDatabase


class SourcesTable(SQLiteDatabase):
    def add_source(self, source: Source) -> Source:
        with self.transaction():
            row = self._one("SELECT id FROM sources WHERE url = ?", (source.url,))
            if row is None:
                cursor = self._run(
                    f"INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    source_values(source),
                )
                return replace(source, id=cursor.lastrowid)
            return self.get_source(row["id"])

    def save_source(self, source: Source) -> Source:
        if source.id is None:
            raise NotFound(f"source {source.url} has not been added")
        with self.transaction():
            assignments = ", ".join(f"{c.strip()} = ?" for c in SOURCE_COLUMNS.split(","))
            self._run(f"UPDATE sources SET {assignments} WHERE id = ?", (*source_values(source), source.id))
        return source

    def get_source(self, key: int | str) -> Source:
        column = "id" if isinstance(key, int) else "url"
        row = self._one(f"SELECT * FROM sources WHERE {column} = ?", (key,))
        if row is None:
            raise NotFound(f"no source {key}")
        return source_from_row(row)

    def list_sources(self) -> list[Source]:
        return [source_from_row(row) for row in self._query("SELECT * FROM sources ORDER BY id")]

