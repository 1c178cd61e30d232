"""The Service: settings, storage and the pipeline wired together. The CLI, web app and scheduler call only this."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from volg.errors import FetchError, InputError, NotFound, StorageError
from volg.models import (
    NEWS_GENRES,
    Article,
    Delivery,
    DeliveryStatus,
    Development,
    Digest,
    IngestResult,
    RawArticle,
    Rejected,
    Source,
    Status,
    Story,
    Subscription,
    Topic,
)
from volg.outbox import Outbox, Outcome
from volg.pipeline.clean import clean_article
from volg.pipeline.clean.boilerplate import is_common, profile_keys, remove_boilerplate
from volg.pipeline.clean.dedupe import decide, fingerprint
from volg.pipeline.clean.sentences import lede
from volg.pipeline.cluster.membership import Membership, PassageText, members
from volg.pipeline.cluster.passages import opens_with_intro, passage
from volg.pipeline.cluster.query import parse_query, text_document
from volg.pipeline.cluster.topics import DiscoveredTopic, discover_topics, query_for, slugify
from volg.pipeline.compose import (
    BREAKING_WINDOW,
    REGROWN,
    breaking,
    due_time,
    render_json,
    select,
    validate_subscription,
)
from volg.pipeline.deliver import (
    Links,
    check_email,
    check_push,
    check_webhook,
    links_for,
    make_token,
    read_token,
    render_feed,
)
from volg.pipeline.develop import StoryPassage, developments
from volg.pipeline.ingest.documents import Item, parse_document
from volg.pipeline.ingest.feeds import FeedEntry
from volg.pipeline.ingest.fetch import Fetcher
from volg.pipeline.ingest.opml import read_opml, write_opml
from volg.pipeline.ingest.schedule import after_poll, due
from volg.serialize import digest_from_json
from volg.settings import Settings, load_settings, parse_interval
from volg.storage import Storage, open_storage
from volg.storykeeper import StoryKeeper

_WORD = re.compile(r"\w+")
_T = TypeVar("_T")
log = logging.getLogger(__name__)

SAME_TOPIC = 0.8
"""A discovered topic whose stories are this much a defined topic's is that topic, and not listed again."""

RECLEAN_WINDOW = 200
"""How many of a source's newest articles are cleaned again when volg learns a new boilerplate line of it."""


class PerStoryCache:
    """What is derived from a story (its developments, its topic document), kept until the story changes: until its
    passages or its articles' titles and times do. (An outlet's edit of an article's body alone is seen after a
    restart.) Bounded: emptied when it holds `LIMIT` entries."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self._found: dict[tuple[str, int], tuple[object, Any]] = {}

    def get(self, kind: str, story: Story, members: list[tuple[int, int]],
            make: Callable[[Story, list[tuple[int, int]]], _T]) -> _T:
        version = (tuple(members), story.articles)
        known = self._found.get((kind, story.id))
        if known is not None and known[0] == version:
            return known[1]  # type: ignore[no-any-return]
        if len(self._found) >= self.LIMIT:
            self._found.clear()
        value = make(story, members)
        self._found[kind, story.id] = (version, value)
        return value


class StampedCache:
    """Views over all stories (the stories themselves, a topic's members, discovered topics), kept while the
    storage's stories stamp stays the same."""

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], tuple[int, Any]] = {}

    def get(self, key: tuple[object, ...], stamp: int, make: Callable[[], _T]) -> _T:
        known = self._found.get(key)
        if known is not None and known[0] == stamp:
            return known[1]  # type: ignore[no-any-return]
        value = make()
        self._found[key] = (stamp, value)
        return value


@dataclass(frozen=True)
class PollOutcome:
    """One source's polling cycle: what the fetch answered and what its articles did."""

    source: Source
    results: tuple[IngestResult, ...] = ()
    not_modified: bool = False
    error: str | None = None


class Service:
    """volg as a library: `make_service()` builds one; every edge calls its methods."""

    def __init__(
        self,
        settings: Settings,
        storage: Storage,
        *,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        cluster_on_ingest: bool = True,
        clusters: bool = True,
    ) -> None:
        """With `cluster_on_ingest` off (bulk loads), articles join stories only when stories are next read. With
        `clusters` off, this Service never assigns stories: it reads those another process (`volg run`) assigns,
        which also clusters the articles this one stores — one clusterer per database."""
        self.settings = settings
        self.cluster_on_ingest = cluster_on_ingest and clusters
        self.clusters = clusters
        self.storage = storage
        self.clock = clock
        self._fetcher = fetcher
        self._keeper: StoryKeeper | None = None
        self._per_story = PerStoryCache()
        self._stamped = StampedCache()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    @property
    def keeper(self) -> StoryKeeper:
        """The online clusterer, restored from storage on first use."""
        if self._keeper is None:
            with self.storage.transaction():
                self._keeper = StoryKeeper(self.storage)
        return self._keeper

    def catch_up(self) -> None:
        """Cluster the stored articles the clusterer has not seen yet: after a crash or an upgrade, after a bulk
        load, or stored by another process that does not cluster."""
        if not self.clusters:
            return
        with self.storage.transaction():
            self.keeper.catch_up()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        if self._keeper is not None:
            self._keeper.save()
        self.storage.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ingest

    def ingest(self, targets: Sequence[str], *, source: str | None = None) -> Iterator[IngestResult]:
        """Ingest files, folders and URLs of pages and feeds; one result per article (or per bad input)."""
        for target in targets:
            for item in self._read_target(target, source):
                yield self.ingest_item(item)

    def ingest_bytes(self, content: bytes, origin: str, *, url: str | None = None,
                     source: str | None = None) -> Iterator[IngestResult]:
        """Ingest one document given as bytes (a page, feed, text or JSON Lines)."""
        for item in parse_document(content, origin, url=url, source=source):
            yield self.ingest_item(item)

    def ingest_item(self, item: Item) -> IngestResult:
        if isinstance(item, Rejected):
            return IngestResult(Status.REJECTED, item.origin, error=item.error)
        raw = self._complete(item) if isinstance(item, FeedEntry) else item
        return self.ingest_raw(raw)

    def ingest_raw(self, raw: RawArticle) -> IngestResult:
        """Clean, dedupe and store one article. Bad input becomes a `rejected` result, never an exception."""
        now = self.clock()
        source = raw.source or _host(raw.url) or "local"
        profile = self.storage.source_profile(source)
        try:
            article = clean_article(replace(raw, source=source), profile, now=now,
                                    min_words=self.settings.min_article_words)
        except InputError as exc:
            message = str(exc) if str(exc).startswith(raw.origin) else f"{raw.origin}: {exc}"
            return IngestResult(Status.REJECTED, raw.origin, error=message)
        except StorageError:
            raise
        except Exception as exc:  # a bug met on this input: logged; the rest still goes in
            log.exception("%s: cleaning failed", raw.origin)
            error = f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); the log has the details"
            return IngestResult(Status.REJECTED, raw.origin, error=error)
        fp = fingerprint(article)
        with self.storage.transaction():
            self.storage.lock_articles()
            decision = decide(
                article,
                fp,
                self.storage.find_by_url(fp.url),
                self.storage.find_by_content(fp.content_hash),
                self.storage.near_candidates(fp.bands),
            )
            if decision.status is Status.DUPLICATE:
                assert decision.article_id is not None
                self.storage.add_sighting(decision.article_id, article.source, fp.url, article.external_id, now)
                return IngestResult(Status.DUPLICATE, raw.origin, self.storage.get_article(decision.article_id))
            if decision.status is Status.UPDATED:
                assert decision.article_id is not None
                stored = self.storage.update_article(decision.article_id, article, fp, at=now)
            else:
                stored = self.storage.add_article(article, fp, copy_of=decision.copy_of, at=now)
            keys = profile_keys(article.sections)
            self.storage.learn_lines(article.source, keys)
            stored = self._reclean(stored, keys, now) or stored
            if self.cluster_on_ingest:
                self.keeper.add_unseen()  # this article (or version), after any a process that does not cluster stored
        return IngestResult(decision.status, raw.origin, stored)

    def _reclean(self, stored: Article, keys: set[str], now: datetime) -> Article | None:
        """When this article makes some of its lines boilerplate for its source for the first time, take those
        lines out of it and of the source's recent articles too (they were cleaned before volg knew).
        Returns the re-cleaned article."""
        after = self.storage.source_profile(stored.clean.source)
        if not self.storage.mark_boilerplate(stored.clean.source, {key for key in keys if is_common(key, after)}):
            return None
        recent = {a.id: a for a in self.storage.iter_articles(source=stored.clean.source, latest=RECLEAN_WINDOW)}
        recent[stored.id] = stored
        for article in recent.values():
            sections, removed = remove_boilerplate(article.clean.sections, after)
            if sections and sections != article.clean.sections:
                cleaned = replace(article.clean, sections=sections, removed=article.clean.removed + removed)
                recent[article.id] = self.storage.update_article(
                    article.id, cleaned, fingerprint(cleaned), at=now, new_version=False
                )
        return recent[stored.id]

    def _read_target(self, target: str, source: str | None) -> Iterator[Item]:
        if target.startswith(("http://", "https://")):
            try:
                response = self.fetcher.fetch(target)
            except FetchError as exc:
                yield Rejected(target, str(exc))
                return
            yield from parse_document(
                response.content, target, url=response.url, content_type=response.content_type,
                charset=response.charset, source=source,
            )
            return
        path = Path(target)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from self._read_file(file, source)
        else:
            yield from self._read_file(path, source)

    def _read_file(self, path: Path, source: str | None) -> Iterator[Item]:
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            yield Rejected(str(path), f"{path}: no such file")
            return
        except OSError as exc:
            yield Rejected(str(path), f"{path}: cannot read ({exc.strerror})")
            return
        yield from parse_document(content, str(path), url=path.resolve().as_uri(), source=source)

    def _complete(self, entry: FeedEntry) -> RawArticle:
        """A feed entry with only a summary gets its article page fetched; the summary stays if that fails."""
        raw = entry.raw
        if entry.complete or not raw.url or not self.settings.fetch_full_pages:
            return raw
        try:
            page = self.fetcher.fetch(raw.url)
        except FetchError:
            return raw
        for item in parse_document(page.content, raw.url, url=page.url, content_type=page.content_type,
                                   charset=page.charset):
            if isinstance(item, RawArticle) and item.html:
                return replace(raw, html=item.html, text=None)
        return raw

    def articles(
        self, *, since: datetime | None = None, source: str | None = None, latest: int | None = None
    ) -> list[Article]:
        """Stored articles, oldest first; `latest` keeps only the newest that many."""
        return list(self.storage.iter_articles(since=since, source=source, latest=latest))

    def article(self, article_id: int) -> Article:
        return self.storage.get_article(article_id)

    # stories and topics

    def stories(self, *, since: datetime | None = None, topic: str | None = None) -> list[Story]:
        """Stories last seen since `since`, oldest first report first; with `topic`, only the topic's."""
        found = self._all_stories()
        if since is not None:
            found = [story for story in found if story.last_seen >= since]
        return found if topic is None else self.in_topic(topic, found)

    def _all_stories(self) -> list[Story]:
        """Every live story, read again only when a story has changed since the last read."""
        self.catch_up()
        return self._stamped.get(("stories",), self.storage.stories_stamp(), lambda: list(self.storage.iter_stories()))

    def story(self, story_id: int) -> Story:
        return self.storage.get_story(story_id)

    def add_topic(self, name: str, query: str | None = None, *, discovered: str | None = None) -> Topic:
        """Define a topic by a query, or adopt a discovered topic (by slug) so readers can follow it."""
        if discovered is not None:
            found = self.topic(discovered)
            if not isinstance(found, DiscoveredTopic):
                raise InputError(f"{discovered!r} is a defined topic already")
            name, query = name or found.name, query_for(found)
        if not query:
            raise InputError("a topic needs a query, e.g. --query 'Oekraïne OR Kiev OR Zelensky'")
        parse_query(query)
        slug = slugify(name)
        if not slug:
            raise InputError(f"topic name {name!r} needs at least one letter or digit")
        return self.storage.add_topic(Topic(name.strip(), slug, query, discovered=discovered is not None))

    def topics(self) -> list[Topic]:
        """The defined topics (including adopted discovered ones)."""
        return self.storage.list_topics()

    def discovered_topics(
        self, *, since: datetime | None = None, stories: list[Story] | None = None
    ) -> list[DiscoveredTopic]:
        """Long-running chains of stories linked by shared names and places, found in the stored stories (or in
        `stories`, when the caller has them already); not one that is (mostly) the stories of a defined topic."""
        if stories is None and since is None:
            return self._stamped.get(("discovered",), self.storage.stories_stamp(),
                                     lambda: self._new_topics(discover_topics(self._all_stories())))
        return self._new_topics(discover_topics(self.stories(since=since) if stories is None else stories))

    def _new_topics(self, discovered: list[DiscoveredTopic]) -> list[DiscoveredTopic]:
        defined = [set(self.memberships(topic)) for topic in self.topics() if topic.query]
        return [found for found in discovered
                if not any(len(set(found.story_ids) & members) >= SAME_TOPIC * len(found.story_ids)
                           for members in defined)]

    def topic(self, key: str) -> Topic | DiscoveredTopic:
        """A defined topic by slug or name, else a discovered one by slug or name."""
        try:
            return self.storage.get_topic(key)
        except NotFound:
            for found in self.discovered_topics():
                if key in (found.slug, found.name) or slugify(key) == found.slug:
                    return found
            raise

    def in_topic(self, key: str, stories: list[Story]) -> list[Story]:
        """Those of `stories` that belong to the topic `key` (defined or discovered)."""
        return self._in_topic(self.topic(key), stories)

    def _in_topic(self, topic: Topic | DiscoveredTopic, stories: list[Story]) -> list[Story]:
        if isinstance(topic, DiscoveredTopic):
            ids = set(topic.story_ids)
            return [story for story in stories if story.id in ids]
        found = self.memberships(topic)
        return [story for story in stories if story.id in found]

    def memberships(self, topic: Topic) -> dict[int, Membership]:
        """The stories a defined topic holds (see `volg.pipeline.cluster.membership`), by story id."""
        assert topic.query is not None
        query = parse_query(topic.query)
        return self._stamped.get(
            ("topic", topic.slug, topic.query), self.storage.stories_stamp(),
            lambda: {found.story.id: found for found in members(
                query, ((story, self._passage_texts(story)) for story in self._all_stories()))})

    def _passage_texts(self, story: Story) -> list[PassageText]:
        """What a topic query is matched against: each passage's headline and lead, with the names and places
        they hold. Not whole articles: a roundup's title and lead are about its other stories."""
        return self._per_story.get("passage texts", story, self.storage.passages_of_story(story.id),
                                   self._make_passage_texts)

    def _make_passage_texts(self, story: Story, members: list[tuple[int, int]]) -> list[PassageText]:
        texts = []
        for article_id, section in members:
            article = self.storage.get_article(article_id).clean
            if section >= len(article.sections):
                continue
            part = article.sections[section]
            headline = article.title if section == 0 else part.heading or article.title
            lead = f"{headline}\n{lede(part.paragraphs, article.language)}"
            names = [n for n in article.names if n in lead]
            places = [p for p in article.places if p.name in lead]
            texts.append(PassageText(
                text_document(story.id, (article.language,), [headline], [n for n in names if n in headline],
                              [p for p in places if p.name in headline]),
                text_document(story.id, (article.language,), [lead], names, places),
                news=article.genre in NEWS_GENRES))
        return texts

    def search(self, text: str, *, limit: int = 20) -> tuple[list[tuple[Article, str]], list[Story]]:
        """Articles matching every word of `text` (accent-insensitively, words also as beginnings), best first, each
        with a snippet (matches marked as in `Storage.search_articles`), and the stories they belong to, in the
        order of their best article."""
        self.catch_up()
        words = _WORD.findall(text)[:12]
        found = self.storage.search_articles(words, limit=limit)
        story_ids = list(dict.fromkeys(story for i, _ in found for story in self.storage.stories_of_article(i)))
        stories = {story.id: story for story in self.storage.iter_stories(ids=story_ids)}
        return ([(self.storage.get_article(i), snippet) for i, snippet in found],
                [stories[i] for i in story_ids if i in stories])

    # developments

    def developments(self, *, topic: str | None = None, since: datetime | None = None) -> list[Development]:
        """The developments of a topic's stories (or of all stories), oldest first, first seen since `since`."""
        found = [
            development
            for story in self.stories(topic=topic, since=since)
            for development in self._per_story.get("developments", story, self.storage.passages_of_story(story.id),
                                                    self._make_developments)
            if since is None or development.first_seen >= since
        ]
        return sorted(found, key=lambda d: (d.first_seen, d.key))

    def _make_developments(self, story: Story, members: list[tuple[int, int]]) -> list[Development]:
        return developments(story, self._story_passages(story, members))

    def _story_passages(self, story: Story, members: list[tuple[int, int]]) -> list[StoryPassage]:
        articles = {a.id: a for a in story.articles}
        out = []
        for article_id, section in members:
            stored = self.storage.get_article(article_id)
            if section < len(stored.clean.sections) and article_id in articles:
                found = passage(article_id, stored.clean, section, intro=opens_with_intro(stored.clean))
                out.append(StoryPassage(found, articles[article_id], stored.copy_of,
                                        news=stored.clean.genre in NEWS_GENRES))
        return out

    # subscriptions and digests

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
    ) -> Subscription:
        """Follow a topic (defined, or discovered: then it is adopted) at local `times` in time zone `tz`, by email,
        Apprise `push` URLs and `webhooks`; every subscription also has its Atom feed. Digests are in `language`
        (default: the `language` setting). A bad address, an unknown push service or a webhook to a private address
        is refused with InputError, and nothing is stored."""
        found = self.topic(topic)
        sub = validate_subscription(Subscription(
            found.slug, tuple(times), tz, max_items, quiet, breaking,
            email=check_email(email) if email is not None else None,
            push=tuple(dict.fromkeys(check_push(url) for url in push)),
            webhooks=tuple(dict.fromkeys(check_webhook(url, allow_private=self.settings.allow_private_urls)
                                         for url in webhooks)),
            token=secrets.token_urlsafe(24), secret=secrets.token_hex(32),
            language=language or self.settings.language))
        if isinstance(found, DiscoveredTopic):
            sub = replace(sub, topic=self.add_topic(found.name, discovered=found.slug).slug)
        return self.storage.add_subscription(sub)

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
            found[sub.topic, since] = self.developments(topic=sub.topic, since=since - REGROWN)
        candidates = [d for d in found[sub.topic, since] if d.first_seen <= at]
        items = select(sub, candidates, since=since, until=at, delivered=keys, delivered_stories=stories)
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
        for sub in self.storage.list_subscriptions(active=True):
            assert sub.id is not None
            if sub.id % n != k:
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

    def _breaking(self, sub: Subscription, now: datetime) -> Digest | None:
        """A development above the subscription's breaking threshold goes out at once, a few a (local) day."""
        assert sub.id is not None
        local = now.astimezone(ZoneInfo(sub.tz))
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        keys, stories = self.storage.delivered(sub.id)
        since = now - BREAKING_WINDOW
        items = breaking(sub, self.developments(topic=sub.topic, since=since), now=now, delivered=keys,
                         delivered_stories=stories,
                         sent_breaking_today=self.storage.breaking_sent_since(sub.id, midnight))
        if not items:
            return None
        return Digest(sub.id, sub.topic, now, since, items, sub.language, breaking=True)

    # delivery

    def deliver(self) -> list[Outcome]:
        """Send every delivery that is due (see `volg.outbox`); one outcome per attempt."""
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
        return links_for(self.settings.base_url, make_token(self._signing_key(), sub.id), sub.token)

    def feed(self, feed_token: str) -> str:
        """The Atom feed of the subscription with this feed token."""
        sub = self.storage.subscription_by_token(feed_token)
        assert sub.id is not None and sub.created_at is not None
        digests = [digest_from_json(body) for body in self.storage.list_digests(sub.id)]
        links = self.links(sub)
        return render_feed(sub, digests, topic_name=self._topic_name(sub.topic), feed_url=links.feed,
                           manage_url=links.manage, created=sub.created_at)

    def subscription_for(self, token: str) -> Subscription:
        """The subscription a reader's signed link names; InputError when the token is not valid."""
        return self.storage.get_subscription(read_token(self._signing_key(), token))

    def unsubscribe(self, token: str) -> Subscription:
        """Stop the subscription a signed link names: nothing more is composed or sent for it."""
        return self.storage.save_subscription(replace(self.subscription_for(token), active=False))

    def reschedule(self, token: str, *, times: Sequence[str] | None = None, tz: str | None = None,
                   max_items: int | None = None) -> Subscription:
        """Change the hours (or zone, or size) of the subscription a signed link names; it becomes active again."""
        sub = self.subscription_for(token)
        changed = replace(sub, times=tuple(times) if times is not None else sub.times, tz=tz or sub.tz,
                          max_items=max_items or sub.max_items, active=True)
        return self.storage.save_subscription(validate_subscription(changed))

    def _signing_key(self) -> str:
        return self.settings.secret_key or self.storage.signing_key()

    def _topic_name(self, slug: str) -> str:
        try:
            return self.storage.get_topic(slug).name
        except NotFound:
            return slug

    # sources and polling

    def add_source(self, url: str, *, name: str | None = None, every: str | None = None) -> Source:
        if not url.startswith(("http://", "https://")) or not urlsplit(url).hostname:
            raise InputError(f"{url}: a source must be an http(s) URL with a host")
        every_s = parse_interval(every or self.settings.poll_every)
        return self.storage.add_source(Source(url=url, name=name or _host(url) or url, every_s=every_s))

    def sources(self) -> list[Source]:
        return self.storage.list_sources()

    def import_opml(self, content: bytes, origin: str) -> list[Source]:
        return [self.add_source(url, name=title) for url, title in read_opml(content, origin)]

    def export_opml(self) -> str:
        return write_opml(self.storage.list_sources())

    def poll(self, *, now: datetime | None = None) -> Iterator[PollOutcome]:
        """One polling cycle over the sources that are due."""
        now = now or self.clock()
        for source in due(self.storage.list_sources(), now):
            yield self.poll_source(source, now=now)

    def poll_source(self, source: Source, *, now: datetime | None = None) -> PollOutcome:
        """Fetch one source and ingest its items. Whatever fails is recorded on the source, which then backs off
        (`after_poll`): a failed fetch, and a failure while reading or storing its items (logged with its
        traceback; the items stored before it stay), so a broken source is neither retried every cycle nor in
        the way of the others."""
        now = now or self.clock()
        try:
            response = self.fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        except FetchError as exc:
            polled = self.storage.save_source(after_poll(source, now, error=exc))
            return PollOutcome(polled, error=str(exc))
        results: list[IngestResult] = []
        try:
            if response.status != 304:
                items = parse_document(response.content, source.url, url=response.url,
                                       content_type=response.content_type, charset=response.charset,
                                       source=source.name)
                results.extend(self.ingest_item(item) for item in items)
        except Exception as exc:  # recorded on the source and logged, not lost
            log.exception("%s: polling failed", source.url)
            failed = InputError(f"{source.url}: reading its items failed ({type(exc).__name__}: {exc})")
            polled = self.storage.save_source(after_poll(source, now, error=failed))
            return PollOutcome(polled, tuple(results), error=str(failed))
        polled = self.storage.save_source(after_poll(source, now, response=response))
        return PollOutcome(polled, tuple(results), not_modified=response.status == 304)

    def get_source(self, key: int | str) -> Source:
        return self.storage.get_source(key)

    # --- for the JSON API (volg/web/api.py) ---

    def ingest_document(self, content: bytes, origin: str, *, content_type: str | None = None,
                        charset: str | None = None, url: str | None = None,
                        source: str | None = None) -> Iterator[IngestResult]:
        """`ingest_bytes` with the Content-Type and charset a client declared for `content`: they tell a feed, page
        or JSON Lines apart where sniffing alone cannot, and decode text that is not UTF-8."""
        for item in parse_document(content, origin, url=url, content_type=content_type, charset=charset,
                                   source=source):
            yield self.ingest_item(item)

    def reader_token(self, sub: Subscription) -> str:
        """The signed token of a reader's manage and unsubscribe links, which `subscription_for` reads back."""
        assert sub.id is not None
        return make_token(self._signing_key(), sub.id)


def _channels(sub: Subscription) -> list[tuple[str, str]]:
    """The (channel, target) pairs a subscription's digests go to; its Atom feed needs no delivery."""
    return ([("email", sub.email)] if sub.email else []) + [("push", url) for url in sub.push] + [
        ("webhook", url) for url in sub.webhooks]


def _host(url: str | None) -> str | None:
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def make_service(settings: Settings | None = None, **overrides: Any) -> Service:
    """Build a Service from the effective settings (environment, TOML file) and `overrides` such as database=."""
    settings = settings or load_settings(**overrides)
    return Service(settings, open_storage(settings.database_url))

