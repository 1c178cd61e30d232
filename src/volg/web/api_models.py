"""The JSON API's request bodies and response shapes, as pydantic models: they make the OpenAPI document and
check every request and response. Responses mirror `volg.serialize` (extra keys are refused, so a field added
there but not here fails loudly in the contract test rather than going undocumented)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from volg.errors import ConfigError, InputError
from volg.pipeline.cluster.query import parse_query
from volg.pipeline.compose import MAX_ITEMS, parse_time, zone
from volg.pipeline.deliver import check_email, check_push
from volg.settings import parse_interval

Time = Annotated[str, Field(json_schema_extra={"format": "date-time"}, examples=["2026-11-17T12:30:00.000000Z"])]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


# responses


class ErrorDetail(Shape):
    code: str = Field(description="Stable, machine-readable: not_found, invalid_request, unauthorized, ...")
    message: str = Field(description="One line for people; names the field when a field was wrong.")
    details: dict[str, object] = Field(description="`field` (the first wrong one) and `errors` for bad input; "
                                                   "`results` for an ingest that read nothing.")


class ErrorBody(Shape):
    error: ErrorDetail


class PlaceOut(Shape):
    name: str
    canonical: str
    lat: float
    lon: float
    country: str
    kind: str


class SectionOut(Shape):
    heading: str | None
    paragraphs: list[str]


class ArticleOut(Shape):
    id: int
    external_id: str | None
    language: str
    title: str
    url: str
    source: str
    published_at: Time
    version: int
    copy_of: int | None
    genre: str = Field(description="news, live, analysis, interview, opinion, letters, review, preview, service or "
                       "other; only news and live make developments.")
    genre_evidence: list[str] = Field(description="What decided the genre.")
    sections: list[SectionOut]
    places: list[PlaceOut]
    names: list[str]
    removed: list[str]


class IngestResultOut(Shape):
    """One article of a pushed document: its `status` and, unless rejected, the stored article's fields."""

    status: Literal["new", "duplicate", "updated", "rejected"]
    origin: str = Field(description="Where in the body: `body`, or `body:LINE` for JSON Lines.")
    error: str | None
    id: int | None
    external_id: str | None
    language: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: Time | None = None
    version: int | None = None
    copy_of: int | None = None
    genre: str | None = None
    genre_evidence: list[str] | None = None
    sections: list[SectionOut] | None = None
    places: list[PlaceOut] | None = None
    names: list[str] | None = None
    removed: list[str] | None = None


class IngestOut(Shape):
    results: list[IngestResultOut]
    counts: dict[str, int] = Field(description="How many results had each status.")


class ArticlePage(Shape):
    items: list[ArticleOut]
    next_cursor: str | None


class SourceOut(Shape):
    id: int | None
    url: str
    name: str
    every_s: int
    next_poll_at: Time | None
    last_polled_at: Time | None
    last_status: int | None
    last_error: str | None
    failures: int
    etag: str | None
    last_modified: str | None


class SourceCreated(SourceOut):
    warnings: list[str] = Field(description="One line for each thing to know: a host that does not resolve now is "
                                            "kept, and named here.")


class SourceList(Shape):
    items: list[SourceOut]


class StoryArticleOut(Shape):
    id: int
    external_id: str | None
    url: str
    title: str
    source: str
    published_at: Time
    language: str


class StoryOut(Shape):
    id: int
    title: str
    first_seen: Time
    last_seen: Time
    languages: list[str]
    outlets: list[str]
    terms: list[str]
    names: list[str]
    places: list[str]
    articles: list[StoryArticleOut]


class StoryPage(Shape):
    items: list[StoryOut]
    next_cursor: str | None


class TopicOut(Shape):
    """A defined topic (`discovered` is true for one adopted from the discovered topics)."""

    kind: Literal["defined"] = Field(description="`defined`: what tells a topic's two shapes apart.")
    name: str
    slug: str
    query: str | None
    discovered: bool
    stories: int | None = Field(description="How many stories of current news (the last 4 weeks up to the newest "
                                            "story) the topic holds.")


class DiscoveredTopicOut(Shape):
    """A topic discovered in the stories; POST /api/topics with `discovered` adopts it."""

    kind: Literal["discovered"] = Field(description="`discovered`: what tells a topic's two shapes apart.")
    name: str
    slug: str
    query: str
    discovered: Literal[True]
    stories: int
    story_ids: list[int]
    names: list[str]
    places: list[str]
    terms: list[str]
    first_seen: Time
    last_seen: Time


AnyTopic = Annotated[TopicOut | DiscoveredTopicOut, Field(discriminator="kind")]
"""A topic, defined or discovered: `kind` says which, so generated clients read every field of either."""


class TopicList(Shape):
    items: list[AnyTopic]


class CitationOut(Shape):
    article_id: int
    external_id: str | None
    outlet: str
    url: str
    title: str
    published_at: Time


class DevelopmentOut(Shape):
    key: str
    story_id: int
    headline: str
    summary: list[str]
    language: str
    first_seen: Time
    importance: float
    reasons: list[str]
    update_of: str | None
    new: list[str]
    genre: str = Field(description="news, or the genre of an opinion piece, analysis, ... a reader asked for.")
    places: list[PlaceOut]
    sources: list[CitationOut]


class DevelopmentPage(Shape):
    items: list[DevelopmentOut]
    next_cursor: str | None


class DigestItemOut(DevelopmentOut):
    is_update: bool


class DigestOut(Shape):
    subscription_id: int
    topic: str
    scheduled_at: Time
    since: Time
    language: str
    breaking: bool
    items: list[DigestItemOut]


class DigestPreview(Shape):
    digest: DigestOut | None = Field(description="What the reader would get at `at`; null when nothing is new.")


class LinksOut(Shape):
    manage: str
    unsubscribe: str
    feed: str


class SubscriptionOut(Shape):
    id: int
    topic: str
    times: list[str]
    tz: str
    max_items: int
    quiet: list[str] | None
    breaking: float | None
    language: str
    genres: list[str] = Field(description="Genres besides news its digests take too.")
    email: str | None
    push: list[str] = Field(description="Apprise URLs in their private form (tokens hidden).")
    webhooks: list[str] = Field(description="Webhook URLs without query or password.")
    active: bool
    confirmed: bool = Field(description="False while the reader has not confirmed the email address (nothing is sent).")
    created_at: Time | None
    token: str = Field(description="The reader's signed token: /api/subscriptions/{token} manages the subscription.")
    links: LinksOut


class SubscriptionCreated(SubscriptionOut):
    webhook_secret: str | None = Field(description="The key webhooks are signed with; shown only here.")
    warnings: list[str] = Field(description="One line for each thing to know: a push or webhook host that does not "
                                            "resolve now is kept, and named here.")


# request bodies: each validator raises ValueError, which the API answers with 422 naming the field


def _checked(check: Callable[[str], object]) -> AfterValidator:
    """A pydantic validator from one of volg's checks, which raise InputError or ConfigError."""

    def run(value: str) -> str:
        try:
            found = check(value)
        except (InputError, ConfigError) as exc:
            raise ValueError(str(exc)) from None
        return found if isinstance(found, str) else value

    return AfterValidator(run)


Clock = Annotated[str, Field(examples=["08:00"], json_schema_extra={"pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}),
                  _checked(lambda v: f"{parse_time(v):%H:%M}")]
"""A local time; the pattern tells clients what parse_time takes (the check's message stays volg's own)."""
Zone = Annotated[str, Field(examples=["Europe/Amsterdam"]), _checked(zone)]
Size = Annotated[int, Field(strict=True, ge=1, le=MAX_ITEMS)]


class TopicIn(Shape):
    name: str = Field("", description="Its name (the slug is made from it); may be empty when adopting.")
    query: Annotated[str, _checked(parse_query)] | None = Field(
        None, examples=["Oekraïne OR Kiev OR Zelensky"], description="Words, \"phrases\", names and places with OR, "
        "AND, NOT and ( ).")
    discovered: str | None = Field(None, description="The slug of a discovered topic to adopt, instead of a query.")


class SourceIn(Shape):
    url: str = Field(examples=["https://example.org/rss"])
    name: str | None = None
    every: Annotated[str, _checked(parse_interval)] | None = Field(None, examples=["15m"],
                                                                   description="Polling interval: 30s, 15m, 1h, 2d.")


class SubscriptionIn(Shape):
    topic: str = Field(description="A defined topic's slug or name, or a discovered one's (it is adopted).")
    times: list[Clock] = Field(["08:00", "13:00", "19:00"], min_length=1, description="Local hours of the digests.")
    tz: Zone = "Europe/Amsterdam"
    max_items: Size = 5
    quiet: tuple[Clock, Clock] | None = Field(None, description="Quiet hours: no breaking digests from start to end.")
    breaking: float | None = Field(None, ge=0, le=10, description="Send developments this important at once.")
    language: Literal["nl", "en", "de", "fr", "es", "it"] | None = Field(
        None, description="Language of the digests (default: the language setting).")
    genres: list[str] = Field([], description="Besides news, also these genres (default: none): analysis, "
                              "interview, opinion, letters, review, preview, service, other.")
    email: Annotated[str, _checked(check_email)] | None = None
    push: list[Annotated[str, _checked(check_push)]] = Field([], description="Apprise URLs: ntfy://topic, ...")
    webhooks: list[str] = Field([], description="http(s) URLs on public hosts; digests are POSTed there, signed.")
    confirmed: bool = Field(False, description="The reader confirmed the email address elsewhere. Without this, a "
                            "subscription with an email address gets one mail, a link to confirm it, and nothing "
                            "else until its reader does (within 48 hours).")


class SubscriptionChange(Shape):
    """What to change; the subscription becomes active again (like saving the manage page)."""

    times: list[Clock] | None = Field(None, min_length=1)
    tz: Zone | None = None
    max_items: Size | None = None
