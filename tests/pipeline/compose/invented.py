"""Invented developments for the compose tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from volg.models import Citation, Development

T0 = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # Monday 08:00 in Amsterdam


def dev(
    key: str,
    story: int,
    importance: float,
    minutes: int,
    *,
    update_of: str | None = None,
    new: tuple[str, ...] = (),
    headline: str | None = None,
    summary: tuple[str, ...] = ("Er is iets gebeurd dat ertoe doet in dit verhaal.",),
    language: str = "nl",
    url: str = "https://www.example.nl/a",
    reasons: tuple[str, ...] = ("1 outlet", "in 1 headline"),
) -> Development:
    """A development `minutes` after T0; the outlet's report is published then too."""
    seen = T0 + timedelta(minutes=minutes)
    return Development(
        key=key,
        story_id=story,
        headline=headline or f"Kop {key}",
        summary=summary,
        language=language,
        sources=(Citation(1, "De Havenbode", url, headline or f"Kop {key}", seen),),
        places=(),
        first_seen=seen,
        importance=importance,
        reasons=reasons,
        update_of=update_of,
        new=new,
    )
