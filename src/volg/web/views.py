"""What the pages show, gathered from the Service into plain values: places on a map, activity per day, the
moment "now" stands for. Pure where it can be; no HTML here."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from volg.models import Development, Place, Story

ACTIVITY_DAYS = 7


@dataclass(frozen=True)
class MapPlace:
    name: str
    lat: float
    lon: float
    country: str
    count: int


def news_now(clock_now: datetime, stories: Iterable[Story]) -> datetime:
    """The moment pages treat as now: the clock, or — when nothing arrived lately (an archive, the demo) — an
    hour after the newest story was last seen, so "recent" and "the digest you would get now" show its news."""
    latest = max((story.last_seen for story in stories), default=None)
    return clock_now if latest is None else min(clock_now, latest + timedelta(hours=1))


def map_places(developments: Iterable[Development], language: str) -> list[MapPlace]:
    """The places the developments name, once each (by canonical name), with how many developments name them,
    named in `language`: a country by its name there, another place as a development in that language writes it
    (else as it was first written)."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    first_language: dict[str, str] = {}
    for dev in developments:
        for place in {p.canonical: p for p in dev.places}.values():
            counts[place.canonical] += 1
            if place.canonical not in first or dev.language == language != first_language.get(place.canonical):
                first[place.canonical] = place
                first_language[place.canonical] = dev.language
    return [MapPlace(_name_in(first[key], language), first[key].lat, first[key].lon, first[key].country, n)
            for key, n in counts.most_common()]


def _name_in(place: Place, language: str) -> str:
    """A country's name in `language` (CLDR, through babel); another place's name as written."""
    if place.kind != "country" or not place.country:
        return place.name
    from babel import Locale, UnknownLocaleError

    try:
        return Locale(language).territories.get(place.country.upper(), place.name)
    except (UnknownLocaleError, ValueError):
        return place.name


def places_json(places: Sequence[MapPlace]) -> str:
    """The map's data attribute: a JSON list (Jinja2 escapes it for the attribute)."""
    return json.dumps([p.__dict__ for p in places], ensure_ascii=False)


def activity(developments: Iterable[Development], now: datetime, days: int = ACTIVITY_DAYS) -> list[int]:
    """Developments first seen on each of the `days` days up to `now`, oldest day first."""
    counts = [0] * days
    for dev in developments:
        age = (now - dev.first_seen).days
        if 0 <= age < days:
            counts[days - 1 - age] += 1
    return counts


def recent_important(developments: Iterable[Development], now: datetime, *, hours: int = 48,
                     limit: int = 8) -> list[Development]:
    """The most important developments of the last `hours` before `now`."""
    recent = [d for d in developments if now - timedelta(hours=hours) <= d.first_seen <= now]
    return sorted(recent, key=lambda d: (-d.importance, d.first_seen))[:limit]
