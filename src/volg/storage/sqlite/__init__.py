"""The embedded default backend: one SQLite file in WAL mode, one writer at a time."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from volg.errors import NotFound, StorageError
from volg.models import Article, CleanArticle, Source, SourceProfile
from volg.pipeline.clean.dedupe import Fingerprint, Known
from volg.storage.records import article_from_row, article_row, time_in, time_out
from volg.storage.sqlite.migrations import MIGRATIONS

_SOURCE_COLUMNS = (
    "url, name, every_s, etag, last_modified, next_poll_at, last_polled_at, last_status, last_error, failures"
)


class SQLiteStorage:
    """Storage in one SQLite file. Thread-safe: a lock serialises use of the single connection."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: cannot open SQLite database ({exc})") from exc
        self._lock = threading.RLock()
        self._depth = 0

    # plumbing

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            outermost = self._depth == 0
            self._depth += 1
            try:
                if outermost:
                    self._run("BEGIN IMMEDIATE")
                yield
                if outermost:
                    self._run("COMMIT")
            except BaseException:
                if outermost:
                    self._db.rollback()
                raise
            finally:
                self._depth -= 1

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self._lock:
                return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: {exc}") from exc

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self._lock:
                self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: {exc}") from exc

    def _query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read, fetched while holding the lock, so threads never share a half-read cursor."""
        with self._lock:
            return self._run(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def migrate(self) -> list[str]:
        with self.transaction():
            self._run("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {row["name"] for row in self._query("SELECT name FROM migrations")}
            known = {name for name, _ in MIGRATIONS}
            if done - known:
                newer = ", ".join(sorted(done - known))
                raise StorageError(f"{self.path}: the database is newer than this volg (migrations {newer}); upgrade")
            applied = []
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        self._run(statement)
                self._run("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
                applied.append(name)
            return applied

    # sources

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

    # articles and dedupe

    def find_by_url(self, url: str) -> Known | None:
        row = self._one("SELECT id, url, title, content_hash, signature FROM articles WHERE url = ?", (url,))
        return None if row is None else Known(**row)

    def find_by_content(self, content_hash: str) -> Known | None:
        row = self._one(
            "SELECT id, url, title, content_hash, signature FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
            (content_hash,),
        )
        return None if row is None else Known(**row)

    def near_candidates(self, bands: Sequence[int], limit: int = 50) -> list[Known]:
        if not bands:
            return []
        marks = ", ".join("?" * len(bands))
        rows = self._query(
            f"""SELECT a.id, a.url, a.title, a.content_hash, a.signature FROM articles a
                JOIN (SELECT article_id, COUNT(*) AS shared FROM lsh_bands WHERE band IN ({marks})
                      GROUP BY article_id ORDER BY shared DESC LIMIT ?) c ON c.article_id = a.id
                ORDER BY c.shared DESC""",
            (*bands, limit),
        )
        return [Known(**row) for row in rows]

    def add_article(self, article: CleanArticle, fp: Fingerprint, *, copy_of: int | None, at: datetime) -> Article:
        row = article_row(article) | {
            "url": fp.url,
            "content_hash": fp.content_hash,
            "signature": fp.signature,
            "copy_of": copy_of,
            "fetched_at": time_out(at),
        }
        with self.transaction():
            cursor = self._run(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row
            )
            article_id = cursor.lastrowid
            assert article_id is not None
            self._record_version(article_id, 1, row)
            self._run_many("INSERT INTO lsh_bands VALUES (?, ?)", [(band, article_id) for band in fp.bands])
        return self.get_article(article_id)

    def update_article(
        self, article_id: int, article: CleanArticle, fp: Fingerprint, *, at: datetime, new_version: bool = True
    ) -> Article:
        row = article_row(article) | {
            "content_hash": fp.content_hash,
            "signature": fp.signature,
            "updated_at": time_out(at),
        }
        del row["url"]
        with self.transaction():
            version = self.get_article(article_id).version + (1 if new_version else 0)
            assignments = ", ".join(f"{k} = :{k}" for k in row)
            self._run(f"UPDATE articles SET {assignments}, version = :version WHERE id = :id",
                      row | {"version": version, "id": article_id})
            if new_version:
                self._record_version(article_id, version, row | {"fetched_at": time_out(at)})
            else:
                self._run("UPDATE article_versions SET title = ?, sections = ?, content_hash = ?"
                          " WHERE article_id = ? AND version = ?",
                          (row["title"], row["sections"], row["content_hash"], article_id, version))
            self._run("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
            self._run_many("INSERT INTO lsh_bands VALUES (?, ?)", [(band, article_id) for band in fp.bands])
        return self.get_article(article_id)

    def _record_version(self, article_id: int, version: int, row: dict[str, Any]) -> None:
        self._run(
            "INSERT INTO article_versions VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, version, row["title"], row["sections"], row["content_hash"], row["fetched_at"]),
        )

    def add_sighting(self, article_id: int, source: str, url: str, external_id: str | None, at: datetime) -> None:
        with self.transaction():
            self._run(
                "INSERT OR IGNORE INTO article_sightings VALUES (?, ?, ?, ?, ?)",
                (article_id, url, source, external_id, time_out(at)),
            )

    def get_article(self, article_id: int) -> Article:
        row = self._one("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFound(f"no article {article_id}")
        return _article(row)

    def iter_articles(
        self, *, since: datetime | None = None, source: str | None = None, latest: int | None = None
    ) -> Iterator[Article]:
        where, params = ["1 = 1"], []
        if since is not None:
            where.append("published_at >= ?")
            params.append(time_out(since))
        if source is not None:
            where.append("source = ?")
            params.append(source)
        sql = f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY published_at DESC, id DESC"
        rows = self._query(sql + " LIMIT ?", (*params, latest if latest is not None else -1))
        for row in reversed(rows):
            yield self.get_article(row["id"])

    def count(self) -> dict[str, int]:
        tables = {"sources": "sources", "articles": "articles", "versions": "article_versions",
                  "sightings": "article_sightings"}
        return {key: self._query(f"SELECT COUNT(*) FROM {table}")[0][0] for key, table in tables.items()}

    # per-source boilerplate learning

    def source_profile(self, source: str, *, min_count: int = 3) -> SourceProfile:
        row = self._one("SELECT articles FROM source_profiles WHERE source = ?", (source,))
        if row is None:
            return SourceProfile(source)
        lines = self._query(
            "SELECT line_key, articles FROM source_lines WHERE source = ? AND articles >= ?", (source, min_count)
        )
        return SourceProfile(source, row["articles"], {r["line_key"]: r["articles"] for r in lines})

    def learn_lines(self, source: str, keys: set[str]) -> None:
        with self.transaction():
            self._run(
                "INSERT INTO source_profiles VALUES (?, 1) ON CONFLICT(source) DO UPDATE SET articles = articles + 1",
                (source,),
            )
            self._run_many(
                "INSERT INTO source_lines (source, line_key, articles) VALUES (?, ?, 1)"
                " ON CONFLICT(source, line_key) DO UPDATE SET articles = articles + 1",
                [(source, key) for key in sorted(keys)],
            )


    def mark_boilerplate(self, source: str, keys: set[str]) -> set[str]:
        if not keys:
            return set()
        marks = ", ".join("?" * len(keys))
        with self.transaction():
            rows = self._query(
                f"SELECT line_key FROM source_lines WHERE source = ? AND boilerplate = 0 AND line_key IN ({marks})",
                (source, *keys),
            )
            fresh = {row["line_key"] for row in rows}
            self._run_many("UPDATE source_lines SET boilerplate = 1 WHERE source = ? AND line_key = ?",
                           [(source, key) for key in sorted(fresh)])
        return fresh

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


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        clean=article_from_row(row),
        content_hash=row["content_hash"],
        version=row["version"],
        copy_of=row["copy_of"],
        fetched_at=time_in(row["fetched_at"]),
    )
