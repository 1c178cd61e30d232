"""volg migrate: bring the database's schema up to this volg."""

from __future__ import annotations

import click

from volg.cli.base import database_option, main, out
from volg.settings import load_settings
from volg.storage import open_storage


@main.command("migrate")
@database_option
def migrate_command() -> None:
    """Apply the database's pending migrations and print each; a database newer than this volg is refused.

    Every command migrates the database it opens; this does it on purpose, e.g. before starting a new version."""
    ctx = click.get_current_context()
    storage = open_storage(load_settings(database=(ctx.obj or {}).get("database")).database_url, migrate=False)
    try:
        applied = storage.migrate()
    finally:
        storage.close()
    for name in applied:
        out.print(f"applied {name}", markup=False)
    if not applied:
        out.print("up to date: no migrations to apply", markup=False)
