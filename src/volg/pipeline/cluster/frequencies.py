"""Document frequencies over a sliding window of days, for the IDF of story clustering.

Counts are kept per day and summed over the last `days` days of passage time, so what is rare is judged against
recent news and the table's size follows the window, not the archive. Counts are integers: the totals are exact
whatever order days are added and dropped in, which keeps the clusterer deterministic across a state round trip.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["DocumentFrequencies"]

Counts = dict[str, Counter[str]]  # space → term → passages carrying it


class DocumentFrequencies:
    """How many recent passages carry each term (per space), and how many passages each space has seen."""

    def __init__(self, days: int) -> None:
        self.days = days
        self._buckets: dict[int, tuple[dict[str, int], Counts]] = {}  # day → (passages per space, term counts)
        self._passages: dict[str, int] = {}  # space → passages with it, over the window
        self._totals: Counts = {}
        self._newest = -(2**62)

    def add(self, day: int, spaces: Mapping[str, Iterable[str]]) -> None:
        """Count one passage of `day` carrying the terms of `spaces` (space → terms, each term once)."""
        if day > self._newest:
            self._newest = day
            for old in [d for d in self._buckets if d <= day - self.days]:
                self._drop(old)
        if day <= self._newest - self.days:
            return  # a late passage older than the window: too old to count
        passages, counts = self._buckets.setdefault(day, ({}, {}))
        for space, terms in spaces.items():
            passages[space] = passages.get(space, 0) + 1
            self._passages[space] = self._passages.get(space, 0) + 1
            counts.setdefault(space, Counter()).update(terms)  # Counter counts an iterable in C
            self._totals.setdefault(space, Counter()).update(terms)

    def idf(self, space: str, term: str) -> float:
        """log(1 + N/df): N passages with the space, df of them with the term."""
        n, df = self.space(space)
        return math.log(1.0 + n / max(1, df.get(term, 0)))

    def space(self, space: str) -> tuple[int, dict[str, int]]:
        """N and the term → df table of one space (read-only), for callers that weigh many terms at once."""
        return self._passages.get(space, 0), self._totals.get(space, _EMPTY)

    def __len__(self) -> int:
        return sum(len(terms) for terms in self._totals.values())

    def _drop(self, day: int) -> None:
        passages, counts = self._buckets.pop(day)
        _subtract(self._passages, passages)
        for space, bucket in counts.items():
            _subtract(self._totals[space], bucket)
            if not self._totals[space]:
                del self._totals[space]

    def to_state(self) -> dict:
        buckets = {str(d): {"passages": p, "terms": c} for d, (p, c) in self._buckets.items()}
        return {"days": self.days, "newest": self._newest, "buckets": buckets}

    @classmethod
    def from_state(cls, state: dict) -> DocumentFrequencies:
        table = cls(int(state["days"]))
        table._newest = int(state["newest"])
        for day, raw in state["buckets"].items():
            passages = dict(raw["passages"])
            counts = {space: Counter(terms) for space, terms in raw["terms"].items()}
            table._buckets[int(day)] = (passages, counts)
            _add(table._passages, passages)
            for space, terms in counts.items():
                _add(table._totals.setdefault(space, Counter()), terms)
        return table


_EMPTY: dict[str, int] = {}


def _add(totals: dict[str, int], counts: dict[str, int]) -> None:
    for key, count in counts.items():
        totals[key] = totals.get(key, 0) + count


def _subtract(totals: dict[str, int], counts: dict[str, int]) -> None:
    for key, count in counts.items():
        left = totals[key] - count
        if left:
            totals[key] = left
        else:
            del totals[key]
