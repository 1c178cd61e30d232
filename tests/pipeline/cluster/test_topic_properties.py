"""Property tests of topics: discovering long-running topics among random stories, parsing random queries, and the
membership of random stories in a defined topic. Whatever the stories (any language, any date, names and places
or none), nothing raises and what the docstrings promise holds: the topics are disjoint chains, each with a query
that parses and matches every story of the topic; a query's bracketed form parses back to the same query; a story
is in a topic exactly when enough of its headlines or leads match.

These run with the "quick" hypothesis profile (tests/conftest.py: 60 derandomized examples per test). To hunt for
bugs with 1000 fresh random examples per test:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/pipeline/cluster/test_topic_properties.py
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from random import Random

from hypothesis import given
from hypothesis import strategies as st
from tests.pipeline.cluster.strategies import (
    BASE,
    LANGUAGES,
    NAMES,
    PLACES,
    WORDS,
    languages,
    moments,
    names,
    places,
    texts,
)

from volg.errors import InputError
from volg.models import Citation, Development, Place, Story, StoryArticle
from volg.pipeline.cluster.membership import HEADLINE_SHARE, LEAD_SHARE, PassageText, membership
from volg.pipeline.cluster.query import Query, document_of, parse_query, text_document
from volg.pipeline.cluster.topics import discover_topics, query_for, slugify

END = datetime.max.replace(tzinfo=UTC)


def later(when: datetime, hours: float) -> datetime:
    step = timedelta(hours=hours)
    return when + step if when < END - step else END


@st.composite
def stories(draw: st.DrawFn) -> list[Story]:
    """Stories over a few weeks (and now and then at any date from year 1 to 9999), many of them about one of a few
    themes: a pair or more of names and places they share, over days."""
    themes = draw(st.lists(st.tuples(
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
        st.lists(st.sampled_from(PLACES), max_size=2, unique=True),
        st.floats(min_value=-10.0, max_value=10.0),
    ), min_size=1, max_size=3))  # fmt: skip
    found: list[Story] = []
    for story_id in range(1, draw(st.integers(min_value=0, max_value=24)) + 1):
        language = draw(languages)
        theme = draw(st.one_of(st.none(), st.sampled_from(themes), st.sampled_from(themes)))
        if theme is None:
            first = draw(moments)
            named, placed = draw(names), draw(places)
        else:
            first = BASE + timedelta(days=theme[2] + draw(st.floats(min_value=0.0, max_value=6.0)))
            named = tuple(dict.fromkeys((*draw(st.lists(st.sampled_from(theme[0]), min_size=1)), *draw(names))))
            placed = tuple(dict.fromkeys((*draw(st.lists(st.sampled_from(theme[1]) if theme[1] else st.nothing())),
                                          *draw(places))))  # fmt: skip
        last = later(first, draw(st.floats(min_value=0.0, max_value=72.0)))
        title = draw(texts(language, 8, huge=False))
        articles = tuple(
            StoryArticle(article_id, None, f"https://example.org/{article_id}",
                         draw(texts(article_language, 8, huge=False)),
                         draw(st.sampled_from(("Daily Herald", "De Havenbode", ""))), first, article_language)
            for article_id, article_language in draw(st.lists(st.tuples(st.integers(1, 60), languages), max_size=10,
                                                              unique_by=lambda a: a[0]))
        )  # fmt: skip
        terms = tuple(draw(st.lists(st.sampled_from(WORDS.get(language, WORDS["en"]).split()), max_size=5)))
        found.append(Story(story_id, title, first, last, (language,), ("Daily Herald",), articles, named, placed,
                           terms))  # fmt: skip
    return found


@given(stories(), st.randoms(use_true_random=False))
def test_discovered_topics_are_disjoint_chains_each_with_a_query_that_follows_it(
    found: list[Story], shuffler: Random
) -> None:
    topics = discover_topics(found)
    by_id = {story.id: story for story in found}
    held: set[int] = set()
    for topic in topics:
        assert topic.story_ids == tuple(sorted(set(topic.story_ids))) and set(topic.story_ids) <= by_id.keys()
        assert held.isdisjoint(topic.story_ids), "the topics are the connected groups of linked stories"
        held.update(topic.story_ids)
        chain = [by_id[i] for i in topic.story_ids]
        assert topic.first_seen == min(s.first_seen for s in chain)
        assert topic.last_seen == max(s.last_seen for s in chain)
        assert topic.last_seen - topic.first_seen >= timedelta(days=2.0)
        reports = len({a.id for s in chain for a in s.articles})
        assert len(chain) >= 3 or reports >= 8
        assert topic.name and (topic.names or topic.places)  # a group without a name or place to follow is no topic
        assert topic.slug.startswith(slugify(topic.name))
        query = parse_query(query_for(topic))  # raises InputError if it does not parse
        for story in chain:
            assert query.matches(document_of(story)), f"{query_for(topic)!r} misses story {story.id}"
    order = [(-len(t.story_ids), t.first_seen) for t in topics]
    assert order == sorted(order)  # largest first, then oldest
    shuffled = list(found)
    shuffler.shuffle(shuffled)
    assert discover_topics(shuffled) == topics


# --- queries ---

OPERATORS = ("AND", "OR", "NOT", "(", ")", '"', "“", "”", "„", "or", "and", "not")
query_words = st.one_of(
    st.sampled_from(WORDS["nl"].split()), st.sampled_from(WORDS["en"].split()), st.sampled_from(NAMES),
    st.sampled_from([p.name for p in PLACES]), st.sampled_from(OPERATORS), st.sampled_from(OPERATORS),
    st.text(max_size=6),
)  # fmt: skip
query_texts = st.lists(query_words, max_size=10).map(" ".join)


def _try_parse(text: str) -> Query | None:
    try:
        return parse_query(text)
    except InputError:
        return None


valid_queries = st.one_of(
    st.sampled_from(WORDS["en"].split()[:16]),
    st.lists(st.sampled_from([*WORDS["nl"].split()[:16], *NAMES[:10], *(p.name for p in PLACES)]), min_size=1,
             max_size=3).map(lambda words: " OR ".join(f'"{w}"' for w in words)),
    query_texts,
).map(_try_parse).filter(lambda query: query is not None)  # fmt: skip


@given(query_texts)
def test_a_query_parses_or_is_refused_with_a_reason_and_its_bracketed_form_parses_back(text: str) -> None:
    try:
        query = parse_query(text)
    except InputError as refused:
        assert str(refused)  # the reason
        return
    assert parse_query(str(query)).root == query.root
    assert query.root.positive


# --- membership of a defined topic ---

@st.composite
def passage_texts(draw: st.DrawFn, story_id: int) -> PassageText:
    language = draw(st.sampled_from(LANGUAGES))
    headline, lede = draw(texts(language, 10, huge=False)), draw(texts(language, 20))
    named: tuple[str, ...] = draw(names)
    placed: tuple[Place, ...] = draw(places)
    return PassageText(
        text_document(story_id, (language,), [headline], [n for n in named if n in headline],
                      [p for p in placed if p.name in headline]),
        text_document(story_id, (language,), [f"{headline}\n{lede}"], named, placed),
        news=draw(st.booleans()), article_id=draw(st.integers(1, 5)),
    )  # fmt: skip


@given(valid_queries, st.lists(passage_texts(1), max_size=12), texts("nl", 10), texts("en", 20))
def test_a_story_is_in_a_topic_exactly_when_enough_headlines_or_leads_match(
    query: Query, passages: list[PassageText], headline: str, summary: str
) -> None:
    story = Story(1, "Story", BASE, BASE, ("nl",), ("De Krant",), ())
    found = membership(query, story, passages)
    counted = [p for p in passages if p.news] or passages
    headlines = sum(1 for p in counted if query.matches(p.headline))
    leads = sum(1 for p in counted if query.matches(p.lead))
    least = lambda share: max(1, math.ceil(share * len(counted) - 1e-9))  # noqa: E731
    expected = bool(counted) and (headlines >= least(HEADLINE_SHARE) or leads >= least(LEAD_SHARE))
    assert (found is not None) == expected
    if found is None:
        return
    assert (found.headlines, found.leads, found.passages) == (headlines, leads, len(counted))
    assert found.evidence
    cited = Citation(3, "De Krant", "https://krant.example/3", headline, BASE)
    step = Development("1:3.0", 1, headline, (summary,), "nl", (cited,), (), BASE, 5.0, ())
    assert found.holds(step) in (True, False)
    if found.about:
        assert found.holds(step)

