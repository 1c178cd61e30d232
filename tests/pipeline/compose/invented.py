"""Invented developments for the compose tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from volg.models import Citation, Development

T0 = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # Monday 08:00 in Amsterdam
THINGS = ("dijken", "bruggen", "treinen", "scholen", "havens", "boeren", "stranden", "tunnels", "molens", "kerken",
          "musea", "sluizen", "bossen", "markten", "pleinen", "torens", "kastelen", "veerboten", "vliegvelden",
          "stadions", "fabrieken", "winkels", "parken", "grachten", "kades", "wegen", "kranen", "boten")


_LETTERS = str.maketrans("0123456789:.", "abcdefghijkl")


def dev(
    key: str,
    story: int,
    importance: float,
    minutes: int,
    *,
    update_of: str | None = None,
    new: tuple[str, ...] = (),
    headline: str | None = None,
    summary: tuple[str, ...] | None = None,
    language: str = "nl",
    url: str = "https://www.example.nl/a",
    reasons: tuple[str, ...] = ("1 outlet", "in 1 headline"),
) -> Development:
    """A development `minutes` after T0; the outlet's report is published then too. Its headline names a thing of
    its story, and otherwise headline and summary use words of its own key, so no two tell the same event."""
    seen = T0 + timedelta(minutes=minutes)
    thing = THINGS[story * 3 % len(THINGS)]
    own = key.translate(_LETTERS)  # "1:2.0" → "bkcla": a word no other key gives
    if summary is None:
        summary = (f"{own.capitalize()}stad, {own}haven en {own}markt.",)
    return Development(
        key=key,
        story_id=story,
        headline=headline or f"{thing.capitalize()} in {own}dorp {key}",
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
