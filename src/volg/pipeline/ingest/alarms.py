"""Alarms: functions called at a time to come from one shared thread, so that watching a request for its deadline
costs no thread of its own (a thread per request cost 0.14 ms of CPU to start and stop)."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable


class Alarms:
    """Calls each set function once its seconds (on `time.monotonic`) have passed, unless it was cancelled first.
    The functions run one after the other on a daemon thread, started on first use (and again after a fork)."""

    def __init__(self) -> None:
        self._wake = threading.Condition(threading.Lock())
        self._due: list[tuple[float, int]] = []  # a heap of (time, number), cancelled ones included
        self._actions: dict[int, Callable[[], None]] = {}  # by number: the ones still to call
        self._numbers = itertools.count()
        self._thread: threading.Thread | None = None

    def set(self, seconds: float, action: Callable[[], None]) -> int:
        """Call `action` in `seconds`; the alarm's number, to cancel it."""
        with self._wake:
            number = next(self._numbers)
            due = time.monotonic() + seconds
            self._actions[number] = action
            if not self._due or due < self._due[0][0]:
                self._wake.notify()  # the thread waits for an earlier time: it must wait less
            heapq.heappush(self._due, (due, number))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="volg-alarms", daemon=True)
                self._thread.start()
        return number

    def cancel(self, number: int) -> None:
        """The alarm will not ring (if it is ringing now, it rings to its end)."""
        with self._wake:
            self._actions.pop(number, None)

    def pending(self) -> int:
        """How many alarms are set and neither rang nor were cancelled."""
        with self._wake:
            return len(self._actions)

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._due and self._due[0][1] not in self._actions:
                    heapq.heappop(self._due)  # cancelled
                if not self._due:
                    self._wake.wait()
                    continue
                due, number = self._due[0]
                left = due - time.monotonic()
                if left > 0:
                    self._wake.wait(left)
                    continue
                heapq.heappop(self._due)
                action = self._actions.pop(number)
            action()


ALARMS = Alarms()
"""The process's alarms."""
