"""volg backup: an online, consistent copy of a SQLite database, safe while volg runs."""

from __future__ import annotations

import os
from pathlib import Path

import click

from volg.cli.base import database_option, err, fail, main, out
from volg.errors import ConfigError
from volg.settings import load_settings
from volg.storage import open_storage, sqlite_path
from volg.storage.where import pg_dump_advice, shown_url


def size(n: int) -> str:
    """1234567 → '1.2 MB (1,234,567 bytes)'."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= factor:
            return f"{n / factor:.1f} {unit} ({n:,} bytes)"
    return f"{n:,} bytes"


class Progress:
    """Pages copied: one line on stderr, rewritten in place on a terminal; elsewhere (logs, cron) printed once, at
    the end."""

    def __init__(self) -> None:
        self.terminal = err.is_terminal
        self.last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        if self.terminal:
            err.file.write(f"\r{self._line()}")
            err.file.flush()

    def _line(self) -> str:
        done, total = self.last
        return f"copied {done:,} of {total:,} pages ({100 * done // max(total, 1)}%)"

    def finish(self) -> None:
        if self.terminal:
            err.file.write("\r\x1b[K")
            err.file.flush()
        err.print(self._line(), markup=False)

    def abandon(self) -> None:
        """End the line in place, so that what follows (the error) starts a line of its own."""
        if self.terminal and self.last != (0, 0):
            err.file.write("\n")
            err.file.flush()


@main.command("backup")
@click.argument("path", metavar="PATH")
@click.option("--force", is_flag=True, help="Replace PATH when it exists.")
@database_option
def backup_command(path: str, force: bool) -> None:
    """Copy the SQLite database to the new file PATH: a consistent copy, made while volg serve, volg run or cron
    jobs go on writing (SQLite's online backup API).

    Restore: stop volg, copy PATH over the database file (remove the old file's -wal and -shm files beside it),
    start volg; or point --database (VOLG_DATABASE) at PATH. On PostgreSQL use pg_dump instead."""
    ctx = click.get_current_context()
    url = load_settings(database=(ctx.obj or {}).get("database")).database_url
    source = sqlite_path(url)
    if source is None:  # said without connecting: a server that is down needs pg_dump all the same
        raise ConfigError(pg_dump_advice(shown_url(url)))
    target = Path(path).expanduser()
    _check(source, target, force)
    storage = open_storage(url, migrate=False)  # back up what is there, as it is: an upgrade's migrations come after
    err.print(f"backing up {source} to {target}", markup=False)
    progress = Progress()
    try:
        written = storage.backup(str(target), progress=progress)
    except BaseException:
        progress.abandon()
        raise
    finally:
        storage.close()
    progress.finish()
    out.print(f"wrote {target}: {size(written)}", markup=False)


def _check(source: str, target: Path, force: bool) -> None:
    """Exit 2 with one line unless the source is a database file and the target a place for a new copy."""
    if source == ":memory:":
        fail("the database is :memory:, which lives only inside its process: there is nothing to back up")
    if not Path(source).is_file():  # as the storage opens it; it would make an empty database of a missing file
        fail(f"no database at {source}: set VOLG_DATABASE (or --database) to the file volg uses")
    if target.is_dir():
        fail(f"{target} is a folder: name the backup's file, e.g. {target / 'volg-backup.db'}")
    if not target.parent.is_dir():
        fail(f"no folder {target.parent} to write {target.name} into")
    if target.exists():
        if os.path.samefile(source, target):
            fail(f"{target} is the database itself: back it up to another file")
        if not force:
            fail(f"{target} exists: choose another name, or add --force to replace it")
