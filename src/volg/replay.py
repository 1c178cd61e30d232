"""A stream replayed on a simulated clock: what readers would have received had volg been running at the time.

The stream's articles are ingested in order of `published_at`, with volg's clock at each article's time; before
each article, every digest that was due by then (at each subscription's hours) is composed from what had arrived.
`volg demo` replays its bundled stream this way, and `volg replay` any JSON Lines stream.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from volg.errors import InputError
from volg.models import Digest, IngestResult
from volg.pipeline.compose import scheduled_times
from volg.pipeline.ingest.documents import parse_time
from volg.service import Service

TAIL = timedelta(hours=24)
"""How long after the last article digests are still composed."""


@dataclass(frozen=True)
class StreamLine:
    """One line of a JSON Lines stream, with the time it arrives (None when it names none, or a bad one)."""

    origin: str
    content: bytes
    at: datetime | None


def read_stream(content: bytes, origin: str) -> list[StreamLine]:
    """The stream's lines in order of arrival. A line without a readable time keeps its place after the line before
    it; ingesting it reports what is wrong with it."""
    lines = []
    previous: datetime | None = None
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        at = _arrival(line, f"{origin}:{number}")
        lines.append((at or previous, number, StreamLine(f"{origin}:{number}", line, at)))
        previous = at or previous
    first = min((at for at, _, _ in lines if at is not None), default=None)
    return [line for _, _, line in sorted(lines, key=lambda entry: (entry[0] or first, entry[1]))]


def _arrival(line: bytes, where: str) -> datetime | None:
    try:
        record = json.loads(line)
        return parse_time(record.get("published_at"), where) if isinstance(record, dict) else None
    except (ValueError, RecursionError, InputError):  # bad JSON, nested too deeply, a bad time: ingest says which
        return None


def replay(service: Service, lines: Iterable[StreamLine],
           progress: Callable[[IngestResult], None] = lambda result: None, *, tail: timedelta = TAIL,
           ) -> Iterator[Digest]:
    """Ingest `lines` in order on a simulated clock and yield each digest the service's subscriptions get on the way,
    as it is composed and recorded (with the subscriptions' channels: the caller decides whether they are sent)."""
    composed_until: datetime | None = None
    for line in lines:
        if line.at is not None:
            if composed_until is not None:
                yield from _compose(service, composed_until, line.at - timedelta(seconds=1))
            composed_until = max(composed_until or line.at, line.at - timedelta(seconds=1))
            service.clock = _fixed(line.at)
        for result in service.ingest_bytes(line.content, line.origin):
            progress(result)
    if composed_until is not None:
        yield from _compose(service, composed_until, composed_until + tail)


def _compose(service: Service, start: datetime, end: datetime) -> Iterator[Digest]:
    """The digests due at each subscription's hours in (start, end], in time order."""
    subscriptions = service.storage.list_subscriptions(active=True)
    for instant in sorted({t for sub in subscriptions for t in scheduled_times(sub, start, end)}):
        yield from service.compose_due(now=instant)


def _fixed(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment
