"""When a subscription's digests are due: its local times in its IANA time zone, as UTC instants.

Rules (pure; the caller passes the clock):

- a local time that does not exist (the spring-forward gap) is sent at the first instant after the gap;
- a local time that occurs twice (the autumn fall-back) is sent at its first occurrence;
- a local time inside the quiet hours is never scheduled; quiet hours may wrap midnight (22:00–07:00);
- after downtime only the latest missed time is due, so a reader gets one catch-up digest, not a burst.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from volg import i18n
from volg.errors import InputError
from volg.models import GENRES, NEWS_GENRES, Subscription

MAX_ITEMS = 50
"""The most items a subscription may ask for in one digest."""

_TIME = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")


def parse_time(value: str) -> time:
    """A local wall-clock time "H:MM" or "HH:MM" (00:00–23:59); InputError otherwise."""
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(f'bad time "{value}": expected HH:MM between 00:00 and 23:59')
    return time(int(match[1]), int(match[2]))


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called `name`; InputError when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError(f'unknown time zone "{name}": expected an IANA name such as Europe/Amsterdam') from None


LANGUAGES = i18n.LANGUAGES
"""The languages a digest can be written in (its words, dates and reasons): those of the pages."""


def check_language(language: str) -> str:
    """`language` as a digest language ("NL" → "nl"); InputError naming the choices when volg cannot write it."""
    normal = language.strip().lower()
    if normal not in LANGUAGES:
        raise InputError(f"unknown digest language {language!r}: expected one of {', '.join(LANGUAGES)}")
    return normal


EXTRA_GENRES = tuple(genre for genre in GENRES if genre not in NEWS_GENRES)
"""The genres a subscription may ask for besides news and live, which every digest holds."""


def check_genres(genres: Sequence[str]) -> tuple[str, ...]:
    """The extra genres a subscription asks for, each once ("Opinion" → "opinion"; news and live need no asking);
    InputError naming the choices for one volg does not know."""
    found = []
    for genre in genres:
        normal = genre.strip().lower()
        if normal in NEWS_GENRES:
            continue
        if normal not in EXTRA_GENRES:
            raise InputError(f"unknown genre {genre!r}: expected some of {', '.join(EXTRA_GENRES)}")
        found.append(normal)
    return tuple(dict.fromkeys(found))


def validate_subscription(sub: Subscription) -> Subscription:
    """A normalised copy of `sub` (times "HH:MM", sorted, deduplicated); InputError with one line if it is unusable."""
    if isinstance(sub.times, str) or not sub.times:
        raise InputError("a subscription needs at least one time, e.g. 08:00,13:00,19:00")
    times = tuple(sorted({_hhmm(parse_time(t)) for t in sub.times}))
    zone(sub.tz)
    if isinstance(sub.max_items, bool) or not isinstance(sub.max_items, int) or not 1 <= sub.max_items <= MAX_ITEMS:
        raise InputError(f"bad maximum of items {sub.max_items!r}: expected a whole number from 1 to {MAX_ITEMS}")
    quiet = sub.quiet
    if quiet is not None:
        if isinstance(quiet, str) or len(quiet) != 2:
            raise InputError(f"bad quiet hours {quiet!r}: expected two times, e.g. 22:00-07:00")
        start, end = (_hhmm(parse_time(t)) for t in quiet)
        if start == end:
            raise InputError(f"bad quiet hours {start}-{end}: start and end must differ")
        quiet = (start, end)
    if sub.breaking is not None and not 0 <= sub.breaking <= 10:
        raise InputError(f"bad breaking threshold {sub.breaking!r}: expected an importance from 0 to 10")
    if isinstance(sub.genres, str):
        raise InputError(f"bad genres {sub.genres!r}: expected a list, e.g. opinion, analysis")
    return replace(sub, times=times, quiet=quiet, language=check_language(sub.language),
                   genres=check_genres(sub.genres))


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local `day` `at` in `tz`: a time in a gap → the end of the gap; a repeated one → the first."""
    local = datetime.combine(day, at, tzinfo=tz)  # fold=0: the first occurrence of a repeated time
    instant = local.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    # `local` does not exist: fold=0 and fold=1 read it with the offsets either side of the transition; the
    # transition instant lies between the two readings, and is where the offset changes.
    other = local.replace(fold=1).astimezone(UTC)
    low, high = min(instant, other), max(instant, other)
    before = low.astimezone(tz).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def is_quiet(sub: Subscription, instant: datetime) -> bool:
    """Whether `instant` falls in the subscription's quiet hours (local time, start included, end excluded)."""
    if sub.quiet is None:
        return False
    local = instant.astimezone(zone(sub.tz)).time().replace(second=0, microsecond=0)
    return _in_quiet((parse_time(sub.quiet[0]), parse_time(sub.quiet[1])), local)


def scheduled_times(sub: Subscription, start: datetime, end: datetime) -> list[datetime]:
    """The UTC instants of the subscription's local times in (start, end], quiet hours left out, sorted."""
    _require_aware(start, end)
    tz = zone(sub.tz)
    quiet = None if sub.quiet is None else (parse_time(sub.quiet[0]), parse_time(sub.quiet[1]))
    times = [t for t in {parse_time(value) for value in sub.times} if quiet is None or not _in_quiet(quiet, t)]
    first = start.astimezone(tz).date() - timedelta(days=1)
    days = (end.astimezone(tz).date() - first).days + 2
    found = {
        local_instant(first + timedelta(days=n), at, tz)
        for n in range(max(0, days))
        for at in times
    }
    return sorted(instant for instant in found if start < instant <= end)


def due_time(sub: Subscription, last_sent: datetime | None, now: datetime) -> datetime | None:
    """The one scheduled instant to compose at `now`: the latest in (last_sent, now], or within 24 h without one.

    After downtime this is only the latest missed time (one catch-up digest); None when nothing is due.
    """
    _require_aware(now)
    if last_sent is None:
        start = now - timedelta(hours=24)
    else:
        _require_aware(last_sent)
        # any 48 hours hold every daily local time at least once, so the latest slot is the same
        start = max(last_sent, now - timedelta(hours=48))
    slots = scheduled_times(sub, start, now)
    return slots[-1] if slots else None


def _in_quiet(quiet: tuple[time, time], at: time) -> bool:
    start, end = quiet
    return start <= at < end if start < end else at >= start or at < end


def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _require_aware(*values: datetime) -> None:
    for value in values:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: the schedule needs timezone-aware times")
