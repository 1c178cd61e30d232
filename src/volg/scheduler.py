"""`volg run`: the long-running loop that polls sources, clusters, composes digests at each subscription's hours
and delivers them. It holds no business rules: each cycle calls the Service, and stops cleanly between steps
when asked (SIGTERM, Ctrl-C)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from volg.outbox import Outcome
from volg.service import PollOutcome, Service


@dataclass(frozen=True)
class Cycle:
    """What one cycle did."""

    polled: tuple[PollOutcome, ...]
    composed: int
    delivered: tuple[Outcome, ...]


def run_cycle(service: Service, stop: threading.Event | None = None) -> Cycle:
    """Poll the due sources, bring stories up to date, compose what is due, send what is due."""
    polled = []
    for outcome in service.poll():
        polled.append(outcome)
        if stop is not None and stop.is_set():
            break
    service.catch_up()
    composed = service.compose_due()
    delivered = service.deliver()
    return Cycle(tuple(polled), len(composed), tuple(delivered))


def run_forever(service: Service, stop: threading.Event, *, every_s: float,
                report: Callable[[Cycle], None]) -> None:
    """Cycle every `every_s` seconds until `stop` is set; a cycle that has begun finishes its current step."""
    while not stop.is_set():
        report(run_cycle(service, stop))
        stop.wait(every_s)
