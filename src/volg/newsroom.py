"""The Service's stories, topics and developments: what the clusterer found, read through the topics readers follow.

`Newsroom` is the part of `volg.service.Service` that reads: it keeps the online clusterer in step with storage,
and derives a topic's stories and a story's developments (kept in caches until the stories change).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from volg.caches import PerStoryCache, StampedCache
from volg.errors import InputError, NotFound
from volg.models import (
    NEWS_GENRES,
    Article,
    CleanArticle,
    Development,
    Story,
    Topic,
)
from volg.pipeline.cluster.membership import Membership, PassageText, membership, passage_text
from volg.pipeline.cluster.passages import opens_with_intro, passage
from volg.pipeline.cluster.query import Term, named_place, parse_query, search_terms
from volg.pipeline.cluster.topics import DiscoveredTopic, discover_topics, query_for, slugify
from volg.settings import Settings
from volg.storage import Storage
from volg.storage.base import SearchTerm

if TYPE_CHECKING:
    from volg.pipeline.develop.detect import StoryPassage
    from volg.storykeeper import StoryKeeper

SAME_TOPIC = 0.8
"""A discovered topic whose stories are this much a defined topic's is that topic, and not listed again."""

RECENT = timedelta(days=7)
"""The news a new topic is tried on (`recent_stories`): this long up to the newest story stored."""

CURRENT = timedelta(days=28)
"""Current news (`current_stories`): what topic lists, their counts, discovery and the pages read, this long up to
the newest story stored; not the archive, which only windows that ask for it reach."""


class Newsroom:
    """Stories, topics and developments (a part of `volg.service.Service`, which sets the attributes below)."""

    settings: Settings
    storage: Storage
    clusters: bool
    _keeper: StoryKeeper | None
    _per_story: PerStoryCache
    _stamped: StampedCache

    @property
    def keeper(self) -> StoryKeeper:
        """The online clusterer, restored from storage on first use."""
        if self._keeper is None:
            from volg.storykeeper import StoryKeeper  # here: a process that only reads seldom restores the clusterer

            with self.storage.transaction():
                self._keeper = StoryKeeper(self.storage)
        return self._keeper

    def catch_up(self) -> None:
        """Cluster the stored articles the clusterer has not seen yet: after a crash or an upgrade, after a bulk
        load, or stored by another process that does not cluster."""
        if not self.clusters:
            return
        with self.storage.transaction():
            if self._keeper is None and not self._unclustered():
                return  # a process that only reads need not restore the clusterer (the active window: megabytes)
            self.keeper.catch_up()

    def _unclustered(self) -> bool:
        """Whether an article was stored or changed after the clusterer's saved state."""
        saved = self.storage.cluster_state_header()
        return next(iter(self.storage.articles_changed_after(saved[0] if saved else 0)), None) is not None

    def stories(self, *, since: datetime | None = None, topic: str | None = None) -> list[Story]:
        """Stories last seen since `since`, oldest first report first; with `topic`, only the topic's. With `since`,
        only the stories active in the window are read (the storage's index on last_seen), not the archive."""
        if since is None:
            found = self._all_stories()
        else:
            self.catch_up()
            found = self._stamped.get(("stories since", since), self.storage.stories_stamp(),
                                      lambda: list(self.storage.iter_stories(since=since)))
        return found if topic is None else self.in_topic(topic, found)

    def recent_stories(self, topic: str) -> list[Story]:
        """The topic's stories of the last `RECENT` of news: what a topic just defined finds."""
        since = self.news_since(RECENT)
        return [] if since is None else self.stories(since=since, topic=topic)

    def current_stories(self, *, topic: str | None = None) -> list[Story]:
        """The stories (of `topic`) of the last `CURRENT` of news, read through the window, not the archive."""
        since = self.news_since()
        return [] if since is None else self.stories(since=since, topic=topic)

    def news_since(self, span: timedelta | None = None) -> datetime | None:
        """The start of the last `span` of news (default: current news): up to the newest story stored, not the
        clock (an archive loaded later counts too); None when there is no story."""
        self.catch_up()
        newest = self.storage.latest_story_seen()
        return None if newest is None else newest - (CURRENT if span is None else span)

    def _all_stories(self) -> list[Story]:
        """Every live story, read again only when a story has changed since the last read."""
        self.catch_up()
        return self._stamped.get(("stories",), self.storage.stories_stamp(), lambda: list(self.storage.iter_stories()))

    def story(self, story_id: int) -> Story:
        return self.storage.get_story(story_id)

    def add_topic(self, name: str, query: str | None = None, *, discovered: str | None = None) -> Topic:
        """Define a topic by a query, or adopt a discovered topic (by slug) so readers can follow it."""
        if discovered is not None:
            found = self.topic(discovered)
            if not isinstance(found, DiscoveredTopic):
                raise InputError(f"{discovered!r} is a defined topic already")
            name, query = name or found.name, query_for(found)
        if not query:
            raise InputError("a topic needs a query, e.g. --query 'Oekraïne OR Kiev OR Zelensky'")
        parse_query(query)
        slug = slugify(name)
        if not slug:
            raise InputError(f"topic name {name!r} needs at least one letter or digit")
        return self.storage.add_topic(Topic(name.strip(), slug, query, discovered=discovered is not None))

    def topics(self) -> list[Topic]:
        """The defined topics (including adopted discovered ones)."""
        return self.storage.list_topics()

    def discovered_topics(self, *, stories: list[Story] | None = None) -> list[DiscoveredTopic]:
        """Long-running chains of stories linked by shared names and places, found in current news (or in
        `stories`, when the caller has them already); not one that is (mostly) the stories of a defined topic."""
        if stories is None:
            return self._stamped.get(("discovered",), self.storage.stories_stamp(),
                                     lambda: self._new_topics(self.current_stories()))
        return self._new_topics(stories)

    def _new_topics(self, stories: list[Story]) -> list[DiscoveredTopic]:
        """The topics discovered in `stories` that are not (mostly) a defined topic's stories: each defined topic is
        matched against the discovered topics' stories only."""
        discovered = discover_topics(stories)
        chained = set().union(*(found.story_ids for found in discovered))
        linked = [story for story in stories if story.id in chained]
        defined = [set(self.memberships(topic, linked)) for topic in self.topics() if topic.query]
        return [found for found in discovered
                if not any(len(set(found.story_ids) & members) >= SAME_TOPIC * len(found.story_ids)
                           for members in defined)]

    def topic(self, key: str) -> Topic | DiscoveredTopic:
        """A defined topic by slug or name, else a discovered one by slug or name."""
        try:
            return self.storage.get_topic(key)
        except NotFound:
            for found in self.discovered_topics():
                if key in (found.slug, found.name) or slugify(key) == found.slug:
                    return found
            raise

    def topics_of(self, story: Story) -> list[Topic]:
        """The defined topics that hold the story: the ones a reader can follow from it."""
        return [topic for topic in self.topics() if topic.query and self.memberships(topic, [story])]

    def in_topic(self, key: str, stories: list[Story]) -> list[Story]:
        """Those of `stories` that belong to the topic `key` (defined or discovered)."""
        return self._in_topic(self.topic(key), stories)

    def _in_topic(self, topic: Topic | DiscoveredTopic, stories: list[Story]) -> list[Story]:
        if isinstance(topic, DiscoveredTopic):
            ids = set(topic.story_ids)
            return [story for story in stories if story.id in ids]
        found = self.memberships(topic, stories)
        return [story for story in stories if story.id in found]

    def memberships(self, topic: Topic, stories: list[Story] | None = None) -> dict[int, Membership]:
        """The stories of `stories` (default: all) a defined topic holds (see `volg.pipeline.cluster.membership`),
        by story id. Each story's membership is kept until the story changes, so a digest pays for the stories of
        its window only, and once."""
        assert topic.query is not None
        query = parse_query(topic.query)
        kind = f"membership {topic.slug} {topic.query}"
        found = (self._per_story.get(kind, story, self.storage.passages_of_story(story.id),
                                     lambda story, _: membership(query, story, self._passage_texts(story)))
                 for story in (self._all_stories() if stories is None else stories))
        return {held.story.id: held for held in found if held is not None}

    def _passage_texts(self, story: Story) -> list[PassageText]:
        """What a topic query is matched against: each passage's headline and lead (`membership.passage_text`).
        Not whole articles: a roundup's title and lead are about its other stories."""
        return self._per_story.get("passage texts", story, self.storage.passages_of_story(story.id),
                                   self._make_passage_texts)

    def _make_passage_texts(self, story: Story, members: list[tuple[int, int]]) -> list[PassageText]:
        return [passage_text(story.id, article_id, reading)
                for article_id, reading in self.storage.passage_readings(story.id)]

    def search(self, text: str, *, limit: int = 20) -> tuple[list[tuple[Article, str]], list[Story]]:
        """Articles matching every word of `text` (accent-insensitively, words also as beginnings), and a place in
        any of its spellings, as a topic query finds it (`search_terms`: "Kyiv" finds an article that says "Kiev",
        "Oekraïne" one that says "Ukraine"), best first, each with a snippet (matches marked as in
        `Storage.search_articles`), and the stories they tell (`_story_told`): those with the most matching articles
        first, then in the order of their best article."""
        self.catch_up()
        terms = [SearchTerm(term.words, _place_of(term)) for term in search_terms(text)]
        found = self.storage.search_articles(terms, limit=limit)
        matched = Counter(story for story in (self._story_told(i) for i, _ in found) if story is not None)
        story_ids = sorted(matched, key=lambda story: -matched[story])  # stable: ties keep their best article's order
        stories = {story.id: story for story in self.storage.iter_stories(ids=story_ids)}
        return ([(self.storage.get_article(i), snippet) for i, snippet in found],
                [stories[i] for i in story_ids if i in stories])

    def _story_told(self, article_id: int) -> int | None:
        """The story an article tells: its only one, or, of a roundup whose sections joined several, the story of
        its opening (a search match in a roundup's other sections does not make those stories about the query)."""
        stories = self.storage.stories_of_article(article_id)
        if len(stories) <= 1:
            return stories[0] if stories else None
        return next((s for s in stories if (article_id, 0) in self.storage.passages_of_story(s)), stories[0])

    # developments

    def developments(self, *, topic: str | None = None, since: datetime | None = None,
                     genres: Collection[str] = NEWS_GENRES) -> list[Development]:
        """The developments of a topic's stories (or of all stories), oldest first, first seen since `since`, of
        `genres` (news and live: the steps of the stories; other genres are their opinion pieces, analyses, ...). Of
        a defined topic, each says why its story is in the topic ("topic: in 2 headlines; 3 of 4 leads"); of a story
        in it by a few leads only, those that tell of the topic (`Membership.holds`)."""
        chosen = self.topic(topic) if topic is not None else None
        window = self.stories(since=since)
        held = self.memberships(chosen, window) if isinstance(chosen, Topic) and chosen.query else None
        if held is not None:
            own = [story for story in window if story.id in held]
        else:
            own = window if chosen is None else self._in_topic(chosen, window)
        found = [
            replace(development, reasons=(*development.reasons, f"topic: {held[story.id].evidence}"))
            if held is not None else development
            for story in own
            for development in self._developments_of(story)
            if (since is None or development.first_seen >= since) and development.genre in genres
            and (held is None or held[story.id].holds(development))
        ]
        return sorted(found, key=lambda d: (d.first_seen, d.key))

    def story_developments(self, story: Story) -> list[Development]:
        """One story's developments (its news steps), oldest first."""
        found = self._developments_of(story)
        return sorted((d for d in found if d.genre in NEWS_GENRES), key=lambda d: (d.first_seen, d.key))

    def _developments_of(self, story: Story) -> list[Development]:
        """All of a story's developments, every genre, kept until the story changes."""
        return self._per_story.get("developments", story, self.storage.passages_of_story(story.id),
                                   self._make_developments)

    def _make_developments(self, story: Story, members: list[tuple[int, int]]) -> list[Development]:
        from volg.pipeline.develop.detect import developments  # here, as in _story_passages: only to develop

        return developments(story, self._story_passages(story, members))

    def _story_passages(self, story: Story, members: list[tuple[int, int]]) -> list[StoryPassage]:
        """The story's passages as the develop stage reads them; of an article its outlet changed, one per version,
        each at the time it came."""
        from volg.pipeline.develop.detect import StoryPassage

        articles = {a.id: a for a in story.articles}
        versions: dict[int, list[tuple[int, CleanArticle]]] = {}
        out = []
        for article_id, section in members:
            if article_id not in articles:
                continue
            stored = self.storage.get_article(article_id)
            if article_id not in versions:
                versions[article_id] = self._versions(stored)
            for version, clean in versions[article_id]:
                if section < len(clean.sections):
                    found = passage(article_id, clean, section, intro=opens_with_intro(clean))
                    out.append(StoryPassage(found, articles[article_id], stored.copy_of, genre=clean.genre,
                                            version=version))
        return out

    def _versions(self, stored: Article) -> list[tuple[int, CleanArticle]]:
        if stored.version == 1:
            return [(1, stored.clean)]
        out = []
        for row in self.storage.article_versions(stored.id):
            # a version when it was published; a later one not before it came (an outlet may keep the first time)
            published = row.published_at or stored.clean.published_at
            when = published if row.version == 1 else max(published, row.fetched_at)
            text = stored.clean if row.version == stored.version else replace(
                stored.clean, title=row.title, sections=row.sections)
            out.append((row.version, replace(text, published_at=when)))
        return out


def _place_of(term: Term) -> tuple[str, str] | None:
    """The place a search term names, as articles' places hold it (canonical name, country), or None."""
    entry = named_place(term.text) if term.place is not None else None
    return (entry.canonical, entry.country) if entry is not None else None
