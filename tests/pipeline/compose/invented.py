"""Invented developments for the compose tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from volg.models import Citation, Development

T0 = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # Monday 08:00 in Amsterdam
THINGS = ("dijken", "bruggen", "treinen", "scholen", "havens", "boeren", "stranden", "tunnels", "molens", "kerken",
          "musea", "sluizen", "bossen", "markten", "pleinen", "torens", "kastelen", "veerboten", "vliegvelden",
          "stadions", "fabrieken", "winkels", "parken", "grachten", "kades", "wegen", "kranen", "boten")


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
    """A development `minutes` after T0; the outlet's report is published then too. Its summary names things of its
    own story, so developments of different stories never tell the same event."""
    seen = T0 + timedelta(minutes=minutes)
    things = [THINGS[(story * 3 + n) % len(THINGS)] for n in range(3)]
    if summary is None:
        summary = (f"{things[1].capitalize()}, {things[2]}.",)
    return Development(
        key=key,
        story_id=story,
        headline=headline or f"{things[0].capitalize()} {key}",
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
