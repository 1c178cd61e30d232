"""Document frequencies over a sliding window of days, for the IDF of story clustering.

Counts are kept per day and summed over the last `days` days of passage time, so what is rare is judged against
recent news and the table's size follows the window, not the archive. Counts are integers: the totals are exact
whatever order days are added and dropped in, which keeps the clusterer deterministic across a state round trip.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["DocumentFrequencies"]


class DocumentFrequencies:
    """How many recent passages carry each term (per space), and how many passages each space has seen."""

    def __init__(self, days: int) -> None:
        self.days = days
        self._buckets: dict[int, dict[str, int]] = {}  # day → term key → passages carrying it
        self._totals: dict[str, int] = {}
        self._newest = -(2**62)

    def add(self, day: int, keys: Iterable[str]) -> None:
        """Count one passage of `day` carrying `keys` (space-prefixed terms and the bare space names)."""
        if day > self._newest:
            self._newest = day
            for old in [d for d in self._buckets if d <= day - self.days]:
                self._drop(old)
        if day <= self._newest - self.days:
            return  # a late passage older than the window: too old to count
        bucket = self._buckets.setdefault(day, {})
        totals = self._totals
        for key in keys:
            bucket[key] = bucket.get(key, 0) + 1
            totals[key] = totals.get(key, 0) + 1

    def idf(self, space: str, key: str) -> float:
        """log(1 + N/df): N passages with the space, df of them with the term."""
        return math.log(1.0 + self._totals.get(space, 0) / max(1, self._totals.get(key, 0)))

    def __len__(self) -> int:
        return len(self._totals)

    def _drop(self, day: int) -> None:
        totals = self._totals
        for key, count in self._buckets.pop(day).items():
            left = totals[key] - count
            if left:
                totals[key] = left
            else:
                del totals[key]

    def to_state(self) -> dict:
        return {"days": self.days, "newest": self._newest, "buckets": {str(d): b for d, b in self._buckets.items()}}

    @classmethod
    def from_state(cls, state: dict) -> DocumentFrequencies:
        table = cls(int(state["days"]))
        table._newest = int(state["newest"])
        for day, bucket in state["buckets"].items():
            table._buckets[int(day)] = dict(bucket)
            for key, count in bucket.items():
                table._totals[key] = table._totals.get(key, 0) + count
        return table
