"""Subscriptions, the digests composed for them, the developments each reader has received, and the outbox of
deliveries (one row per digest and channel, written in the digest's transaction)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from volg.errors import NotFound
from volg.models import Delivery, DeliveryStatus, Digest, Subscription
from volg.storage.records import (
    check_retryable,
    delivered_stories,
    delivery_from_row,
    delivery_outcome,
    schedule_values,
    subscription_from_row,
    time_in,
    time_out,
)
from volg.storage.sqlite.database import SQLiteDatabase


class SubscriptionsTable(SQLiteDatabase):
    def add_subscription(self, sub: Subscription) -> Subscription:
        created = sub.created_at or datetime.now(UTC)
        with self.transaction():
            cursor = self._run(
                "INSERT INTO subscriptions (topic, times, tz, max_items, quiet, breaking, email, push, webhooks,"
                " token, secret, active, created_at, language, genres, confirmed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sub.topic, *schedule_values(sub), sub.email, json.dumps(list(sub.push)),
                 json.dumps(list(sub.webhooks)), sub.token, sub.secret, int(sub.active), time_out(created),
                 sub.language, ",".join(sub.genres), int(sub.confirmed)),
            )
        return self.get_subscription(int(cursor.lastrowid or 0))

    def save_subscription(self, sub: Subscription) -> Subscription:
        with self.transaction():
            cursor = self._run(
                "UPDATE subscriptions SET times = ?, tz = ?, max_items = ?, quiet = ?, breaking = ?, active = ?,"
                " genres = ?, confirmed = ?, email = ?, push = ?, webhooks = ? WHERE id = ?",
                (*schedule_values(sub), int(sub.active), ",".join(sub.genres), int(sub.confirmed), sub.email,
                 json.dumps(list(sub.push)), json.dumps(list(sub.webhooks)), sub.id))
        if cursor.rowcount == 0:
            raise NotFound(f"no subscription {sub.id}")
        return self.get_subscription(int(sub.id or 0))

    def delete_unconfirmed(self, *, before: datetime | None = None, subscription_id: int | None = None) -> int:
        conditions: list[str] = ["confirmed = ?"]
        params: list[Any] = [0]
        if before is not None:
            conditions.append("created_at < ?")
            params.append(time_out(before))
        if subscription_id is not None:
            conditions.append("id = ?")
            params.append(subscription_id)
        with self.transaction():
            cursor = self._run(f"DELETE FROM subscriptions WHERE {' AND '.join(conditions)}", params)
        return int(cursor.rowcount)

    def subscription_by_token(self, token: str) -> Subscription:
        row = self._one("SELECT * FROM subscriptions WHERE token = ?", (token,)) if token else None
        if row is None:
            raise NotFound("no subscription has that feed token")
        return subscription_from_row(row)

    def get_subscription(self, subscription_id: int) -> Subscription:
        row = self._one("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,))
        if row is None:
            raise NotFound(f"no subscription {subscription_id}")
        return subscription_from_row(row)

    def list_subscriptions(self, *, topic: str | None = None, active: bool | None = None) -> list[Subscription]:
        conditions: list[str] = []
        params: list[Any] = []
        if topic:
            conditions.append("topic = ?")
            params.append(topic)
        if active is not None:
            conditions.append("active = ?")
            params.append(int(active))
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self._query(f"SELECT * FROM subscriptions {where} ORDER BY id", params)
        return [subscription_from_row(r) for r in rows]

    def record_digest(self, digest: Digest, body: dict[str, Any],
                      channels: Sequence[tuple[str, str]] = ()) -> bool:
        now = time_out(datetime.now(UTC))
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
            self._run_many(
                "INSERT INTO deliveries (subscription_id, scheduled_at, channel, target, status, next_at, created_at)"
                " VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                [(digest.subscription_id, time_out(digest.scheduled_at), channel, target,
                  time_out(digest.scheduled_at), now) for channel, target in dict.fromkeys(channels)],
            )
        return True

    def get_digest(self, subscription_id: int, scheduled_at: datetime) -> dict[str, Any]:
        row = self._one("SELECT body FROM digests WHERE subscription_id = ? AND scheduled_at = ?",
                        (subscription_id, time_out(scheduled_at)))
        if row is None:
            raise NotFound(f"no digest of subscription {subscription_id} at {time_out(scheduled_at)}")
        return dict(json.loads(row["body"]))

    # the outbox

    def claim_deliveries(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[Delivery]:
        """Mark up to `limit` due deliveries as being sent by `owner` until now + `lease`; the oldest first.
        No attempt is counted until one is sent (`start_attempt`)."""
        with self.transaction():
            rows = self._query(
                "SELECT id FROM deliveries WHERE status IN ('pending', 'sending') AND next_at <= ?"
                " ORDER BY next_at, id LIMIT ?", (time_out(now), limit))
            ids = [r["id"] for r in rows]
            self._run_many("UPDATE deliveries SET status = 'sending', owner = ?, next_at = ? WHERE id = ?",
                           [(owner, time_out(now + lease), i) for i in ids])
            return self._deliveries_by_id(ids)

    def start_attempt(self, delivery_id: int, now: datetime, *, owner: str, lease: timedelta) -> Delivery | None:
        """Count an attempt at a delivery still claimed by `owner` and renew the claim; None if it is not."""
        with self.transaction():
            cursor = self._run(
                "UPDATE deliveries SET attempts = attempts + 1, next_at = ? WHERE id = ? AND status = 'sending'"
                " AND owner = ?", (time_out(now + lease), delivery_id, owner))
            if cursor.rowcount == 0:
                return None
            [delivery] = self._deliveries_by_id([delivery_id])
            return delivery

    def release_claims(self, owners: Sequence[str]) -> int:
        """Make the claims of senders known to be dead due again at once; how many there were."""
        if not owners:
            return 0
        with self.transaction():
            cursor = self._run(
                f"UPDATE deliveries SET status = 'pending', next_at = scheduled_at WHERE status = 'sending'"
                f" AND owner IN ({', '.join('?' * len(owners))})", list(owners))
        return cursor.rowcount

    def claim_owners(self) -> set[str]:
        return {r["owner"] for r in self._query("SELECT DISTINCT owner FROM deliveries WHERE status = 'sending'")}

    def finish_delivery(self, delivery_id: int, *, at: datetime, error: str | None = None,
                        retry_at: datetime | None = None, cancelled: bool = False) -> None:
        """Record an outcome: sent (no error), due again at `retry_at` (a temporary error), failed, or cancelled."""
        status, next_at, sent_at = delivery_outcome(at, error, retry_at, cancelled)
        with self.transaction():
            self._run("UPDATE deliveries SET status = ?, next_at = ?, last_error = ?, sent_at = ?, owner = NULL"
                      " WHERE id = ?", (status.value, time_out(next_at), error, time_out(sent_at), delivery_id))

    def list_deliveries(self, *, status: DeliveryStatus | None = None, subscription_id: int | None = None,
                        latest: int | None = None) -> list[Delivery]:
        conditions: list[str] = []
        params: list[Any] = []
        if status is not None:
            conditions.append("status = ?")
            params.append(status.value)
        if subscription_id is not None:
            conditions.append("subscription_id = ?")
            params.append(subscription_id)
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self._query(f"SELECT * FROM deliveries {where} ORDER BY id DESC LIMIT ?", (*params, latest or -1))
        return [delivery_from_row(r) for r in reversed(rows)]

    def retry_deliveries(self, ids: Sequence[int] | None, *, at: datetime) -> list[Delivery]:
        """Make failed deliveries (these, or all) due again with a fresh count of attempts."""
        with self.transaction():
            if ids is None:
                ids = [r["id"] for r in self._query("SELECT id FROM deliveries WHERE status = 'failed'")]
            check_retryable(ids, {d.id: d for d in self._deliveries_by_id(ids)})
            self._run_many("UPDATE deliveries SET status = 'pending', attempts = 0, next_at = ? WHERE id = ?",
                           [(time_out(at), i) for i in ids])
            return self._deliveries_by_id(ids)

    def _deliveries_by_id(self, ids: Sequence[int]) -> list[Delivery]:
        rows: list[sqlite3.Row] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows += self._query(f"SELECT * FROM deliveries WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        return sorted((delivery_from_row(r) for r in rows), key=lambda d: d.id)

    def signing_key(self) -> str:
        row = self._one("SELECT value FROM settings_kept WHERE key = 'signing_key'")
        assert row is not None, "migration 0004 stores the signing key"
        return str(row["value"])

    def delivered(self, subscription_id: int) -> tuple[set[str], set[int]]:
        keys = self._query("SELECT development_key FROM delivered_items WHERE subscription_id = ?",
                           (subscription_id,))
        stories = self._query(delivered_stories("?"), (subscription_id,))
        return {r["development_key"] for r in keys}, {r["id"] for r in stories}

    def last_digest_at(self, subscription_id: int) -> datetime | None:
        row = self._one("SELECT max(scheduled_at) FROM digests WHERE subscription_id = ? AND breaking = 0",
                        (subscription_id,))
        return None if row is None else time_in(row[0])

    def breaking_sent_since(self, subscription_id: int, since: datetime) -> int:
        row = self._one("SELECT count(*) FROM digests WHERE subscription_id = ? AND breaking = 1 AND scheduled_at >= ?",
                        (subscription_id, time_out(since)))
        return 0 if row is None else int(row[0])

    def list_digests(self, subscription_id: int, *, since: datetime | None = None) -> list[dict[str, Any]]:
        rows = self._query("SELECT body FROM digests WHERE subscription_id = ? AND scheduled_at > ?"
                           " ORDER BY scheduled_at", (subscription_id, time_out(since) or ""))
        return [json.loads(r["body"]) for r in rows]
