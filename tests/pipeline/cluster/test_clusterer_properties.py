"""Property tests of the online clusterer: whatever articles come in, in whatever order, language and date, every
passage lands in exactly one story, nothing raises, and a saved state continues exactly as the clusterer it was
saved from.

The articles go the way the story keeper sends them (volg.storykeeper): `passages(article)`, then `Clusterer.add`
each, the state saved as JSON and loaded again. The clusterer never refuses a passage: one with no words, names or
numbers starts a story of its own.

These run with the "quick" hypothesis profile (tests/conftest.py: 60 derandomized examples per test). To hunt for
bugs with 1000 fresh random examples per test:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/pipeline/cluster/test_clusterer_properties.py
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from tests.pipeline.cluster.strategies import article_streams, cluster_settings

from volg.models import Article, Passage
from volg.pipeline.cluster.assign import Assignment, Clusterer
from volg.pipeline.cluster.passages import passages
from volg.pipeline.cluster.tuning import ClusterSettings


def stream_passages(articles: list[Article]) -> list[Passage]:
    return [p for article in articles for p in passages(article)]


def saved(clusterer: Clusterer) -> dict:
    """The state as the story keeper stores it (JSON text, no NaN or infinity) and reads it back."""
    return json.loads(json.dumps(clusterer.to_state(), ensure_ascii=False, allow_nan=False))


def remembered(clusterer: Clusterer) -> dict[str, int]:
    """The passages the clusterer remembers, "article:section" → story; each in one story only."""
    found: dict[str, int] = {}
    for story in clusterer.to_state()["stories"]:
        for key in story["members"]:
            assert key not in found, f"{key} is a member of stories {found[key]} and {story['id']}"
            found[key] = story["id"]
    return found


@given(article_streams())
def test_every_passage_lands_in_exactly_one_story(articles: list[Article]) -> None:
    clusterer = Clusterer()
    owner: dict[str, int] = {}  # what storage holds: passage → story, merges applied (as StoryKeeper writes it)
    issued: set[int] = set()
    gone: set[int] = set()  # merged into another
    for passage in stream_passages(articles):
        key = f"{passage.article_id}:{passage.section}"
        before = remembered(clusterer)
        active = set(clusterer.active_ids())
        assignment = clusterer.add(passage)
        assert isinstance(assignment, Assignment) and math.isfinite(assignment.score)
        story = assignment.story_id
        if key in before:  # seen in the window: what it got before
            assert story == before[key] and not assignment.merged
        elif assignment.created:
            assert story not in issued and story > max(issued, default=0) and assignment.score == 0.0
        else:
            assert story in active and story not in gone
        assert story in clusterer.active_ids() and story not in assignment.merged
        for merged in assignment.merged:
            assert merged in active and merged not in clusterer.active_ids()
            owner = {k: story if s == merged else s for k, s in owner.items()}
            gone.add(merged)
        issued.add(story)
        owner[key] = story
        clusterer.story_terms(story)  # what the keeper names the story by
        for member, member_story in remembered(clusterer).items():
            assert owner[member] == member_story
    assert set(clusterer.active_ids()) <= issued - gone


@given(article_streams(), cluster_settings, st.data())
def test_a_saved_state_continues_as_the_clusterer_it_was_saved_from(
    articles: list[Article], settings: ClusterSettings, data: st.DataObject
) -> None:
    told = stream_passages(articles)
    split = data.draw(st.integers(min_value=0, max_value=len(told)), label="saved after")
    kept = Clusterer(settings)
    for passage in told[:split]:
        kept.add(passage)
    state = saved(kept)
    restored = Clusterer.from_state(state, settings)
    assert saved(restored) == state  # saved, loaded, saved again: the same
    later = [*told[split:], *quiet_after(told, settings)]
    assert [kept.add(p) for p in later] == restored.add_many(later)  # add_many: "the same assignments" as add
    assert saved(restored) == saved(kept)
    assert restored.active_ids() == kept.active_ids()
    assert [restored.story_terms(s) for s in restored.active_ids()] == [kept.story_terms(s) for s in kept.active_ids()]


def quiet_after(told: list[Passage], settings: ClusterSettings) -> list[Passage]:
    """A passage that shares nothing with the others, once every story of theirs has expired: what is left in the
    window then must not depend on a save and a load."""
    if not told:
        return []
    latest, end = max(p.published_at for p in told), datetime.max.replace(tzinfo=UTC)
    later = timedelta(hours=2 * settings.window_hours + 1)
    when = latest + later if latest < end - later else end
    return [Passage(10**9, 0, "", "en", when, "", (), (), ())]

