"""Property tests of the develop stage: whatever passages a story has (any language, any date from year 1 to 9999,
empty or huge sections, wire copies, changed versions, opinion pieces), `developments` raises nothing and keeps
what its docstrings promise: keys unique and stable, each step first seen when one of its passages came, an
importance that is a finite, non-negative number of two decimals, each update naming the step before it, every news
report cited by one step, every piece of another genre a development of its own, and the result independent of the
order the passages are given in.

These run with the "quick" hypothesis profile (tests/conftest.py: 60 derandomized examples per test). To hunt for
bugs with 1000 fresh random examples per test:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/pipeline/develop/test_develop_properties.py
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from random import Random

from hypothesis import given
from hypothesis import strategies as st
from tests.pipeline.cluster.strategies import NAMES, NUMBERS, OUTLETS, PLACES, languages, moments, near, texts

from volg.models import NEWS_GENRES, Passage, Story, StoryArticle
from volg.pipeline.develop import StoryPassage, developments

END = datetime.max.replace(tzinfo=UTC)
GENRES = ("news", "news", "news", "live", "opinion", "analysis", "letters")


def later(when: datetime, hours: float) -> datetime:
    step = timedelta(hours=hours)
    return when + step if when < END - step else END


@st.composite
def stories(draw: st.DrawFn) -> tuple[Story, list[StoryPassage]]:
    """A story and its passages as the newsroom hands them over: articles by several outlets in several languages,
    each in one or more versions (one genre each, later in time), each version one or more sections; some articles
    wire copies of earlier ones. Texts mix the story's facts (numbers, names, places) with anything else."""
    story_id = draw(st.integers(min_value=1, max_value=10**6))
    facts = st.sampled_from((*NUMBERS, *NAMES, *(p.name for p in PLACES)))
    start = draw(st.one_of(near, near, moments))
    articles: list[StoryArticle] = []
    items: list[StoryPassage] = []
    for article_id in range(1, draw(st.integers(min_value=0, max_value=7)) + 1):
        language = draw(languages)
        line = st.lists(st.one_of(facts, texts(language, 8, huge=False)), max_size=4).map(" ".join)
        at = draw(st.one_of(st.floats(min_value=0.0, max_value=72.0).map(lambda h: later(start, h)), moments))
        source = draw(st.sampled_from(OUTLETS))
        title = draw(line)
        article = StoryArticle(article_id, f"x-{article_id}", f"https://example.org/{article_id}", title, source, at,
                               language)  # fmt: skip
        articles.append(article)
        copy_of = draw(st.one_of(st.none(), st.sampled_from([a.id for a in articles]))) if len(articles) > 1 else None
        names = tuple(draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True)))
        places = tuple(draw(st.lists(st.sampled_from(PLACES), max_size=4, unique=True)))
        when, version_title = at, title
        for version in range(1, draw(st.sampled_from((1, 1, 1, 2, 3))) + 1):
            genre = draw(st.sampled_from(GENRES))
            if version > 1:
                when = later(when, draw(st.floats(min_value=0.0, max_value=48.0)))
                version_title = draw(st.one_of(st.just(version_title), line))
            for section in range(draw(st.sampled_from((1, 1, 2, 3)))):
                heading = version_title if section == 0 else draw(line)
                paragraphs = tuple(draw(st.lists(st.one_of(line, texts(language)), max_size=3)))
                context = tuple(draw(st.lists(line, max_size=1)))
                passage = Passage(article_id, section, source, language, when, heading, paragraphs, names, places,
                                  context)  # fmt: skip
                items.append(StoryPassage(passage, article, copy_of if copy_of != article_id else None, genre,
                                          version))  # fmt: skip
    times = [a.published_at for a in articles] or [start]
    story = Story(story_id, articles[0].title if articles else "", min(times), max(times),
                  tuple(sorted({a.language for a in articles})), tuple(sorted({a.source for a in articles})),
                  tuple(sorted(articles, key=lambda a: (a.published_at, a.id))))  # fmt: skip
    return story, items


@given(stories(), st.randoms(use_true_random=False))
def test_developments_keep_their_invariants_whatever_the_passages(
    told: tuple[Story, list[StoryPassage]], shuffler: Random
) -> None:
    story, items = told
    found = developments(story, items)
    keys = [d.key for d in found]
    assert len(keys) == len(set(keys)), "a development's key names its story and the passage that first told it"
    times = {item.passage.published_at for item in items}
    languages = {item.article.id: item.article.language for item in items}
    news = [d for d in found if d.genre in NEWS_GENRES]
    for development in found:
        assert development.story_id == story.id and development.key.startswith(f"{story.id}:")
        assert development.first_seen in times
        assert math.isfinite(development.importance) and development.importance >= 0.0
        assert development.importance == round(development.importance, 2)
        assert development.reasons and development.sources
        assert {r.language for r in development.renditions} == {languages[c.article_id] for c in development.sources}
        assert development.told_in(development.language).headline == development.headline
    for index, development in enumerate(news):  # oldest first; each update names the step before it
        if index == 0:
            assert development.update_of is None
        else:
            assert development.update_of == news[index - 1].key
            assert news[index - 1].first_seen <= development.first_seen
    reported = {item.article.id for item in items if item.news}
    assert {c.article_id for d in news for c in d.sources} == reported  # every news report joins one step
    pieces = [d for d in found if d.genre not in NEWS_GENRES]
    assert all(d.update_of is None and len(d.sources) == 1 for d in pieces)  # one article each, never an update
    assert len(pieces) == len({item.article.id for item in items if not item.news})
    shuffled = list(items)
    shuffler.shuffle(shuffled)
    assert developments(story, shuffled) == found  # read in arrival order, whatever order they are given in
