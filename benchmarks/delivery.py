"""Delivery at scale: many readers of one topic, one scheduled hour.

    python -m benchmarks.delivery [--subscriptions 10000]

Setup (not timed): the bundled demo stream is ingested into a fresh SQLite database, one topic is defined, and
`--subscriptions` readers follow it at the same hour, each with an email address and a webhook. A local SMTP
server (aiosmtpd) and a local HTTP server that take everything run in a separate process.

Timed: `Service.compose_due` (select and store every digest with its deliveries) and `Service.deliver` (render
each digest, hand it to the SMTP server and POST it, signed, to the webhook, recording every outcome), as one
process on one core would in `volg run`. The receivers' counts are checked against the digests.

Last stdout line: one JSON object with `digests`, `digests_per_s`, `peak_rss_mb` (this process's peak resident
memory, setup included) and extras: `deliveries`, `compose_s`, `deliver_s`, `emails`, `webhooks`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from benchmarks.receivers import CountingWebhooks
from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

AT = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)  # 13:00 in Amsterdam, after the demo's first day


class _Counting:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def _receivers(pipe: Connection) -> None:
    """Run an SMTP sink and an HTTP sink until told to stop; report their ports, then their counts."""
    smtp = _Counting()
    with socket.socket() as probe:  # aiosmtpd wants a port number; let the system pick a free one
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(smtp, hostname="127.0.0.1", port=port)
    controller.start()
    hooks = CountingWebhooks()
    pipe.send((controller.port, hooks.port))
    pipe.recv()
    pipe.send((smtp.count, hooks.posts))
    controller.stop()
    hooks.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    receivers = context.Process(target=_receivers, args=(theirs,), daemon=True)
    receivers.start()
    smtp_port, http_port = ours.recv()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(smtp_url=f"smtp://127.0.0.1:{smtp_port}", allow_private_urls=True, home=folder)
        service = Service(settings, open_storage(str(Path(folder) / "volg.db")), clock=lambda: AT)
        service.add_topic("Hoogwater", "hoogwater OR Maas OR Meuse OR flood OR overstroming")
        list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
        print(f"subscribing {args.subscriptions} readers", file=sys.stderr)
        for n in range(args.subscriptions):
            service.subscribe("hoogwater", times=["13:00"], email=f"lezer{n}@example.nl",
                              webhooks=[f"http://127.0.0.1:{http_port}/hook/{n}"])
        print("composing and delivering", file=sys.stderr)
        started = time.perf_counter()
        composed = service.compose_due(now=AT)
        composed_at = time.perf_counter()
        outcomes = service.deliver()
        done = time.perf_counter()
        service.close()
    ours.send("stop")
    emails, webhooks = ours.recv()
    receivers.join()
    errors = [o.error for o in outcomes if o.error]
    if errors or emails != len(composed) or webhooks != len(composed):
        print(f"not all delivered: {len(errors)} errors (first: {errors[:1]}), {emails} emails, {webhooks} webhooks "
              f"for {len(composed)} digests", file=sys.stderr)
        return 1
    print(json.dumps({
        "digests": len(composed),
        "digests_per_s": round(len(composed) / (done - started), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "deliveries": len(outcomes),
        "compose_s": round(composed_at - started, 2),
        "deliver_s": round(done - composed_at, 2),
        "emails": emails,
        "webhooks": webhooks,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
