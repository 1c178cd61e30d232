"""Articles, their versions and sightings, the near-duplicate index, full-text search, and per-source line
counts."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import Any

from volg.errors import NotFound
from volg.models import Article, ArticleVersion, CleanArticle, SourceProfile
from volg.pipeline.clean.dedupe import Fingerprint, Known
from volg.storage.base import MATCH_END, MATCH_START, NEXT_CHANGE, SearchTerm, place_text, search_term
from volg.storage.postgres.database import PostgresDatabase
from volg.storage.records import article_row, spellings_of, stored_article, time_out, version_from_row

ARTICLES_LOCK = 0x766F6C69
"""The advisory lock `lock_articles` holds: articles are stored one writer at a time."""

# every column but the search vector, which only search reads
ARTICLE_COLUMNS = ("id, url, source, external_id, title, published_at, language, sections, places, names, removed,"
                   " genre, genre_evidence, content_hash, signature, version, copy_of, fetched_at, updated_at")
_KNOWN = "id, url, title, content_hash, signature"
_SNIPPET = (f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=16, MinWords=6, ShortWord=0,"
            " MaxFragments=2, FragmentDelimiter=\" … \"")


class ArticlesTable(PostgresDatabase):
    def find_by_url(self, url: str) -> Known | None:
        row = self._one(f"SELECT {_KNOWN} FROM articles WHERE url = %s", (url,))
        return None if row is None else Known(**row)

    def find_by_content(self, content_hash: str) -> Known | None:
        row = self._one(f"SELECT {_KNOWN} FROM articles WHERE content_hash = %s ORDER BY id LIMIT 1",
                        (content_hash,))
        return None if row is None else Known(**row)

    def lock_articles(self) -> None:
        self._run("SELECT pg_advisory_xact_lock(%s)", (ARTICLES_LOCK,))

    def near_candidates(self, bands: Sequence[int], limit: int = 50) -> list[Known]:
        if not bands:
            return []
        rows = self._query(
            f"""SELECT {', '.join('a.' + c.strip() for c in _KNOWN.split(','))} FROM articles a
                JOIN (SELECT article_id, COUNT(*) AS shared FROM lsh_bands WHERE band = ANY(%s::bigint[])
                      GROUP BY article_id ORDER BY shared DESC LIMIT %s) c ON c.article_id = a.id
                ORDER BY c.shared DESC""",
            (list(bands), limit),
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
            self.lock_articles()  # change numbers are taken one writer at a time
            inserted = self._one(
                f"INSERT INTO articles ({', '.join(row)}, changed)"
                f" VALUES ({', '.join(f'%({k})s' for k in row)}, {NEXT_CHANGE}) RETURNING id", row)
            assert inserted is not None
            article_id = int(inserted["id"])
            self._record_version(article_id, 1, row)
            self._run_many("INSERT INTO lsh_bands VALUES (%s, %s)", [(band, article_id) for band in fp.bands])
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
            self.lock_articles()
            version = self.get_article(article_id).version + (1 if new_version else 0)
            assignments = ", ".join(f"{k} = %({k})s" for k in row)
            changed = f", changed = {NEXT_CHANGE}" if new_version else ""
            self._run(f"UPDATE articles SET {assignments}, version = %(version)s{changed} WHERE id = %(id)s",
                      row | {"version": version, "id": article_id})
            if new_version:
                self._record_version(article_id, version, row | {"fetched_at": time_out(at)})
            else:
                self._run("UPDATE article_versions SET title = %s, sections = %s, content_hash = %s, published_at = %s"
                          " WHERE article_id = %s AND version = %s",
                          (row["title"], row["sections"], row["content_hash"], row["published_at"], article_id,
                           version))
            self._run("DELETE FROM lsh_bands WHERE article_id = %s", (article_id,))
            self._run_many("INSERT INTO lsh_bands VALUES (%s, %s)", [(band, article_id) for band in fp.bands])
        return self.get_article(article_id)

    def _record_version(self, article_id: int, version: int, row: dict[str, Any]) -> None:
        self._run(
            "INSERT INTO article_versions"
            " (article_id, version, title, sections, content_hash, fetched_at, published_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (article_id, version, row["title"], row["sections"], row["content_hash"], row["fetched_at"],
             row["published_at"]),
        )

    def add_sighting(self, article_id: int, source: str, url: str, external_id: str | None, at: datetime) -> None:
        with self.transaction():
            self._run(
                "INSERT INTO article_sightings VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (article_id, url, source, external_id, at),
            )

    def get_article(self, article_id: int) -> Article:
        row = self._one(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,))
        if row is None:
            raise NotFound(f"no article {article_id}")
        return stored_article(row)

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        rows = self._query("SELECT version, title, sections, fetched_at, published_at FROM article_versions"
                           " WHERE article_id = %s ORDER BY version", (article_id,))
        return [version_from_row(row) for row in rows]

    def iter_articles(
        self, *, since: datetime | None = None, source: str | None = None, latest: int | None = None
    ) -> Iterator[Article]:
        where: list[str] = ["true"]
        params: list[Any] = []
        if since is not None:
            where.append("published_at >= %s")
            params.append(since)
        if source is not None:
            where.append("source = %s")
            params.append(source)
        sql = f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY published_at DESC, id DESC LIMIT %s"
        rows = self._query(sql, (*params, latest))
        for row in reversed(rows):
            yield self.get_article(row["id"])

    def articles_changed_after(self, change: int, *, known: Article | None = None) -> Iterator[tuple[int, Article]]:
        for row in self._query("SELECT id, changed FROM articles WHERE changed > %s ORDER BY changed", (change,)):
            article_id = row["id"]
            yield int(row["changed"]), known if known is not None and known.id == article_id else self.get_article(
                article_id)

    def search_articles(self, terms: Sequence[str | SearchTerm], *, limit: int = 50) -> list[tuple[int, str]]:
        """Every word of a term, as the search configuration splits and unaccents it, must start a word of the
        title or text (weights A and B), or the term's place be among the article's (weight C, `place_text`)."""
        wanted = [search_term(term) for term in terms]
        groups = [group for group in map(self._tsquery_term, wanted) if group]  # punctuation alone: no group
        if not groups:
            return []
        query = " & ".join(groups)
        rows = self._query(
            """SELECT id, ts_headline('volg_search', volg_sections_text(sections), q, %s) AS snippet,
                      places::text AS places
               FROM articles, CAST(%s AS tsquery) AS q WHERE search @@ q
               ORDER BY ts_rank(search, q) DESC, id LIMIT %s""", (_SNIPPET, query, limit))
        places = {term.place for term in wanted if term.place is not None}
        found = []
        for row in rows:
            snippet = str(row["snippet"] or "")
            spellings = spellings_of(row["places"], places) if places else []
            if spellings:  # found through a place: mark it as the article spells it
                marked = " | ".join([*(f"({g})" for g in self._word_queries(wanted) if g),
                                     *map(self._phrase_query, spellings)])
                again = self._one("SELECT ts_headline('volg_search', volg_sections_text(sections), CAST(%s AS tsquery),"
                                  " %s) AS snippet FROM articles WHERE id = %s", (marked, _SNIPPET, row["id"]))
                snippet = str(again["snippet"] or "") if again else snippet
            found.append((int(row["id"]), snippet))
        return found

    def _phrase_query(self, text: str) -> str:
        """`text` as a tsquery of its words in a row, as the search configuration splits and unaccents them."""
        return str(self._query("SELECT phraseto_tsquery('volg_search', %s)::text AS q", (text,))[0]["q"])

    def _lexemes(self, words: Sequence[str]) -> list[str]:
        return [r["lexeme"] for r in self._query(
            "SELECT lexeme FROM unnest(to_tsvector('volg_search', %s)) ORDER BY lexeme", (" ".join(words),))]

    def _word_queries(self, terms: Sequence[SearchTerm]) -> list[str]:
        """Each term's words as a tsquery of word beginnings in the title or text ('' for a term without any)."""
        # the lexemes are quoted, so nothing in the words is taken as query syntax
        return [" & ".join("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "':*AB"
                           for lexeme in self._lexemes(term.words)) for term in terms]

    def _tsquery_term(self, term: SearchTerm) -> str:
        """One term as a tsquery: its words' beginnings, or its place as the index holds it; '' for neither."""
        [words] = self._word_queries([term])
        place = self._phrase_query(place_text(*term.place)) if term.place else ""
        either = [f"({part})" for part in (words, place) if part]
        return f"({' | '.join(either)})" if either else ""

    def count(self) -> dict[str, int]:
        tables = {"sources": "sources", "articles": "articles", "versions": "article_versions",
                  "sightings": "article_sightings", "stories": "stories WHERE merged_into IS NULL",
                  "topics": "topics"}
        return {key: int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]) for key, table in tables.items()}

    # per-source boilerplate learning

    def source_profile(self, source: str, *, min_count: int = 3, lines: Collection[str] | None = None
                       ) -> SourceProfile:
        row = self._one("SELECT articles FROM source_profiles WHERE source = %s", (source,))
        if row is None:
            return SourceProfile(source)
        if lines is None:
            counted = self._query(
                "SELECT line_key, articles FROM source_lines WHERE source = %s AND articles >= %s", (source, min_count)
            )
        else:
            counted = self._query(
                "SELECT line_key, articles FROM source_lines WHERE source = %s AND articles >= %s"
                " AND line_key = ANY(%s::text[])", (source, min_count, sorted(lines)))
        return SourceProfile(source, row["articles"], {r["line_key"]: r["articles"] for r in counted})

    def learn_lines(self, source: str, keys: set[str]) -> None:
        with self.transaction():
            self._run(
                "INSERT INTO source_profiles VALUES (%s, 1)"
                " ON CONFLICT (source) DO UPDATE SET articles = source_profiles.articles + 1",
                (source,),
            )
            self._run_many(
                "INSERT INTO source_lines (source, line_key, articles) VALUES (%s, %s, 1)"
                " ON CONFLICT (source, line_key) DO UPDATE SET articles = source_lines.articles + 1",
                [(source, key) for key in sorted(keys)],
            )

    def mark_boilerplate(self, source: str, keys: set[str]) -> set[str]:
        if not keys:
            return set()
        with self.transaction():
            rows = self._query(
                "UPDATE source_lines SET boilerplate = true"
                " WHERE source = %s AND NOT boilerplate AND line_key = ANY(%s::text[]) RETURNING line_key",
                (source, sorted(keys)),
            )
        return {row["line_key"] for row in rows}
