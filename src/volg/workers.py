"""volg's work as procrastinate tasks, run by `volg worker` processes on any number of machines against one
PostgreSQL database (see docs/deploy.md and docs/design-notes.md).

The jobs live in procrastinate's tables next to volg's own. `volg run --workers` (`run_scheduler`) defers, every
cycle: `recover` (jobs of dead workers back into the queue), `poll` for each due source, then `cluster`, `compose`
and `deliver`. Each task opens its own connection; none keeps state between jobs.

- `poll` stores articles (and new versions) without clustering them. Its transactions take turns (an advisory
  lock), so change numbers commit in order: the clusterer, which reads the articles changed after the last one it
  saw, can never pass over one that commits late; and two workers storing near-duplicates at once still see each
  other's.
- `cluster` is one clusterer for all languages (stories cross languages): whoever holds the stories' advisory lock
  restores the saved state, replays what came after and saves; the others return at once.
- `compose` and `deliver` are deferred once per live worker, so the workers share them: each `compose` job takes
  one share of the subscriptions (id modulo the number of workers; composing is idempotent per (subscription,
  scheduled time) anyway), each `deliver` job claims different deliveries (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from procrastinate import App, JobContext, PsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued, UniqueViolation
from procrastinate.jobs import JobDeferrer, Status
from procrastinate.schema import SchemaManager

from volg.pipeline.ingest.schedule import due
from volg.service import Service
from volg.settings import load_settings
from volg.storage.postgres import PostgresStorage
from volg.storykeeper import StoryKeeper

SCHEMA_LOCK = 0x766F6C6A
"""Advisory lock around installing procrastinate's schema, so two processes starting at once do not both try."""

STORIES_LOCK = 0x766F6C68
"""Advisory lock of the one clusterer."""

STALLED_S = 30.0
"""A worker silent (no heartbeat) this long is taken for dead, and its jobs are run again."""

log = logging.getLogger(__name__)

app = App(connector=PsycopgConnector())
"""The tasks; `connected()` gives it the database's connection."""


class WorkerStorage(PostgresStorage):
    """PostgreSQL storage for one job, with the clusterer's lock."""

    def try_lock_stories(self) -> bool:
        """Take the clusterer's lock until the transaction ends; False when another process holds it."""
        row = self._one("SELECT pg_try_advisory_xact_lock(%s) AS got", (STORIES_LOCK,))
        return bool(row and row["got"])


def install_schema(url: str) -> bool:
    """Install procrastinate's tables and functions in the database unless they are there; True if it did.
    (procrastinate's `apply_schema()` is not idempotent: it fails on a database that has them.)"""
    with psycopg.connect(url, autocommit=True) as db, db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        row = db.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if row is not None and row[0] is not None:
            return False
        db.execute(SchemaManager.get_schema())
        return True


@contextmanager
def connected(url: str) -> Iterator[App]:
    with app.replace_connector(PsycopgConnector(conninfo=url)) as connected_app:
        yield connected_app


@contextmanager
def _service(context: JobContext) -> Iterator[Service]:
    """A Service for one job that never clusters: `cluster` does that."""
    settings = load_settings(database=context.additional_context["database"])
    with Service(settings, WorkerStorage(settings.database_url), clusters=False) as svc:
        yield svc


@app.task(pass_context=True)
def poll(context: JobContext, source_id: int) -> None:
    """Poll one source, if it is still due (a job deferred while the previous poll ran finds it done)."""
    with _service(context) as svc:
        source = svc.get_source(source_id)
        if not due([source], svc.clock()):
            return
        outcome = svc.poll_source(source)
    stored = sum(1 for result in outcome.results if result.article is not None)
    log.info("polled %s: %s", source.name, outcome.error or f"{stored} items read")


@app.task(pass_context=True)
def cluster(context: JobContext) -> None:
    """Assign stories to every stored article not yet clustered; return at once if another process is at it."""
    storage = WorkerStorage(context.additional_context["database"])
    try:
        with storage.transaction():
            if storage.try_lock_stories():
                StoryKeeper(storage).catch_up()  # a fresh keeper: restores the saved state, replays what came after
    finally:
        storage.close()


@app.task(pass_context=True)
def compose(context: JobContext, share: int = 0, shares: int = 1) -> None:
    """Compose the digests that are due for the subscriptions whose id is `share` modulo `shares`: at most one
    per (subscription, scheduled time), whoever races."""
    with _service(context) as svc:
        log.info("composed %d digests", len(svc.compose_due(share=(share, shares))))


@app.task(pass_context=True)
def deliver(context: JobContext) -> None:
    """Send what is due; concurrent senders claim different deliveries."""
    with _service(context) as svc:
        log.info("%d deliveries", len(svc.deliver()))


@app.task(pass_context=True)
async def recover(context: JobContext) -> None:
    """Put the jobs of workers that stopped sending heartbeats (killed, or their machine gone) back in the queue."""
    assert context.app is not None
    manager = context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_S):
        try:
            await manager.retry_job(job)
            log.warning("job %s (%s) of a dead worker runs again", job.id, job.task_name)
        except UniqueViolation:  # a newer job of the same queueing lock is already waiting: it does the work
            await manager.finish_job(job, status=Status.ABORTED, delete_job=False)
            log.warning("job %s (%s) of a dead worker is left to a newer one", job.id, job.task_name)


def run_worker(url: str, *, concurrency: int) -> None:
    """Run jobs until SIGTERM or Ctrl-C; a job that has begun finishes first."""
    with connected(url) as worker_app:
        worker_app.run_worker(concurrency=concurrency, additional_context={"database": url},
                              delete_jobs="successful", install_signal_handlers=True)


def live_workers() -> int:
    """How many workers sent a heartbeat in the last `STALLED_S` seconds (procrastinate's own table), on the
    `connected()` app; at least 1."""
    row = app.connector.get_sync_connector().execute_query_one(
        "SELECT count(*) AS n FROM procrastinate_workers WHERE last_heartbeat > now() - make_interval(secs => "
        "%(stalled)s)", stalled=STALLED_S)
    return max(1, int(row["n"]))


def defer_cycle(svc: Service) -> int:
    """Defer one cycle's jobs (on the `connected()` app); a job already waiting (its queueing lock) is not deferred
    again. `compose` and `deliver` go out once per live worker. Returns how many sources are due.

    (When the number of workers changes, a compose job still waiting from before covers its old share, and the
    subscriptions that fall between the old and new shares are composed a cycle later.)"""
    sources = due(svc.sources(), datetime.now(UTC))
    shares = live_workers()
    jobs: list[tuple[JobDeferrer, dict[str, Any]]] = [(recover.configure(queueing_lock="recover"), {})]
    # a poll also takes `lock`: never two polls of one source at once
    jobs += [(poll.configure(queueing_lock=f"poll-{s.id}", lock=f"poll-{s.id}"), {"source_id": s.id})
             for s in sources]
    jobs += [(cluster.configure(queueing_lock="cluster"), {})]
    jobs += [(compose.configure(queueing_lock=f"compose-{k}"), {"share": k, "shares": shares}) for k in range(shares)]
    jobs += [(deliver.configure(queueing_lock=f"deliver-{k}"), {}) for k in range(shares)]
    for job, arguments in jobs:
        try:
            job.defer(**arguments)
        except AlreadyEnqueued:
            pass
    return len(sources)


def run_scheduler(svc: Service, stop: threading.Event, *, every_s: float) -> None:
    """Defer a cycle every `every_s` seconds until `stop` is set; the workers do the work."""
    with connected(svc.settings.database_url) as queue, queue.open():
        while not stop.is_set():
            count = defer_cycle(svc)
            if count:
                log.info("deferred polls of %d sources", count)
            stop.wait(every_s)
