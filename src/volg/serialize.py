"""Values → JSON-able dicts, the one shape the CLI's --json and the API print."""

from __future__ import annotations

from typing import Any

from volg.models import Article, IngestResult, Source
from volg.storage.records import time_out


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
        "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in clean.sections],
        "places": [
            {"name": p.name, "canonical": p.canonical, "lat": p.lat, "lon": p.lon, "country": p.country,
             "kind": p.kind}
            for p in clean.places
        ],
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
