"""Values → JSON-able dicts, the one shape the CLI's --json and the API print."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from volg.models import (
    Article,
    Citation,
    Delivery,
    Development,
    Digest,
    DigestItem,
    IngestResult,
    Place,
    Source,
    Story,
    Subscription,
    Topic,
)
from volg.storage.records import time_in, time_out

if TYPE_CHECKING:
    from volg.pipeline.cluster.topics import DiscoveredTopic


def article_json(article: Article) -> dict[str, Any]:
    clean = article.clean
    return {
        "id": article.id,
        "external_id": clean.external_id,
        "language": clean.language,
        "title": clean.title,
        "url": clean.url,
        "source": clean.source,
        "published_at": time_out(clean.published_at),
        "version": article.version,
        "copy_of": article.copy_of,
        "genre": clean.genre,
        "genre_evidence": list(clean.genre_evidence),
        "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in clean.sections],
        "places": [place_json(p) for p in clean.places],
        "names": list(clean.names),
        "removed": list(clean.removed),
    }


def result_json(result: IngestResult) -> dict[str, Any]:
    """One ingest result: the article's fields with `status`, or a reject with `error` and its `origin`."""
    if result.article is None:
        return {"id": None, "external_id": None, "status": result.status.value, "origin": result.origin,
                "error": result.error}
    return {"status": result.status.value, "origin": result.origin} | article_json(result.article) | {
        "error": result.error
    }


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "name": source.name,
        "every_s": source.every_s,
        "next_poll_at": time_out(source.next_poll_at),
        "last_polled_at": time_out(source.last_polled_at),
        "last_status": source.last_status,
        "last_error": source.last_error,
        "failures": source.failures,
        "etag": source.etag,
        "last_modified": source.last_modified,
    }


def story_json(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": time_out(story.first_seen),
        "last_seen": time_out(story.last_seen),
        "languages": list(story.languages),
        "outlets": list(story.outlets),
        "terms": list(story.terms),
        "names": list(story.names),
        "places": [p.name for p in story.places],
        "articles": [
            {"id": a.id, "external_id": a.external_id, "url": a.url, "title": a.title, "source": a.source,
             "published_at": time_out(a.published_at), "language": a.language}
            for a in story.articles
        ],
    }


def topic_json(topic: Topic, stories: int | None = None) -> dict[str, Any]:
    return {"kind": "defined", "name": topic.name, "slug": topic.slug, "query": topic.query,
            "discovered": topic.discovered, "stories": stories}


def discovered_json(topic: DiscoveredTopic) -> dict[str, Any]:
    from volg.pipeline.cluster.topics import query_for  # here: the CLI prints articles without the topic machinery

    return {"kind": "discovered", "name": topic.name, "slug": topic.slug, "query": query_for(topic), "discovered": True,
            "stories": len(topic.story_ids), "story_ids": list(topic.story_ids), "names": list(topic.names),
            "places": list(topic.places), "terms": list(topic.terms), "first_seen": time_out(topic.first_seen),
            "last_seen": time_out(topic.last_seen)}


def development_json(dev: Development) -> dict[str, Any]:
    return {
        "key": dev.key,
        "story_id": dev.story_id,
        "headline": dev.headline,
        "summary": list(dev.summary),
        "language": dev.language,
        "first_seen": time_out(dev.first_seen),
        "importance": round(dev.importance, 3),
        "reasons": list(dev.reasons),
        "update_of": dev.update_of,
        "new": list(dev.new),
        "genre": dev.genre,
        "places": [place_json(p) for p in dev.places],
        "sources": [
            {"article_id": c.article_id, "external_id": c.external_id, "outlet": c.outlet, "url": c.url,
             "title": c.title, "published_at": time_out(c.published_at)}
            for c in dev.sources
        ],
    }


def delivery_json(delivery: Delivery, shown_target: str) -> dict[str, Any]:
    """A delivery with its target as it may be shown (push URLs hold secrets)."""
    return {
        "id": delivery.id,
        "subscription_id": delivery.subscription_id,
        "digest": delivery.key,
        "scheduled_at": time_out(delivery.scheduled_at),
        "channel": delivery.channel,
        "target": shown_target,
        "status": delivery.status.value,
        "attempts": delivery.attempts,
        "next_at": time_out(delivery.next_at),
        "last_error": delivery.last_error,
        "sent_at": time_out(delivery.sent_at),
    }


def place_json(place: Place) -> dict[str, Any]:
    return {"name": place.name, "canonical": place.canonical, "lat": place.lat, "lon": place.lon,
            "country": place.country, "kind": place.kind}


def development_from_json(data: dict[str, Any]) -> Development:
    """The inverse of `development_json` (importance as rounded there)."""
    return Development(
        key=data["key"],
        story_id=data["story_id"],
        headline=data["headline"],
        summary=tuple(data["summary"]),
        language=data["language"],
        sources=tuple(
            Citation(c["article_id"], c["outlet"], c["url"], c["title"], _time(c["published_at"]), c["external_id"])
            for c in data["sources"]
        ),
        places=tuple(Place(**p) for p in data["places"]),
        first_seen=_time(data["first_seen"]),
        importance=data["importance"],
        reasons=tuple(data["reasons"]),
        update_of=data["update_of"],
        new=tuple(data["new"]),
        genre=data.get("genre", "news"),  # digests stored before volg sent other genres
    )


def digest_from_json(data: dict[str, Any]) -> Digest:
    """A stored digest (`render_json`'s shape) as the value it was rendered from, to render it again."""
    return Digest(
        subscription_id=data["subscription_id"],
        topic=data["topic"],
        scheduled_at=_time(data["scheduled_at"]),
        since=_time(data["since"]),
        items=tuple(DigestItem(development_from_json(item), item["is_update"]) for item in data["items"]),
        language=data["language"],
        breaking=data["breaking"],
    )


def _time(value: str) -> datetime:
    found = time_in(value)
    assert found is not None
    return found


def subscription_json(sub: Subscription, shown: Callable[[str, str], str]) -> dict[str, Any]:
    """A subscription without its secrets (the feed token, the webhook secret); `shown(channel, target)` gives each
    push and webhook URL as it may be shown (`volg.pipeline.deliver.shown_target`: their tokens hidden)."""
    return {
        "id": sub.id,
        "topic": sub.topic,
        "times": list(sub.times),
        "tz": sub.tz,
        "max_items": sub.max_items,
        "language": sub.language,
        "genres": list(sub.genres),
        "quiet": list(sub.quiet) if sub.quiet else None,
        "breaking": sub.breaking,
        "email": sub.email,
        "push": [shown("push", url) for url in sub.push],
        "webhooks": [shown("webhook", url) for url in sub.webhooks],
        "active": sub.active,
        "confirmed": sub.confirmed,
        "created_at": time_out(sub.created_at),
    }
