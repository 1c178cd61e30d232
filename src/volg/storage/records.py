"""Rows ↔ volg's values, shared by every backend: the same columns hold the same values in SQLite and PostgreSQL.

Times are written as UTC ISO 8601 text (SQLite stores it; PostgreSQL parses it into timestamptz) and read back from
either text or a datetime. JSON columns are written and read as JSON text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Protocol

from volg.errors import InputError, NotFound
from volg.models import (
    Article,
    ArticleVersion,
    CleanArticle,
    Delivery,
    DeliveryStatus,
    PassageReading,
    Place,
    Section,
    Source,
    Story,
    StoryArticle,
    Subscription,
    Topic,
)
from volg.pipeline.cluster.passages import passage, passage_reading


class Row(Protocol):
    """A row by column name: sqlite3.Row, or the dict a PostgreSQL cursor gives."""

    def keys(self) -> Iterable[str]: ...

    def __getitem__(self, key: str) -> Any: ...


STORY_NAMES = 12  # names and places a Story value carries, most frequent first

SOURCE_COLUMNS = (
    "url, name, every_s, etag, last_modified, next_poll_at, last_polled_at, last_status, last_error, failures"
)


def time_out(value: datetime | None) -> str | None:
    """UTC ISO 8601 with a fixed width (a four-digit year even before 1000, where strftime's %Y has fewer), so stored
    times sort as text and read back."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def time_in(value: str | datetime | None) -> datetime | None:
    if value is None:
        return None
    return (value if isinstance(value, datetime) else datetime.fromisoformat(value)).astimezone(UTC)


def article_row(article: CleanArticle) -> dict[str, Any]:
    return {
        "url": article.url,
        "source": article.source,
        "external_id": article.external_id,
        "title": article.title,
        "published_at": time_out(article.published_at),
        "language": article.language,
        "sections": json.dumps([[s.heading, list(s.paragraphs)] for s in article.sections], ensure_ascii=False),
        "places": json.dumps(_place_lists(article.places), ensure_ascii=False),
        "names": json.dumps(list(article.names), ensure_ascii=False),
        "removed": json.dumps(list(article.removed), ensure_ascii=False),
        "genre": article.genre,
        "genre_evidence": json.dumps(list(article.genre_evidence), ensure_ascii=False),
    }


def sections_in(value: str) -> tuple[Section, ...]:
    return tuple(Section(h, tuple(ps)) for h, ps in json.loads(value))


def version_from_row(row: Row) -> ArticleVersion:
    fetched = time_in(row["fetched_at"])
    assert fetched is not None
    return ArticleVersion(row["version"], row["title"], sections_in(row["sections"]), fetched,
                          time_in(row["published_at"]))


def article_from_row(row: Row) -> CleanArticle:
    published = time_in(row["published_at"])
    assert published is not None
    article = CleanArticle(
        url=row["url"],
        source=row["source"],
        external_id=row["external_id"],
        title=row["title"],
        published_at=published,
        language=row["language"],
        sections=sections_in(row["sections"]),
        places=tuple(Place(*p) for p in json.loads(row["places"])),
        names=tuple(json.loads(row["names"])),
        removed=tuple(json.loads(row["removed"])),
    )
    if row["genre"] is None:  # stored before volg detected genres
        from volg.pipeline.clean.genre import classify_genre  # here: its patterns are slow to load, and rarely needed

        found = classify_genre(article.title, article.sections, article.language, article.url)
        return replace(article, genre=found.label, genre_evidence=found.evidence)
    return replace(article, genre=row["genre"], genre_evidence=tuple(json.loads(row["genre_evidence"])))


def spellings_of(places: str, wanted: Iterable[tuple[str, str]]) -> list[str]:
    """How an article (its places column, JSON) spells the `wanted` places ((canonical name, country)): what search
    marks in a snippet when it found the article through a place."""
    chosen = set(wanted)
    return list(dict.fromkeys(p[0] for p in json.loads(places) if (p[1], p[4]) in chosen))


def stored_article(row: Row) -> Article:
    return Article(
        id=row["id"],
        clean=article_from_row(row),
        content_hash=row["content_hash"],
        version=row["version"],
        copy_of=row["copy_of"],
        fetched_at=time_in(row["fetched_at"]),
    )


def source_values(source: Source) -> tuple[Any, ...]:
    """The values of SOURCE_COLUMNS, in order."""
    return (
        source.url, source.name, source.every_s, source.etag, source.last_modified, time_out(source.next_poll_at),
        time_out(source.last_polled_at), source.last_status, source.last_error, source.failures,
    )


def source_from_row(row: Row) -> Source:
    values = {key: row[key] for key in row.keys()}
    for key in ("next_poll_at", "last_polled_at"):
        values[key] = time_in(values[key])
    return Source(**values)


PASSAGE_MEMBERS = ("a.id, a.external_id, a.url, a.title, a.source, a.published_at, a.language, sp.section,"
                   " sp.reading")
"""The columns of a story's passages that `story_from_rows` reads, besides the article's number of sections."""


def delivered_stories(mark: str) -> str:
    """The query of the stories a subscription got items of, and every story each was merged into since (a
    development of the merged story is of a story the reader had); `mark` is the backend's parameter marker."""
    return ("WITH RECURSIVE had(id) AS ("
            f"SELECT story_id FROM delivered_items WHERE subscription_id = {mark}"
            " UNION SELECT s.merged_into FROM stories s JOIN had ON s.id = had.id WHERE s.merged_into IS NOT NULL"
            ") SELECT id FROM had")


def _place_lists(places: Iterable[Place]) -> list[list[Any]]:
    return [[p.name, p.canonical, p.lat, p.lon, p.country, p.kind] for p in places]


def reading_json(reading: PassageReading | None) -> str | None:
    """A passage's reading as stored with it (None: not stored, read from its article)."""
    if reading is None:
        return None
    return json.dumps([reading.headline, reading.lede, list(reading.names), _place_lists(reading.places),
                       list(reading.lede_names), _place_lists(reading.lede_places), reading.language, reading.news],
                      ensure_ascii=False)


def reading_in(value: str) -> PassageReading:
    headline, lede, names, places, lede_names, lede_places, language, news = json.loads(value)
    return PassageReading(headline, lede, tuple(names), tuple(Place(*p) for p in places), tuple(lede_names),
                          tuple(Place(*p) for p in lede_places), language, news)


def story_from_rows(row: Row, members: Iterable[Row], article: Callable[[int], CleanArticle]) -> Story:
    """A story from its row and its passages' rows (`PASSAGE_MEMBERS` and `sections`, the article's number of
    sections), in order. A passage clustered before readings were stored (its `reading` null) is read from its
    article (`article`)."""
    names: Counter[str] = Counter()
    places: dict[str, Place] = {}
    place_counts: Counter[str] = Counter()
    articles: dict[int, StoryArticle] = {}
    for member in members:
        if member["section"] >= member["sections"]:
            continue  # the section went away in a later version of the article
        if member["reading"] is not None:
            reading = reading_in(member["reading"])
            found_names, found_places = reading.names, reading.places
        else:
            found = passage(member["id"], article(member["id"]), member["section"])
            found_names, found_places = found.names, found.places
        names.update(found_names)
        for place in found_places:
            places.setdefault(place.canonical, place)
            place_counts[place.canonical] += 1
        published = time_in(member["published_at"])
        assert published is not None
        articles.setdefault(member["id"], StoryArticle(
            member["id"], member["external_id"], member["url"], member["title"], member["source"], published,
            member["language"],
        ))
    first_seen, last_seen = time_in(row["first_seen"]), time_in(row["last_seen"])
    assert first_seen is not None and last_seen is not None
    return Story(
        id=row["id"],
        title=row["title"],
        first_seen=first_seen,
        last_seen=last_seen,
        languages=tuple(dict.fromkeys(a.language for a in articles.values())),
        outlets=tuple(dict.fromkeys(a.source for a in articles.values())),
        articles=tuple(articles.values()),
        names=tuple(name for name, _ in names.most_common(STORY_NAMES)),
        places=tuple(places[key] for key, _ in place_counts.most_common(STORY_NAMES)),
        terms=tuple(json.loads(row["terms"])),
    )


def topic_from_row(row: Row) -> Topic:
    return Topic(row["name"], row["slug"], row["query"], bool(row["discovered"]), row["id"])


def schedule_values(sub: Subscription) -> tuple[Any, ...]:
    """times, tz, max_items, quiet, breaking."""
    return (json.dumps(list(sub.times)), sub.tz, sub.max_items, json.dumps(list(sub.quiet)) if sub.quiet else None,
            sub.breaking)


def subscription_from_row(row: Row) -> Subscription:
    return Subscription(
        topic=row["topic"],
        times=tuple(json.loads(row["times"])),
        tz=row["tz"],
        max_items=row["max_items"],
        quiet=tuple(json.loads(row["quiet"])) if row["quiet"] else None,  # type: ignore[arg-type]
        breaking=row["breaking"],
        email=row["email"],
        push=tuple(json.loads(row["push"])),
        webhooks=tuple(json.loads(row["webhooks"])),
        token=row["token"],
        secret=row["secret"],
        active=bool(row["active"]),
        id=row["id"],
        created_at=time_in(row["created_at"]),
        language=row["language"],
        genres=tuple(genre for genre in row["genres"].split(",") if genre),
        confirmed=bool(row["confirmed"]),
    )


def delivery_from_row(row: Row) -> Delivery:
    return Delivery(
        id=row["id"],
        subscription_id=row["subscription_id"],
        scheduled_at=time_in(row["scheduled_at"]),  # type: ignore[arg-type]
        channel=row["channel"],
        target=row["target"],
        status=DeliveryStatus(row["status"]),
        attempts=row["attempts"],
        next_at=time_in(row["next_at"]),  # type: ignore[arg-type]
        created_at=time_in(row["created_at"]),  # type: ignore[arg-type]
        last_error=row["last_error"],
        sent_at=time_in(row["sent_at"]),
    )


def delivery_outcome(at: datetime, error: str | None, retry_at: datetime | None,
                     cancelled: bool = False) -> tuple[DeliveryStatus, datetime, datetime | None]:
    """(status, next attempt, sent at) after an attempt: sent (no error), due again at `retry_at`, failed, or
    cancelled."""
    if cancelled:
        return DeliveryStatus.CANCELLED, at, None
    if error is None:
        return DeliveryStatus.SENT, at, at
    if retry_at:
        return DeliveryStatus.PENDING, retry_at, None
    return DeliveryStatus.FAILED, at, None


def check_retryable(ids: Sequence[int], found: Mapping[int, Delivery]) -> None:
    """NotFound for an id that is not a delivery, InputError for one that has not failed."""
    for delivery_id in ids:
        if delivery_id not in found:
            raise NotFound(f"no delivery {delivery_id}")
        if found[delivery_id].status is not DeliveryStatus.FAILED:
            raise InputError(f"delivery {delivery_id} is {found[delivery_id].status.value}, not failed")


def passage_readings(members: Iterable[Row], article: Callable[[int], CleanArticle]
                     ) -> list[tuple[int, PassageReading]]:
    """The readings of a story's passages by article id (rows of `article_id`, `section`, `sections` and `reading`,
    in order); one clustered before readings were stored is read from its article."""
    found = []
    for member in members:
        article_id, section = member["article_id"], member["section"]
        if section >= member["sections"]:
            continue  # the section went away in a later version of the article
        found.append((article_id, reading_in(member["reading"]) if member["reading"] is not None
                      else passage_reading(article_id, article(article_id), section)))
    return found
