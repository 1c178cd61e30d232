"""The parts of the online clusterer (`assign.py`, `window.py`): its story records, operation counters, the shares
of the spaces in a score, and helpers over sparse vectors."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import itemgetter

from volg.pipeline.cluster.features import ENTITIES
from volg.pipeline.cluster.tuning import ClusterSettings

__all__ = ["Counters", "Shares", "Story", "Vectors", "best", "dot", "strongest", "unit_vectors"]

Vectors = dict[str, dict[str, float]]  # space → term → weight


@dataclass(slots=True)
class Story:
    id: int
    first: float  # passage times (POSIX seconds) of its earliest and latest passage
    last: float
    vectors: Vectors  # sum of its passages' unit vectors, strongest `story_terms` terms per space
    norms: dict[str, float]  # squared norm per space, kept up to date as passages are added
    seen: int = 0  # how many passages the clusterer had seen when the story took its latest one
    # its recent members: "article:section" → (created, score, the clusterer's clock when it joined)
    members: dict[str, tuple[bool, float, float]] = field(default_factory=dict)
    surfaces: dict[str, str] = field(default_factory=dict)  # term → readable form
    # every passage of it so far is background (opinion, analysis): its words are a column's own, so a news report
    # joins it on its score, without its words having to agree (`Clusterer._words_agree`)
    background: bool = False


@dataclass
class Counters:
    """Operation counts, for tests and benchmarks that check the work per passage stays flat."""

    passages: int = 0
    candidates: int = 0  # candidate stories scored, summed over passages
    postings: int = 0  # index postings visited, summed over passages


class Shares(dict[str, float]):
    """Space → its share of the score (`words_share`, `grams_share` or `entities_share`), filled in on first use."""

    def __init__(self, settings: ClusterSettings) -> None:
        super().__init__()
        self.settings = settings

    def __missing__(self, space: str) -> float:
        s = self.settings
        share = self[space] = (
            s.entities_share if space == ENTITIES else s.grams_share if space[0] == "g" else s.words_share
        )
        return share

    def factors(self, spaces: tuple[str, ...]) -> tuple[float, float]:
        """For a passage with these spaces (in this order): 1 / the sum of their shares (the `_spread` of a story
        with all of them) and the bound of `Clusterer._rank`. They depend on the spaces alone, so are memoised."""
        s = self.settings
        shares = [self[space] for space in spaces]
        usual = 1.0 / math.fsum(shares)  # a story with all the passage's spaces
        smallest = min(shares)
        bound = max(1.0, s.entities_alone) / smallest if s.join > 0 and smallest > 0 else 0.0
        return usual, bound


def strongest(terms: dict[str, float], keep: int | None = None) -> list[tuple[str, float]]:
    """Terms by weight, strongest first, ties by term (two sorts in C: by term, then stably by weight); with
    `keep`, the first `keep` of them only, sorting only the terms at least as strong as the `keep`th (a sort of
    bare floats finds its weight) when there are more."""
    items = terms.items()
    if keep is not None and len(terms) > keep:
        cut = sorted(terms.values(), reverse=True)[keep - 1]
        return sorted(sorted([item for item in items if item[1] >= cut]), key=itemgetter(1), reverse=True)[:keep]
    return sorted(sorted(items), key=itemgetter(1), reverse=True)


def unit_vectors(weights: Vectors, keep: int) -> Vectors:
    """Each space's `keep` strongest terms, L2-normalised; a space whose weights are all zero is left out."""
    fsum, sqrt = math.fsum, math.sqrt
    out: Vectors = {}
    for space, weighted in weights.items():
        if len(weighted) > keep:
            weighted = dict(strongest(weighted, keep))
        norm = sqrt(fsum([w * w for w in weighted.values()]))
        if norm:
            out[space] = {term: w / norm for term, w in weighted.items()}
    return out


def best(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


# Sums of floats go through math.fsum, which is exact and so independent of the order of the terms: set and
# dict orders then never change a score (str hashes, and so set orders, differ between processes).
def dot(a: dict[str, float], b: dict[str, float]) -> float:
    return math.fsum([a[term] * b[term] for term in a.keys() & b.keys()])
