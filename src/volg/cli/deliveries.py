"""Getting digests to readers: volg deliver, volg run, volg deliveries, volg feed, volg unsubscribe."""

from __future__ import annotations

import json
import logging
import signal
import textwrap
import threading
from pathlib import Path
from types import FrameType

import click

from volg.cli.base import WIDTH, Row, current_settings, database_option, err, main, out, service, table
from volg.counts import counted
from volg.logs import setup_logging
from volg.models import Delivery
from volg.outbox import Outcome
from volg.pipeline.deliver import shown_target
from volg.scheduler import Cycle, run_forever
from volg.serialize import delivery_json
from volg.storage.records import time_out
from volg.storage.where import shown_url

log = logging.getLogger("volg.run")


@main.command()
@database_option
def deliver() -> None:
    """Compose the digests that are due and send what is due, once (for cron). Exit 1 if a delivery failed or waits
    for a setting (no SMTP server for an email)."""
    with service() as svc:
        svc.catch_up()
        composed = svc.compose_due()
        outcomes = svc.deliver()
    err.print(f"{counted(len(composed), 'digest')} composed", markup=False)
    _print_outcomes(outcomes)
    if any(o.failed for o in outcomes):
        raise SystemExit(1)


@main.command()
@click.option("--every", default=30.0, show_default=True, type=click.FloatRange(min=1), metavar="SECONDS",
              help="Seconds between cycles.")
@click.option("--workers", is_flag=True,
              help="Only schedule: defer each cycle's jobs for `volg worker` processes (PostgreSQL). Run one.")
@database_option
def run(every: float, workers: bool) -> None:
    """Run volg: poll sources, cluster, compose each subscription's digests at its hours and deliver them.

    Stops cleanly on SIGTERM or Ctrl-C, after the step it is in."""
    setup_logging(current_settings().log_format)
    if workers:
        _run_workers(every)
        return
    stop = _stop_on_signals()
    with service() as svc:
        log.info("volg running on %s, a cycle every %g s", shown_url(svc.settings.database_url), every)
        run_forever(svc, stop, every_s=every, report=_log_cycle)
    log.info("stopped")


def _stop_on_signals() -> threading.Event:
    """An event that SIGTERM and Ctrl-C set."""
    stop = threading.Event()

    def on_signal(number: int, frame: FrameType | None) -> None:
        log.info("stopping (%s)", signal.Signals(number).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return stop


def _run_workers(every: float) -> None:
    # imported here: procrastinate loads only for the commands that use it
    from volg.cli.workers import postgres_url, prepare
    from volg.workers import run_scheduler

    url = postgres_url()
    prepare(url)
    stop = _stop_on_signals()
    with service() as svc:
        log.info("volg scheduling jobs for workers on %s, a cycle every %g s", shown_url(url), every)
        run_scheduler(svc, stop, every_s=every)
    log.info("stopped")


def _log_cycle(cycle: Cycle) -> None:
    """`volg run`'s log of a cycle: what it did, then each failed source and each delivery, a line each."""
    stored = sum(1 for p in cycle.polled for r in p.results if r.article is not None)
    if cycle.polled or cycle.composed or cycle.delivered:
        log.info("polled %s (%s), composed %s, %s", counted(len(cycle.polled), "source"), counted(stored, "article"),
                 counted(cycle.composed, "digest"), counted(len(cycle.delivered), "delivery"))
    for polled in cycle.polled:
        if polled.error:
            log.warning("%s: %s", polled.source.name, polled.error)
    for outcome in cycle.delivered:
        line, problem = _outcome_line(outcome)
        log.log(logging.WARNING if problem else logging.INFO, "%s", line)


def _print_outcomes(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        line, problem = _outcome_line(outcome)
        (err if problem else out).print(line, markup=False)


def _outcome_line(outcome: Outcome) -> tuple[str, bool]:
    """One delivery attempt in a line, and whether it went wrong (a retry or a failure)."""
    d = outcome.delivery
    what = f"#{d.id} {d.channel} {shown_target(d.channel, d.target)} (subscription {d.subscription_id})"
    if outcome.error is None:
        return f"sent {what}", False
    if outcome.cancelled:
        return f"cancelled {what}: {outcome.error}", False
    if outcome.retry_at is not None:
        return f"retry {what} at {time_out(outcome.retry_at)}: {outcome.error}", True
    return f"failed {what}: {outcome.error}", True


@main.group(invoke_without_command=True)
@click.option("--failed", is_flag=True, help="Only the deliveries that failed.")
@click.option("--subscription", "subscription_id", type=int, metavar="ID", help="Only this subscription's.")
@click.option("--latest", default=50, show_default=True, type=int, help="Show the newest this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@database_option
@click.pass_context
def deliveries(ctx: click.Context, failed: bool, subscription_id: int | None, latest: int, as_json: bool) -> None:
    """List deliveries: each digest on each channel, with its status, attempts and last error."""
    if ctx.invoked_subcommand is not None:
        return
    with service() as svc:
        found = svc.deliveries(failed=failed, subscription_id=subscription_id, latest=latest)
    if as_json:
        for delivery in found:
            print(json.dumps(delivery_json(delivery, shown_target(delivery.channel, delivery.target))))
    else:
        for line in table([_row(delivery) for delivery in found], (7, 7, 7, 8, 17, 7)):
            out.print(line, markup=False)
    if not found and not as_json:
        err.print("no failed deliveries" if failed else "no deliveries", markup=False)


@deliveries.command("retry")
@click.argument("ids", nargs=-1, type=int)
@database_option
def retry(ids: tuple[int, ...]) -> None:
    """Send failed deliveries again (these IDS, or all failed ones)."""
    with service() as svc:
        again = svc.retry_deliveries(list(ids) or None)
        outcomes = svc.deliver()
    err.print(f"{counted(len(again), 'delivery')} due again", markup=False)
    _print_outcomes(outcomes)


def _row(d: Delivery) -> Row:
    """A delivery: its status, channel, subscription, digest time and attempts; under it where it goes and its last
    error, each on lines of their own (the error wrapped), so that neither is cut."""
    error = textwrap.wrap(f"— {d.last_error}", WIDTH - 10) if d.last_error else []
    return Row((f"#{d.id}", d.status.value, d.channel, f"sub {d.subscription_id}", f"{d.scheduled_at:%Y-%m-%d %H:%M}Z",
                f"tries {d.attempts}"), below=(shown_target(d.channel, d.target), *error))


@main.command()
@click.argument("subscription_id", type=int)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write it to this file.")
@database_option
def feed(subscription_id: int, output: Path | None) -> None:
    """Print a subscription's Atom feed (readers get it at its private URL, shown by volg subscribe)."""
    with service() as svc:
        document = svc.feed(svc.subscription(subscription_id).token)
    if output is None:
        print(document, end="")
    else:
        output.write_text(document, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)


@main.command()
@click.argument("link_or_token")
@database_option
def unsubscribe(link_or_token: str) -> None:
    """Stop a subscription, given the manage or unsubscribe link of one of its digests (or the token in it)."""
    with service() as svc:
        sub = svc.unsubscribe(link_or_token.rstrip("/").rsplit("/", 1)[-1])
    out.print(f"subscription #{sub.id} to {sub.topic} stopped", markup=False)
