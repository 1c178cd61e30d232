"""CleanArticle and Source fields ↔ plain JSON-able rows, shared by every backend."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from volg.models import CleanArticle, Place, Section


def time_out(value: datetime | None) -> str | None:
    """UTC ISO 8601 with a fixed width, so stored times sort as text."""
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def time_in(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


def article_row(article: CleanArticle) -> dict[str, Any]:
    return {
        "url": article.url,
        "source": article.source,
        "external_id": article.external_id,
        "title": article.title,
        "published_at": time_out(article.published_at),
        "language": article.language,
        "sections": json.dumps([[s.heading, list(s.paragraphs)] for s in article.sections], ensure_ascii=False),
        "places": json.dumps(
            [[p.name, p.canonical, p.lat, p.lon, p.country, p.kind] for p in article.places], ensure_ascii=False
        ),
        "names": json.dumps(list(article.names), ensure_ascii=False),
        "removed": json.dumps(list(article.removed), ensure_ascii=False),
    }


def article_from_row(row: Any) -> CleanArticle:
    published = time_in(row["published_at"])
    assert published is not None
    return CleanArticle(
        url=row["url"],
        source=row["source"],
        external_id=row["external_id"],
        title=row["title"],
        published_at=published,
        language=row["language"],
        sections=tuple(Section(h, tuple(ps)) for h, ps in json.loads(row["sections"])),
        places=tuple(Place(*p) for p in json.loads(row["places"])),
        names=tuple(json.loads(row["names"])),
        removed=tuple(json.loads(row["removed"])),
    )
