"""Online story clustering: each passage joins the best-matching active story or starts a new one.

A passage is turned into IDF-weighted unit vectors per space (`features.py`): same-language words, title character
n-grams, and the language-independent names, places, numbers and dates. A story is the sum of its passages'
vectors (a centroid). The score of a passage against a story mixes the cosines of the spaces both can compare
(`words_share`, `grams_share`, `entities_share`; an English passage meets a Dutch-only story through the entities
alone) and decays with the time between them, counted in hours or, in a busy stream, in passages seen since the story's
latest (`busy_passages` of them age it an hour). The passage joins the best story whose score reaches `join`;
otherwise it starts a story. A later section of an article that matches nothing stays with the story its opening
joined, if it is at all similar (`section_join`). After a join, any other story the passage also matched is merged
into the joined one when the two centroids are as similar as `merge`.

Work per passage is bounded by the active window: candidate stories come from an inverted index over the stories
active in the last `window_hours` of passage time (their strongest terms only), scored term at a time along its
posting lists, and stories leave it when they expire. Nothing depends on wall-clock time, randomness or hash
seeds, so `from_state(to_state())` continues exactly as the original would.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from volg.models import Passage
from volg.pipeline.cluster.features import ENTITIES, Features, extract
from volg.pipeline.cluster.frequencies import DocumentFrequencies
from volg.pipeline.cluster.tuning import ClusterSettings
from volg.pipeline.cluster.vectors import Counters, Shares, Story, Vectors, best, dot, strongest

__all__ = ["Assignment", "ClusterSettings", "Clusterer"]

_HOUR = 3600.0
DEFAULTS = ClusterSettings()  # frozen, so one shared default is safe


@dataclass(frozen=True)
class Assignment:
    story_id: int  # the story the passage joined (or started)
    created: bool  # True when the passage started a new story
    score: float  # the similarity that decided it (0.0 for a new story)
    merged: tuple[int, ...] = ()  # stories merged INTO story_id as a result of this passage (they no longer exist)


class Clusterer:
    """The online clusterer (see the module docstring)."""

    def __init__(self, settings: ClusterSettings = DEFAULTS, *, next_id: int = 1) -> None:
        self.settings = settings
        self.counters = Counters()
        self._next_id = next_id
        self._clock = -math.inf  # the latest passage time seen
        self._seen = 0  # passages seen (each once)
        self._stories: dict[int, Story] = {}
        self._index: dict[str, dict[str, dict[int, float]]] = {}  # space → term → active story → its weight
        self._inverse: dict[str, dict[int, float]] = {}  # space → active story → 1 / its norm in the space
        self._member_of: dict[str, int] = {}  # "article:section" → story
        self._expiry: list[tuple[float, int]] = []  # (last, story) heap, lazily refreshed
        self._df = DocumentFrequencies(settings.df_days)
        self._shares = Shares(settings)
        self._factors: dict[tuple[str, ...], tuple[float, float]] = {}  # passage spaces → `Shares.factors`

    # --- public ---

    def add(self, passage: Passage) -> Assignment:
        """Join the passage to the best active story, or start one (see the module docstring)."""
        key = f"{passage.article_id}:{passage.section}"
        story_id = self._member_of.get(key)
        if story_id is not None:
            created, score = self._stories[story_id].members[key]
            return Assignment(story_id, created, score)
        return self._assign(passage, key, extract(passage, self.settings))

    def add_many(self, passages: Sequence[Passage]) -> list[Assignment]:
        """`add` each passage in turn, with the features of all of them extracted first (they depend on the
        passage alone): the same assignments as one `add` after another."""
        settings, member_of = self.settings, self._member_of
        keys = [f"{p.article_id}:{p.section}" for p in passages]
        features = [None if key in member_of else extract(p, settings) for p, key in zip(passages, keys, strict=True)]
        out = []
        for passage, key, extracted in zip(passages, keys, features, strict=True):
            story_id = member_of.get(key)
            if story_id is not None:
                created, score = self._stories[story_id].members[key]
                out.append(Assignment(story_id, created, score))
            else:
                out.append(self._assign(passage, key, extracted or extract(passage, settings)))
        return out

    def _assign(self, passage: Passage, key: str, features: Features) -> Assignment:
        """Assign a passage not seen before (`add` without the membership check)."""
        self._seen += 1
        when = passage.published_at.timestamp()
        if when > self._clock:
            self._clock = when
            expiry = self._expiry
            if expiry and expiry[0][0] < when - self.settings.window_hours * _HOUR:  # as `_expire` tests
                self._expire()
        # counted, IDF-weighed, then the strongest `passage_terms` of each space as unit vectors
        vectors = self._df.weigh(int(when // 86400), features.spaces, self.settings.passage_terms)
        scored = self._candidates(vectors, when)
        join = self.settings.join
        best_id, best = scored[0] if scored and scored[0][1] >= join else (0, 0.0)
        if not best_id and passage.section > 0:
            best_id, best = self._with_opening(passage, scored, vectors, when)
        if not best_id:
            story = self._new_story(when)
            self._absorb(story, vectors, features.surfaces, when)
            story.members[key] = (True, 0.0)
            self._member_of[key] = story.id
            return Assignment(story.id, True, 0.0)
        story = self._stories[best_id]
        self._absorb(story, vectors, features.surfaces, when)
        story.members[key] = (False, best)
        self._member_of[key] = best_id
        also = [sid for sid, score in scored if sid != best_id and score >= join]
        return Assignment(best_id, False, best, self._merge_into(story, also) if also else ())

    def story_terms(self, story_id: int, n: int = 10) -> tuple[str, ...]:
        """The story's most characteristic readable words, names and places, strongest first."""
        story = self._stories[story_id]
        ranked: list[tuple[float, str]] = []
        for space, terms in story.vectors.items():
            if space.startswith("g:"):
                continue
            for term, weight in terms.items():
                if term in story.surfaces and not term.startswith(("#", "d:")):
                    ranked.append((-weight, story.surfaces[term]))
        out: list[str] = []
        for _, display in sorted(ranked):
            folded = display.casefold()
            if not any(folded in chosen.casefold() or chosen.casefold() in folded for chosen in out):
                out.append(display)
                if len(out) == n:
                    break
        return tuple(out)

    def active_ids(self) -> list[int]:
        return sorted(self._stories)

    def window_size(self) -> dict[str, int]:
        """How much the clusterer holds: active stories, index keys, terms with a document frequency."""
        index = sum(len(terms) for terms in self._index.values())
        return {"stories": len(self._stories), "index": index, "frequencies": len(self._df)}

    def to_state(self) -> dict:
        """The active window as a JSON-able dict (see `from_state`)."""
        return {
            "version": 2,
            "next_id": self._next_id,
            "seen": self._seen,
            "clock": self._clock if math.isfinite(self._clock) else None,
            "df": self._df.to_state(),
            "stories": [
                {"id": s.id, "first": s.first, "last": s.last, "seen": s.seen, "vectors": s.vectors, "norms": s.norms,
                 "members": {k: [c, v] for k, (c, v) in s.members.items()}, "surfaces": s.surfaces}
                for s in self._stories.values()
            ],
        }  # fmt: skip

    @classmethod
    def from_state(cls, state: dict, settings: ClusterSettings = DEFAULTS) -> Clusterer:
        clusterer = cls(settings, next_id=int(state["next_id"]))
        clusterer._clock = -math.inf if state["clock"] is None else float(state["clock"])
        clusterer._seen = int(state.get("seen", 0))
        clusterer._df = DocumentFrequencies.from_state(state["df"])
        for raw in state["stories"]:
            story = Story(
                id=int(raw["id"]), first=float(raw["first"]), last=float(raw["last"]), seen=int(raw.get("seen", 0)),
                vectors={space: dict(terms) for space, terms in raw["vectors"].items()}, norms=dict(raw["norms"]),
                members={k: (bool(c), float(v)) for k, (c, v) in raw["members"].items()},
                surfaces=dict(raw["surfaces"]),
            )  # fmt: skip
            clusterer._install(story)
        return clusterer

    # --- scoring ---

    def _candidates(self, vectors: Vectors, when: float) -> list[tuple[int, float]]:
        """Active stories sharing one of the passage's terms whose similarity reaches `join`, with their decayed
        scores, best first.

        Term at a time: each of the passage's terms walks its posting list (active story → weight) and adds its
        share-weighted part of the cosine (`_inverse` holds each story's 1/norm per space) to the story's sum. A
        term in more than `max_postings` stories finds none, but still counts for the stories the others found."""
        index, inverse, limit, shares = self._index, self._inverse, self.settings.max_postings, self._shares
        sums: dict[int, float] = {}
        visited = 0
        later: list[tuple[dict[int, float], dict[int, float], float]] = []
        for space, terms in vectors.items():
            postings = index.get(space)
            if postings is None:
                continue
            scale, share, find = inverse[space], shares[space], postings.get
            for term, w in terms.items():
                posting = find(term)
                if posting is None:
                    continue
                size = len(posting)
                if size > limit:
                    later.append((posting, scale, w * share))
                    continue
                visited += size
                w *= share
                for sid, theirs in posting.items():  # `in` then `+=`: cheaper than a call of sums.get
                    if sid in sums:
                        sums[sid] += w * theirs * scale[sid]
                    else:
                        sums[sid] = w * theirs * scale[sid]
        for posting, scale, w in later:
            for sid in sums.keys() & posting.keys():
                sums[sid] += w * posting[sid] * scale[sid]
        counters = self.counters
        counters.passages += 1
        counters.postings += visited
        counters.candidates += len(sums)
        return self._rank(vectors, sums, when) if sums else []

    def _rank(self, vectors: Vectors, sums: dict[int, float], when: float) -> list[tuple[int, float]]:
        """The stories whose similarity (`sums` × `_spread`) reaches `join`, decayed (see `_decayed`), best first.
        Inlined, as this is the loop that runs most.

        `bound` is at least any story's `_spread` (it shares a space with the passage, so the shares it is divided
        by are at least the smallest of the passage's), so `total × bound < join` rules a story out, exactly as the
        full test would, before its record is looked at."""
        s = self.settings
        join, decay, penalty = s.join, s.decay_hours * _HOUR, s.hourly_penalty / _HOUR
        seen, busy = self._seen, _HOUR / s.busy_passages
        spaces = vectors.keys()
        known = tuple(spaces)
        factors = self._factors.get(known)
        if factors is None:
            factors = self._factors[known] = self._shares.factors(known)
        usual, bound = factors
        stories, exp = self._stories, math.exp
        scored = []
        for sid, total in [item for item in sums.items() if item[1] * bound >= join]:  # most fall here
            story = stories[sid]
            similarity = total * (usual if spaces <= story.norms.keys() else self._spread(spaces, story))
            if similarity < join:
                continue
            gap = max((seen - story.seen) * busy, when - story.last, story.first - when)
            scored.append((sid, similarity * exp(-gap / decay) - gap * penalty if gap > 0 else similarity))
        scored.sort(key=best)
        return scored

    def _with_opening(
        self, passage: Passage, scored: list[tuple[int, float]], vectors: Vectors, when: float
    ) -> tuple[int, float]:
        """A section that matches no story well stays with the story of its article's first passage (the opening,
        or the first section when a roundup's short intro was no passage) if at all similar."""
        earlier = (self._member_of.get(f"{passage.article_id}:{n}") for n in range(passage.section))
        opening = next((story for story in earlier if story is not None), None)
        if opening is None or opening not in self._stories:
            return 0, 0.0
        own = dict(scored).get(opening)
        if own is None:
            own = self._score(vectors, when, self._stories[opening])
        return (opening, own) if own >= self.settings.section_join else (0, 0.0)

    def _score(self, vectors: Vectors, when: float, story: Story) -> float:
        return self._decayed(self._similarity(vectors, None, story), story, when)

    def _decayed(self, similarity: float, story: Story, when: float) -> float:
        """Similarity, decayed by the hours between the passage and the story: multiplied by exp(-gap/decay_hours)
        and lowered by gap × hourly_penalty, so time erodes a weak match much sooner than a strong one. In a busy
        stream, `busy_passages` passages seen since the story's latest age it as much as an hour."""
        s = self.settings
        hours = max(when - story.last, story.first - when) / _HOUR
        gap = max((self._seen - story.seen) / s.busy_passages, hours)
        return similarity * math.exp(-gap / s.decay_hours) - gap * s.hourly_penalty if gap else similarity

    def _similarity(self, vectors: Vectors, norms: dict[str, float] | None, story: Story) -> float:
        """Share-weighted cosines of `vectors` (`norms` None: unit vectors) with a story, times `_spread`."""
        total = 0.0
        for space, terms in vectors.items():
            theirs = story.vectors.get(space)
            product = dot(terms, theirs) if theirs else 0.0
            if product:
                own = 1.0 if norms is None else math.sqrt(norms[space])
                total += self._shares[space] * product / (own * math.sqrt(story.norms[space]))
        return total * self._spread(vectors.keys(), story)

    def _spread(self, spaces: Iterable[str], story: Story) -> float:
        """1 / the shares of the spaces the passage and the story can compare (entities the story lacks count, as
        a mismatch). When no language is shared, the entities alone decide, at `entities_alone` of their weight."""
        weight_sum = 0.0
        words_missing = words_compared = False
        for space in spaces:
            words = space[0] == "w"
            if space in story.norms:
                words_compared |= words
                weight_sum += self._shares[space]
            elif words:
                words_missing = True
            elif space == ENTITIES:
                weight_sum += self._shares[space]
        if not weight_sum:
            return 0.0
        return (self.settings.entities_alone if words_missing and not words_compared else 1.0) / weight_sum

    # --- stories ---

    def _new_story(self, when: float) -> Story:
        story = Story(self._next_id, when, when, {}, {})
        self._next_id += 1
        self._stories[story.id] = story
        return story

    def _absorb(self, story: Story, vectors: Vectors, surfaces: dict[str, str], when: float) -> None:
        """Add a passage's (or a merged story's) vectors into the story and the index; keep the norms current."""
        if when < story.first:
            story.first = when
        if when > story.last:
            story.last = when
        story.seen = self._seen
        limit = self.settings.story_terms
        sid = story.id
        index, inverse, own, norms = self._index, self._inverse, story.vectors, story.norms
        kept_surfaces = story.surfaces
        for space, terms in vectors.items():
            mine = own.get(space)
            if mine is None:
                mine = own[space] = {}
            postings = index.get(space)
            if postings is None:
                postings = index[space] = {}
            squares = norms.get(space, 0.0)
            for term, w in terms.items():
                if term in mine:
                    old = mine[term]
                    new = mine[term] = postings[term][sid] = old + w
                    squares += new * new - old * old
                else:
                    mine[term] = w
                    if term in postings:
                        postings[term][sid] = w
                    else:
                        postings[term] = {sid: w}
                    squares += w * w
                    if term in surfaces and term not in kept_surfaces:
                        kept_surfaces[term] = surfaces[term]
            if len(mine) > 2 * limit:
                kept = strongest(mine)
                for term, _ in kept[limit:]:
                    self._unindex(space, term, sid)
                    story.surfaces.pop(term, None)
                mine = own[space] = dict(kept[:limit])
                squares = math.fsum([w * w for w in mine.values()])
            norms[space] = squares
            scale = inverse.get(space)
            if scale is None:
                scale = inverse[space] = {}
            scale[sid] = 1.0 / math.sqrt(squares)
        heapq.heappush(self._expiry, (story.last, sid))

    def _merge_into(self, story: Story, others: list[int]) -> tuple[int, ...]:
        """Merge into `story` every other story (of those the passage also matched) similar enough to it."""
        merged = []
        for other_id in others:
            other = self._stories[other_id]
            gap = max(0.0, other.first - story.last, story.first - other.last) / _HOUR
            decay = math.exp(-gap / self.settings.decay_hours)
            similarity = self._similarity(other.vectors, other.norms, story) * decay
            if similarity - gap * self.settings.hourly_penalty < self.settings.merge:
                continue
            self._remove(other)
            self._absorb(story, other.vectors, other.surfaces, other.first)
            story.last = max(story.last, other.last)
            for key, membership in other.members.items():
                story.members[key] = membership
                self._member_of[key] = story.id
            merged.append(other_id)
        return tuple(merged)

    def _expire(self) -> None:
        horizon = self._clock - self.settings.window_hours * _HOUR
        while self._expiry and self._expiry[0][0] < horizon:
            last, story_id = heapq.heappop(self._expiry)
            story = self._stories.get(story_id)
            if story is not None and story.last == last:
                self._remove(story)
                for key in story.members:
                    del self._member_of[key]

    def _remove(self, story: Story) -> None:
        del self._stories[story.id]
        for space, terms in story.vectors.items():
            del self._inverse[space][story.id]
            for term in terms:
                self._unindex(space, term, story.id)

    def _unindex(self, space: str, term: str, story_id: int) -> None:
        postings = self._index[space]
        posting = postings[term]
        del posting[story_id]
        if not posting:
            del postings[term]

    def _install(self, story: Story) -> None:
        self._stories[story.id] = story
        for space, terms in story.vectors.items():
            postings = self._index.setdefault(space, {})
            for term, w in terms.items():
                postings.setdefault(term, {})[story.id] = w
            self._inverse.setdefault(space, {})[story.id] = 1.0 / math.sqrt(story.norms[space])
        for key in story.members:
            self._member_of[key] = story.id
        heapq.heappush(self._expiry, (story.last, story.id))
