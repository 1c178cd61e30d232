"""Online story clustering: each passage joins the best-matching active story or starts a new one.

A passage is turned into IDF-weighted unit vectors per space (`features.py`): same-language words, title character
n-grams, and the language-independent names, places, numbers and dates. A story is the sum of its passages'
vectors (a centroid). The score of a passage against a story mixes the cosines of the spaces both can compare
(`words_share`, `grams_share`, `entities_share`; an English passage meets a Dutch-only story through the entities
alone) and decays with the time between them, counted in hours or, in a busy stream, in passages seen since the story's
latest (`busy_passages` of them age it an hour). The passage joins the best story whose score reaches `join` (a
full-text report also needs its words, not only its names, to agree with the story's: `full_words`); otherwise it
starts a story. A later section of an article that matches nothing stays with the story its opening
joined, if it is at all similar (`section_join`). A full-text piece of background about an event (opinion, analysis:
`Passage.background`) joins a story without moving it (its vectors stay out of the centroid), at `background_join` of
the bar. After a join, any other story the passage also matched is merged into the joined one when the two centroids
are as similar as `merge`.

Work per passage is bounded by the active window (`window.py`): candidate stories come from an inverted index over
the stories active in the last `window_hours` of passage time (their strongest terms only), scored term at a time
along its posting lists, and stories leave it when they expire, or sooner, when so many passages went by without
them that none could join them any more (`joinable_passages`): in a busy stream that is most of the window, and
no result changes. Nothing depends on wall-clock time, randomness or hash seeds, so `from_state(to_state())`
continues exactly as the original would; so does a clusterer restored by `from_changes` from the `state_changes`
saved after every passage (or every few), which hold only what changed since the save before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from volg.models import Passage
from volg.pipeline.cluster.features import ENTITIES, Features, extract, named_stems
from volg.pipeline.cluster.frequencies import DocumentFrequencies, Part
from volg.pipeline.cluster.packing import joined, packed, split, unpacked
from volg.pipeline.cluster.tuning import ClusterSettings
from volg.pipeline.cluster.vectors import Counters, Shares, Story, Vectors, best, dot
from volg.pipeline.cluster.window import Window

__all__ = ["Assignment", "ClusterSettings", "Clusterer", "StateChanges"]

_HOUR = 3600.0
_UNBOUNDED = 1 << 62  # passages: more than any clusterer sees
STATE_VERSION = 3  # of `Clusterer.to_state` and of what `state_changes` gives; a state of another version is not
# read (StoryKeeper starts anew)
DEFAULTS = ClusterSettings()  # frozen, so one shared default is safe


class Assignment(NamedTuple):  # a tuple: made for every passage, cheaper than a frozen dataclass
    story_id: int  # the story the passage joined (or started)
    created: bool  # True when the passage started a new story
    score: float  # the similarity that decided it (0.0 for a new story)
    merged: tuple[int, ...] = ()  # stories merged INTO story_id as a result of this passage (they no longer exist)


class StateChanges(NamedTuple):
    """What `Clusterer.state_changes` gives a save: the header (`state_header`), each changed story as (id, its
    `story_row`), made as read, the ids of the stories to delete, the parts of days of document frequencies to
    write and the days whose parts to delete first; `whole`: everything saved before is to be deleted."""

    header: dict
    stories: Iterator[tuple[int, dict]]
    gone: list[int]
    days: list[Part]
    gone_days: list[int]
    whole: bool


def story_state(story: Story) -> dict:
    """One story of the state, JSON-able (`story_from_state` reads it)."""
    return {"id": story.id, "first": story.first, "last": story.last, "seen": story.seen, "vectors": story.vectors,
            "norms": story.norms, "members": {k: list(m) for k, m in story.members.items()},
            "surfaces": story.surfaces, "background": story.background}  # fmt: skip


def story_from_state(raw: dict) -> Story:
    return Story(
        id=int(raw["id"]), first=float(raw["first"]), last=float(raw["last"]), seen=int(raw["seen"]),
        vectors={space: dict(terms) for space, terms in raw["vectors"].items()}, norms=dict(raw["norms"]),
        members={k: (bool(c), float(v), float(t)) for k, (c, v, t) in raw["members"].items()},
        surfaces=dict(raw["surfaces"]), background=bool(raw.get("background", False)),
    )


def story_row(story: Story) -> dict:
    """One story as `state_changes` gives it: `story_state` with each space's terms and weights, and the readable
    forms, packed (`packing`: a third of the cost to write)."""
    return {"id": story.id, "first": story.first, "last": story.last, "seen": story.seen,
            "vectors": {space: [joined(terms), packed(terms.values())] for space, terms in story.vectors.items()},
            "norms": story.norms, "members": {k: list(m) for k, m in story.members.items()},
            "surfaces": [joined(story.surfaces), joined(story.surfaces.values())],
            "background": story.background}  # fmt: skip


def story_from_row(raw: dict) -> Story:
    surfaced, readable = raw["surfaces"]
    return Story(
        id=int(raw["id"]), first=float(raw["first"]), last=float(raw["last"]), seen=int(raw["seen"]),
        vectors={space: dict(zip(split(terms), unpacked(weights), strict=True))
                 for space, (terms, weights) in raw["vectors"].items()},
        norms={space: float(norm) for space, norm in raw["norms"].items()},
        members={k: (bool(c), float(v), float(t)) for k, (c, v, t) in raw["members"].items()},
        surfaces=dict(zip(split(surfaced), split(readable), strict=True)),
        background=bool(raw.get("background", False)),
    )  # fmt: skip


def _check_version(header: dict) -> None:
    if header.get("version") != STATE_VERSION:
        raise ValueError(f"clusterer state of version {header.get('version')!r}, not {STATE_VERSION}")


class Reach(NamedTuple):
    """How far a passage's similarity carries: the score it must reach to join, and how time decays it."""

    join: float
    decay_hours: float
    hourly_penalty: float


def reaches(settings: ClusterSettings) -> tuple[Reach, Reach]:
    """The reach of a headline or short passage, and of a full-text one (`full_text_words`)."""
    s = settings
    return (Reach(s.join, s.decay_hours, s.hourly_penalty),
            Reach(s.full_join, s.full_decay_hours, s.full_hourly_penalty))  # fmt: skip


def joinable_passages(settings: ClusterSettings) -> int:
    """How many passages can go by without a story and a passage still join it (or be merged into the story it
    joins, or keep a section with it), whatever the similarity; `_UNBOUNDED` when the settings set no bound.

    A similarity is at most max(1, `entities_alone`) (cosines mixed by shares that add up to 1 at most, times 1 or
    `entities_alone`), and the passages that went by since a story's latest age it by at least one hour per
    `busy_passages` of them, so its score is at most that, decayed by those hours (see `Clusterer._decayed`). Once
    the bound falls below `join` and `section_join` (with a margin for rounding) for a short and a full-text passage
    alike, the story is out of reach for good: the passages seen only grow."""
    s = settings
    shares = (s.words_share, s.entities_share, s.grams_share)
    if s.busy_passages <= 0 or min(shares) < 0:
        return _UNBOUNDED
    ceiling = max(1.0, s.entities_alone) * (1 + 1e-9)
    bounds = []
    for reach in reaches(s):
        if min(reach.join, s.section_join, reach.decay_hours) <= 0 or reach.hourly_penalty < 0:
            return _UNBOUNDED
        floor = min(reach.join * min(s.background_join, 1.0), s.section_join) - 1e-9
        bounds.append(_last_in_reach(ceiling, floor, reach, s.busy_passages))
    return max(bounds)


def _last_in_reach(ceiling: float, floor: float, reach: Reach, busy_passages: float) -> int:
    def out_of_reach(passages: int) -> bool:
        hours = passages / busy_passages
        return ceiling * math.exp(-hours / reach.decay_hours) - hours * reach.hourly_penalty < floor

    bound = 1
    while not out_of_reach(bound):
        if bound > _UNBOUNDED:
            return _UNBOUNDED
        bound *= 2
    low = bound // 2  # within reach (or 0); `bound` is not: find the first one out of reach between them
    while bound - low > 1:
        middle = (low + bound) // 2
        low, bound = (low, middle) if out_of_reach(middle) else (middle, bound)
    return bound - 1


class Clusterer:
    """The online clusterer (see the module docstring)."""

    def __init__(self, settings: ClusterSettings = DEFAULTS, *, next_id: int = 1) -> None:
        self.settings = settings
        self.counters = Counters()
        self._next_id = next_id
        self._clock = -math.inf  # the latest passage time seen
        self._seen = 0  # passages seen (each once)
        self._df = DocumentFrequencies(settings.df_days)
        self._shares = Shares(settings)
        self._window = Window(settings, self.counters, self._shares)
        self._factors: dict[tuple[str, ...], tuple[float, float]] = {}  # passage spaces → `Shares.factors`
        self._joinable = joinable_passages(settings)
        self._reaches = reaches(settings)

    # --- public ---

    def add(self, passage: Passage) -> Assignment:
        """Join the passage to the best active story, or start one (see the module docstring). A passage added
        again gets what it got, while its membership is remembered (`window_hours`); later, it is assigned anew."""
        key = f"{passage.article_id}:{passage.section}"
        story_id = self._window.member_of.get(key)
        if story_id is not None:
            return self._again(story_id, key)
        return self._assign(passage, key, extract(passage, self.settings))

    def add_many(self, passages: Sequence[Passage]) -> list[Assignment]:
        """`add` each passage in turn (one loop, its lookups done once): the same assignments. Each passage's
        features are made just before it is assigned, and dropped after: holding all of them would only give the
        garbage collector more to walk."""
        settings, member_of, assign, again = self.settings, self._window.member_of, self._assign, self._again
        out = []
        for passage in passages:
            key = f"{passage.article_id}:{passage.section}"
            story_id = member_of.get(key)
            out.append(assign(passage, key, extract(passage, settings)) if story_id is None else again(story_id, key))
        return out

    def _again(self, story_id: int, key: str) -> Assignment:
        """What a passage seen before got."""
        created, score, _ = self._window.stories[story_id].members[key]
        return Assignment(story_id, created, score)

    def _assign(self, passage: Passage, key: str, features: Features) -> Assignment:
        """Assign a passage not seen before (`add` without the membership check)."""
        self._seen += 1
        settings, window = self.settings, self._window
        when = passage.published_at.timestamp()
        horizon = -math.inf  # stories expire as the clock moves on (a late passage's new story waits for that)
        if when > self._clock:
            self._clock = when
            horizon = when - settings.window_hours * _HOUR
        window.age(horizon, self._seen - self._joinable)
        # counted, IDF-weighed, then the strongest `passage_terms` of each space as unit vectors
        vectors = self._df.weigh(int(when // 86400), features.spaces, settings.passage_terms)
        sums = window.sums(vectors)
        full_text = features.words >= settings.full_text_words
        reach = self._reaches[full_text]
        aside = passage.background and full_text  # a headline has no themes of its own to keep out
        join = reach.join * (settings.background_join if aside else 1.0)
        scored = self._rank(vectors, sums, when, reach, join) if sums else []
        if full_text and not aside and scored:
            named = named_stems(features, settings)
            scored = [(sid, score) for sid, score in scored
                      if window.stories[sid].background or self._words_agree(vectors, named, window.stories[sid])]
        best_id, best = scored[0] if scored and scored[0][1] >= join else (0, 0.0)
        if not best_id and passage.section > 0:
            best_id, best = self._with_opening(passage, scored, vectors, when, reach)
        created = not best_id
        if created:
            story = window.start(self._next_id, when)
            self._next_id += 1
        else:
            story = window.stories[best_id]
        story.background = aside and (created or story.background)
        if created or not aside:  # background joins without moving the story (tuning.py)
            window.absorb(story, vectors, features.surfaces, when, self._seen)
        window.join(story, key, created, best, self._clock)
        if len(scored) < 2 or created:
            return Assignment(story.id, created, best)
        also = [sid for sid, score in scored if sid != best_id and score >= join]
        return Assignment(best_id, False, best, self._merge_into(story, also, reach) if also else ())

    def _words_agree(self, vectors: Vectors, named: frozenset[str], story: Story) -> bool:
        """Whether a full-text passage tells what the story tells in its words, not only by naming what it names
        (`full_words`): the cosine of their words in one language, without the words of the passage's names and
        places (`named`), reaches it; a story in other languages only has no words to compare."""
        compared = False
        for space, terms in vectors.items():
            theirs = story.vectors.get(space)
            if space.startswith("w:") and theirs:
                shared = math.fsum(weight * theirs[term] for term, weight in terms.items()
                                   if term in theirs and term not in named)
                if shared >= self.settings.full_words * math.sqrt(story.norms[space]):
                    return True
                compared = True
        return not compared

    def story_terms(self, story_id: int, n: int = 10) -> tuple[str, ...]:
        """The story's most characteristic readable words, names and places, strongest first."""
        story = self._window.stories[story_id]
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
        return sorted(self._window.stories)

    def window_size(self) -> dict[str, int]:
        """How much the clusterer holds: active stories, index keys, terms with a document frequency."""
        window = self._window
        return {"stories": len(window.stories), "index": window.index_size(), "frequencies": len(self._df)}

    def to_state(self) -> dict:
        """The active window as a JSON-able dict (see `from_state`): `state_header`, with the stories (`story_state`)
        and every day of the document frequencies."""
        return {**self.state_header(), "df": self._df.to_state(),
                "stories": [story_state(s) for s in self._window.stories.values()]}

    def state_header(self) -> dict:
        """The state without its stories and its days of document frequencies: a few numbers."""
        return {"version": STATE_VERSION, "next_id": self._next_id, "seen": self._seen,
                "clock": self._clock if math.isfinite(self._clock) else None, "df": self._df.header()}  # fmt: skip

    def state_changes(self, *, whole: bool = False) -> StateChanges:
        """What changed since the last call (or since the state was restored), for an incremental save: the stories
        that changed and those that left the window, the days of document frequencies (`DocumentFrequencies.changes`);
        with `whole`, every story and day (what was saved before is to be deleted). From then on the changes count as
        saved: a caller whose save fails must save whole next time. The stories' dicts are made as they are read."""
        window = self._window
        ids = sorted(window.stories if whole else window.changed)
        gone = [] if whole else sorted(window.gone)
        window.changed, window.gone, window.saved_below = set(), set(), self._next_id
        days, gone_days = self._df.changes(whole=whole)
        stories = window.stories
        return StateChanges(self.state_header(), ((sid, story_row(stories[sid])) for sid in ids), gone,
                            days, gone_days, whole)

    @classmethod
    def from_state(cls, state: dict, settings: ClusterSettings = DEFAULTS) -> Clusterer:
        """The clusterer `to_state` saved; ValueError for a state of another `STATE_VERSION`."""
        _check_version(state)
        stories = (story_from_state(raw) for raw in state["stories"])
        return cls._restored(state, DocumentFrequencies.from_state(state["df"]), stories, settings)

    @classmethod
    def from_changes(cls, header: dict, stories: Iterable[dict], days: Iterable[Part],
                     settings: ClusterSettings = DEFAULTS) -> Clusterer:
        """The clusterer whose `state_changes` were saved: the latest header, every story saved and not gone (by id),
        every part of the days not gone (by day and part). It continues exactly as `from_state(to_state())` does,
        and its next `state_changes` holds only what changes from then on."""
        _check_version(header)
        df = DocumentFrequencies.from_parts(header["df"], days)
        clusterer = cls._restored(header, df, (story_from_row(raw) for raw in stories), settings)
        clusterer._window.saved_below = clusterer._next_id
        return clusterer

    @classmethod
    def _restored(cls, header: dict, df: DocumentFrequencies, stories: Iterable[Story],
                  settings: ClusterSettings) -> Clusterer:
        clusterer = cls(settings, next_id=int(header["next_id"]))
        clusterer._clock = -math.inf if header["clock"] is None else float(header["clock"])
        clusterer._seen = int(header["seen"])
        clusterer._df = df
        clusterer._window.install(stories)
        return clusterer

    # --- scoring ---

    def _rank(self, vectors: Vectors, sums: dict[int, float], when: float, reach: Reach,
              join: float) -> list[tuple[int, float]]:
        """The stories whose similarity (`sums` × `_spread`) reaches `join`, decayed (see `_decayed`), best first.
        Inlined, as this is the loop that runs most.

        `bound` is at least any story's `_spread` (it shares a space with the passage, so the shares it is divided
        by are at least the smallest of the passage's), so `total × bound < join` rules a story out, exactly as the
        full test would, before its record is looked at."""
        decay, penalty = reach.decay_hours * _HOUR, reach.hourly_penalty / _HOUR
        seen, busy = self._seen, _HOUR / self.settings.busy_passages
        spaces = vectors.keys()
        known = tuple(spaces)
        factors = self._factors.get(known)
        if factors is None:
            factors = self._factors[known] = self._shares.factors(known)
        usual, bound = factors
        stories, exp = self._window.stories, math.exp
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
        self, passage: Passage, scored: list[tuple[int, float]], vectors: Vectors, when: float, reach: Reach
    ) -> tuple[int, float]:
        """A section that matches no story well stays with the story of its article's first passage (the opening,
        or the first section when a roundup's short intro was no passage) if at all similar."""
        window = self._window
        earlier = (window.member_of.get(f"{passage.article_id}:{n}") for n in range(passage.section))
        opening = next((story for story in earlier if story is not None), None)
        if opening is None or opening not in window.stories:
            return 0, 0.0
        own = dict(scored).get(opening)
        if own is None:
            story = window.stories[opening]
            own = self._decayed(self._similarity(vectors, None, story), story, when, reach)
        return (opening, own) if own >= self.settings.section_join else (0, 0.0)

    def _decayed(self, similarity: float, story: Story, when: float, reach: Reach) -> float:
        """Similarity, decayed by the hours between the passage and the story: multiplied by exp(-gap/decay_hours)
        and lowered by gap × hourly_penalty, so time erodes a weak match much sooner than a strong one. In a busy
        stream, `busy_passages` passages seen since the story's latest age it as much as an hour."""
        hours = max(when - story.last, story.first - when) / _HOUR
        gap = max((self._seen - story.seen) / self.settings.busy_passages, hours)
        if not gap:
            return similarity
        return similarity * math.exp(-gap / reach.decay_hours) - gap * reach.hourly_penalty

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

    # --- merging ---

    def _merge_into(self, story: Story, others: list[int], reach: Reach) -> tuple[int, ...]:
        """Merge into `story` every other story (of those the passage also matched) similar enough to it, decayed
        as the passage's reach decays."""
        window, merged = self._window, []
        for other_id in others:
            other = window.stories[other_id]
            gap = max(0.0, other.first - story.last, story.first - other.last) / _HOUR
            decay = math.exp(-gap / reach.decay_hours)
            similarity = self._similarity(other.vectors, other.norms, story) * decay
            if similarity - gap * reach.hourly_penalty < self.settings.merge:
                continue
            window.remove(other)
            story.background = story.background and other.background
            story.last = max(story.last, other.last)  # first: `absorb` files the story's expiry by its latest passage
            window.absorb(story, other.vectors, other.surfaces, other.first, self._seen)
            for key, membership in other.members.items():
                story.members[key] = membership
                window.member_of[key] = story.id
            merged.append(other_id)
        return tuple(merged)
