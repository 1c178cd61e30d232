"""The storage interface every backend implements (SQLite, PostgreSQL).

Contract, for every backend:
- Datetimes go in and come out timezone-aware UTC.
- Methods raise `volg.errors.StorageError` (the driver's exception kept as `__cause__`) or `NotFound`.
- Writes happen inside `transaction()`; one transaction at a time per Storage object (one writer), and a
  Storage object may be shared between threads.
- `migrate()` is idempotent: it applies the named migrations not yet recorded, in order, and refuses a database
  whose recorded migrations this code does not know (a database newer than the code).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol

from volg.models import (
    Article,
    ArticleVersion,
    CleanArticle,
    Delivery,
    DeliveryStatus,
    Digest,
    PassageReading,
    Source,
    SourceProfile,
    Story,
    Subscription,
    Topic,
)
from volg.pipeline.clean.dedupe import Fingerprint, Known

MATCH_START, MATCH_END = "\x02", "\x03"
"""Around each match in a search snippet: characters no article text holds (cleaning removes control characters)."""

NEXT_CHANGE = "(SELECT coalesce(max(changed), 0) + 1 FROM articles)"
"""SQL for the change number an article takes when stored or given a new version (under the articles lock)."""


class SearchTerm(NamedTuple):
    """One thing every article a search finds holds: all of `words` in its title or text (each as the start of a
    word, in any order), or, when `place` is given, that place among the places cleaning found in it, in any
    spelling. `place` is (canonical name, country code) as `volg.models.Place` holds them ("Kyiv", "UA")."""

    words: tuple[str, ...]
    place: tuple[str, str] | None = None


def search_term(term: str | SearchTerm) -> SearchTerm:
    return SearchTerm((term,)) if isinstance(term, str) else term


def place_text(canonical: str, country: str) -> str:
    """How the search index holds a place an article names: markers around its canonical name and country code, so
    that a phrase of it matches that place whole and no other ("Main" is not the end of "Frankfurt am Main"). The
    migrations "0014_search_places" write the same text in SQL."""
    return f"p0 {canonical} {country} p1"


class SchemaStatus(NamedTuple):
    """How a database's recorded migrations compare with this code's."""

    pending: list[str]
    """This code's migrations the database has not applied yet, in order (`volg migrate` applies them)."""
    unknown: list[str]
    """Migrations the database has applied that this code does not know: a newer volg migrated it."""

    @property
    def current(self) -> bool:
        return not self.pending and not self.unknown

    @classmethod
    def of(cls, done: set[str], known: Sequence[str]) -> SchemaStatus:
        """The status of a database that has applied `done`, for code that knows the migrations `known`."""
        return cls([name for name in known if name not in done], sorted(done - set(known)))


STATE_PAGE = 200
"""Stories of a saved clusterer state read at a time (`load_cluster_state`)."""


class SavedClusterState(NamedTuple):
    """The clusterer's state as saved (`Storage.save_cluster_state`)."""

    header: str
    """JSON; a state saved before migration 0013 is all in it (and has no stories or days)."""
    last_change: int
    saves: int
    stories: Iterator[str]
    """Each story's JSON, by id."""
    days: Iterator[tuple[int, int, str]]
    """(day, part, JSON) of each part of a day of document frequencies, by day and part."""


class Storage(Protocol):
    def migrate(self) -> list[str]:
        """Apply pending migrations; return the names applied now."""

    def schema_status(self) -> SchemaStatus:
        """Compare the database's recorded migrations with this code's, reading only (a database never migrated has
        all pending); StorageError when the database does not answer."""

    def backup(self, path: str, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Write an online, consistent copy of the database to the new file `path` (which must not exist); return
        its size in bytes. Safe while other connections and processes write: the copy is the database as it was
        when the backup began. `progress(done, total)` is called as pages are copied. ConfigError on a backend
        whose backups are its own tools' job (PostgreSQL: pg_dump)."""

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction: all or nothing, serialised with other writers."""

    def savepoint(self) -> AbstractContextManager[None]:
        """A write transaction that, inside another, rolls back alone when it fails (a SAVEPOINT); the transaction
        around it goes on. Outside a transaction it is one."""

    # sources
    def add_source(self, source: Source) -> Source:
        """Store a new source; a source whose URL is already known is returned as stored, unchanged."""

    def save_source(self, source: Source) -> Source:
        """Write a known source's name, interval and polling state."""

    def get_source(self, key: int | str) -> Source:
        """A source by id or URL; NotFound if there is none."""

    def list_sources(self) -> list[Source]: ...

    # articles and dedupe
    def find_by_url(self, url: str) -> Known | None: ...

    def find_by_content(self, content_hash: str) -> Known | None: ...

    def lock_articles(self) -> None:
        """Inside a write transaction, before deciding about a new article: hold the articles lock until the
        transaction ends, so that articles are stored one writer at a time — change numbers commit in order (the
        clusterer takes "the articles changed after the last it saw") and dedupe sees every article stored before.
        Processes that store in parallel on PostgreSQL need it; SQLite has one writer anyway."""

    def near_candidates(self, bands: Sequence[int], limit: int = 50) -> list[Known]:
        """Stored articles sharing at least one LSH band, most shared bands first."""

    def add_article(self, article: CleanArticle, fp: Fingerprint, *, copy_of: int | None, at: datetime) -> Article: ...

    def update_article(
        self, article_id: int, article: CleanArticle, fp: Fingerprint, *, at: datetime, new_version: bool = True
    ) -> Article:
        """Store a changed version of an article: it keeps its id, its version goes up by one and it takes the
        next change number (see `articles_changed_after`).

        With `new_version=False` the current version is rewritten in place (volg cleaned it better, the outlet
        did not change it), and its change number stays."""

    def add_sighting(self, article_id: int, source: str, url: str, external_id: str | None, at: datetime) -> None:
        """Record that an article arrived again (from the same or another outlet); idempotent per (article, url)."""

    def get_article(self, article_id: int) -> Article: ...

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        """Every version of the article as stored when it came (the current one last), oldest first."""

    def iter_articles(
        self, *, since: datetime | None = None, source: str | None = None, latest: int | None = None
    ) -> Iterator[Article]:
        """Articles in order of publication, oldest first; with `latest`, only the newest that many."""

    def articles_changed_after(self, change: int, *, known: Article | None = None) -> Iterator[tuple[int, Article]]:
        """(change number, article) for each article stored or given a new version after change number `change`,
        in that order. Every article stored and every new version takes the next number (`NEXT_CHANGE`), so
        the clusterer, remembering the last it saw, sees new articles and new versions alike, once. `known`: an
        article the caller holds as it is stored now (as get_article gave it, in this transaction), given back
        for its id instead of read and decoded again."""

    def search_articles(self, terms: Sequence[str | SearchTerm], *, limit: int = 50) -> list[tuple[int, str]]:
        """The articles that hold every term (a plain string is a term of one word): its words in the title or text
        (case- and accent-insensitively, a word also as the start of a longer one: "oekraine" finds "Oekraïne"), or
        the term's place among the article's places, whatever their spelling. Best match first, the title weighing
        most: each as (id, a snippet of its text with the matches between MATCH_START and MATCH_END; a place
        matched is marked as the article spells it)."""

    def count(self) -> dict[str, int]:
        """How many sources, articles, versions, sightings, (live) stories and topics are stored."""

    # per-source boilerplate learning
    def source_profile(self, source: str, *, min_count: int = 3, lines: Collection[str] | None = None
                       ) -> SourceProfile:
        """The source's article count and the line keys seen in at least `min_count` of its articles (of `lines`
        only, when given: what deciding on one article's lines needs, however many lines the source has)."""

    def learn_lines(self, source: str, keys: set[str]) -> None:
        """Count one more article of `source`, carrying `keys`."""

    def mark_boilerplate(self, source: str, keys: set[str]) -> set[str]:
        """Mark lines of `source` as known boilerplate; return those not marked before."""

    # stories (ids are allocated by the clusterer)
    def save_story(self, story_id: int, title: str, seen: datetime, terms: Sequence[str]) -> None:
        """Create a story, or widen a known one's first/last seen to include `seen` and replace its terms."""

    def assign_passage(self, article_id: int, section: int, story_id: int, score: float,
                       reading: PassageReading | None = None) -> None:
        """Record (or move) the story a passage joined, with what reading the story needs of it; idempotent."""

    def merge_stories(self, into: int, merged: Sequence[int]) -> None:
        """Move the passages of `merged` into `into`; the merged stories then resolve to `into`."""

    def get_story(self, story_id: int) -> Story:
        """A story with its articles; the id of a merged story gives the story it was merged into."""

    def iter_stories(self, *, since: datetime | None = None, ids: Sequence[int] | None = None) -> Iterator[Story]:
        """Live stories last seen since `since` (or with these ids), oldest first report first."""

    def latest_story_seen(self) -> datetime | None:
        """When the live story seen last was last seen (the newest news stored); None without stories. Through the
        index on last_seen, not a scan."""

    def stories_stamp(self) -> int:
        """A number that changes whenever any story does (a story saved or merged, a passage assigned or moved, an
        article changed), also when another process made the change: what derived views are keyed by."""

    def passages_of_story(self, story_id: int) -> list[tuple[int, int]]:
        """The (article id, section index) of each passage in the story."""

    def passage_readings(self, story_id: int) -> list[tuple[int, PassageReading]]:
        """The readings of the story's passages (as `assign_passage` stored them, or read from their articles), by
        article id, in the order of `passages_of_story`."""

    def stories_of_article(self, article_id: int) -> list[int]: ...

    # topics
    def add_topic(self, topic: Topic) -> Topic:
        """Store a topic; InputError if its slug is taken."""

    def get_topic(self, key: str) -> Topic:
        """A topic by slug or case-insensitive name; NotFound otherwise."""

    def list_topics(self) -> list[Topic]: ...

    def remove_topic(self, slug: str) -> None: ...

    # the clusterer's active window, saved so a restart resumes where it was: a header, one row per story, one or
    # more parts per day of document frequencies; a save writes what changed since the one before
    def save_cluster_state(self, header: str, last_change: int, at: datetime, *, saves: int,
                           stories: Iterable[tuple[int, str]] = (), gone: Sequence[int] = (),
                           days: Iterable[tuple[int, int, str]] = (), gone_days: Sequence[int] = (),
                           whole: bool = False) -> None:
        """Save the clusterer's state, all or nothing (in the caller's transaction, if it holds one): delete the
        stories `gone` and every part of the days `gone_days` (with `whole`, every story and part saved before),
        then write `stories` ((id, JSON), replacing a story saved before), `days` ((day, part, JSON), replacing
        that part) and the header (JSON) with `last_change`, the change number (`articles_changed_after`) of the
        last article the state has seen, and `saves`, which the caller counts to know the rows are its own."""

    def cluster_state_header(self) -> tuple[int, int] | None:
        """(last_change, saves) of the saved state, one row read; None when no state is saved."""

    def reset_stories(self) -> None:
        """Forget every story, assignment and the saved state, so that all articles are clustered anew."""

    def load_cluster_state(self) -> SavedClusterState | None:
        """The saved state, if any. Its stories and days are read as they are iterated, a few rows at a time:
        iterate them in the transaction the header was read in."""

    # subscriptions and digests
    def add_subscription(self, sub: Subscription) -> Subscription: ...

    def save_subscription(self, sub: Subscription) -> Subscription:
        """Write a known subscription's schedule (times, tz, max items, quiet, breaking), its channels (email, push,
        webhooks), its genres, whether it is active and whether it is confirmed."""

    def delete_unconfirmed(self, *, before: datetime | None = None, subscription_id: int | None = None) -> int:
        """Delete subscriptions still waiting for their reader's confirmation: those made before `before`, or the
        one `subscription_id`; how many were deleted. A confirmed subscription is never deleted."""

    def get_subscription(self, subscription_id: int) -> Subscription:
        """NotFound if there is none."""

    def subscription_by_token(self, token: str) -> Subscription:
        """The subscription whose feed token this is; NotFound otherwise."""

    def list_subscriptions(self, *, topic: str | None = None, active: bool | None = None) -> list[Subscription]: ...

    def record_digest(self, digest: Digest, body: dict[str, Any], channels: Sequence[tuple[str, str]] = ()) -> bool:
        """Store a digest, mark its developments as received and put one pending delivery per (channel, target)
        in the outbox, all in one transaction; False (and nothing written) if a digest for that (subscription,
        scheduled time) exists already."""

    def get_digest(self, subscription_id: int, scheduled_at: datetime) -> dict[str, Any]:
        """A stored digest's body; NotFound if there is none."""

    def delivered(self, subscription_id: int) -> tuple[set[str], set[int]]:
        """The development keys and story ids the subscription has received (and the ids of the stories those were
        merged into since)."""

    def last_digest_at(self, subscription_id: int) -> datetime | None:
        """The scheduled time of the subscription's latest scheduled (not breaking) digest."""

    def breaking_sent_since(self, subscription_id: int, since: datetime) -> int:
        """How many breaking digests the subscription got since `since`."""

    def list_digests(self, subscription_id: int, *, since: datetime | None = None) -> list[dict[str, Any]]:
        """The stored digests' bodies, oldest first; with `since`, only those scheduled after it."""

    # the outbox of deliveries
    def claim_deliveries(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[Delivery]:
        """Mark up to `limit` due deliveries (pending and due, or sending with an expired claim) as being sent by
        `owner` until `now + lease`; oldest first. Two senders never claim the same one. A claim counts no
        attempt: `start_attempt` does, for the one delivery about to be sent."""

    def start_attempt(self, delivery_id: int, now: datetime, *, owner: str, lease: timedelta) -> Delivery | None:
        """Count an attempt at a delivery `owner` has claimed and is about to send, and renew its claim until
        `now + lease`; the delivery as it is now, or None if the claim is no longer `owner`'s (it ended and
        another sender took the delivery over, or it was released)."""

    def release_claims(self, owners: Sequence[str]) -> int:
        """Make the deliveries claimed by these (dead) senders due at once; returns how many."""

    def claim_owners(self) -> set[str]:
        """The senders holding claims now."""

    def finish_delivery(self, delivery_id: int, *, at: datetime, error: str | None = None,
                        retry_at: datetime | None = None, cancelled: bool = False) -> None:
        """Record an attempt's outcome: sent (no error), pending again at `retry_at`, failed (error, no retry), or
        `cancelled` (its reader unsubscribed; `error` says so)."""

    def list_deliveries(self, *, status: DeliveryStatus | None = None, subscription_id: int | None = None,
                        latest: int | None = None) -> list[Delivery]:
        """Deliveries oldest first; `latest` keeps only the newest that many."""

    def retry_deliveries(self, ids: Sequence[int] | None, *, at: datetime) -> list[Delivery]:
        """Make failed deliveries (these ids, or all failed) pending again with no attempts counted; NotFound for an
        unknown id, InputError for one that has not failed."""

    def signing_key(self) -> str:
        """The key volg signs readers' links with: made once, kept with the data."""
