"""volg replay: try topics and subscriptions on a past stream, without touching the database or sending anything."""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from volg.cli.base import database_option, err, fail, main, out, service
from volg.errors import VolgError
from volg.models import IngestResult, Status, Subscription, Topic
from volg.pipeline.compose import render_json, render_text
from volg.replay import read_stream, replay
from volg.service import Service, make_service


@main.command("replay")
@click.argument("stream", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--query", metavar="QUERY", help="Follow this query (a topic made for the replay) instead of, or "
              "besides, the database's subscriptions: e.g. 'hoogwater OR Maas OR overstroming'.")
@click.option("--name", default="Replay", show_default=True, help="Name of the --query topic.")
@click.option("--at", "times", default="08:00,13:00,19:00", show_default=True, metavar="HH:MM,...",
              help="Local hours of the --query reader's digests.")
@click.option("--tz", default="Europe/Amsterdam", show_default=True, help="Time zone of those hours.")
@click.option("--max", "max_items", default=5, show_default=True, type=int, help="Most items in one digest.")
@click.option("--lang", "language", metavar="nl|en|de|fr|es|it", help="Language of the --query reader's digests "
              "(default: the language setting).")
@click.option("--topic", "only_topic", metavar="SLUG", help="Only the database's subscriptions to this topic.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per digest instead of text.")
@database_option
def replay_command(stream: Path, query: str | None, name: str, times: str, tz: str, max_items: int,
                   language: str | None, only_topic: str | None, as_json: bool) -> None:
    """Replay a JSON Lines STREAM in order of published_at on a simulated clock, and print every digest the
    subscriptions would have received at their hours as the articles arrived.

    The database's topics and active subscriptions are copied into a scratch database, so nothing is stored in yours
    and nothing is sent. With --query, a reader of that query is added: tune a topic on the past before following
    it. Each article that cannot go in is named on stderr (exit code 1); the rest still go in."""
    try:
        content = stream.read_bytes()
    except OSError as exc:
        fail(f"{stream}: cannot read ({exc.strerror})")
    lines = read_stream(content, str(stream))
    with service() as mine:
        topics = mine.topics()
        subscriptions = [s for s in mine.subscriptions() if s.active and only_topic in (None, s.topic)]
    rejected = 0
    with tempfile.TemporaryDirectory(prefix="volg-replay-") as scratch, make_service(
            database=str(Path(scratch) / "replay.db")) as svc:
        originals = _copy(svc, topics, subscriptions)
        if query:
            try:
                topic = svc.add_topic(name, query)
                sub = svc.subscribe(topic.slug, times=[t.strip() for t in times.split(",") if t.strip()], tz=tz,
                                    max_items=max_items, language=language)
            except VolgError as exc:
                fail(str(exc))
            assert sub.id is not None
            originals[sub.id] = None
        if not originals:
            fail("nothing to replay for: the database has no active subscriptions; give --query to follow one")
        names = {t.slug: t.name for t in svc.topics()}
        zones = {s.id: s.tz for s in svc.subscriptions()}
        with Progress(TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
            task = progress.add_task("replay", total=len(lines))

            def arrived(result: IngestResult) -> None:
                nonlocal rejected
                progress.advance(task)
                if result.status is Status.REJECTED:
                    rejected += 1
                    err.print(f"rejected: {result.error}", markup=False)

            for digest in replay(svc, lines, arrived):
                if as_json:
                    body = render_json(digest)
                    body.pop("subscription_id")
                    print(json.dumps({"subscription": originals.get(digest.subscription_id)} | body,
                                     ensure_ascii=False))
                else:
                    out.print(render_text(digest, topic_name=names.get(digest.topic, digest.topic),
                                          tz=zones.get(digest.subscription_id)), markup=False)
    if rejected:
        sys.exit(1)


def _copy(svc: Service, topics: list[Topic], subscriptions: list[Subscription]) -> dict[int, int | None]:
    """The topics and subscriptions (without their channels) in the scratch database; new id → the original's."""
    for topic in topics:
        svc.add_topic(topic.name, topic.query)
    originals: dict[int, int | None] = {}
    for sub in subscriptions:
        copied = svc.storage.add_subscription(replace(sub, id=None, email=None, push=(), webhooks=()))
        assert copied.id is not None
        originals[copied.id] = sub.id
    return originals
