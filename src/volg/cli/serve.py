"""volg serve: the web app and, beside it, the scheduler (poll, cluster, compose, deliver)."""

from __future__ import annotations

import signal
import socket
import threading
from typing import TYPE_CHECKING

import click

from volg.cli.base import database_option, err, fail, main, service
from volg.errors import VolgError
from volg.scheduler import run_forever

if TYPE_CHECKING:
    from volg.service import Service


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
    with service() as svc:
        if no_scheduler:  # `volg run` clusters; this process stores what the API receives and reads stories
            svc.clusters = svc.cluster_on_ingest = False
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

    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):  # uvicorn stops the server, then signals these again
        signal.signal(number, lambda *_: stop.set())
    loop = threading.Thread(target=run_forever, args=(svc, stop),
                            kwargs={"every_s": scheduler_every or 30.0, "report": lambda cycle: None}, daemon=True)
    if scheduler_every is not None:
        loop.start()
    threading.Thread(target=_warm_up, args=(svc,), daemon=True).start()
    err.print(f"volg serving http://{host}:{port} (links use {svc.settings.base_url}); Ctrl-C stops", markup=False)
    try:
        uvicorn.run(create_app(svc), host=host, port=port, log_level="warning")
    finally:
        stop.set()
        if loop.is_alive():
            loop.join(timeout=60)


def _warm_up(svc: Service) -> None:
    """Derive what the pages show (stories, topic members, developments) before the first reader asks."""
    try:
        svc.discovered_topics()
        for topic in svc.topics():
            svc.developments(topic=topic.slug)
    except VolgError as exc:  # the pages will say it again when asked
        err.print(f"warming up: {exc}", markup=False)
