"""The `volg` command group and what every command shares: --database, the consoles, one-line errors."""

from __future__ import annotations

import functools
import gc
import importlib
import json
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from volg import DISTRIBUTION
from volg.errors import VolgError, for_operator
from volg.settings import Settings, load_settings

if TYPE_CHECKING:
    from volg.service import Service

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


WIDTH = 80
"""The width of the commands' tables: a row longer than this ends in an ellipsis."""


def fit(row: str, width: int = WIDTH) -> str:
    """`row` cut to `width` characters, its end replaced by "…" when it was longer."""
    return row if len(row) <= width else row[: width - 1] + "…"


def titled(start: str, title: str, end: str, width: int = WIDTH) -> str:
    """A row of `start`, `title` and `end` in `width` columns: the title is cut to make room for the end."""
    return start + fit(title, max(width - len(start) - len(end), 1)) + end


class Row(NamedTuple):
    """A row of a command's table: its cells, its title (which takes the rest of the line), what follows the
    title, kept whole (notes such as "[v2]"), and lines under it (a URL, an error), from the second column on, kept
    whole too: a URL cut is no URL (a caller wraps what reads as well wrapped)."""

    cells: tuple[str, ...]
    title: str = ""
    end: str = ""
    below: tuple[str, ...] = ()


GAP = "  "
"""Between the columns of a table."""


def table(rows: Sequence[Row], widest: Sequence[int], *, right: Collection[int] = (), indent: str = "",
          header: Row | None = None, width: int = WIDTH) -> list[str]:
    """`rows` (and `header` above them) as lines of at most `width` characters: each column as wide as its widest
    cell but no wider than `widest` allows (a longer cell is cut, ending in "…"), right-aligned when its number is
    in `right`, and the title of each row gets what is left of the line. So a long outlet name costs the titles at
    most its column, however many rows there are. The first column (an id or a slug to type in another command) is
    never cut: a row whose first cell is too long has it on a line of its own, and its other cells under it."""
    everything = [*rows, *([header] if header is not None else [])]
    widths = [min(max((len(row.cells[k]) for row in everything), default=0), most) for k, most in enumerate(widest)]

    def line(row: Row) -> str:
        cells = [cell if k == 0 else fit(cell, widths[k]) for k, cell in enumerate(row.cells)]
        start = indent + GAP.join(cell.rjust(widths[k]) if k in right else cell.ljust(widths[k])
                                  for k, cell in enumerate(cells)) + GAP
        return titled(start, row.title, row.end, width).rstrip() if row.title or row.end else start.rstrip()

    lines = [line(header)] if header is not None else []
    for row in rows:
        if len(row.cells[0]) > widths[0]:
            lines.append(indent + row.cells[0])
            row = row._replace(cells=("", *row.cells[1:]))
        lines.append(line(row))
        lines += [indent + " " * (widths[0] + len(GAP)) + text for text in row.below]
    return lines


def database_option(command: F) -> F:
    """Every command takes --database (a SQLite path or a postgresql:// URL)."""

    @click.option("--database", metavar="PATH_OR_URL", help="Database to use (default: setting VOLG_DATABASE).")
    @functools.wraps(command)
    def wrapper(*args: Any, database: str | None, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        ctx.obj = ctx.obj or {}
        if database:
            ctx.obj["database"] = database
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def current_settings() -> Settings:
    """The settings with the command's --database applied."""
    return load_settings(database=(click.get_current_context().obj or {}).get("database"))


def service() -> Service:
    from volg.service import make_service  # here: the service imports the pipeline, which not every command needs

    ctx = click.get_current_context()
    return make_service(database=(ctx.obj or {}).get("database"))


def fail(message: str) -> None:
    err.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False)
    sys.exit(2)


COMMANDS = {
    "articles": "ingest", "ingest": "ingest", "poll": "ingest", "sources": "ingest",
    "backup": "backup",
    "deliver": "deliveries", "deliveries": "deliveries", "feed": "deliveries", "run": "deliveries",
    "unsubscribe": "deliveries",
    "demo": "demo",
    "digest": "digests", "subscribe": "digests", "subscriptions": "digests",
    "migrate": "migrate",
    "replay": "replay",
    "serve": "serve",
    "developments": "stories", "stories": "stories", "topics": "stories",
    "worker": "workers",
}  # fmt: skip
"""Each command's module in volg.cli, imported only when the command runs (or --help lists them all): a command
pays for what it uses, not for the web app, the workers or the demo (tests/test_startup.py keeps this complete)."""


GC_THRESHOLDS = (10_000, 20, 20)
"""Python's cycle collector runs, by default, every 700 allocations and then and again over everything a command
holds; ingesting, that is the gazetteer, language data and the clusterer's window, and a poll of 1,400 articles spent
1.5 s CPU in it (full passes of 0.1 s each). With these thresholds it spends 0.6 s; cycles are still collected."""


class VolgGroup(click.Group):
    """Loads each command's module on first use (click's lazy-loading pattern: the modules register their commands
    on `main`), and turns volg's own errors into one line and exit code 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"volg.cli.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VolgError as exc:
            fail(for_operator(exc))


@click.group(cls=VolgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION)
@click.option("--database", metavar="PATH_OR_URL", help="Database to use (default: setting VOLG_DATABASE).")
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """volg: follow a topic in the news.

    Ingests articles from feeds, pages, files and JSON Lines; cleans them into sections with places and names;
    groups them into stories across outlets and languages; finds each story's developments; and composes, for each
    reader, a digest of the most important ones at their hours. Settings come from VOLG_* variables or a TOML
    file (volg config).
    """
    ctx.obj = {"database": database} if database else {}
    gc.set_threshold(*GC_THRESHOLDS)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the settings as one JSON object.")
@database_option
def config(as_json: bool) -> None:
    """Print the effective settings (secrets hidden) and where each can be set."""
    shown = current_settings().shown()
    if as_json:
        print(json.dumps(shown))
        return
    for key, value in shown.items():
        out.print(f"{key} = {json.dumps(value)}    # VOLG_{key.upper()}", markup=False)
