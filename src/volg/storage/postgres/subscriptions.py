"""Subscriptions, the digests composed for them, the developments each reader has received, and the outbox of
deliveries (one row per digest and channel, written in the digest's transaction)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from volg.errors import NotFound
from volg.models import Delivery, DeliveryStatus, Digest, Subscription
from volg.storage.postgres.database import PostgresDatabase
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


class SubscriptionsTable(PostgresDatabase):
    def add_subscription(self, sub: Subscription) -> Subscription:
        created = sub.created_at or datetime.now(UTC)
        with self.transaction():
            row = self._one(
                "INSERT INTO subscriptions (topic, times, tz, max_items, quiet, breaking, email, push, webhooks,"
                " token, secret, active, created_at, language, genres, confirmed)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " RETURNING id",
                (sub.topic, *schedule_values(sub), sub.email, json.dumps(list(sub.push)),
                 json.dumps(list(sub.webhooks)), sub.token, sub.secret, sub.active, created, sub.language,
                 ",".join(sub.genres), sub.confirmed),
            )
        assert row is not None
        return self.get_subscription(int(row["id"]))

    def save_subscription(self, sub: Subscription) -> Subscription:
        with self.transaction():
            cursor = self._run(
                "UPDATE subscriptions SET times = %s, tz = %s, max_items = %s, quiet = %s, breaking = %s, active = %s,"
                " genres = %s, confirmed = %s, email = %s, push = %s, webhooks = %s WHERE id = %s",
                (*schedule_values(sub), sub.active, ",".join(sub.genres), sub.confirmed, sub.email,
                 json.dumps(list(sub.push)), json.dumps(list(sub.webhooks)), sub.id))
        if cursor.rowcount == 0:
            raise NotFound(f"no subscription {sub.id}")
        return self.get_subscription(int(sub.id or 0))

    def delete_unconfirmed(self, *, before: datetime | None = None, subscription_id: int | None = None) -> int:
        conditions: list[str] = ["confirmed = %s"]
        params: list[Any] = [False]
        if before is not None:
            conditions.append("created_at < %s")
            params.append(before)
        if subscription_id is not None:
            conditions.append("id = %s")
            params.append(subscription_id)
        with self.transaction():
            cursor = self._run(f"DELETE FROM subscriptions WHERE {' AND '.join(conditions)}", params)
        return int(cursor.rowcount)

    def subscription_by_token(self, token: str) -> Subscription:
        row = self._one("SELECT * FROM subscriptions WHERE token = %s", (token,)) if token else None
        if row is None:
            raise NotFound("no subscription has that feed token")
        return subscription_from_row(row)

    def get_subscription(self, subscription_id: int) -> Subscription:
        row = self._one("SELECT * FROM subscriptions WHERE id = %s", (subscription_id,))
        if row is None:
            raise NotFound(f"no subscription {subscription_id}")
        return subscription_from_row(row)

    def list_subscriptions(self, *, topic: str | None = None, active: bool | None = None) -> list[Subscription]:
        conditions: list[str] = []
        params: list[Any] = []
        if topic:
            conditions.append("topic = %s")
            params.append(topic)
        if active is not None:
            conditions.append("active = %s")
            params.append(active)
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self._query(f"SELECT * FROM subscriptions {where} ORDER BY id", params)
        return [subscription_from_row(r) for r in rows]

    def record_digest(self, digest: Digest, body: dict[str, Any],
                      channels: Sequence[tuple[str, str]] = ()) -> bool:
        now = datetime.now(UTC)
        with self.transaction():
            stored = self._one(
                "INSERT INTO digests VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1 AS stored",
                (digest.subscription_id, digest.scheduled_at, digest.since, json.dumps(body, ensure_ascii=False),
                 digest.breaking, now))
            if stored is None:
                return False
            self._run_many(
                "INSERT INTO delivered_items VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(digest.subscription_id, item.development.key, item.development.story_id, digest.scheduled_at)
                 for item in digest.items],
            )
            self._run_many(
                "INSERT INTO deliveries (subscription_id, scheduled_at, channel, target, status, next_at, created_at)"
                " VALUES (%s, %s, %s, %s, 'pending', %s, %s)",
                [(digest.subscription_id, digest.scheduled_at, channel, target, digest.scheduled_at, now)
                 for channel, target in dict.fromkeys(channels)],
            )
        return True

    def get_digest(self, subscription_id: int, scheduled_at: datetime) -> dict[str, Any]:
        row = self._one("SELECT body FROM digests WHERE subscription_id = %s AND scheduled_at = %s",
                        (subscription_id, scheduled_at))
        if row is None:
            raise NotFound(f"no digest of subscription {subscription_id} at {time_out(scheduled_at)}")
        return dict(json.loads(row["body"]))

    # the outbox

    def claim_deliveries(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[Delivery]:
        """Mark up to `limit` due deliveries as being sent by `owner` until now + `lease`; the oldest first.

        SKIP LOCKED: rows another sender is claiming right now are passed over, never claimed twice. No attempt
        is counted until one is sent (`start_attempt`)."""
        with self.transaction():
            rows = self._query(
                """UPDATE deliveries SET status = 'sending', owner = %s, next_at = %s
                   WHERE id IN (SELECT id FROM deliveries WHERE status IN ('pending', 'sending') AND next_at <= %s
                                ORDER BY next_at, id LIMIT %s FOR UPDATE SKIP LOCKED)
                   RETURNING *""", (owner, now + lease, now, limit))
        return sorted((delivery_from_row(r) for r in rows), key=lambda d: d.id)

    def start_attempt(self, delivery_id: int, now: datetime, *, owner: str, lease: timedelta) -> Delivery | None:
        """Count an attempt at a delivery still claimed by `owner` and renew the claim; None if it is not."""
        with self.transaction():
            row = self._one(
                """UPDATE deliveries SET attempts = attempts + 1, next_at = %s
                   WHERE id = %s AND status = 'sending' AND owner = %s RETURNING *""",
                (now + lease, delivery_id, owner))
        return delivery_from_row(row) if row is not None else None

    def release_claims(self, owners: Sequence[str]) -> int:
        """Make the claims of senders known to be dead due again at once; how many there were."""
        if not owners:
            return 0
        with self.transaction():
            cursor = self._run(
                "UPDATE deliveries SET status = 'pending', next_at = scheduled_at WHERE status = 'sending'"
                " AND owner = ANY(%s::text[])", (list(owners),))
        return cursor.rowcount

    def claim_owners(self) -> set[str]:
        return {r["owner"] for r in self._query("SELECT DISTINCT owner FROM deliveries WHERE status = 'sending'")}

    def finish_delivery(self, delivery_id: int, *, at: datetime, error: str | None = None,
                        retry_at: datetime | None = None, cancelled: bool = False) -> None:
        """Record an outcome: sent (no error), due again at `retry_at` (a temporary error), failed, or cancelled."""
        status, next_at, sent_at = delivery_outcome(at, error, retry_at, cancelled)
        with self.transaction():
            self._run("UPDATE deliveries SET status = %s, next_at = %s, last_error = %s, sent_at = %s, owner = NULL"
                      " WHERE id = %s", (status.value, next_at, error, sent_at, delivery_id))

    def list_deliveries(self, *, status: DeliveryStatus | None = None, subscription_id: int | None = None,
                        latest: int | None = None) -> list[Delivery]:
        conditions: list[str] = []
        params: list[Any] = []
        if status is not None:
            conditions.append("status = %s")
            params.append(status.value)
        if subscription_id is not None:
            conditions.append("subscription_id = %s")
            params.append(subscription_id)
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        rows = self._query(f"SELECT * FROM deliveries {where} ORDER BY id DESC LIMIT %s", (*params, latest or None))
        return [delivery_from_row(r) for r in reversed(rows)]

    def retry_deliveries(self, ids: Sequence[int] | None, *, at: datetime) -> list[Delivery]:
        """Make failed deliveries (these, or all) due again with a fresh count of attempts."""
        with self.transaction():
            if ids is None:
                ids = [r["id"] for r in self._query("SELECT id FROM deliveries WHERE status = 'failed' FOR UPDATE")]
            check_retryable(ids, {d.id: d for d in self._deliveries_by_id(ids)})
            self._run("UPDATE deliveries SET status = 'pending', attempts = 0, next_at = %s"
                      " WHERE id = ANY(%s::bigint[])", (at, list(ids)))
            return self._deliveries_by_id(ids)

    def _deliveries_by_id(self, ids: Sequence[int]) -> list[Delivery]:
        rows = self._query("SELECT * FROM deliveries WHERE id = ANY(%s::bigint[]) ORDER BY id", (list(ids),))
        return [delivery_from_row(r) for r in rows]

    def signing_key(self) -> str:
        """Made on first use from Python's `secrets` (PostgreSQL has no strong random bytes without pgcrypto)."""
        row = self._one("SELECT value FROM settings_kept WHERE key = 'signing_key'")
        if row is None:
            with self.transaction():
                self._run("INSERT INTO settings_kept VALUES ('signing_key', %s) ON CONFLICT DO NOTHING",
                          (secrets.token_hex(32),))
                row = self._one("SELECT value FROM settings_kept WHERE key = 'signing_key'")
        assert row is not None
        return str(row["value"])

    def delivered(self, subscription_id: int) -> tuple[set[str], set[int]]:
        keys = self._query("SELECT development_key FROM delivered_items WHERE subscription_id = %s",
                           (subscription_id,))
        stories = self._query(delivered_stories("%s"), (subscription_id,))
        return {r["development_key"] for r in keys}, {r["id"] for r in stories}

    def last_digest_at(self, subscription_id: int) -> datetime | None:
        row = self._one("SELECT max(scheduled_at) AS at FROM digests WHERE subscription_id = %s AND NOT breaking",
                        (subscription_id,))
        return None if row is None else time_in(row["at"])

    def breaking_sent_since(self, subscription_id: int, since: datetime) -> int:
        row = self._one("SELECT count(*) AS n FROM digests WHERE subscription_id = %s AND breaking"
                        " AND scheduled_at >= %s", (subscription_id, since))
        return 0 if row is None else int(row["n"])

    def list_digests(self, subscription_id: int, *, since: datetime | None = None) -> list[dict[str, Any]]:
        rows = self._query("SELECT body FROM digests WHERE subscription_id = %s"
                           " AND (%s::timestamptz IS NULL OR scheduled_at > %s) ORDER BY scheduled_at",
                           (subscription_id, since, since))
        return [json.loads(r["body"]) for r in rows]
