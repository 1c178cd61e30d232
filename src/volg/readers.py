"""The Service's readers: subscriptions, their digests, and delivering them.

`Readers` is the part of `volg.service.Service` that serves subscribers: it composes each subscription's digests
from the topic's developments (`Newsroom`) and hands them to the outbox.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from volg.errors import ConfigError, DeliveryError, InputError, NotFound
from volg.models import (
    GENRES,
    NEWS_GENRES,
    Delivery,
    DeliveryStatus,
    Development,
    Digest,
    Subscription,
)
from volg.newsroom import Newsroom
from volg.pipeline.cluster.query import parse_query
from volg.pipeline.cluster.topics import DiscoveredTopic
from volg.pipeline.compose import (
    BREAKING_WINDOW,
    REGROWN,
    breaking,
    due_time,
    render_json,
    select,
    validate_subscription,
)
from volg.pipeline.deliver.addresses import check_email, check_push, check_webhook
from volg.pipeline.deliver.tokens import make_token, read_token
from volg.pipeline.ingest.guard import Unresolved, Warn, warned
from volg.serialize import digest_from_json

if TYPE_CHECKING:
    from volg.outbox import Outcome
    from volg.pipeline.compose.repeats import Sent
    from volg.pipeline.deliver.message import Links

CONFIRM_HOURS = 48
"""How long a subscription made by a stranger waits for its reader's confirmation; then it is deleted."""


class Readers(Newsroom):
    """Subscriptions, digests and deliveries (a part of `volg.service.Service`)."""

    clock: Callable[[], datetime]

    def subscribe(
        self,
        topic: str,
        *,
        times: Sequence[str] = ("08:00", "13:00", "19:00"),
        tz: str = "Europe/Amsterdam",
        max_items: int = 5,
        email: str | None = None,
        push: Sequence[str] = (),
        webhooks: Sequence[str] = (),
        quiet: tuple[str, str] | None = None,
        breaking: float | None = None,
        language: str | None = None,
        genres: Sequence[str] = (),
        adopt: bool = True,
        confirmed: bool = True,
        warn: Warn | None = None,
    ) -> Subscription:
        """Follow a topic (defined, or discovered: then it is adopted, unless `adopt` is false because a stranger
        asks: then it is refused) at local `times` in time zone `tz`, by email,
        Apprise `push` URLs and `webhooks`; every subscription also has its Atom feed. Digests are in `language`
        (default: the `language` setting) and hold news, and also pieces of the other `genres` asked for ("opinion",
        "analysis", ...). A bad address, an unknown push service, a webhook to a private address or an unknown genre
        is refused with InputError, and nothing is stored. A push or webhook host that does not resolve now is kept:
        `warn` (default: the log) is told of each, once the subscription is stored. With `confirmed` false (a
        stranger asks, not the operator) a subscription with an email address waits for its reader to confirm it
        (`ask_confirmation`, `confirm`) and gets nothing until then."""
        found = self.topic(topic)
        if isinstance(found, DiscoveredTopic) and not adopt:
            raise InputError(f"{found.name}: a discovered topic can be followed once the operator adopts it")
        unresolved: list[Unresolved] = []
        private = self.settings.allow_private_urls
        sub = validate_subscription(Subscription(
            found.slug, tuple(times), tz, max_items, quiet, breaking,
            email=check_email(email) if email is not None else None,
            push=tuple(dict.fromkeys(check_push(url, allow_private=private, warn=unresolved.append) for url in push)),
            webhooks=tuple(dict.fromkeys(check_webhook(url, allow_private=private, warn=unresolved.append)
                                         for url in webhooks)),
            token=secrets.token_urlsafe(24), secret=secrets.token_hex(32),
            language=language or self.settings.language, genres=tuple(dict.fromkeys(genres)),
            created_at=self.clock()))
        if not confirmed and sub.email is not None:
            if not self.settings.smtp_url:
                raise InputError("email: this volg sends no email (no smtp_url is set): leave the address out")
            sub = replace(sub, confirmed=False)
        if isinstance(found, DiscoveredTopic):
            sub = replace(sub, topic=self.add_topic(found.name, discovered=found.slug).slug)
        sub = self.storage.add_subscription(sub)
        for each in dict.fromkeys(unresolved):  # a URL given twice is told of once
            warned(warn)(each)
        return sub

    def ask_confirmation(self, sub: Subscription) -> None:
        """Mail the reader of an unconfirmed subscription the link that confirms it; if the mail cannot be sent
        (DeliveryError, ConfigError) the subscription is deleted, so a reader who never got a link is not kept."""
        assert sub.id is not None and sub.email is not None and not sub.confirmed
        from volg.pipeline.deliver.message import confirmation_message  # here, as the senders: only to send
        from volg.pipeline.deliver.senders import SmtpSender

        token = make_token(self._signing_key(), sub.id, purpose="confirm")
        message = confirmation_message(
            topic_name=self._topic_name(sub.topic), link=f"{self.settings.base_url.rstrip('/')}/confirm/{token}",
            language=sub.language, hours=CONFIRM_HOURS, mail_from=self.settings.mail_from, to=sub.email,
            sent_at=self.clock())
        try:
            sender = SmtpSender(self.settings.smtp_url, timeout_s=self.settings.send_timeout_s)
            try:
                sender.send(message)
            finally:
                sender.close()
        except (DeliveryError, ConfigError):
            self.storage.delete_unconfirmed(subscription_id=sub.id)
            raise

    def confirming(self, token: str) -> Subscription:
        """The subscription a confirmation link names, confirmed or not (InputError, NotFound as `confirm`)."""
        return self.storage.get_subscription(read_token(self._signing_key(), token, purpose="confirm"))

    def confirm(self, token: str) -> Subscription:
        """Confirm the subscription a confirmation link names (again: no harm); InputError when the link is not
        valid or has lapsed (`CONFIRM_HOURS`), NotFound when its subscription was deleted."""
        sub = self.confirming(token)
        if sub.confirmed:
            return sub
        if sub.created_at is not None and sub.created_at < self.clock() - timedelta(hours=CONFIRM_HOURS):
            raise InputError(f"this link has lapsed ({CONFIRM_HOURS} hours): follow the topic again")
        return self.storage.save_subscription(replace(sub, confirmed=True))

    def subscriptions(self) -> list[Subscription]:
        return self.storage.list_subscriptions()

    def subscription(self, subscription_id: int) -> Subscription:
        return self.storage.get_subscription(subscription_id)

    def digest(self, sub: Subscription, at: datetime, *,
               found: dict[tuple[str, datetime], list[Development]] | None = None) -> Digest | None:
        """The digest `sub` gets at `at`: the most important developments since its previous digest that it has not
        received. Records nothing (a preview); None when there is nothing new. `found` keeps the developments of a
        topic since a time, for a caller composing many digests at once."""
        last = self.storage.last_digest_at(sub.id) if sub.id is not None else None
        return self._digest_after(sub, at, last, {} if found is None else found)

    def _digest_after(self, sub: Subscription, at: datetime, last: datetime | None,
                      found: dict[tuple[str, datetime], list[Development]]) -> Digest | None:
        """`digest`, given the time of the subscription's previous digest (None: a day back from `at`)."""
        since = last or at - timedelta(days=1)
        keys, stories = self.storage.delivered(sub.id) if sub.id is not None else (set(), set())
        if (sub.topic, since) not in found:
            found[sub.topic, since] = self.developments(topic=sub.topic, since=since - REGROWN, genres=GENRES)
        wanted = {*NEWS_GENRES, *sub.genres}
        candidates = [d for d in found[sub.topic, since] if d.first_seen <= at and d.genre in wanted]
        items = select(sub, candidates, since=since, until=at, delivered=keys, delivered_stories=stories,
                       sent=self._sent(sub, at), about=self._about(sub.topic))
        if not items:
            return None
        return Digest(sub.id or 0, sub.topic, at, since, items, sub.language)

    def compose_due(self, *, now: datetime | None = None, share: tuple[int, int] = (0, 1)) -> list[Digest]:
        """Compose and record the digest of every active subscription that is due, with a pending delivery per
        channel (the outbox): at most one scheduled digest per subscription (after downtime, one catch-up digest),
        never twice for one scheduled time; and, for a subscription with a breaking threshold, the developments
        above it that arrived in the last hour. With `share` (k, n), only the subscriptions whose id is k modulo n:
        n workers compose one share each."""
        now = now or self.clock()
        composed = []
        found: dict[tuple[str, datetime], list[Development]] = {}
        k, n = share
        self.storage.delete_unconfirmed(before=now - timedelta(hours=CONFIRM_HOURS))
        for sub in self.storage.list_subscriptions(active=True):
            assert sub.id is not None
            if sub.id % n != k or not sub.confirmed:
                continue
            last = self.storage.last_digest_at(sub.id)
            at = due_time(sub, last, now)
            digest = self._digest_after(sub, at, last, found) if at is not None else None
            if digest is not None and self.storage.record_digest(digest, render_json(digest), _channels(sub)):
                composed.append(digest)
            if sub.breaking is not None:
                urgent = self._breaking(sub, now)
                if urgent is not None and self.storage.record_digest(urgent, render_json(urgent), _channels(sub)):
                    composed.append(urgent)
        return composed

    def _sent(self, sub: Subscription, at: datetime) -> list[Sent]:
        """The items the reader got in the `SENT_WINDOW` before `at`."""
        from volg.pipeline.compose.repeats import SENT_WINDOW, sent_items  # here: its fact tests load only to compose

        return sent_items(self.storage.list_digests(sub.id, since=at - SENT_WINDOW)) if sub.id is not None else []

    def _about(self, topic: str) -> Callable[[str, str], bool]:
        """Whether a fact is one of the things a topic is about: what its query names (nothing, for a discovered
        topic, whose words are its stories')."""
        try:
            defined = self.storage.get_topic(topic)
        except NotFound:  # a discovered topic: looked for only when it has no query anyway
            defined = None
        query = parse_query(defined.query) if defined is not None and defined.query else None
        return query.names if query is not None else lambda fact, language: False

    def _breaking(self, sub: Subscription, now: datetime) -> Digest | None:
        """A development above the subscription's breaking threshold goes out at once, a few a (local) day."""
        assert sub.id is not None
        local = now.astimezone(ZoneInfo(sub.tz))
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        keys, stories = self.storage.delivered(sub.id)
        since = now - BREAKING_WINDOW
        items = breaking(sub, self.developments(topic=sub.topic, since=since), now=now, delivered=keys,
                         delivered_stories=stories,
                         sent_breaking_today=self.storage.breaking_sent_since(sub.id, midnight),
                         sent=self._sent(sub, now), about=self._about(sub.topic))
        if not items:
            return None
        return Digest(sub.id, sub.topic, now, since, items, sub.language, breaking=True)

    # delivery

    def deliver(self) -> list[Outcome]:
        """Send every delivery that is due (see `volg.outbox`); one outcome per attempt."""
        from volg.outbox import Outbox  # here: the senders load only to deliver

        outbox = Outbox(self.storage, self.settings, self.clock, self.links, self._topic_name)
        return list(outbox.deliver_due())

    def deliveries(self, *, failed: bool = False, subscription_id: int | None = None,
                   latest: int | None = None) -> list[Delivery]:
        return self.storage.list_deliveries(status=DeliveryStatus.FAILED if failed else None,
                                            subscription_id=subscription_id, latest=latest)

    def retry_deliveries(self, ids: Sequence[int] | None = None) -> list[Delivery]:
        """Failed deliveries (these, or all) become due again, with their attempts counted from zero."""
        return self.storage.retry_deliveries(ids, at=self.clock())

    def links(self, sub: Subscription) -> Links:
        assert sub.id is not None
        from volg.pipeline.deliver.message import links_for

        return links_for(self.settings.base_url, make_token(self._signing_key(), sub.id), sub.token)

    def feed(self, feed_token: str) -> str:
        """The Atom feed of the subscription with this feed token."""
        sub = self.storage.subscription_by_token(feed_token)
        if not sub.confirmed:
            raise NotFound("no subscription has that feed token")
        assert sub.id is not None and sub.created_at is not None
        from volg.pipeline.deliver.atom import render_feed

        digests = [digest_from_json(body) for body in self.storage.list_digests(sub.id)]
        links = self.links(sub)
        return render_feed(sub, digests, topic_name=self._topic_name(sub.topic), feed_url=links.feed,
                           manage_url=links.manage, created=sub.created_at)

    def subscription_for(self, token: str) -> Subscription:
        """The subscription a reader's signed link names; InputError when the token is not valid, NotFound when its
        subscription is gone or not yet confirmed."""
        sub = self.storage.get_subscription(read_token(self._signing_key(), token))
        if not sub.confirmed:
            raise NotFound(f"no subscription {sub.id}")
        return sub

    def unsubscribe(self, token: str) -> Subscription:
        """Stop the subscription a signed link names: nothing more is composed or sent for it."""
        return self.storage.save_subscription(replace(self.subscription_for(token), active=False))

    def reschedule(self, token: str, *, times: Sequence[str] | None = None, tz: str | None = None,
                   max_items: int | None = None, push: Sequence[str] | None = None,
                   webhooks: Sequence[str] | None = None, drop_email: bool = False,
                   warn: Warn | None = None) -> Subscription:
        """Change the hours (or zone, or size) of the subscription a signed link names, and its channels: `push`
        and `webhooks` replace its Apprise URLs and webhooks (checked as `subscribe` checks them), `drop_email`
        stops its email (a new address needs a new subscription: it must be confirmed). Nothing is saved unless all
        of it is valid (InputError); it becomes active again."""
        sub = self.subscription_for(token)
        unresolved: list[Unresolved] = []
        private = self.settings.allow_private_urls
        changed = replace(
            sub, times=tuple(times) if times is not None else sub.times, tz=tz or sub.tz,
            max_items=max_items or sub.max_items, active=True, email=None if drop_email else sub.email,
            push=sub.push if push is None else tuple(dict.fromkeys(
                check_push(url, allow_private=private, warn=unresolved.append) for url in push)),
            webhooks=sub.webhooks if webhooks is None else tuple(dict.fromkeys(
                check_webhook(url, allow_private=private, warn=unresolved.append) for url in webhooks)))
        saved = self.storage.save_subscription(validate_subscription(changed))
        for each in dict.fromkeys(unresolved):
            warned(warn)(each)
        return saved

    def _signing_key(self) -> str:
        return self.settings.secret_key or self.storage.signing_key()

    def _topic_name(self, slug: str) -> str:
        try:
            return self.storage.get_topic(slug).name
        except NotFound:
            return slug

    def reader_token(self, sub: Subscription) -> str:
        """The signed token of a reader's manage and unsubscribe links, which `subscription_for` reads back."""
        assert sub.id is not None
        return make_token(self._signing_key(), sub.id)


def _channels(sub: Subscription) -> list[tuple[str, str]]:
    """The (channel, target) pairs a subscription's digests go to; its Atom feed needs no delivery."""
    return ([("email", sub.email)] if sub.email else []) + [("push", url) for url in sub.push] + [
        ("webhook", url) for url in sub.webhooks]
