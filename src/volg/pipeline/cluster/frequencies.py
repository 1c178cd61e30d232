"""Document frequencies over a sliding window of days, for the IDF of story clustering.

Counts are kept per day and summed over the last `days` days of passage time, so what is rare is judged against
recent news and the table's size follows the window, not the archive. Counts are integers: the totals are exact
whatever order days are added and dropped in, which keeps the clusterer deterministic across a state round trip.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from math import fsum, log, sqrt

from volg.pipeline.cluster.vectors import strongest, unit_vectors

__all__ = ["DocumentFrequencies"]

Counts = dict[str, dict[str, int]]  # space → term → passages carrying it


class DocumentFrequencies:
    """How many recent passages carry each term (per space), and how many passages each space has seen."""

    def __init__(self, days: int) -> None:
        self.days = days
        self._buckets: dict[int, tuple[dict[str, int], Counts]] = {}  # day → (passages per space, term counts)
        self._passages: dict[str, int] = {}  # space → passages with it, over the window
        self._totals: Counts = {}
        self._newest = -(2**62)

    def weigh(
        self, day: int, spaces: Mapping[str, Mapping[str, float]], keep: int | None = None
    ) -> dict[str, dict[str, float]]:
        """Count one passage of `day` carrying the terms of `spaces` (space → term → tf), then weigh each term:
        tf × log(1 + N/df), N passages with the space, df of them with the term (this passage included). With
        `keep`, each space's weights then go through `unit_vectors` (in the same pass over the spaces)."""
        if day > self._newest:
            self._newest = day
            for old in [d for d in self._buckets if d <= day - self.days]:
                self._drop(old)
        if day <= self._newest - self.days:  # a late passage older than the window: too old to count
            weighed = {space: self._weights(space, terms) for space, terms in spaces.items()}
            return weighed if keep is None else unit_vectors(weighed, keep)
        bucket = self._buckets.get(day)
        if bucket is None:
            bucket = self._buckets[day] = ({}, {})
        passages, counts = bucket
        all_passages, totals = self._passages, self._totals
        out: dict[str, dict[str, float]] = {}
        for space, terms in spaces.items():
            passages[space] = passages.get(space, 0) + 1
            n = all_passages[space] = all_passages.get(space, 0) + 1
            count = counts.get(space)
            if count is None:
                count = counts[space] = {}
            total = totals.get(space)
            if total is None:
                total = totals[space] = {}
            weights = out[space] = {}
            # One plain loop counts and weighs: for a passage's terms it beats Counter.update and a second pass.
            for term, tf in terms.items():
                if term in count:  # `in`, then `+=` or a store: cheaper than calls of get
                    count[term] += 1
                else:
                    count[term] = 1
                if term in total:
                    df = total[term] = total[term] + 1
                else:
                    df = total[term] = 1
                weights[term] = tf * log(1.0 + n / df)
            if keep is not None:  # exactly `unit_vectors`
                if len(weights) > keep:
                    weights = dict(strongest(weights)[:keep])
                norm = sqrt(fsum([w * w for w in weights.values()])) or 1.0
                out[space] = {term: w / norm for term, w in weights.items()}
        return out

    def _weights(self, space: str, terms: Mapping[str, float]) -> dict[str, float]:
        n, df = self._passages.get(space, 0), self._totals.get(space, _EMPTY)
        return {term: tf * math.log(1.0 + n / df.get(term, 1)) for term, tf in terms.items()}

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
            counts = {space: dict(terms) for space, terms in raw["terms"].items()}
            table._buckets[int(day)] = (passages, counts)
            _add(table._passages, passages)
            for space, terms in counts.items():
                _add(table._totals.setdefault(space, {}), terms)
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
