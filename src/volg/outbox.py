"""The outbox: how every digest reaches each of its channels exactly once, through crashes and outages.

A digest and one pending delivery per channel are written in one transaction when the digest is composed
(`Storage.record_digest`); nothing is sent before that. A sender then, in batches:

1. claims due deliveries (status `sending`, owner and a lease recorded) and commits;
2. sends each one: counts an attempt at it and renews its lease (commits), then hands it over;
3. records the outcome at once: `sent`; or `pending` again after an exponential backoff with jitter (temporary
   errors, until `delivery_attempts`); or `failed` with the error (permanent errors, or attempts used up).

Only an attempt at sending counts against a delivery's retries: a sender that dies with a batch claimed spends
the attempt in flight, if any, not one of every delivery in the batch.

A sender killed after 1 leaves claims behind. A claim of a dead process on this machine is released when
the next sender starts; any other claim when its lease ends. The delivery is then sent again with the same
Message-ID (email) or Idempotency-Key (webhook), so the receiver can tell it is the same message: that is the one
window in which a receiver may see a message twice. Every other crash point loses nothing and repeats nothing.
The Atom feed needs no delivery: it is rendered from the stored digests.
"""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from volg.errors import ConfigError, DeliveryError, NotFound
from volg.models import Delivery, Subscription
from volg.pipeline.deliver import (
    Links,
    PushSender,
    SmtpSender,
    WebhookSender,
    email_message,
    own_hosts,
    push_message,
    webhook_request,
)
from volg.serialize import digest_from_json
from volg.settings import Settings
from volg.storage import Storage

BATCH = 50
"""Deliveries claimed at a time."""

MAX_RETRY_DELAY = timedelta(hours=6)


class Closable(Protocol):
    def close(self) -> None: ...


_S = TypeVar("_S", bound=Closable)


UNSUBSCRIBED = "the reader unsubscribed"


@dataclass(frozen=True)
class Outcome:
    """One attempt: sent (no error), to be retried at `retry_at`, failed, or `cancelled` (its reader unsubscribed:
    `error` says so, but nothing failed)."""

    delivery: Delivery
    error: str | None = None
    retry_at: datetime | None = None
    cancelled: bool = False
    misconfigured: bool = False  # a setting is missing or wrong (no SMTP server): retried, but the operator must act

    @property
    def failed(self) -> bool:
        """Whether the operator should hear of it: given up, or waiting for a setting."""
        return self.misconfigured or (self.error is not None and self.retry_at is None and not self.cancelled)


def retry_delay(attempts: int, first_s: float, rng: random.Random,
                retry_after_s: float | None = None) -> timedelta:
    """first · 2^(attempts-1), capped at 6 hours, times a jitter in [0.5, 1) so that retries of many deliveries
    that failed together spread out; never sooner than the receiver's Retry-After."""
    base = min(first_s * 2 ** max(0, attempts - 1), MAX_RETRY_DELAY.total_seconds())
    return timedelta(seconds=max(base * (0.5 + rng.random() / 2), retry_after_s or 0.0))


def this_sender() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def dead_senders(owners: set[str]) -> list[str]:
    """The owners that were processes on this machine and are gone."""
    host, dead = socket.gethostname(), []
    for owner in owners:
        name, _, pid = owner.rpartition(":")
        if name != host or not pid.isdecimal() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            dead.append(owner)
        except PermissionError:  # alive, someone else's
            pass
    return dead


@dataclass
class Outbox:
    """Sends what is due. `links` gives a subscription's links; `topic_name` a topic slug's display name."""

    storage: Storage
    settings: Settings
    clock: Callable[[], datetime]
    links: Callable[[Subscription], Links]
    topic_name: Callable[[str], str]
    rng: random.Random = field(default_factory=random.Random)
    _senders: dict[str, Closable] = field(default_factory=dict)

    def deliver_due(self) -> Iterator[Outcome]:
        """Send every delivery that is due now, batch by batch, recording each outcome as it happens."""
        owner = this_sender()
        self.storage.release_claims(dead_senders(self.storage.claim_owners()))
        lease = timedelta(seconds=self.settings.delivery_lease_s)
        subscriptions: dict[int, Subscription] = {}
        try:
            while batch := self.storage.claim_deliveries(self.clock(), owner=owner, lease=lease, limit=BATCH):
                for claimed in batch:
                    if claimed.subscription_id not in subscriptions:
                        subscriptions[claimed.subscription_id] = self.storage.get_subscription(
                            claimed.subscription_id)
                    if not subscriptions[claimed.subscription_id].active:  # no attempt: nothing is sent
                        self.storage.finish_delivery(claimed.id, at=self.clock(), error=UNSUBSCRIBED, cancelled=True)
                        yield Outcome(claimed, UNSUBSCRIBED, cancelled=True)
                        continue
                    delivery = self.storage.start_attempt(claimed.id, self.clock(), owner=owner, lease=lease)
                    if delivery is None:  # the claim ended while the batch was being sent; another sender has it
                        continue
                    yield self._attempt(delivery, subscriptions[delivery.subscription_id])
        finally:
            for sender in self._senders.values():
                sender.close()
            self._senders.clear()

    def _attempt(self, delivery: Delivery, sub: Subscription) -> Outcome:
        try:
            self._send(delivery, sub)
        except (DeliveryError, ConfigError, NotFound) as exc:
            now = self.clock()
            retry_at = None
            if isinstance(exc, DeliveryError) and exc.temporary or isinstance(exc, ConfigError):
                if delivery.attempts < self.settings.delivery_attempts:
                    retry_after = exc.retry_after_s if isinstance(exc, DeliveryError) else None
                    retry_at = now + retry_delay(delivery.attempts, self.settings.retry_first_s, self.rng,
                                                 retry_after)
            self.storage.finish_delivery(delivery.id, at=now, error=str(exc), retry_at=retry_at)
            return Outcome(delivery, str(exc), retry_at, misconfigured=isinstance(exc, ConfigError))
        self.storage.finish_delivery(delivery.id, at=self.clock())
        return Outcome(delivery)

    def _send(self, delivery: Delivery, sub: Subscription) -> None:
        body = self.storage.get_digest(delivery.subscription_id, delivery.scheduled_at)
        digest = digest_from_json(body)
        name, links = self.topic_name(digest.topic), self.links(sub)
        if delivery.channel == "email":
            message = email_message(digest, topic_name=name, tz=sub.tz, links=links,
                                    mail_from=self.settings.mail_from, to=delivery.target, sent_at=self.clock())
            self._smtp().send(message)
        elif delivery.channel == "push":
            title, text = push_message(digest, topic_name=name, links=links)
            push = self._sender("push", lambda: PushSender(allow_private=self.settings.allow_private_urls,
                                                           own_hosts=own_hosts(self.settings)))
            push.send(delivery.target, title, text)
        elif delivery.channel == "webhook":
            payload, headers = webhook_request(body, digest=digest, topic_name=name, links=links, secret=sub.secret,
                                               timestamp=int(self.clock().timestamp()))
            self._sender("webhook", lambda: WebhookSender(self.settings)).send(delivery.target, payload, headers)
        else:
            raise DeliveryError(f"unknown channel {delivery.channel!r}", temporary=False)

    def _smtp(self) -> SmtpSender:
        if not self.settings.smtp_url:
            raise ConfigError("no SMTP server is configured: set VOLG_SMTP_URL (e.g. smtp://mail.example.org:587)")
        return self._sender("email", lambda: SmtpSender(self.settings.smtp_url, timeout_s=self.settings.send_timeout_s))

    def _sender(self, channel: str, make: Callable[[], _S]) -> _S:
        if channel not in self._senders:
            self._senders[channel] = make()
        return self._senders[channel]  # type: ignore[return-value]
