"""volg demo: the bundled demo stream, replayed into a fresh database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from volg import demo
from volg.cli.base import database_option, err, fail, fit, main, out
from volg.cli.serve import port_free, run_server
from volg.counts import counted
from volg.models import Status
from volg.pipeline.compose import render_text
from volg.service import make_service
from volg.settings import load_settings

# demo


@main.command("demo")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to serve the web UI on at the end.")
@click.option("--no-serve", is_flag=True, help="Do not serve the web UI at the end; just print the summary.")
@database_option
def demo_command(port: int, no_serve: bool) -> None:
    """Replay the bundled demo stream into a fresh database: what was stored, the stories, topics and digests.

    The database is demo.db under the home folder, made anew on every run, unless --database names a new file.
    The reader's digests also go to its Atom feed (written next to the database as demo-feed.atom) and, when the
    smtp_url setting is set (e.g. VOLG_SMTP_URL=smtp://127.0.0.1:2525), by email to a demo address. Then the web UI
    serves the demo on http://127.0.0.1:PORT until Ctrl-C (unless --no-serve).
    """
    ctx = click.get_current_context()
    target = (ctx.obj or {}).get("database")
    settings = load_settings()
    path = Path(target) if target else settings.home_path / "demo.db"
    if target and target.startswith(("postgresql://", "postgres://")):
        fail("the demo makes a fresh SQLite file; give --database a path (a PostgreSQL database is yours to keep)")
    if target and path.exists():
        fail(f"{path} already exists; the demo needs a fresh database (give a new path)")
    if not no_serve and not port_free("127.0.0.1", port):
        fail(f"port {port} is in use: stop what listens there, or pass another (--port {port + 1}), or --no-serve")
    if not target:
        path.parent.mkdir(parents=True, exist_ok=True)  # the home folder, on a fresh machine
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    base_url = settings.base_url if no_serve or os.environ.get("VOLG_BASE_URL") else f"http://127.0.0.1:{port}"
    with make_service(database=str(path), base_url=base_url) as svc, Progress(
        TextColumn("ingesting demo stream"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=demo.stream_size())
        email = demo.READER_EMAIL if settings.smtp_url else None
        report = demo.run(svc, lambda result: progress.advance(task), email=email)
        progress.stop()
        sent = svc.deliver()
        assert report.subscription is not None
        feed_path = path.with_name("demo-feed.atom")
        feed_path.write_text(svc.feed(report.subscription.token), encoding="utf-8")
    for reject in report.rejects:
        err.print(f"rejected: {reject}", markup=False)
    table = Table(title=f"volg demo: {path}", show_header=False)
    table.add_row("articles stored", str(report.statuses[Status.NEW]))
    table.add_row("  of which wire copies", str(report.copies))
    table.add_row("duplicates", str(report.statuses[Status.DUPLICATE]))
    table.add_row("updates", str(report.statuses[Status.UPDATED]))
    table.add_row("rejects", str(report.statuses[Status.REJECTED]))
    table.add_row("languages", ", ".join(f"{lang} {n}" for lang, n in report.languages.most_common()))
    table.add_row("outlets", str(len(report.outlets)))
    multi = [s for s in report.stories if len(s.outlets) > 1]
    table.add_row("stories", f"{len(report.stories)} ({len(multi)} told by several outlets)")
    out.print(table)
    out.print("\nLargest stories:", markup=False)
    largest = sorted(report.stories, key=lambda s: (-len(s.articles), s.first_seen))[:8]
    for story in largest:
        out.print(fit(f"  #{story.id:<4} {counted(len(story.articles), 'article'):>11}, "
                      f"{counted(len(story.outlets), 'outlet'):>10}, {'+'.join(story.languages):<5}  {story.title}"),
                  markup=False)
    out.print("\nTopics:", markup=False)
    for topic, count in report.topics:
        out.print(f"  {topic.name} [{topic.query}]: {counted(count, 'story')}", markup=False)
    for found in report.discovered:
        out.print(f"  {found.name} (discovered): {counted(len(found.story_ids), 'story')}", markup=False)
    sub = report.subscription
    if sub is not None:
        out.print(f"\nThe digests a reader of {sub.topic!r} got at {', '.join(sub.times)} ({sub.tz}): "
                  f"{len(report.digests)}", markup=False)
        names = {topic.slug: topic.name for topic, _ in report.topics}
        for composed in report.digests:
            name = names.get(composed.topic, composed.topic)
            out.print("\n" + render_text(composed, topic_name=name, tz=sub.tz), markup=False)
    out.print(f"\nThe reader's Atom feed: {feed_path}", markup=False)
    if sent:
        ok = sum(1 for outcome in sent if outcome.error is None)
        out.print(f"Emailed to {demo.READER_EMAIL} through {settings.smtp_url.rpartition('@')[2]}: {ok} of "
                  f"{counted(len(sent), 'digest')}", markup=False)
        for outcome in sent:
            if outcome.error:
                err.print(f"  not sent: {outcome.error}", markup=False)
    last = f" --at {report.digests[-1].scheduled_at:%Y-%m-%dT%H:%M:%S}" if report.digests else ""
    out.print(f"\nExplore: volg --database {path} stories | topics list | developments --topic hoogwater | "
              f"digest --topic hoogwater{last}", markup=False)
    if report.statuses[Status.REJECTED]:
        sys.exit(1)
    if not no_serve:
        out.print(f"\nThe demo in your browser: http://127.0.0.1:{port}/ (Ctrl-C stops)", markup=False)
        with make_service(database=str(path), base_url=base_url) as svc:
            run_server(svc, "127.0.0.1", port, scheduler_every=None)
