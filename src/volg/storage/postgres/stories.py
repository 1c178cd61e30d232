"""Stories and the passages that joined them, topics, and the clusterer's saved active window."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from psycopg.rows import DictRow

from volg.errors import InputError, NotFound
from volg.models import CleanArticle, PassageReading, Story, Topic
from volg.storage.base import STATE_PAGE, SavedClusterState
from volg.storage.postgres.articles import ARTICLE_COLUMNS
from volg.storage.postgres.database import PostgresDatabase
from volg.storage.records import (
    PASSAGE_MEMBERS,
    article_from_row,
    passage_readings,
    reading_json,
    story_from_rows,
    time_in,
    topic_from_row,
)


class StoriesTable(PostgresDatabase):
    # stories

    def save_story(self, story_id: int, title: str, seen: datetime, terms: Sequence[str]) -> None:
        with self.transaction():
            self._run(
                """INSERT INTO stories (id, title, first_seen, last_seen, terms) VALUES (%s, %s, %s, %s, %s)
                   ON CONFLICT (id) DO UPDATE SET first_seen = LEAST(stories.first_seen, excluded.first_seen),
                       last_seen = GREATEST(stories.last_seen, excluded.last_seen), terms = excluded.terms""",
                (story_id, title, seen, seen, json.dumps(list(terms), ensure_ascii=False)),
            )

    def assign_passage(self, article_id: int, section: int, story_id: int, score: float,
                       reading: PassageReading | None = None) -> None:
        with self.transaction():
            self._run(
                """INSERT INTO story_passages (article_id, section, story_id, score, reading)
                   VALUES (%s, %s, %s, %s, %s)
                   ON CONFLICT (article_id, section) DO UPDATE SET story_id = excluded.story_id,
                       score = excluded.score, reading = excluded.reading""",
                (article_id, section, story_id, score, reading_json(reading)),
            )

    def merge_stories(self, into: int, merged: Sequence[int]) -> None:
        if not merged:
            return
        with self.transaction():
            self._run("UPDATE story_passages SET story_id = %s WHERE story_id = ANY(%s::bigint[])",
                      (into, list(merged)))
            self._run("""UPDATE stories SET first_seen = span.first, last_seen = span.last
                         FROM (SELECT min(first_seen) AS first, max(last_seen) AS last FROM stories
                               WHERE id = %s OR id = ANY(%s::bigint[])) span
                         WHERE id = %s""", (into, list(merged), into))
            self._run("UPDATE stories SET merged_into = %s WHERE id = ANY(%s::bigint[])", (into, list(merged)))

    def get_story(self, story_id: int) -> Story:
        """A story by id; the id of a story merged into another gives that other story."""
        row = self._one("SELECT * FROM stories WHERE id = %s", (story_id,))
        while row is not None and row["merged_into"] is not None:
            row = self._one("SELECT * FROM stories WHERE id = %s", (row["merged_into"],))
        if row is None:
            raise NotFound(f"no story {story_id}")
        return self._story(row)

    def iter_stories(
        self, *, since: datetime | None = None, ids: Sequence[int] | None = None
    ) -> Iterator[Story]:
        """Live (not merged) stories seen since `since`, oldest first by first report."""
        where: list[str] = ["merged_into IS NULL"]
        params: list[object] = []
        if since is not None:
            where.append("last_seen >= %s")
            params.append(since)
        if ids is not None:
            where.append("id = ANY(%s::bigint[])")
            params.append(list(ids))
        rows = self._query(f"SELECT * FROM stories WHERE {' AND '.join(where)} ORDER BY first_seen, id", params)
        for row in rows:
            yield self._story(row)

    def latest_story_seen(self) -> datetime | None:
        row = self._one("SELECT last_seen FROM stories WHERE merged_into IS NULL ORDER BY last_seen DESC LIMIT 1")
        return None if row is None else time_in(row["last_seen"])

    def stories_stamp(self) -> int:
        row = self._one("SELECT value FROM change_counters WHERE name = 'stories'")
        return 0 if row is None else int(row["value"])

    def passages_of_story(self, story_id: int) -> list[tuple[int, int]]:
        rows = self._query(
            "SELECT article_id, section FROM story_passages WHERE story_id = %s ORDER BY article_id, section",
            (story_id,),
        )
        return [(row["article_id"], row["section"]) for row in rows]

    def stories_of_article(self, article_id: int) -> list[int]:
        rows = self._query(
            "SELECT DISTINCT story_id FROM story_passages WHERE article_id = %s ORDER BY story_id", (article_id,)
        )
        return [row["story_id"] for row in rows]

    def _story(self, row: DictRow) -> Story:
        return story_from_rows(row, self._query(
            f"""SELECT {PASSAGE_MEMBERS}, jsonb_array_length(a.sections) AS sections
                FROM story_passages sp JOIN articles a ON a.id = sp.article_id
                WHERE sp.story_id = %s ORDER BY a.published_at, a.id, sp.section""",
            (row["id"],),
        ), self._clean)

    def passage_readings(self, story_id: int) -> list[tuple[int, PassageReading]]:
        return passage_readings(self._query(
            """SELECT sp.article_id, sp.section, sp.reading, jsonb_array_length(a.sections) AS sections
               FROM story_passages sp JOIN articles a ON a.id = sp.article_id
               WHERE sp.story_id = %s ORDER BY sp.article_id, sp.section""",
            (story_id,),
        ), self._clean)

    def _clean(self, article_id: int) -> CleanArticle:
        row = self._one(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,))
        if row is None:
            raise NotFound(f"no article {article_id}")
        return article_from_row(row)

    # topics

    def add_topic(self, topic: Topic) -> Topic:
        with self.transaction():
            row = self._one(
                "INSERT INTO topics (name, slug, query, discovered, created_at) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (slug) DO NOTHING RETURNING id",
                (topic.name, topic.slug, topic.query, topic.discovered, datetime.now(UTC)),
            )
        if row is None:
            raise InputError(f"a topic {topic.slug!r} already exists")
        return Topic(topic.name, topic.slug, topic.query, topic.discovered, row["id"])

    def get_topic(self, key: str) -> Topic:
        """A topic by slug or (case-insensitive) name."""
        row = self._one("SELECT * FROM topics WHERE slug = %s OR lower(name) = lower(%s)", (key, key))
        if row is None:
            raise NotFound(f"no topic {key!r}")
        return topic_from_row(row)

    def list_topics(self) -> list[Topic]:
        # byte order, as SQLite sorts text, whatever the database's collation
        return [topic_from_row(row) for row in self._query('SELECT * FROM topics ORDER BY name COLLATE "C"')]

    def remove_topic(self, slug: str) -> None:
        with self.transaction():
            if self._run("DELETE FROM topics WHERE slug = %s", (slug,)).rowcount == 0:
                raise NotFound(f"no topic {slug!r}")

    # the clusterer's state

    def save_cluster_state(self, header: str, last_change: int, at: datetime, *, saves: int,
                           stories: Iterable[tuple[int, str]] = (), gone: Sequence[int] = (),
                           days: Iterable[tuple[int, int, str]] = (), gone_days: Sequence[int] = (),
                           whole: bool = False) -> None:
        with self.transaction():
            if whole:
                self._run("DELETE FROM cluster_stories")
                self._run("DELETE FROM cluster_days")
            else:
                if gone:
                    self._run("DELETE FROM cluster_stories WHERE id = ANY(%s::bigint[])", (list(gone),))
                if gone_days:
                    self._run("DELETE FROM cluster_days WHERE day = ANY(%s::integer[])", (list(gone_days),))
            self._run_many("""INSERT INTO cluster_stories (id, state) VALUES (%s, %s)
                              ON CONFLICT (id) DO UPDATE SET state = excluded.state""", stories)
            self._run_many("""INSERT INTO cluster_days (day, part, state) VALUES (%s, %s, %s)
                              ON CONFLICT (day, part) DO UPDATE SET state = excluded.state""", days)
            self._run("""INSERT INTO cluster_state (id, state, last_change, saved_at, saves)
                         VALUES (1, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE
                         SET state = excluded.state, last_change = excluded.last_change,
                             saved_at = excluded.saved_at, saves = excluded.saves""",
                      (header, last_change, at, saves))

    def cluster_state_header(self) -> tuple[int, int] | None:
        row = self._one("SELECT last_change, saves FROM cluster_state WHERE id = 1")
        return None if row is None else (row["last_change"], row["saves"])

    def reset_stories(self) -> None:
        with self.transaction():
            for table in ("story_passages", "stories", "cluster_state", "cluster_stories", "cluster_days"):
                self._run(f"DELETE FROM {table}")

    def load_cluster_state(self) -> SavedClusterState | None:
        row = self._one("SELECT state, last_change, saves FROM cluster_state WHERE id = 1")
        if row is None:
            return None
        return SavedClusterState(row["state"], row["last_change"], row["saves"], self._state_stories(),
                                 self._state_days())

    def _state_stories(self) -> Iterator[str]:
        after = -1
        while rows := self._query("SELECT id, state FROM cluster_stories WHERE id > %s ORDER BY id LIMIT %s",
                                  (after, STATE_PAGE)):
            for row in rows:
                yield row["state"]
            after = rows[-1]["id"]

    def _state_days(self) -> Iterator[tuple[int, int, str]]:
        for found in self._query("SELECT DISTINCT day FROM cluster_days ORDER BY day"):
            for row in self._query("SELECT part, state FROM cluster_days WHERE day = %s ORDER BY part",
                                   (found["day"],)):
                yield found["day"], row["part"], row["state"]
