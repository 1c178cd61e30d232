"""Subscriptions and digests through the Service: the demo replay and the seed, on a real SQLite database."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from volg import demo
from volg.errors import InputError, NotFound
from volg.models import Subscription
from volg.pipeline.compose import render_html, render_text
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def open_service(path: Path) -> Service:
    return Service(Settings(), open_storage(str(path)), clock=lambda: T0)


def test_demo_reader_gets_digests_without_repeats(tmp_path: Path) -> None:
    service = open_service(tmp_path / "demo.db")
    report = demo.run(service)
    assert len(report.digests) >= 4
    keys = [item.development.key for d in report.digests for item in d.items]
    assert len(keys) == len(set(keys)), "a development was sent twice"
    sub = report.subscription
    assert sub is not None and sub.id is not None
    for digest in report.digests:
        assert 1 <= len(digest.items) <= sub.max_items
        importance = [item.development.importance for item in digest.items]
        assert importance == sorted(importance, reverse=True)
        local = digest.scheduled_at.astimezone(ZoneInfo(sub.tz))
        assert f"{local:%H:%M}" in sub.times
        for item in digest.items:
            assert digest.since < item.development.first_seen <= digest.scheduled_at
            told = " ".join((item.development.headline, *item.development.summary)).casefold()
            assert all(fact.casefold() in told for fact in item.development.new), "a new fact the item does not state"
    stored = service.storage.list_digests(sub.id)
    assert len(stored) == len(report.digests)
    # composing again at a time already composed records nothing new
    assert service.compose_due(now=report.digests[-1].scheduled_at) == []
    service.close()


def test_one_catch_up_digest_after_downtime(tmp_path: Path) -> None:
    service = open_service(tmp_path / "volg.db")
    service.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    sub = service.subscribe("hoogwater", times=["08:00", "13:00", "19:00"], tz="Europe/Amsterdam")
    assert sub.id is not None
    first = service.compose_due(now=datetime(2026, 11, 17, 12, 30, tzinfo=UTC))
    assert len(first) == 1
    down_until = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # three days without running
    catch_up = service.compose_due(now=down_until)
    assert len(catch_up) == 1
    assert catch_up[0].scheduled_at == datetime(2026, 11, 20, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
    assert catch_up[0].since == first[0].scheduled_at
    assert service.compose_due(now=down_until) == []
    service.close()


def test_shares_of_the_subscriptions_compose_each_digest_once(tmp_path: Path) -> None:
    """Workers compose a share each (subscription id modulo their number): together exactly what one composes."""
    service = open_service(tmp_path / "volg.db")
    service.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    subs = [service.subscribe("hoogwater", times=["13:00"], tz="Europe/Amsterdam") for _ in range(7)]
    at = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)
    shares = [service.compose_due(now=at, share=(k, 3)) for k in range(3)]
    assert [sorted(d.subscription_id for d in share) for share in shares] == [
        sorted(s.id for s in subs if s.id is not None and s.id % 3 == k) for k in range(3)]
    assert service.compose_due(now=at) == []  # all done: no share left anything out
    service.close()


def test_empty_window_sends_nothing(tmp_path: Path) -> None:
    service = open_service(tmp_path / "volg.db")
    service.add_topic("Hoogwater", "hoogwater OR Maas")
    service.subscribe("hoogwater")
    assert service.compose_due(now=T0) == []
    service.close()


def test_bad_subscriptions_are_refused(tmp_path: Path) -> None:
    service = open_service(tmp_path / "volg.db")
    service.add_topic("Hoogwater", "hoogwater")
    with pytest.raises(InputError, match="25:00"):
        service.subscribe("hoogwater", times=["25:00"])
    with pytest.raises(InputError, match="Mars/Olympus"):
        service.subscribe("hoogwater", tz="Mars/Olympus")
    with pytest.raises(InputError, match="not a valid email address"):
        service.subscribe("hoogwater", email="lezer@@example")
    with pytest.raises(NotFound):
        service.subscribe("bestaat-niet")
    service.close()


def test_the_seed_gives_a_digest_of_its_three_developments(tmp_path: Path, seed_path: Path) -> None:
    service = open_service(tmp_path / "volg.db")
    list(service.ingest([str(seed_path)]))
    service.add_topic("Oorlog in Oekraïne", "Oekraïne OR Kiev OR Poetin OR Zelensky")
    digest = service.digest(Subscription("oorlog-in-oekraine"), T0 + timedelta(hours=1))
    assert digest is not None and len(digest.items) >= 3
    headlines = [item.development.headline for item in digest.items]
    sections = [s.heading for a in service.articles() for s in a.clean.sections if s.heading]
    assert len(sections) == 2 and set(sections) <= set(headlines)
    for rendering in (render_text(digest, topic_name="Oorlog in Oekraïne"),
                      render_html(digest, topic_name="Oorlog in Oekraïne")):
        for boilerplate in ("Volg dit onderwerp", "Gebruik je de app", "Foto:"):
            assert boilerplate not in rendering
    service.close()


def test_breaking_developments_go_out_at_once_a_few_a_day(tmp_path: Path) -> None:
    service = open_service(tmp_path / "volg.db")
    service.add_topic("Storm", "Wendela OR storm OR hoogwater OR Maas")
    sub = service.subscribe("storm", times=["08:00", "19:00"], tz="Europe/Amsterdam", breaking=5.0)
    digests = []
    for number, line in enumerate(demo.stream_bytes().splitlines(), start=1):
        arrives = datetime.fromisoformat(json.loads(line)["published_at"])
        list(service.ingest_bytes(line, f"stream.jsonl:{number}"))
        digests += service.compose_due(now=arrives + timedelta(minutes=5))
    urgent = [d for d in digests if d.breaking]
    scheduled = [d for d in digests if not d.breaking]
    assert urgent and scheduled
    for d in urgent:
        assert all(item.development.importance > 5.0 for item in d.items)
        assert all(d.scheduled_at - timedelta(hours=1) < item.development.first_seen for item in d.items)
    per_day = Counter(d.scheduled_at.astimezone(ZoneInfo("Europe/Amsterdam")).date() for d in urgent)
    assert max(per_day.values()) <= 3
    keys = [item.development.key for d in digests for item in d.items]
    assert len(keys) == len(set(keys))
    for before, after in zip(scheduled, scheduled[1:], strict=False):
        assert after.since == before.scheduled_at  # a breaking digest does not move the schedule's window
    assert sub.id is not None
    service.close()
