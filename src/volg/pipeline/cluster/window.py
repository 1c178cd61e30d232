"""The active window of the online clusterer (`assign.py`): the stories that can still be joined, an inverted index
over their strongest terms, and their expiry.

A story is the sum of its passages' unit vectors, cut to its `story_terms` strongest terms per space; the index
maps space → term → story → the story's weight, and `_inverse` holds each story's 1 / norm per space, so a
passage's cosine with every story that shares a term is summed along the posting lists, term at a time (`sums`).
A story leaves the window `window_hours` after its latest passage, by the passages' own times. It leaves the index
sooner when the clusterer retires it (`age`): once so many passages went by without it that no passage could join
it any more (`assign.joinable_passages`), it is no candidate, though it stays in the window (its members are known).
A membership is forgotten `window_hours` after it was made, even in a story that lives on: a story told for months
holds its recent passages only, and the window's size follows the stream's rate, not its length.

The window notes what changed for an incremental save of the state (`changed`, `gone`): the stories that took or
lost a member (a passage's vectors and a merge come with a membership), and the stories that left it (expired or
merged away) which a save may have written: those of an id below `saved_below`. A clusterer that is never saved
keeps both bounded (the window's stories, and those of the last save's window).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Iterable

from volg.pipeline.cluster.tuning import ClusterSettings
from volg.pipeline.cluster.vectors import Counters, Shares, Story, Vectors, strongest

__all__ = ["Window"]


class Window:
    """The joinable stories, their index and their recent memberships ("article:section" → story)."""

    def __init__(self, settings: ClusterSettings, counters: Counters, shares: Shares) -> None:
        self.stories: dict[int, Story] = {}
        self.member_of: dict[str, int] = {}
        self._index: dict[str, dict[str, dict[int, float]]] = {}  # space → term → story → its weight
        self._inverse: dict[str, dict[int, float]] = {}  # space → story → 1 / its norm in the space
        self._expiry: list[tuple[float, int]] = []  # (last, story) heap, lazily refreshed
        self._touched: deque[tuple[int, int]] = deque()  # (seen, story) in the order of `seen`, lazily refreshed
        self._made: deque[tuple[float, str]] = deque()  # (clock, "article:section") in the order memberships were made
        self._story_terms, self._max_postings = settings.story_terms, settings.max_postings
        self._counters, self._shares = counters, shares
        self.changed: set[int] = set()  # stories changed since the last save
        self.gone: set[int] = set()  # stories of an id below `saved_below` that left the window since then
        self.saved_below = 0  # the first story id a saved state cannot hold (the next id at the last save)

    def sums(self, vectors: Vectors) -> dict[int, float]:
        """Story → the share-weighted cosines of the passage's unit `vectors` with it, for every story sharing a
        term with the passage (one sum over all spaces; `Clusterer._rank` divides by the shares compared).

        Each of the passage's terms walks its posting list and adds its part to the story's sum. A term in more
        than `max_postings` stories finds none, but still counts for the stories the others found."""
        index, inverse, limit, shares = self._index, self._inverse, self._max_postings, self._shares
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
        counters = self._counters
        counters.passages += 1
        counters.postings += visited
        counters.candidates += len(sums)
        return sums

    def start(self, story_id: int, when: float) -> Story:
        story = self.stories[story_id] = Story(story_id, when, when, {}, {})
        return story

    def join(self, story: Story, key: str, created: bool, score: float, clock: float) -> None:
        """Make the passage `key` a member of `story` at `clock` (the clusterer's clock, which never goes back)."""
        story.members[key] = (created, score, clock)
        self.member_of[key] = story.id
        self._made.append((clock, key))
        self.changed.add(story.id)  # and whatever `absorb` and a merge did to it: they come with a membership

    def absorb(self, story: Story, vectors: Vectors, surfaces: dict[str, str], when: float, seen: int) -> None:
        """Add a passage's (or a merged story's) vectors into the story and the index; keep the norms current."""
        if when < story.first:
            story.first = when
        if when > story.last:
            story.last = when
        story.seen = seen
        limit = self._story_terms
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
                    kept_surfaces.pop(term, None)
                mine = own[space] = dict(kept[:limit])
                squares = math.fsum([w * w for w in mine.values()])
            norms[space] = squares
            scale = inverse.get(space)
            if scale is None:
                scale = inverse[space] = {}
            scale[sid] = 1.0 / math.sqrt(squares)
        heapq.heappush(self._expiry, (story.last, sid))
        self._touched.append((seen, sid))

    def age(self, horizon: float, before: int) -> None:
        """Drop the stories whose latest passage is older than `horizon`, with their memberships, and the other
        memberships made before it; take the stories that took their latest passage before passage number `before`
        out of the index (retire them). Called for every passage: the usual case, nothing to do, is three
        comparisons."""
        expiry, touched, made = self._expiry, self._touched, self._made
        if expiry and expiry[0][0] < horizon:
            self._expire(horizon)
        if made and made[0][0] < horizon:
            self._forget(horizon)
        if touched and touched[0][0] < before:
            self._retire(before)

    def _expire(self, horizon: float) -> None:
        expiry = self._expiry
        while expiry and expiry[0][0] < horizon:
            last, story_id = heapq.heappop(expiry)
            story = self.stories.get(story_id)
            if story is not None and story.last == last:
                self.remove(story)
                for key in story.members:
                    del self.member_of[key]

    def _forget(self, horizon: float) -> None:
        made, member_of, stories = self._made, self.member_of, self.stories
        while made and made[0][0] < horizon:
            clock, key = made.popleft()
            story_id = member_of.get(key)
            # gone with its story, or made again since (a passage added anew once its story had expired)
            if story_id is not None and stories[story_id].members[key][2] == clock:
                del stories[story_id].members[key]
                del member_of[key]
                self.changed.add(story_id)

    def _retire(self, before: int) -> None:
        touched, stories = self._touched, self.stories
        while touched and touched[0][0] < before:
            seen, story_id = touched.popleft()
            story = stories.get(story_id)
            if story is not None and story.seen == seen:
                self._unindex_story(story)

    def remove(self, story: Story) -> None:
        """Take a story out of the window and the index (its memberships stay: a merge moves them)."""
        del self.stories[story.id]
        self._unindex_story(story)
        self.changed.discard(story.id)
        if story.id < self.saved_below:
            self.gone.add(story.id)

    def _unindex_story(self, story: Story) -> None:
        """Take a story out of the index, if it is in it still."""
        for space, terms in story.vectors.items():
            if self._inverse[space].pop(story.id, None) is not None:
                for term in terms:
                    self._unindex(space, term, story.id)

    def _unindex(self, space: str, term: str, story_id: int) -> None:
        postings = self._index[space]
        posting = postings[term]
        del posting[story_id]
        if not posting:
            del postings[term]

    def install(self, stories: Iterable[Story]) -> None:
        """Put the stories of a restored state (see `Clusterer.from_state`) into an empty window and the index (the
        clusterer retires those it should before the next passage). A space of zero norm, which a state saved by an
        older volg can hold, is dropped: it compares to nothing."""
        for story in stories:
            self.stories[story.id] = story
            for space in [space for space, norm in story.norms.items() if not norm > 0]:
                story.vectors.pop(space, None)
                del story.norms[space]
            for space, terms in story.vectors.items():
                postings = self._index.setdefault(space, {})
                for term, w in terms.items():
                    postings.setdefault(term, {})[story.id] = w
                self._inverse.setdefault(space, {})[story.id] = 1.0 / math.sqrt(story.norms[space])
            for key in story.members:
                self.member_of[key] = story.id
            heapq.heappush(self._expiry, (story.last, story.id))
        self._touched = deque(sorted((s.seen, s.id) for s in self.stories.values()))
        self._made = deque(sorted((m[2], key) for s in self.stories.values() for key, m in s.members.items()))

    def index_size(self) -> int:
        return sum(len(terms) for terms in self._index.values())
