"""Articles, their versions and sightings, the near-duplicate index, and per-source line counts."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import Any

from volg.errors import NotFound
from volg.models import Article, ArticleVersion, CleanArticle, SourceProfile
from volg.pipeline.clean.dedupe import Fingerprint, Known
from volg.storage.base import MATCH_END, MATCH_START, NEXT_CHANGE, SearchTerm, place_text, search_term
from volg.storage.records import article_row, spellings_of, stored_article, time_out, version_from_row
from volg.storage.sqlite.database import SQLiteDatabase


class ArticlesTable(SQLiteDatabase):
    def find_by_url(self, url: str) -> Known | None:
        row = self._one("SELECT id, url, title, content_hash, signature FROM articles WHERE url = ?", (url,))
        return None if row is None else Known(**row)

    def find_by_content(self, content_hash: str) -> Known | None:
        row = self._one(
            "SELECT id, url, title, content_hash, signature FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
            (content_hash,),
        )
        return None if row is None else Known(**row)

    def lock_articles(self) -> None:
        """SQLite's write transactions are one at a time already (BEGIN IMMEDIATE)."""

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
                f"INSERT INTO articles ({', '.join(row)}, changed)"
                f" VALUES ({', '.join(':' + k for k in row)}, {NEXT_CHANGE})",
                row,
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
            changed = f", changed = {NEXT_CHANGE}" if new_version else ""
            self._run(f"UPDATE articles SET {assignments}, version = :version{changed} WHERE id = :id",
                      row | {"version": version, "id": article_id})
            if new_version:
                self._record_version(article_id, version, row | {"fetched_at": time_out(at)})
            else:
                self._run("UPDATE article_versions SET title = ?, sections = ?, content_hash = ?, published_at = ?"
                          " WHERE article_id = ? AND version = ?",
                          (row["title"], row["sections"], row["content_hash"], row["published_at"], article_id,
                           version))
            self._run("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
            self._run_many("INSERT INTO lsh_bands VALUES (?, ?)", [(band, article_id) for band in fp.bands])
        return self.get_article(article_id)

    def _record_version(self, article_id: int, version: int, row: dict[str, Any]) -> None:
        self._run(
            "INSERT INTO article_versions"
            " (article_id, version, title, sections, content_hash, fetched_at, published_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, version, row["title"], row["sections"], row["content_hash"], row["fetched_at"],
             row["published_at"]),
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
        return stored_article(row)

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        rows = self._query("SELECT version, title, sections, fetched_at, published_at FROM article_versions"
                           " WHERE article_id = ? ORDER BY version", (article_id,))
        return [version_from_row(row) for row in rows]

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

    def articles_changed_after(self, change: int, *, known: Article | None = None) -> Iterator[tuple[int, Article]]:
        for row in self._query("SELECT id, changed FROM articles WHERE changed > ? ORDER BY changed", (change,)):
            yield row["changed"], known if known is not None and known.id == row["id"] else self.get_article(row["id"])

    def search_articles(self, terms: Sequence[str | SearchTerm], *, limit: int = 50) -> list[tuple[int, str]]:
        """Each term's words must start words of the title or text, or its place be among the article's (the
        index's third column, `place_text`); ranked by BM25 with the title weighing three times the text."""
        wanted = [search_term(term) for term in terms]
        query = " AND ".join(filter(None, map(_fts_term, wanted)))
        if not query:
            return []
        rows = self._query(
            f"SELECT rowid, {_SNIPPET} FROM article_search WHERE article_search MATCH ?"
            " ORDER BY bm25(article_search, 3.0, 1.0, 1.0) LIMIT ?", (MATCH_START, MATCH_END, query, limit))
        found = [(int(r[0]), str(r[1] or "")) for r in rows]
        places = {term.place for term in wanted if term.place is not None}
        return [(i, self._place_snippet(i, wanted, places) or snippet) if places else (i, snippet)
                for i, snippet in found]

    def _place_snippet(self, article_id: int, terms: list[SearchTerm], places: set[tuple[str, str]]) -> str | None:
        """The snippet of an article found through a place, with the place marked as the article spells it (Kiev,
        for a search for Kyiv); None when the article names none of `places`."""
        row = self._one("SELECT places FROM articles WHERE id = ?", (article_id,))
        spellings = spellings_of(row["places"] if row else "[]", places)
        if not spellings:
            return None
        marked = " OR ".join([*(_prefix(word) for term in terms for word in term.words), *map(_phrase, spellings)])
        again = self._one(f"SELECT {_SNIPPET} AS snippet FROM article_search WHERE article_search MATCH ?"
                          " AND rowid = ?", (MATCH_START, MATCH_END, f"{{title body}} : ({marked})", article_id))
        return str(again["snippet"] or "") if again else None

    def count(self) -> dict[str, int]:
        tables = {"sources": "sources", "articles": "articles", "versions": "article_versions",
                  "sightings": "article_sightings", "stories": "stories WHERE merged_into IS NULL",
                  "topics": "topics"}
        return {key: self._query(f"SELECT COUNT(*) FROM {table}")[0][0] for key, table in tables.items()}

    # per-source boilerplate learning

    def source_profile(self, source: str, *, min_count: int = 3, lines: Collection[str] | None = None
                       ) -> SourceProfile:
        row = self._one("SELECT articles FROM source_profiles WHERE source = ?", (source,))
        if row is None:
            return SourceProfile(source)
        if lines is None:
            counted = self._query(
                "SELECT line_key, articles FROM source_lines WHERE source = ? AND articles >= ?", (source, min_count)
            )
        else:
            marks = ", ".join("?" * len(lines))
            counted = self._query(
                "SELECT line_key, articles FROM source_lines WHERE source = ? AND articles >= ?"
                f" AND line_key IN ({marks})", (source, min_count, *sorted(lines)))
        return SourceProfile(source, row["articles"], {r["line_key"]: r["articles"] for r in counted})

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


_SNIPPET = "snippet(article_search, 1, ?, ?, '…', 16)"
"""A snippet of the text (column 1) around the matches, marked."""


def _phrase(text: str) -> str:
    """`text` as an FTS5 phrase: nothing in it is read as query syntax."""
    return '"' + text.replace('"', "") + '"'


def _prefix(word: str) -> str:
    return _phrase(word) + "*"


def _fts_term(term: SearchTerm) -> str:
    """One term as an FTS5 expression: its words' beginnings in the title or text, or its place ('' for neither)."""
    either = [f"({{title body}} : ({' AND '.join(map(_prefix, term.words))}))"] if term.words else []
    either += [f"(places : {_phrase(place_text(*term.place))})"] if term.place else []
    return f"({' OR '.join(either)})" if either else ""
