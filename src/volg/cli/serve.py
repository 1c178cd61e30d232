"""volg serve: the web app and, beside it, the scheduler (poll, cluster, compose, deliver)."""

from __future__ import annotations

import logging
import signal
import socket
import threading
from typing import TYPE_CHECKING

import click

from volg.cli.base import current_settings, database_option, fail, main, service
from volg.errors import VolgError
from volg.logs import setup_logging
from volg.scheduler import Cycle, run_forever

if TYPE_CHECKING:
    from volg.service import Service

log = logging.getLogger("volg.serve")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--every", default=30.0, show_default=True, type=click.FloatRange(min=1), metavar="SECONDS",
              help="Seconds between scheduler cycles.")
@click.option("--no-scheduler", is_flag=True, help="Serve only; leave polling and delivery to `volg run`.")
@database_option
def serve(host: str, port: int, every: float, no_scheduler: bool) -> None:
    """Serve the web UI and the pages behind readers' links (manage, unsubscribe, Atom feeds), with the scheduler.

    Set base_url to the address readers reach this server at. Stops on SIGTERM or Ctrl-C."""
    if not port_free(host, port):
        fail(f"{host}:{port} is in use: stop what listens there, or pass another --port")
    setup_logging(current_settings().log_format)
    with service() as svc:
        if no_scheduler:  # `volg run` clusters; this process stores what the API receives and reads stories
            svc.clusters = svc.cluster_on_ingest = False
        log.info("volg serving http://%s:%d (links use %s); Ctrl-C stops", host, port, svc.settings.base_url)
        run_server(svc, host, port, scheduler_every=None if no_scheduler else every)


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on (host, port) now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def run_server(svc: Service, host: str, port: int, *, scheduler_every: float | None) -> None:
    """Serve the web app over `svc` until stopped, with the scheduler cycling beside it unless `scheduler_every`
    is None."""
    import uvicorn  # here: the web app (FastAPI, pydantic, Jinja) loads only for the commands that serve it

    from volg.web import create_app

    app = create_app(svc)
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):  # uvicorn stops the server, then signals these again
        signal.signal(number, lambda *_: stop.set())
    report = app.state.metrics.count_cycle if app.state.metrics else _ignore
    loop = threading.Thread(target=run_forever, args=(svc, stop),
                            kwargs={"every_s": scheduler_every or 30.0, "report": report}, daemon=True)
    if scheduler_every is not None:
        loop.start()
    threading.Thread(target=_warm_up, args=(svc,), daemon=True).start()
    try:
        # uvicorn's own records go to volg's log (log_config=None); volg.access logs each request (web/access.py)
        uvicorn.run(app, host=host, port=port, log_level="warning", log_config=None, access_log=False)
    finally:
        stop.set()
        if loop.is_alive():
            loop.join(timeout=60)


def _ignore(cycle: Cycle) -> None:
    """The scheduler's cycles need no report where nothing counts them."""


def _warm_up(svc: Service) -> None:
    """Derive what the pages show (stories, topic members, developments) before the first reader asks."""
    try:
        svc.discovered_topics()
        for topic in svc.topics():
            svc.developments(topic=topic.slug, since=svc.news_since())
    except VolgError as exc:  # the pages will say it again when asked
        log.warning("warming up: %s", exc)
