"""Sources and their polling state."""

from __future__ import annotations

from dataclasses import replace

from volg.errors import NotFound
from volg.models import Source
from volg.storage.postgres.database import PostgresDatabase
from volg.storage.records import SOURCE_COLUMNS, source_from_row, source_values


class SourcesTable(PostgresDatabase):
    def add_source(self, source: Source) -> Source:
        with self.transaction():
            row = self._one(
                f"INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (url) DO NOTHING RETURNING id", source_values(source))
            return self.get_source(source.url) if row is None else replace(source, id=row["id"])

    def save_source(self, source: Source) -> Source:
        if source.id is None:
            raise NotFound(f"source {source.url} has not been added")
        with self.transaction():
            assignments = ", ".join(f"{c.strip()} = %s" for c in SOURCE_COLUMNS.split(","))
            self._run(f"UPDATE sources SET {assignments} WHERE id = %s", (*source_values(source), source.id))
        return source

    def get_source(self, key: int | str) -> Source:
        column = "id" if isinstance(key, int) else "url"
        row = self._one(f"SELECT * FROM sources WHERE {column} = %s", (key,))
        if row is None:
            raise NotFound(f"no source {key}")
        return source_from_row(row)

    def list_sources(self) -> list[Source]:
        return [source_from_row(row) for row in self._query("SELECT * FROM sources ORDER BY id")]
