"""What the pages show, gathered from the Service into plain values: places on a map, activity per day, the
moment "now" stands for. Pure where it can be; no HTML here."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from volg.models import Development, Place, Story
from volg.pipeline.clean.place_names import name_in
from volg.pipeline.compose.repeats import sent_of

ACTIVITY_DAYS = 7


@dataclass(frozen=True)
class MapPlace:
    name: str
    lat: float
    lon: float
    country: str
    count: int
    kind: str = "city"  # as Place.kind: the map labels a "country" on its shape rather than with a marker


def news_now(clock_now: datetime, stories: Iterable[Story]) -> datetime:
    """The moment pages treat as now: the clock, or — when nothing arrived lately (an archive, the demo) — an
    hour after the newest story was last seen, so "recent" and "the digest you would get now" show its news."""
    latest = max((story.last_seen for story in stories), default=None)
    return clock_now if latest is None else min(clock_now, latest + timedelta(hours=1))


def map_places(developments: Iterable[Development], language: str, *,
               named_by: Iterable[Development] | None = None) -> list[MapPlace]:
    """The places the developments name, once each (by canonical name), with how many developments name them,
    most-named first, named in `language`: a country by its name there, another place as the headlines and
    summaries in that language of the developments — or of `named_by`, a wider set (the home page's few
    developments learn names from all of them) — write it, and one no development in `language` names by volg's
    data's name for it there (`_spelling`)."""
    developments = list(developments)
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for dev in developments:
        for place in {p.canonical: p for p in dev.places}.values():
            counts[place.canonical] += 1
            first.setdefault(place.canonical, place)
    teachers = developments if named_by is None else list(named_by)
    spellings: dict[str, Counter[str]] = {key: Counter() for key in counts}
    own: dict[str, Counter[str]] = {key: Counter() for key in counts}
    for dev in teachers:
        for place in {p.canonical: p for p in dev.places if p.canonical in counts}.values():
            spellings[place.canonical][place.name] += 1
            if dev.language == language:
                own[place.canonical][place.name] += 1
    written = _written(teachers, {key: list(names) for key, names in spellings.items() if len(names) > 1}, language)
    return [MapPlace(_spelling(first[key], own[key], written.get(key, Counter()), language),
                     first[key].lat, first[key].lon, first[key].country, n, first[key].kind)
            for key, n in counts.most_common()]


def _written(developments: Iterable[Development], spellings: Mapping[str, list[str]],
             language: str) -> dict[str, Counter[str]]:
    """For each place with several spellings, how often the headline and summary in `language` of a development
    naming it write each spelling (as a whole word)."""
    written: dict[str, Counter[str]] = {}
    if not spellings:
        return written
    for dev in developments:
        keys = {p.canonical for p in dev.places if p.canonical in spellings}
        told = dev.told_in(language) if keys else dev
        if not keys or told.language != language:
            continue
        text = " ".join((told.headline, *told.summary))
        for key in keys:
            for name in spellings[key]:
                if name in text:
                    found = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
                    written.setdefault(key, Counter())[name] += found
    return written


def _spelling(place: Place, own: Counter[str], written: Counter[str], language: str) -> str:
    """A place's name in `language`. A country's from CLDR. Another's as the developments' text in that language
    writes it most often (`written`), of the spellings its developments carry: a development's places keep the
    spelling of whichever of its articles named them first, so a Dutch one may carry "Lisbon" from an English
    source while its Dutch summary says "Lissabon". When that text names it in none of them: a spelling the
    developments in that language carry (`own`), for a language other than English one that is not the gazetteer's
    English name (for English, that one). Else its name in that language from volg's data (`place_names.name_in`:
    "Rijn", "Wallonië", "Wenen", not the "Rhine" an English source gave a development)."""
    if place.kind == "country" and place.country:
        return name_in(place, language)
    if written and max(written.values()) > 0:
        return written.most_common(1)[0][0]
    local = [name for name, _ in own.most_common() if (name == place.canonical) == (language == "en")]
    return local[0] if local else name_in(place, language)


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


def without_retellings(timeline: Sequence[Development], language: str) -> list[Development]:
    """The timeline without the developments that only tell, in another language than the page's, what one told in
    the page's language does (an English wire's "6 billion euros for rivers" beside the Dutch report of the same
    agreement; the same test as a digest's, `repeats.Sent.same_event`): their sources and places join that one's.
    Order is kept."""
    told = [dev.told_in(language) for dev in timeline]
    own = [sent_of(dev) if dev.language == language else None for dev in told]
    merged: dict[int, list[Development]] = {}
    for index, dev in enumerate(told):
        if own[index] is None:
            other = sent_of(dev)
            into = next((at for at, mine in enumerate(own) if mine is not None and mine.same_event(other)), None)
            if into is not None:
                merged.setdefault(into, []).append(timeline[index])
    gone = {id(dev) for devs in merged.values() for dev in devs}
    kept = []
    for index, dev in enumerate(timeline):
        if id(dev) in gone:
            continue
        others = merged.get(index, [])
        if others:
            sources = {(s.outlet, s.url): s for s in (*dev.sources, *(s for o in others for s in o.sources))}
            places = {p.name: p for p in (*dev.places, *(p for o in others for p in o.places))}
            dev = replace(dev, sources=tuple(sorted(sources.values(), key=lambda s: s.published_at)),
                          places=tuple(places.values()))
        kept.append(dev)
    return kept


def recent_important(developments: Iterable[Development], now: datetime, *, hours: int = 48,
                     limit: int = 8) -> list[Development]:
    """The most important developments of the last `hours` before `now`."""
    recent = [d for d in developments if now - timedelta(hours=hours) <= d.first_seen <= now]
    return sorted(recent, key=lambda d: (-d.importance, d.first_seen))[:limit]
