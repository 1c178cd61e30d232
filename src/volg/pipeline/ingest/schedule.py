"""When to poll a source next: pure decisions over `Source` values, no I/O and no clock of its own."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from volg.errors import FetchError, InputError, for_operator
from volg.models import Source
from volg.pipeline.ingest.fetch import Response

MAX_BACKOFF_S = 24 * 3600
MAX_RETRY_AFTER_S = 7 * 24 * 3600  # a server asking for more is misconfigured; ask again after a week
THROTTLED = frozenset({429, 503})
JITTER = 0.1  # at most this fraction is added to a failure's delay when a random.Random is passed


def due(sources: Iterable[Source], now: datetime) -> list[Source]:
    """The sources to poll at `now`: never polled first, then the longest overdue; ties keep their order."""
    ready = [s for s in sources if s.next_poll_at is None or s.next_poll_at <= now]
    return sorted(ready, key=lambda s: (s.next_poll_at is not None, s.next_poll_at or now))


def after_poll(source: Source, now: datetime, *, response: Response | None = None, error: InputError | None = None,
               rng: random.Random | None = None) -> Source:
    """`source` after one poll at `now` that gave either `response` or `error` (a `FetchError`, or what else
    went wrong reading the source).

    Success resets the failures and polls again after `every_s`. A 429 or 503 with Retry-After waits that long
    (at least `every_s`); any other failure backs off `every_s * 2**failures`, capped at a day.
    """
    if (response is None) == (error is None):
        raise ValueError("after_poll needs exactly one of response and error")
    if response is not None:
        fresh = response.status == 200
        return replace(
            source, last_polled_at=now, last_status=response.status, last_error=None, failures=0,
            etag=response.etag if fresh else source.etag,
            last_modified=response.last_modified if fresh else source.last_modified,
            next_poll_at=now + timedelta(seconds=source.every_s))
    assert error is not None
    failures = source.failures + 1
    fetch = error if isinstance(error, FetchError) else None  # what else went wrong has no HTTP status
    status = fetch.status if fetch else None
    if fetch and fetch.status in THROTTLED and fetch.retry_after_s is not None:
        delay = max(float(source.every_s), min(fetch.retry_after_s, MAX_RETRY_AFTER_S))
    else:
        delay = max(float(source.every_s), min(source.every_s * 2.0 ** min(failures, 32), MAX_BACKOFF_S))
    if rng is not None:
        delay += rng.uniform(0, JITTER * delay)
    return replace(source, last_polled_at=now, last_status=status, last_error=for_operator(error), failures=failures,
                   next_poll_at=now + timedelta(seconds=delay))
