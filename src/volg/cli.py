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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from volg import demo
from volg.errors import VolgError
from volg.models import Article, IngestResult, Status
from volg.serialize import article_json, result_json, source_json
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
    out.print(f"[bold]{c.title}[/bold]")
    out.print(f"#{article.id} · {c.source} · {c.published_at:%Y-%m-%d %H:%M} UTC · {c.language} · {c.url}",
              markup=False)
    for section in c.sections:
        if section.heading:
            out.print(f"\n[bold]{section.heading}[/bold]")
        for paragraph in section.paragraphs:
            out.print(f"\n{paragraph}", markup=False)
    out.print(f"\nplaces: {', '.join(p.name for p in c.places) or '-'}", markup=False)
    out.print(f"names: {', '.join(c.names) or '-'}", markup=False)
    out.print(f"removed: {' | '.join(c.removed) or '-'}", markup=False)


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
    content = demo.stream_bytes()
    total = sum(1 for line in content.splitlines() if line.strip())
    counts: Counter[Status] = Counter()
    languages: Counter[str] = Counter()
    outlets: set[str] = set()
    copies = 0
    with make_service(database=str(path)) as svc, Progress(
        TextColumn("ingesting demo stream"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=total)
        for result in svc.ingest_bytes(content, "demo/stream.jsonl"):
            counts[result.status] += 1
            if result.status is Status.REJECTED:
                err.print(f"rejected: {result.error}", markup=False)
            if result.article is not None and result.status is Status.NEW:
                languages[result.article.clean.language] += 1
                outlets.add(result.article.clean.source)
                copies += result.article.copy_of is not None
            progress.advance(task)
    table = Table(title=f"volg demo: {path}", show_header=False)
    table.add_row("articles stored", str(counts[Status.NEW]))
    table.add_row("  of which wire copies", str(copies))
    table.add_row("duplicates", str(counts[Status.DUPLICATE]))
    table.add_row("updates", str(counts[Status.UPDATED]))
    table.add_row("rejects", str(counts[Status.REJECTED]))
    table.add_row("languages", ", ".join(f"{lang} {n}" for lang, n in languages.most_common()))
    table.add_row("outlets", str(len(outlets)))
    out.print(table)
    out.print(f"See them: volg --database {path} articles   (or: articles ID, articles --json)", markup=False)
    if counts[Status.REJECTED]:
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
