"""Subscriptions, the digests composed for them, and the developments each reader has received."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from volg.errors import NotFound
from volg.models import Digest, Subscription
from volg.storage.records import time_in, time_out
from volg.storage.sqlite.database import SQLiteDatabase


class SubscriptionsTable(SQLiteDatabase):
    def add_subscription(self, sub: Subscription) -> Subscription:
        created = sub.created_at or datetime.now(UTC)
        with self.transaction():
            cursor = self._run(
                "INSERT INTO subscriptions (topic, times, tz, max_items, quiet, breaking, email, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (sub.topic, json.dumps(list(sub.times)), sub.tz, sub.max_items,
                 json.dumps(list(sub.quiet)) if sub.quiet else None, sub.breaking, sub.email, time_out(created)),
            )
        return self.get_subscription(int(cursor.lastrowid or 0))

    def get_subscription(self, subscription_id: int) -> Subscription:
        row = self._one("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,))
        if row is None:
            raise NotFound(f"no subscription {subscription_id}")
        return _subscription(row)

    def list_subscriptions(self, *, topic: str | None = None) -> list[Subscription]:
        where, params = ("WHERE topic = ?", (topic,)) if topic else ("", ())
        return [_subscription(r) for r in self._query(f"SELECT * FROM subscriptions {where} ORDER BY id", params)]

    def record_digest(self, digest: Digest, body: dict[str, Any]) -> bool:
        with self.transaction():
            exists = self._one("SELECT 1 FROM digests WHERE subscription_id = ? AND scheduled_at = ?",
                               (digest.subscription_id, time_out(digest.scheduled_at)))
            if exists is not None:
                return False
            self._run("INSERT INTO digests VALUES (?, ?, ?, ?, ?, ?)",
                      (digest.subscription_id, time_out(digest.scheduled_at), time_out(digest.since),
                       json.dumps(body, ensure_ascii=False), int(digest.breaking), time_out(datetime.now(UTC))))
            self._run_many(
                "INSERT OR IGNORE INTO delivered_items VALUES (?, ?, ?, ?)",
                [(digest.subscription_id, item.development.key, item.development.story_id,
                  time_out(digest.scheduled_at)) for item in digest.items],
            )
        return True

    def delivered(self, subscription_id: int) -> tuple[set[str], set[int]]:
        rows = self._query("SELECT development_key, story_id FROM delivered_items WHERE subscription_id = ?",
                           (subscription_id,))
        return {r["development_key"] for r in rows}, {r["story_id"] for r in rows}

    def last_digest_at(self, subscription_id: int) -> datetime | None:
        row = self._one("SELECT max(scheduled_at) FROM digests WHERE subscription_id = ? AND breaking = 0",
                        (subscription_id,))
        return None if row is None else time_in(row[0])

    def breaking_sent_since(self, subscription_id: int, since: datetime) -> int:
        row = self._one("SELECT count(*) FROM digests WHERE subscription_id = ? AND breaking = 1 AND scheduled_at >= ?",
                        (subscription_id, time_out(since)))
        return 0 if row is None else int(row[0])

    def list_digests(self, subscription_id: int) -> list[dict[str, Any]]:
        rows = self._query("SELECT body FROM digests WHERE subscription_id = ? ORDER BY scheduled_at",
                           (subscription_id,))
        return [json.loads(r["body"]) for r in rows]


def _subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(
        topic=row["topic"],
        times=tuple(json.loads(row["times"])),
        tz=row["tz"],
        max_items=row["max_items"],
        quiet=tuple(json.loads(row["quiet"])) if row["quiet"] else None,  # type: ignore[arg-type]
        breaking=row["breaking"],
        email=row["email"],
        id=row["id"],
        created_at=time_in(row["created_at"]),
    )
