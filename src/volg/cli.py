"""The `volg` command: options → Service → output and exit codes. No rules live here.

Exit codes: 0 all went in; 1 some input was rejected (the rest still went in); 2 usage or configuration error.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from volg import demo
from volg.errors import VolgError
from volg.models import Article, IngestResult, Status, Story, Subscription, Topic
from volg.pipeline.cluster.topics import query_for
from volg.pipeline.compose import render_html, render_json, render_text
from volg.serialize import (
    article_json,
    development_json,
    discovered_json,
    result_json,
    source_json,
    story_json,
    topic_json,
)
from volg.service import Service, make_service
from volg.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def database_option(command: F) -> F:
    """Every command takes --database (a SQLite path, or later a postgresql:// URL)."""

    @click.option("--database", metavar="PATH_OR_URL", help="Database to use (default: setting VOLG_DATABASE).")
    @functools.wraps(command)
    def wrapper(*args: Any, database: str | None, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        ctx.obj = ctx.obj or {}
        if database:
            ctx.obj["database"] = database
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def service() -> Service:
    ctx = click.get_current_context()
    return make_service(database=(ctx.obj or {}).get("database"))


def fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    sys.exit(2)


class VolgGroup(click.Group):
    """Turns volg's own errors into one line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VolgError as exc:
            fail(str(exc))


@click.group(cls=VolgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="volg")
@click.option("--database", metavar="PATH_OR_URL", help="Database to use (default: setting VOLG_DATABASE).")
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """volg: follow a topic in the news.

    Ingests articles from feeds, pages, files and JSON Lines; cleans them into sections with places and names;
    dedupes copies and keeps edits as versions. Settings come from VOLG_* variables or a TOML file (volg config).
    """
    ctx.obj = {"database": database} if database else {}


# ingest


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--source", metavar="NAME", help="Outlet name for inputs that do not say (files, pages).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input article.")
@database_option
def ingest(inputs: tuple[str, ...], source: str | None, as_json: bool) -> None:
    """Ingest text files, HTML pages, RSS/Atom feeds and JSON Lines, from paths or URLs.

    Folders are read recursively. Rejected inputs are named on stderr with the reason; everything else still
    goes in, and the exit code is 1.
    """
    with service() as svc:
        counts = _report(svc.ingest(inputs, source=source), as_json)
    _finish(counts, as_json)


def _report(results: Iterable[IngestResult], as_json: bool) -> Counter[Status]:
    counts: Counter[Status] = Counter()
    for result in results:
        counts[result.status] += 1
        if result.status is Status.REJECTED:
            err.print(f"rejected: {result.error}", markup=False)
        if as_json:
            print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
        elif result.article is not None:
            article = result.article
            out.print(f"{result.status.value:<9} #{article.id:<5} {article.clean.language}  {article.clean.title}",
                      markup=False)
    return counts


def _finish(counts: Counter[Status], as_json: bool, failed_sources: int = 0) -> None:
    if not as_json:
        summary = ", ".join(f"{counts[s]} {s.value}" for s in Status)
        err.print(summary + (f"; {failed_sources} sources failed" if failed_sources else ""), markup=False)
    if counts[Status.REJECTED] or failed_sources:
        sys.exit(1)


@main.command()
@click.argument("article_id", type=int, required=False)
@click.option("--source", metavar="NAME", help="Only this outlet's articles.")
@click.option("--since", type=click.DateTime(), help="Only articles published since then (UTC).")
@click.option("--limit", type=int, default=50, show_default=True, help="Show the newest this many.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article.")
@database_option
def articles(article_id: int | None, source: str | None, since: datetime | None, limit: int, as_json: bool) -> None:
    """List stored articles, or show one (ARTICLE_ID) with its sections, places and names."""
    with service() as svc:
        if article_id is not None:
            found = [svc.article(article_id)]
        else:
            found = svc.articles(source=source, since=since and since.replace(tzinfo=UTC), latest=limit)
    if as_json:
        for article in found:
            print(json.dumps(article_json(article), ensure_ascii=False))
    elif article_id is not None:
        _show(found[0])
    else:
        for a in found:
            c = a.clean
            notes = (f"  [v{a.version}]" if a.version > 1 else "") + (f"  [copy of #{a.copy_of}]" if a.copy_of else "")
            out.print(f"#{a.id:<5} {c.external_id or '-':<14} {c.published_at:%Y-%m-%d %H:%M}  {c.source[:20]:<20} "
                      f"{c.language}  {c.title}{notes}", markup=False)


def _show(article: Article) -> None:
    c = article.clean
    out.print(f"[bold]{escape(c.title)}[/bold]")
    out.print(f"#{article.id} · {c.source} · {c.published_at:%Y-%m-%d %H:%M} UTC · {c.language} · {c.url}",
              markup=False)
    for section in c.sections:
        if section.heading:
            out.print(f"\n[bold]{escape(section.heading)}[/bold]")
        for paragraph in section.paragraphs:
            out.print(f"\n{paragraph}", markup=False)
    out.print(f"\nplaces: {', '.join(p.name for p in c.places) or '-'}", markup=False)
    out.print(f"names: {', '.join(c.names) or '-'}", markup=False)
    out.print(f"removed: {' | '.join(c.removed) or '-'}", markup=False)


# stories and topics


@main.command("stories")
@click.argument("story_id", type=int, required=False)
@click.option("--topic", metavar="NAME", help="Only the stories of this topic (defined or discovered).")
@click.option("--since", type=click.DateTime(), help="Only stories seen since then (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per story.")
@database_option
def stories_command(story_id: int | None, topic: str | None, since: datetime | None, as_json: bool) -> None:
    """List stories (the same event across outlets and languages), or show one (STORY_ID) with its articles."""
    with service() as svc:
        found = [svc.story(story_id)] if story_id is not None else svc.stories(
            since=since and since.replace(tzinfo=UTC), topic=topic)
    _print_stories(found, as_json, articles=story_id is not None)


def _print_stories(found: list[Story], as_json: bool, *, articles: bool = False) -> None:
    for story in found:
        if as_json:
            print(json.dumps(story_json(story), ensure_ascii=False))
            continue
        span = f"{story.first_seen:%Y-%m-%d %H:%M} → {story.last_seen:%m-%d %H:%M}"
        counts = f"{len(story.articles)} articles · {len(story.outlets)} outlets · {' '.join(story.languages)}"
        out.print(f"#{story.id:<5} {span}  {counts}", markup=False)
        out.print(f"       {story.title}", markup=False)
        if articles:
            for a in story.articles:
                out.print(f"         #{a.id:<5} {a.external_id or '-':<14} {a.published_at:%m-%d %H:%M}  "
                          f"{a.source[:20]:<20} {a.language}  {a.title}", markup=False)


@main.command("developments")
@click.option("--topic", metavar="NAME", help="Only this topic's developments (defined or discovered).")
@click.option("--since", type=click.DateTime(), help="Only developments first seen since then (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per development.")
@database_option
def developments_command(topic: str | None, since: datetime | None, as_json: bool) -> None:
    """What happened, step by step: each story's first report and the later reports that added information."""
    with service() as svc:
        found = svc.developments(topic=topic, since=since and since.replace(tzinfo=UTC))
    for dev in found:
        if as_json:
            print(json.dumps(development_json(dev), ensure_ascii=False))
            continue
        marker = "update" if dev.update_of else "new"
        out.print(f"{dev.first_seen:%Y-%m-%d %H:%M}  {dev.importance:4.1f}  {marker:<6}  {dev.headline}", markup=False)
        for sentence in dev.summary:
            out.print(f"{'':27}{sentence}", markup=False)
        outlets = ", ".join(dict.fromkeys(c.outlet for c in dev.sources))
        out.print(f"{'':27}{'; '.join(dev.reasons)} · {outlets}", markup=False)


@main.group()
def topics() -> None:
    """What readers follow: defined by a query, or discovered in the stories."""


@topics.command("add")
@click.argument("name", required=False, default="")
@click.option("--query", help='Words, "phrases", names and places with OR, AND, NOT and ( ).')
@click.option("--discovered", metavar="SLUG", help="Adopt a discovered topic (see volg topics list).")
@database_option
def topics_add(name: str, query: str | None, discovered: str | None) -> None:
    """Define a topic, e.g. volg topics add "Oorlog in Oekraïne" --query "Oekraïne OR Kiev OR Zelensky"."""
    with service() as svc:
        topic = svc.add_topic(name, query, discovered=discovered)
        count = len(svc.stories(topic=topic.slug))
    out.print(f"topic {topic.slug}: {topic.name}  [{topic.query}]  {count} stories now", markup=False)


@topics.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per topic.")
@database_option
def topics_list(as_json: bool) -> None:
    """The defined topics, then the topics discovered in the stories, with how many stories each has."""
    with service() as svc:
        stories = svc.stories()
        defined = [(t, len(svc.stories(topic=t.slug))) for t in svc.topics()]
        discovered = svc.discovered_topics()
    if as_json:
        for topic, count in defined:
            print(json.dumps(topic_json(topic, count), ensure_ascii=False))
        for found in discovered:
            print(json.dumps(discovered_json(found), ensure_ascii=False))
        return
    out.print(f"{len(stories)} stories; {len(defined)} defined topics, {len(discovered)} discovered", markup=False)
    for topic, count in defined:
        out.print(f"  {topic.slug:<28} {count:>3} stories  {topic.name}  [{topic.query}]", markup=False)
    for found in discovered:
        out.print(f"  {found.slug:<28} {len(found.story_ids):>3} stories  {found.name}  (discovered, "
                  f"{found.first_seen:%m-%d} → {found.last_seen:%m-%d})", markup=False)


@topics.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per story.")
@database_option
def topics_show(name: str, as_json: bool) -> None:
    """A topic and its stories."""
    with service() as svc:
        topic = svc.topic(name)
        found = svc.stories(topic=name)
    if not as_json:
        query = topic.query if isinstance(topic, Topic) else query_for(topic)
        out.print(f"[bold]{escape(topic.name)}[/bold]  {escape(f'[{query}]')}  {len(found)} stories")
    _print_stories(found, as_json)


# subscriptions and digests


@main.command()
@click.option("--topic", required=True, metavar="NAME", help="The topic to follow (defined or discovered).")
@click.option("--at", "times", default="08:00,13:00,19:00", show_default=True, metavar="HH:MM,...",
              help="Local times of the digests.")
@click.option("--tz", default="Europe/Amsterdam", show_default=True, help="IANA time zone of those times.")
@click.option("--max", "max_items", default=5, show_default=True, type=int, help="Most items in one digest.")
@click.option("--email", help="Address to send the digests to.")
@click.option("--quiet", metavar="HH:MM-HH:MM", help="Local hours in which nothing is sent, e.g. 22:00-07:00.")
@click.option("--breaking", type=float, metavar="IMPORTANCE",
              help="Send a development above this importance at once, outside the schedule (a few a day).")
@database_option
def subscribe(topic: str, times: str, tz: str, max_items: int, email: str | None, quiet: str | None,
              breaking: float | None) -> None:
    """Follow a topic: a digest of its most important new developments at your hours."""
    quiet_hours = None
    if quiet:
        start, _, end = quiet.partition("-")
        quiet_hours = (start.strip(), end.strip())
    with service() as svc:
        sub = svc.subscribe(topic, times=[t.strip() for t in times.split(",") if t.strip()], tz=tz,
                            max_items=max_items, email=email, quiet=quiet_hours, breaking=breaking)
    out.print(f"subscription #{sub.id}: {sub.topic} at {', '.join(sub.times)} {sub.tz}, at most {sub.max_items} "
              f"items" + (f", to {sub.email}" if sub.email else ""), markup=False)


@main.command()
@click.option("--topic", metavar="NAME", help="Preview for a new reader of this topic (default hours).")
@click.option("--subscription", "subscription_id", type=int, metavar="ID", help="Preview for this subscription.")
@click.option("--at", type=click.DateTime(), help="The moment of the digest (UTC; default: now).")
@click.option("--json", "style", flag_value="json", help="As JSON.")
@click.option("--html", "style", flag_value="html", help="As email HTML.")
@click.option("--text", "style", flag_value="text", default=True, help="As plain text (default).")
@database_option
def digest(topic: str | None, subscription_id: int | None, at: datetime | None, style: str) -> None:
    """Preview a digest: what a reader would get at that moment. Records nothing."""
    if (topic is None) == (subscription_id is None):
        fail("give one of --topic or --subscription")
    with service() as svc:
        if subscription_id is not None:
            sub = svc.subscription(subscription_id)
        else:
            assert topic is not None
            sub = Subscription(svc.topic(topic).slug)
        moment = at.replace(tzinfo=UTC) if at else svc.clock()
        found = svc.digest(sub, moment)
        name = svc.topic(sub.topic).name
    if found is None:
        err.print(f"nothing new for {name} at {moment:%Y-%m-%d %H:%M} UTC", markup=False)
        return
    if style == "json":
        print(json.dumps(render_json(found), ensure_ascii=False))
    elif style == "html":
        print(render_html(found, topic_name=name, tz=sub.tz))
    else:
        print(render_text(found, topic_name=name, tz=sub.tz))


# demo


@main.command("demo")
@database_option
def demo_command() -> None:
    """Ingest the bundled demo stream into a fresh database and show what was stored.

    The database is demo.db under the home folder, made anew on every run, unless --database names a new file.
    """
    ctx = click.get_current_context()
    target = (ctx.obj or {}).get("database")
    settings = load_settings()
    path = Path(target) if target else settings.home_path / "demo.db"
    if target and path.exists():
        fail(f"{path} already exists; the demo needs a fresh database (give a new path)")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with make_service(database=str(path)) as svc, Progress(
        TextColumn("ingesting demo stream"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=demo.stream_size())
        report = demo.run(svc, lambda result: progress.advance(task))
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
        out.print(f"  #{story.id:<4} {len(story.articles):>2} articles, {len(story.outlets)} outlets, "
                  f"{'+'.join(story.languages):<5}  {story.title}", markup=False)
    out.print("\nTopics:", markup=False)
    for topic, count in report.topics:
        out.print(f"  {topic.name} [{topic.query}]: {count} stories", markup=False)
    for found in report.discovered:
        out.print(f"  {found.name} (discovered): {len(found.story_ids)} stories", markup=False)
    sub = report.subscription
    if sub is not None:
        out.print(f"\nThe digests a reader of {sub.topic!r} got at {', '.join(sub.times)} ({sub.tz}): "
                  f"{len(report.digests)}", markup=False)
        names = {topic.slug: topic.name for topic, _ in report.topics}
        for composed in report.digests:
            name = names.get(composed.topic, composed.topic)
            out.print("\n" + render_text(composed, topic_name=name, tz=sub.tz), markup=False)
    out.print(f"\nExplore: volg --database {path} stories | topics list | developments --topic hoogwater | "
              "digest --subscription 1", markup=False)
    if report.statuses[Status.REJECTED]:
        sys.exit(1)


# sources


@main.group()
def sources() -> None:
    """Feeds and pages that volg polls."""


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Outlet name (default: the host name).")
@click.option("--every", metavar="INTERVAL", help="Polling interval, e.g. 15m, 1h (default: setting poll_every).")
@database_option
def sources_add(url: str, name: str | None, every: str | None) -> None:
    """Add a feed or page to poll."""
    with service() as svc:
        source = svc.add_source(url, name=name, every=every)
    out.print(f"source #{source.id}: {source.name} <{source.url}> every {source.every_s}s", markup=False)


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per source.")
@database_option
def sources_list(as_json: bool) -> None:
    """List the sources with their polling health."""
    with service() as svc:
        found = svc.sources()
    if as_json:
        for source in found:
            print(json.dumps(source_json(source)))
        return
    table = Table("id", "name", "url", "every", "last poll", "status", "failures", "next poll")
    for s in found:
        table.add_row(
            str(s.id), s.name, s.url, f"{s.every_s}s",
            s.last_polled_at.strftime("%Y-%m-%d %H:%M") if s.last_polled_at else "never",
            str(s.last_status or s.last_error or ""), str(s.failures),
            s.next_poll_at.strftime("%Y-%m-%d %H:%M") if s.next_poll_at else "now",
        )
    out.print(table)


@sources.command("import")
@click.argument("file", type=click.File("rb"))
@database_option
def sources_import(file: BinaryIO) -> None:
    """Add every feed of an OPML file (as exported by feed readers); - reads stdin."""
    with service() as svc:
        added = svc.import_opml(file.read(), file.name)
    out.print(f"{len(added)} sources in {file.name}", markup=False)


@sources.command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@database_option
def sources_export(file: str) -> None:
    """Write all sources as OPML (to FILE, or stdout)."""
    with service() as svc:
        text = svc.export_opml()
    with click.open_file(file, "w", encoding="utf-8") as handle:
        handle.write(text)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per ingested article.")
@database_option
def poll(as_json: bool) -> None:
    """Poll every due source once (conditional GET, backoff, politeness).

    Exit code 1 when a source failed or an item was rejected; the other sources are polled all the same.
    """
    counts: Counter[Status] = Counter()
    failed = 0
    with service() as svc:
        for outcome in svc.poll():
            name = outcome.source.name
            if outcome.error:
                failed += 1
                err.print(f"{name}: {outcome.error}", markup=False)
            elif outcome.not_modified:
                err.print(f"{name}: not modified", markup=False)
            else:
                err.print(f"{name}: {len(outcome.results)} items", markup=False)
            counts += _report(outcome.results, as_json)
    _finish(counts, as_json, failed_sources=failed)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the settings as one JSON object.")
@database_option
def config(as_json: bool) -> None:
    """Print the effective settings (secrets hidden) and where each can be set."""
    ctx = click.get_current_context()
    shown = load_settings(database=(ctx.obj or {}).get("database")).shown()
    if as_json:
        print(json.dumps(shown))
        return
    for key, value in shown.items():
        out.print(f"{key} = {json.dumps(value)}    # VOLG_{key.upper()}", markup=False)
