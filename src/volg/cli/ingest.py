"""Getting articles in and looking at them: volg ingest, volg articles, volg sources, volg poll."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

import click
from rich.markup import escape

from volg.cli.base import Row, database_option, err, fit, main, out, service, table
from volg.cli.facts import parse_facts, read_article, single_file
from volg.counts import counted
from volg.models import Article, IngestResult, Status
from volg.serialize import (
    article_json,
    result_json,
    source_json,
)
from volg.settings import format_interval

if TYPE_CHECKING:
    from volg.pipeline.ingest.guard import Unresolved

# ingest


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--source", metavar="NAME", help="Outlet name for inputs that do not say (files, pages).")
@click.option("--title", metavar="TEXT", help="Title of the one plain-text article (or saved page) given.")
@click.option("--published", metavar="WHEN",
              help="Its publication time, ISO 8601: 2026-11-17 or 2026-11-17T08:30+01:00 (UTC without offset).")
@click.option("--url", metavar="URL", help="Its address on the web (default: its file:// URL).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input article.")
@database_option
def ingest(inputs: tuple[str, ...], source: str | None, title: str | None, published: str | None, url: str | None,
           as_json: bool) -> None:
    """Ingest text files, HTML pages, RSS/Atom feeds and JSON Lines, from paths or URLs.

    Folders are read recursively. Rejected inputs are named on stderr with the reason; everything else still
    goes in, and the exit code is 1. A plain-text file has no title line, time or address of its own: give them
    with --title, --published and --url (one file at a time).
    """
    facts = parse_facts(title, published, url)
    path = single_file(inputs) if facts else None
    with service() as svc:
        if facts and path:
            results: Iterable[IngestResult] = [svc.ingest_item(read_article(path, facts, source))]
        else:
            results = svc.ingest(inputs, source=source)
        counts = _report(results, as_json)
    _finish(counts, as_json)


def _report(results: Iterable[IngestResult], as_json: bool) -> Counter[Status]:
    """Print each result as it comes, with a live count on a terminal's stderr (long batches, big feeds)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # here: only to ingest

    counts: Counter[Status] = Counter()
    with Progress(SpinnerColumn(), TextColumn("ingesting: {task.completed} articles"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("ingest", total=None)
        for result in results:
            counts[result.status] += 1
            progress.advance(task)
            if result.status is Status.REJECTED:
                err.print(f"rejected: {result.error}", markup=False)
            if as_json:
                print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
            elif result.article is not None:
                article = result.article
                out.print(fit(f"{result.status.value:<9} #{article.id:<5} {article.clean.language}  "
                              f"{article.clean.title}"), markup=False)
    return counts


def _finish(counts: Counter[Status], as_json: bool, failed_sources: int = 0) -> None:
    if not as_json:
        summary = ", ".join(f"{counts[s]} {s.value}" for s in Status)
        err.print(summary + (f"; {counted(failed_sources, 'source')} failed" if failed_sources else ""), markup=False)
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
        when = "%m-%d %H:%M" if len({a.clean.published_at.year for a in found}) == 1 else "%Y-%m-%d %H:%M"
        rows = [Row((f"#{a.id}", a.clean.published_at.strftime(when), a.clean.source, a.clean.language),
                    a.clean.title,
                    (f"  [v{a.version}]" if a.version > 1 else "") + (f"  [copy of #{a.copy_of}]" if a.copy_of else "")
                    + (f"  [{a.clean.genre}]" if a.clean.genre != "news" else ""))
                for a in found]
        for line in table(rows, (7, 16, 16, 2)):
            out.print(line, markup=False)


def _show(article: Article) -> None:
    c = article.clean
    out.print(f"[bold]{escape(c.title)}[/bold]")
    out.print(f"#{article.id} · {c.source}{f' ({c.external_id})' if c.external_id else ''} · "
              f"{c.published_at:%Y-%m-%d %H:%M} UTC · {c.language} · {c.url}", markup=False)
    out.print(f"genre: {c.genre} ({'; '.join(c.genre_evidence) or '-'})", markup=False)
    for section in c.sections:
        if section.heading:
            out.print(f"\n[bold]{escape(section.heading)}[/bold]")
        for paragraph in section.paragraphs:
            out.print(f"\n{paragraph}", markup=False)
    out.print(f"\nplaces: {', '.join(p.name for p in c.places) or '-'}", markup=False)
    out.print(f"names: {', '.join(c.names) or '-'}", markup=False)
    out.print(f"removed: {' | '.join(c.removed) or '-'}", markup=False)


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
    """Add a feed or page to poll (a host that does not resolve now is added, with a warning)."""
    unresolved: list[Unresolved] = []
    with service() as svc:
        source = svc.add_source(url, name=name, every=every, warn=unresolved.append)
    every_s = format_interval(source.every_s)
    out.print(f"source #{source.id}: {source.name} <{source.url}> every {every_s}", markup=False)
    for each in unresolved:
        err.print(f"warning: {each}", markup=False)


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
    # a row per source, its URL under it: the URL and the last error (the "title") get whole lines
    header = Row(("id", "name", "every", "last poll", "failures", "next poll"), "status")
    rows = [Row((f"#{s.id}", s.name, format_interval(s.every_s),
                 f"{s.last_polled_at:%m-%d %H:%M}" if s.last_polled_at else "never", str(s.failures),
                 f"{s.next_poll_at:%m-%d %H:%M}" if s.next_poll_at else "now"),
                str(s.last_status or ("failed" if s.last_error else "")), below=(s.url, *filter(None, [s.last_error])))
            for s in found]
    for line in table(rows, (7, 20, 7, 11, 8, 11), right={4}, header=header if found else None):
        out.print(line, markup=False)


@sources.command("import")
@click.argument("file", type=click.File("rb"))
@database_option
def sources_import(file: BinaryIO) -> None:
    """Add every feed of an OPML file (as exported by feed readers); - reads stdin."""
    unresolved: list[Unresolved] = []
    with service() as svc:
        added = svc.import_opml(file.read(), file.name, warn=unresolved.append)
    out.print(f"{counted(len(added), 'source')} in {file.name}", markup=False)
    for each in unresolved:
        err.print(f"warning: {each}", markup=False)


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
                err.print(f"{name}: {counted(len(outcome.results), 'item')}", markup=False)
            counts += _report(outcome.results, as_json)
    _finish(counts, as_json, failed_sources=failed)
