from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from volg.errors import FetchError
from volg.models import Source
from volg.pipeline.ingest.fetch import Response
from volg.pipeline.ingest.schedule import MAX_BACKOFF_S, after_poll, due

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SOURCE = Source(url="https://news.example/feed", name="News", every_s=600, etag='"old"',
                last_modified="Mon, 29 Apr 2024 08:00:00 GMT")


def response(status: int, etag: str | None = None, last_modified: str | None = None) -> Response:
    return Response(SOURCE.url, status, b"<rss/>" if status == 200 else b"", "application/rss+xml", None, etag,
                    last_modified)


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


def test_due_lists_never_polled_then_longest_overdue_and_skips_future() -> None:
    sources = [replace(SOURCE, name="soon", next_poll_at=at(1)), replace(SOURCE, name="late", next_poll_at=at(-5)),
               replace(SOURCE, name="new-a"), replace(SOURCE, name="now", next_poll_at=NOW),
               replace(SOURCE, name="later", next_poll_at=at(-1)), replace(SOURCE, name="new-b")]
    assert [s.name for s in due(sources, NOW)] == ["new-a", "new-b", "late", "later", "now"]
    assert due([], NOW) == []


def test_a_200_stores_the_validators_and_polls_again_after_every_s() -> None:
    failing = replace(SOURCE, failures=3, last_error="boom", last_status=500)
    polled = after_poll(failing, NOW, response=response(200, '"new"', "Wed, 01 May 2024 11:00:00 GMT"))
    assert (polled.etag, polled.last_modified) == ('"new"', "Wed, 01 May 2024 11:00:00 GMT")
    assert (polled.failures, polled.last_error, polled.last_status) == (0, None, 200)
    assert (polled.last_polled_at, polled.next_poll_at) == (NOW, NOW + timedelta(seconds=600))


def test_a_200_without_validators_forgets_the_old_ones() -> None:
    polled = after_poll(SOURCE, NOW, response=response(200))
    assert (polled.etag, polled.last_modified) == (None, None)


def test_a_304_keeps_the_validators() -> None:
    polled = after_poll(replace(SOURCE, failures=2), NOW, response=response(304, '"other"'))
    assert (polled.etag, polled.last_modified) == (SOURCE.etag, SOURCE.last_modified)
    assert (polled.last_status, polled.failures, polled.next_poll_at) == (304, 0, NOW + timedelta(seconds=600))


def test_failures_back_off_exponentially_up_to_a_day() -> None:
    error = FetchError("https://news.example/feed: HTTP 500 Internal Server Error", status=500)
    source, delays = SOURCE, []
    for _ in range(10):
        source = after_poll(source, NOW, error=error)
        delays.append((source.next_poll_at - NOW).total_seconds())
    assert delays[:5] == [1200, 2400, 4800, 9600, 19200]
    assert delays[-1] == MAX_BACKOFF_S and max(delays) == MAX_BACKOFF_S
    assert (source.failures, source.last_status, source.last_error) == (10, 500, str(error))
    assert (source.etag, source.last_polled_at) == (SOURCE.etag, NOW)


def test_network_failures_back_off_too() -> None:
    polled = after_poll(SOURCE, NOW, error=FetchError("https://news.example/feed: cannot connect (refused)"))
    assert (polled.failures, polled.last_status, polled.next_poll_at) == (1, None, NOW + timedelta(seconds=1200))
    assert polled.last_error == "https://news.example/feed: cannot connect (refused)"


def test_a_success_after_failures_resets_the_backoff() -> None:
    failed = after_poll(after_poll(SOURCE, NOW, error=FetchError("x", status=502)), NOW, error=FetchError("x"))
    assert failed.failures == 2
    recovered = after_poll(failed, NOW, response=response(304))
    assert recovered.failures == 0
    again = after_poll(recovered, NOW, error=FetchError("x", status=500))
    assert again.next_poll_at == NOW + timedelta(seconds=1200)


@pytest.mark.parametrize("status, retry_after, expected", [
    (429, 7200.0, 7200.0),
    (503, 3600.0, 3600.0),
    (429, 5.0, 600.0),  # never sooner than every_s
    (429, None, 1200.0),  # no Retry-After: the usual backoff
    (500, 7200.0, 1200.0),  # Retry-After counts for 429 and 503 only
])
def test_throttling_honours_retry_after(status: int, retry_after: float | None, expected: float) -> None:
    error = FetchError(f"https://news.example/feed: HTTP {status}", status=status, retry_after_s=retry_after)
    polled = after_poll(SOURCE, NOW, error=error)
    assert polled.next_poll_at == NOW + timedelta(seconds=expected)
    assert (polled.failures, polled.last_status) == (1, status)


def test_jitter_only_with_a_random_generator_and_deterministic() -> None:
    error = FetchError("x", status=500)
    plain = after_poll(SOURCE, NOW, error=error)
    first = after_poll(SOURCE, NOW, error=error, rng=random.Random(7))
    second = after_poll(SOURCE, NOW, error=error, rng=random.Random(7))
    assert plain.next_poll_at == NOW + timedelta(seconds=1200)
    assert first.next_poll_at == second.next_poll_at
    assert NOW + timedelta(seconds=1200) < first.next_poll_at <= NOW + timedelta(seconds=1320)


def test_exactly_one_outcome_is_required() -> None:
    with pytest.raises(ValueError):
        after_poll(SOURCE, NOW)
    with pytest.raises(ValueError):
        after_poll(SOURCE, NOW, response=response(200), error=FetchError("x"))
