"""volg worker: run volg's jobs (polling, clustering, composing, delivering) against a PostgreSQL database."""

from __future__ import annotations

import logging

import click

from volg.cli.base import current_settings, database_option, fail, main
from volg.logs import setup_logging
from volg.storage import open_storage
from volg.storage.where import shown_url

log = logging.getLogger("volg.worker")


def postgres_url() -> str:
    """The configured database's URL; exit 2 with one line unless it is PostgreSQL."""
    url = current_settings().database_url
    if not url.startswith(("postgresql://", "postgres://")):
        fail("workers need PostgreSQL: set VOLG_DATABASE (or --database) to a postgresql:// URL shared by all of them")
    return url


def prepare(url: str) -> None:
    """Bring volg's schema up to date and install procrastinate's, so the first process of a fresh database works."""
    from volg.workers import install_schema

    open_storage(url).close()
    install_schema(url)
    setup_logging(current_settings().log_format)


@main.command()
@click.option("--concurrency", default=1, show_default=True, type=click.IntRange(min=1),
              help="Jobs this worker runs at once.")
@database_option
def worker(concurrency: int) -> None:
    """Run a worker: take volg's jobs (deferred by volg run --workers) from the PostgreSQL database and do them.

    Start as many as you like, on as many machines. Stops cleanly on SIGTERM or Ctrl-C, after its current jobs."""
    from volg.workers import run_worker  # here: procrastinate loads only for the commands that use it

    url = postgres_url()
    prepare(url)
    log.info("volg worker on %s, %d at a time", shown_url(url), concurrency)
    run_worker(url, concurrency=concurrency)
    log.info("stopped")
