"""Frozen value types passed between the stages of the pipeline.

Every datetime is timezone-aware UTC. Stages take these values and return new ones; nothing here talks to
storage or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

MIN_YEAR = 1000
"""An input's time before this year is taken for none (a feed's, a page's) or refused (a JSON line's): no news is
that old, and such a time is a typo or a flipped bit."""
MAX_TITLE_CHARS = 1000
"""A longer title is refused (a JSON line's, --title) or cut to it (a feed entry's, a page's): PostgreSQL refuses to
index a title and text of more than 1 MB of distinct words, and no headline has 1,000 characters."""


class Status(StrEnum):
    """What ingesting one input article did."""

    NEW = "new"
    DUPLICATE = "duplicate"
    UPDATED = "updated"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under an optional heading; the unit a passage is made of."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    """A place named in a text, resolved through the gazetteer.

    `name` is the spelling found in the text (Kiev, Warschau); `canonical` the gazetteer's English name (Kyiv,
    Warsaw), so that spellings in different languages compare equal. `country` is an ISO 3166 alpha-2 code ("" for
    a sea). `kind` is "city", "region" (a province or state), "country" or "water" (a river or sea).
    """

    name: str
    canonical: str
    lat: float
    lon: float
    country: str
    kind: str


@dataclass(frozen=True)
class RawArticle:
    """One article as an input gave it, before cleaning.

    `origin` names where it came from for error messages ("feed.xml", "articles.jsonl:12", a URL). Exactly one of
    `text` (plain text, one paragraph per line) or `html` is normally set.
    """

    origin: str
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: datetime | None = None
    source: str | None = None
    language: str | None = None
    external_id: str | None = None
    hints: tuple[str, ...] = ()  # what the markup or feed says of its genre: "schema:OpinionNewsArticle", ...


@dataclass(frozen=True)
class Rejected:
    """An input that could not become an article, and why (one line, naming the input)."""

    origin: str
    error: str


GENRES = ("news", "live", "analysis", "interview", "opinion", "letters", "review", "preview", "service", "other")
"""Every genre an article can have: the labels `volg.pipeline.clean.genre.classify_genre` gives."""

NEWS_GENRES = frozenset({"news", "live"})
"""The genres whose articles open and extend developments; the others (opinion, letters, reviews, ...) stay on story
pages and never take a digest place."""


@dataclass(frozen=True)
class CleanArticle:
    """The output of the clean stage: text structured and annotated, not yet stored."""

    url: str
    source: str
    title: str
    published_at: datetime
    language: str
    sections: tuple[Section, ...]
    places: tuple[Place, ...]
    names: tuple[str, ...]
    removed: tuple[str, ...]
    external_id: str | None = None
    genre: str = "news"  # one of GENRES
    genre_evidence: tuple[str, ...] = ()  # what decided it, e.g. ("URL path /opinie/",)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""


@dataclass(frozen=True)
class Article:
    """A stored article: a cleaned article with its identity, version and dedupe links."""

    id: int
    clean: CleanArticle
    content_hash: str
    version: int = 1
    copy_of: int | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class ArticleVersion:
    """A text of an article that its outlet may since have changed: what it said, when volg stored it, and when
    it said it was published (None for a version stored before volg kept that)."""

    version: int
    title: str
    sections: tuple[Section, ...]
    fetched_at: datetime
    published_at: datetime | None = None


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input article."""

    status: Status
    origin: str
    article: Article | None = None
    error: str | None = None


@dataclass(frozen=True)
class Source:
    """A feed or page that volg polls, with its polling state."""

    url: str
    name: str
    every_s: int = 900
    id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_poll_at: datetime | None = None
    last_polled_at: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0


@dataclass(frozen=True)
class SourceProfile:
    """What volg has learned about a source's recurring lines, for boilerplate detection.

    `line_counts` maps a normalised line's hash to the number of the source's articles that carried it.
    """

    source: str
    articles: int = 0
    line_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    """The unit that joins a story: a whole article, or one sub-headed section of a roundup.

    `section` is the index of the first of the article's sections the passage covers; `title` is the article's
    title for the opening passage and the section heading for the others. `names` and `places` are those of the
    article that occur in the passage's own text (or its `context`).
    """

    article_id: int
    section: int
    source: str
    language: str
    published_at: datetime
    title: str
    paragraphs: tuple[str, ...]
    names: tuple[str, ...]
    places: tuple[Place, ...]
    context: tuple[str, ...] = ()  # a roundup's short intro, which says what all its sections are about
    background: bool = False  # opinion, analysis and the like: about an event, but no report of it (genre)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class StoryArticle:
    """An article as a story lists it."""

    id: int
    external_id: str | None
    url: str
    title: str
    source: str
    published_at: datetime
    language: str


@dataclass(frozen=True)
class PassageReading:
    """What reading a story needs of one of its passages, kept with the passage when it is clustered, so stories and
    topic memberships are read without decoding the articles' texts: the names and places in the passage's text
    (the story's counts), its headline and lede with the article's names and places in them (what a topic query is
    matched against), its language and whether its article is news."""

    headline: str
    lede: str
    names: tuple[str, ...]
    places: tuple[Place, ...]
    lede_names: tuple[str, ...]
    lede_places: tuple[Place, ...]
    language: str
    news: bool


@dataclass(frozen=True)
class Story:
    """The same real-world event as told by one or more outlets, found online."""

    id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    languages: tuple[str, ...]
    outlets: tuple[str, ...]
    articles: tuple[StoryArticle, ...]
    names: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    terms: tuple[str, ...] = ()  # its most characteristic words (lemmas/stems), best first


@dataclass(frozen=True)
class Topic:
    """What a reader follows: a defined query, or a discovered chain of linked stories."""

    name: str
    slug: str
    query: str | None  # None for a discovered topic
    discovered: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Citation:
    """One article a development cites: where and when an outlet reported it."""

    article_id: int
    outlet: str
    url: str
    title: str
    published_at: datetime
    external_id: str | None = None


@dataclass(frozen=True)
class Rendition:
    """A development told in one language: a headline and a summary from one article in that language."""

    language: str
    headline: str
    summary: tuple[str, ...]
    article_id: int
    new: tuple[str, ...] = ()  # the development's new facts as this article writes them ("41 miljard euro")


@dataclass(frozen=True)
class Development:
    """A story's newsworthy step: its first report, or a later report that adds information.

    `key` is stable across runs (it names the story and the passage that first reported the step: "12:345.0"), so a
    reader's digests can remember what they already got; when the story is merged into another, the step's key
    names that other story, so what a reader got is compared by the passage (`opening`). `update_of` is the key of
    the earlier development of the same story that this one updates; `new` lists what it adds (numbers, names,
    places) over what came before. A development of another `genre` than news is one opinion piece, analysis,
    review ... about the story: no step of it, never an
    update, shown only to readers who ask for that genre.
    """

    key: str
    story_id: int
    headline: str
    summary: tuple[str, ...]
    language: str
    sources: tuple[Citation, ...]
    places: tuple[Place, ...]
    first_seen: datetime
    importance: float
    reasons: tuple[str, ...]
    update_of: str | None = None
    new: tuple[str, ...] = ()
    renditions: tuple[Rendition, ...] = ()  # one per language its sources are in; headline/summary are the first's
    genre: str = "news"  # another genre (opinion, analysis, ...): one article of it, for readers who ask for it

    def told_in(self, language: str) -> Development:
        """This development headed and summarised from a source in `language`, when it has one; else as it is."""
        for rendition in self.renditions:
            if rendition.language == language:
                new = rendition.new if rendition.new or language != self.language else self.new
                return replace(self, headline=rendition.headline, summary=rendition.summary, language=language,
                               new=new if self.new else ())
        return self


def opening(key: str) -> str:
    """The passage a development's key names ("12:345.0" → "345.0"): the same step after its story was merged."""
    return key.partition(":")[2]


@dataclass(frozen=True)
class Subscription:
    """A reader following a topic: at which local times, in which time zone, how many items at most.

    `times` are local wall-clock times ("08:00") in the IANA zone `tz`; `quiet` is an optional (start, end) pair
    of local times during which nothing is sent; `breaking` is an optional importance above which a development may
    go out at once, outside the schedule.

    Channels: `email` (an address), `push` (Apprise URLs: ntfy, Telegram, Matrix, ...) and `webhooks` (http(s)
    URLs that get the digest as signed JSON). Every subscription also has an Atom feed at a URL holding `token`, a
    random secret; `secret` is the key its webhooks are signed with. `active` turns false when the reader
    unsubscribes. `confirmed` is false while a subscription made by a stranger (the public form) waits for its reader
    to confirm the address: it gets nothing else until then.
    """

    topic: str  # the topic's slug
    times: tuple[str, ...] = ("08:00", "13:00", "19:00")
    tz: str = "Europe/Amsterdam"
    max_items: int = 5
    quiet: tuple[str, str] | None = None
    breaking: float | None = None
    email: str | None = None
    push: tuple[str, ...] = ()
    webhooks: tuple[str, ...] = ()
    token: str = ""
    secret: str = ""
    active: bool = True
    id: int | None = None
    created_at: datetime | None = None
    language: str = "nl"  # of the digests: labels, dates, and the sources that head and summarise each item
    genres: tuple[str, ...] = ()  # genres besides news and live its digests take too ("opinion", "analysis", ...)
    confirmed: bool = True


@dataclass(frozen=True)
class DigestItem:
    """One development in a digest; `is_update` when the reader already had an earlier step of its story."""

    development: Development
    is_update: bool = False


@dataclass(frozen=True)
class Digest:
    """What one subscription receives at one scheduled time: keyed by (subscription, scheduled_at)."""

    subscription_id: int
    topic: str
    scheduled_at: datetime
    since: datetime
    items: tuple[DigestItem, ...]
    language: str
    breaking: bool = False  # sent at once, outside the schedule


class DeliveryStatus(StrEnum):
    """pending → sending → sent; or back to pending with a later `next_at` (a temporary failure), or failed; or
    cancelled: its reader unsubscribed before it went out (nothing failed, nothing to send again)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Delivery:
    """One digest on one channel: a row of the outbox, written with the digest, before anything is sent.

    `channel` is "email", "push" or "webhook"; `target` the address or URL (a push URL may hold a token, so show
    it through `volg.pipeline.deliver.shown_target`). `key` names the digest: the email's Message-ID and the
    webhook's idempotency key derive from it, so a resend after a crash is recognisable as the same message.
    """

    id: int
    subscription_id: int
    scheduled_at: datetime
    channel: str
    target: str
    status: DeliveryStatus
    attempts: int
    next_at: datetime
    created_at: datetime
    last_error: str | None = None
    sent_at: datetime | None = None

    @property
    def key(self) -> str:
        return digest_key(self.subscription_id, self.scheduled_at)


def digest_key(subscription_id: int, scheduled_at: datetime) -> str:
    """A digest's name, unique per (subscription, scheduled time), e.g. "12-20261117T070000Z"."""
    return f"{subscription_id}-{scheduled_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"
