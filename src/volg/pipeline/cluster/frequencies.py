"""Document frequencies over a sliding window of days, for the IDF of story clustering.

Only the totals over the last `days` days of passage time are counted as passages come in, so what is rare is
judged against recent news and the table's size follows the window, not the archive. Each day keeps its passages'
terms per space in one list, uncounted (a term as often as passages carried it); a day's counts are made from
that list, in one pass in C, only when the day drops out of the window or the state is saved. Counts are integers:
the totals are exact whatever order days are added and dropped in, which keeps the clusterer deterministic across
a state round trip.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from math import fsum, log, sqrt

from volg.pipeline.cluster.vectors import strongest, unit_vectors

__all__ = ["DocumentFrequencies"]

Counts = dict[str, dict[str, int]]  # space → term → passages carrying it
Day = tuple[dict[str, int], dict[str, list[str]]]  # passages per space, and their terms per space


class DocumentFrequencies:
    """How many recent passages carry each term (per space), and how many passages each space has seen."""

    def __init__(self, days: int) -> None:
        self.days = days
        self._days: dict[int, Day] = {}
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
            for old in [d for d in self._days if d <= day - self.days]:
                self._drop(old)
        if day <= self._newest - self.days:  # a late passage older than the window: too old to count
            weighed = {space: self._weights(space, terms) for space, terms in spaces.items()}
            return weighed if keep is None else unit_vectors(weighed, keep)
        kept = self._days.get(day)
        if kept is None:
            kept = self._days[day] = ({}, {})
        passages, carried = kept
        all_passages, totals = self._passages, self._totals
        out: dict[str, dict[str, float]] = {}
        for space, terms in spaces.items():
            if space in passages:
                passages[space] += 1
                carried[space].extend(terms)
            else:
                passages[space] = 1
                carried[space] = list(terms)
            n = all_passages[space] = all_passages.get(space, 0) + 1
            total = totals.get(space)
            if total is None:
                total = totals[space] = {}
            weights = out[space] = {}
            # One plain loop counts and weighs: for a passage's terms it beats Counter.update and a second pass.
            for term, tf in terms.items():
                if term in total:  # `in`, then `+=` or a store: cheaper than calls of get
                    df = total[term] = total[term] + 1
                else:
                    df = total[term] = 1
                weights[term] = tf * log(1.0 + n / df)
            if keep is not None:  # exactly `unit_vectors`
                if len(weights) > keep:
                    weights = dict(strongest(weights, keep))
                norm = sqrt(fsum([w * w for w in weights.values()]))
                if norm:
                    out[space] = {term: w / norm for term, w in weights.items()}
                else:  # all weights zero (weights set to 0): nothing to compare in this space
                    del out[space]
        return out

    def _weights(self, space: str, terms: Mapping[str, float]) -> dict[str, float]:
        """A late passage's weights. In a space no passage of the window has (a language not seen for `days`
        days) every term is as rare as it can be: weighed as if this passage were the only one, never all zero."""
        n, df = max(1, self._passages.get(space, 0)), self._totals.get(space, _EMPTY)
        return {term: tf * math.log(1.0 + n / df.get(term, 1)) for term, tf in terms.items()}

    def __len__(self) -> int:
        return sum(len(terms) for terms in self._totals.values())

    def _drop(self, day: int) -> None:
        passages, carried = self._days.pop(day)
        _subtract(self._passages, passages)
        for space, terms in carried.items():
            _subtract(self._totals[space], Counter(terms))
            if not self._totals[space]:
                del self._totals[space]

    def to_state(self) -> dict:
        days = {}
        for day, (passages, carried) in self._days.items():
            counts = {space: dict(Counter(terms)) for space, terms in carried.items()}
            days[str(day)] = {"passages": passages, "terms": counts}
        return {"days": self.days, "newest": self._newest, "buckets": days}

    @classmethod
    def from_state(cls, state: dict) -> DocumentFrequencies:
        table = cls(int(state["days"]))
        table._newest = int(state["newest"])
        for day, raw in state["buckets"].items():
            passages = {space: int(n) for space, n in raw["passages"].items()}
            counts = {space: Counter({term: int(n) for term, n in terms.items()})
                      for space, terms in raw["terms"].items()}  # fmt: skip
            table._days[int(day)] = (passages, {space: list(terms.elements()) for space, terms in counts.items()})
            _add(table._passages, passages)
            for space, terms in counts.items():
                _add(table._totals.setdefault(space, {}), terms)
        return table


_EMPTY: dict[str, int] = {}


def _add(totals: dict[str, int], counts: Mapping[str, int]) -> None:
    for key, count in counts.items():
        totals[key] = totals.get(key, 0) + count


def _subtract(totals: dict[str, int], counts: Mapping[str, int]) -> None:
    for key, count in counts.items():
        left = totals[key] - count
        if left:
            totals[key] = left
        else:
            del totals[key]
