"""volg migrate: bring the database's schema up to this volg."""

from __future__ import annotations

import click

from volg.cli.base import database_option, err, main, out
from volg.counts import counted
from volg.errors import ConfigError
from volg.settings import load_settings
from volg.storage import SQLiteStorage, open_storage, sqlite_path
from volg.storage.move import move
from volg.storage.where import shown_url


@main.command("migrate")
@click.option("--to", "target", metavar="POSTGRESQL_URL",
              help="Move this SQLite installation into a new, empty PostgreSQL database (every id kept).")
@database_option
def migrate_command(target: str | None) -> None:
    """Apply the database's pending migrations and print each; a database newer than this volg is refused.

    Every command migrates the database it opens; this does it on purpose, e.g. before starting a new version.
    With --to, copy everything into PostgreSQL afterwards; then point VOLG_DATABASE at it."""
    ctx = click.get_current_context()
    url = load_settings(database=(ctx.obj or {}).get("database")).database_url
    if target is not None:
        _move(url, target)
        return
    storage = open_storage(url, migrate=False)
    try:
        applied = storage.migrate()
    finally:
        storage.close()
    if sqlite_path(url) is None:  # PostgreSQL
        from volg.workers import install_schema  # here: procrastinate loads only for the commands that use it

        if install_schema(url):  # on stderr: stdout lists volg's own migrations
            err.print("installed procrastinate's job tables (the queue of volg worker)", markup=False)
    for name in applied:
        out.print(f"applied {name}", markup=False)
    if not applied:
        out.print("up to date: no migrations to apply", markup=False)


def _move(source_url: str, target_url: str) -> None:
    from volg.storage.postgres import PostgresStorage  # here: psycopg loads only to move into PostgreSQL

    source, target = open_storage(source_url), open_storage(target_url)
    try:
        if not isinstance(source, SQLiteStorage) or not isinstance(target, PostgresStorage):
            raise ConfigError("volg migrate --to moves a SQLite database (--database) into PostgreSQL "
                              "(--to postgresql://...)")
        copied = move(source, target,
                      progress=lambda table, rows: err.print(f"{table}: {counted(rows, 'row')}", markup=False))
    finally:
        source.close()
        target.close()
    out.print(f"moved {counted(sum(copied.values()), 'row')} into {shown_url(target_url)}; set VOLG_DATABASE to it",
              markup=False)
