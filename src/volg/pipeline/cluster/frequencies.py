"""Document frequencies over a sliding window of days, for the IDF of story clustering.

Only the totals over the last `days` days of passage time are counted as passages come in, so what is rare is
judged against recent news and the table's size follows the window, not the archive. Each day keeps its passages'
terms per space in one list, uncounted (a term as often as passages carried it); a day's counts are made from
that list, in one pass in C, only when the day drops out of the window or the whole state is saved. Counts are integers:
the totals are exact whatever order days are added and dropped in, which keeps the clusterer deterministic across
a state round trip.

A state can also be saved in parts (`header`, `changes`, `from_parts`): a day is saved as the terms of the passages
it took since its last part, uncounted and in order (`packing.joined` into one string: next to nothing), so a save
costs what came since the one before, and a day restored from its parts is the day that was saved, list for list.
A day is saved whole again, as one part, once it has `MAX_PARTS` of them; a day that dropped out is deleted with all
its parts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from math import fsum, log, sqrt
from typing import NamedTuple

from volg.pipeline.cluster.packing import joined, split
from volg.pipeline.cluster.vectors import strongest, unit_vectors

__all__ = ["DocumentFrequencies"]

Counts = dict[str, dict[str, int]]  # space → term → passages carrying it
Day = tuple[dict[str, int], dict[str, list[str]]]  # passages per space, and their terms per space
Part = tuple[int, int, dict]  # (day, part number, {"passages": space → n, "terms": space → `joined` terms}) of the
# passages the day took since its previous part
MAX_PARTS = 16
"""A day saved in this many parts is saved whole (as one part) the next time it changes."""


class Saved(NamedTuple):
    """What the last save of a day's parts holds: how many parts, and how far each space's terms went."""

    parts: int
    passages: dict[str, int]
    lengths: dict[str, int]


class DocumentFrequencies:
    """How many recent passages carry each term (per space), and how many passages each space has seen."""

    def __init__(self, days: int) -> None:
        self.days = days
        self._days: dict[int, Day] = {}
        self._passages: dict[str, int] = {}  # space → passages with it, over the window
        self._totals: Counts = {}
        self._newest = -(2**62)
        self._changed: set[int] = set()  # days that took passages since the last save in parts
        self._saved: dict[int, Saved] = {}  # days saved in parts, as saved
        self._gone: set[int] = set()  # days saved in parts that dropped out since

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
        self._changed.add(day)
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
        self._changed.discard(day)
        if self._saved.pop(day, None) is not None:
            self._gone.add(day)
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
        return {**self.header(), "buckets": days}

    def header(self) -> dict:
        """The state without its days (`to_state`, `from_parts`)."""
        return {"days": self.days, "newest": self._newest}

    def changes(self, *, whole: bool = False) -> tuple[list[Part], list[int]]:
        """The parts to save, and the days whose parts to delete first (they dropped out, or are saved whole again),
        since the last call; with `whole`, every day as one part (what was saved before is to be deleted). From
        then on the days count as saved so."""
        if whole:
            self._saved.clear()
            changed = sorted(self._days)
        else:
            changed = sorted(self._changed)
        self._changed.clear()
        gone, self._gone = sorted(self._gone), set()
        parts = []
        for day in changed:
            passages, carried = self._days[day]
            before = self._saved.get(day)
            if before is None or before.parts >= MAX_PARTS:
                if before is not None:
                    gone.append(day)
                before, number = Saved(0, {}, {}), 0
            else:
                number = before.parts
            taken = {space: n - before.passages.get(space, 0) for space, n in passages.items()
                     if n > before.passages.get(space, 0)}  # a space's terms grow only with its passages
            new = {space: joined(carried[space][before.lengths.get(space, 0):]) for space in taken}
            parts.append((day, number, {"passages": taken, "terms": new}))
            lengths = {space: len(terms) for space, terms in carried.items()}
            self._saved[day] = Saved(number + 1, dict(passages), lengths)
        return parts, gone

    @classmethod
    def from_parts(cls, header: dict, parts: Iterable[Part]) -> DocumentFrequencies:
        """The table saved by `changes` (its `header` and every part not deleted, in the order of their numbers):
        each day its parts, one after the other."""
        table = cls(int(header["days"]))
        table._newest = int(header["newest"])
        numbers: dict[int, int] = {}
        for day, number, raw in parts:
            numbers[day] = max(numbers.get(day, 0), number + 1)
            passages, carried = table._days.setdefault(day, ({}, {}))
            _add(passages, {space: int(n) for space, n in raw["passages"].items()})
            for space, terms in raw["terms"].items():
                carried.setdefault(space, []).extend(split(terms))
        for day, (passages, carried) in table._days.items():
            _add(table._passages, passages)
            for space, terms in carried.items():
                _add(table._totals.setdefault(space, {}), Counter(terms))
            lengths = {space: len(terms) for space, terms in carried.items()}
            table._saved[day] = Saved(numbers[day], dict(passages), lengths)
        return table

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
