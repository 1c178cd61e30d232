"""Fakes for the ingest tests: implementations, not patches."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FakeClock:
    """A monotonic clock that moves only when something sleeps on it or a test moves `now`; records the sleeps."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
