"""Stories and the passages that joined them, topics, and the clusterer's saved active window."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from volg.errors import InputError, NotFound
from volg.models import CleanArticle, PassageReading, Story, Topic
from volg.storage.base import STATE_PAGE, SavedClusterState
from volg.storage.records import (
    PASSAGE_MEMBERS,
    article_from_row,
    passage_readings,
    reading_json,
    story_from_rows,
    time_in,
    time_out,
    topic_from_row,
)
from volg.storage.sqlite.database import SQLiteDatabase


class StoriesTable(SQLiteDatabase):
    # stories

    def save_story(self, story_id: int, title: str, seen: datetime, terms: Sequence[str]) -> None:
        with self.transaction():
            self._run(
                """INSERT INTO stories (id, title, first_seen, last_seen, terms) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
                       last_seen = max(last_seen, excluded.last_seen), terms = excluded.terms""",
                (story_id, title, time_out(seen), time_out(seen), json.dumps(list(terms), ensure_ascii=False)),
            )

    def assign_passage(self, article_id: int, section: int, story_id: int, score: float,
                       reading: PassageReading | None = None) -> None:
        with self.transaction():
            self._run(
                """INSERT INTO story_passages (article_id, section, story_id, score, reading) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(article_id, section) DO UPDATE SET story_id = excluded.story_id,
                       score = excluded.score, reading = excluded.reading""",
                (article_id, section, story_id, score, reading_json(reading)),
            )

    def merge_stories(self, into: int, merged: Sequence[int]) -> None:
        if not merged:
            return
        marks = ", ".join("?" * len(merged))
        with self.transaction():
            self._run(f"UPDATE story_passages SET story_id = ? WHERE story_id IN ({marks})", (into, *merged))
            row = self._one(f"SELECT min(first_seen), max(last_seen) FROM stories WHERE id IN (?, {marks})",
                            (into, *merged))
            assert row is not None
            self._run("UPDATE stories SET first_seen = ?, last_seen = ? WHERE id = ?", (row[0], row[1], into))
            self._run(f"UPDATE stories SET merged_into = ? WHERE id IN ({marks})", (into, *merged))

    def get_story(self, story_id: int) -> Story:
        """A story by id; the id of a story merged into another gives that other story."""
        row = self._one("SELECT * FROM stories WHERE id = ?", (story_id,))
        while row is not None and row["merged_into"] is not None:
            row = self._one("SELECT * FROM stories WHERE id = ?", (row["merged_into"],))
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
            where.append("last_seen >= ?")
            params.append(time_out(since))
        if ids is not None:
            where.append(f"id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        rows = self._query(f"SELECT * FROM stories WHERE {' AND '.join(where)} ORDER BY first_seen, id", params)
        for row in rows:
            yield self._story(row)

    def latest_story_seen(self) -> datetime | None:
        row = self._one("SELECT last_seen FROM stories WHERE merged_into IS NULL ORDER BY last_seen DESC LIMIT 1")
        return None if row is None else time_in(row["last_seen"])

    def stories_stamp(self) -> int:
        row = self._one("SELECT value FROM change_counters WHERE name = 'stories'")
        return 0 if row is None else int(row[0])

    def passages_of_story(self, story_id: int) -> list[tuple[int, int]]:
        rows = self._query(
            "SELECT article_id, section FROM story_passages WHERE story_id = ? ORDER BY article_id, section",
            (story_id,),
        )
        return [(row["article_id"], row["section"]) for row in rows]

    def stories_of_article(self, article_id: int) -> list[int]:
        rows = self._query(
            "SELECT DISTINCT story_id FROM story_passages WHERE article_id = ? ORDER BY story_id", (article_id,)
        )
        return [row["story_id"] for row in rows]

    def _story(self, row: sqlite3.Row) -> Story:
        return story_from_rows(row, self._query(
            f"""SELECT {PASSAGE_MEMBERS}, json_array_length(a.sections) AS sections
                FROM story_passages sp JOIN articles a ON a.id = sp.article_id
                WHERE sp.story_id = ? ORDER BY a.published_at, a.id, sp.section""",
            (row["id"],),
        ), self._clean)

    def passage_readings(self, story_id: int) -> list[tuple[int, PassageReading]]:
        return passage_readings(self._query(
            """SELECT sp.article_id, sp.section, sp.reading, json_array_length(a.sections) AS sections
               FROM story_passages sp JOIN articles a ON a.id = sp.article_id
               WHERE sp.story_id = ? ORDER BY sp.article_id, sp.section""",
            (story_id,),
        ), self._clean)

    def _clean(self, article_id: int) -> CleanArticle:
        row = self._one("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFound(f"no article {article_id}")
        return article_from_row(row)

    # topics

    def add_topic(self, topic: Topic) -> Topic:
        with self.transaction():
            if self._one("SELECT id FROM topics WHERE slug = ?", (topic.slug,)) is not None:
                raise InputError(f"a topic {topic.slug!r} already exists")
            cursor = self._run(
                "INSERT INTO topics (name, slug, query, discovered, created_at) VALUES (?, ?, ?, ?, ?)",
                (topic.name, topic.slug, topic.query, int(topic.discovered), time_out(datetime.now(UTC))),
            )
        return Topic(topic.name, topic.slug, topic.query, topic.discovered, cursor.lastrowid)

    def get_topic(self, key: str) -> Topic:
        """A topic by slug or (case-insensitive) name."""
        row = self._one("SELECT * FROM topics WHERE slug = ? OR lower(name) = lower(?)", (key, key))
        if row is None:
            raise NotFound(f"no topic {key!r}")
        return topic_from_row(row)

    def list_topics(self) -> list[Topic]:
        return [topic_from_row(row) for row in self._query("SELECT * FROM topics ORDER BY name")]

    def remove_topic(self, slug: str) -> None:
        with self.transaction():
            if self._run("DELETE FROM topics WHERE slug = ?", (slug,)).rowcount == 0:
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
                self._run_many("DELETE FROM cluster_stories WHERE id = ?", [(sid,) for sid in gone])
                self._run_many("DELETE FROM cluster_days WHERE day = ?", [(day,) for day in gone_days])
            self._run_many("INSERT OR REPLACE INTO cluster_stories (id, state) VALUES (?, ?)", stories)
            self._run_many("INSERT OR REPLACE INTO cluster_days (day, part, state) VALUES (?, ?, ?)", days)
            self._run("INSERT OR REPLACE INTO cluster_state (id, state, last_change, saved_at, saves)"
                      " VALUES (1, ?, ?, ?, ?)", (header, last_change, time_out(at), saves))

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
        while rows := self._query("SELECT id, state FROM cluster_stories WHERE id > ? ORDER BY id LIMIT ?",
                                  (after, STATE_PAGE)):
            for row in rows:
                yield row["state"]
            after = rows[-1]["id"]

    def _state_days(self) -> Iterator[tuple[int, int, str]]:
        for (day,) in self._query("SELECT DISTINCT day FROM cluster_days ORDER BY day"):
            for row in self._query("SELECT part, state FROM cluster_days WHERE day = ? ORDER BY part", (day,)):
                yield day, row["part"], row["state"]
