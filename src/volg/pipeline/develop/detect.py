"""A story's passages → its developments: the first report, and each later report that adds information.

Passages are read in arrival order. Each is compared with everything the story said before it: the numbers, names
and places it states that no earlier passage stated are its new facts, and the words of its title that no earlier
passage of the same language used count a little too. A passage whose new information weighs at least
`NEW_DEVELOPMENT` opens a development; any other passage is a retelling and joins, as one more source, the
development whose characteristic facts it repeats (a wire copy always joins its original's). An article its outlet
changed is read once per version, each at the time volg stored it: a version that adds what the first did not ("Twee
doden" where it said "vermist") opens a development of its own. Decisions only look back, so a development, once
found, keeps its key however many passages arrive after it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from volg.models import NEWS_GENRES, Citation, Development, Passage, Place, Story, StoryArticle
from volg.pipeline.clean.sentences import lede
from volg.pipeline.develop.facts import (
    WORD_WEIGHT,
    Fact,
    hard_facts,
    is_boilerplate,
    is_substantive,
    within,
    word_facts,
)
from volg.pipeline.develop.importance import Evidence, score
from volg.pipeline.develop.summarize import Candidate, renditions, told_sentences

NEW_DEVELOPMENT = 1.5
"""New information a passage needs to open a development, in fact weights: a new number or a new full name weighs
1, a new town 1, a new country or one-word name 0.5, each halved (`BODY_SHARE`) when it is only in the body, not in
the title or lead; a new title word weighs 0.5 (together at most `WORDS_CAP`). So a new number in the lead with a new
word in the title ("Eerste dode", 68-jarige man), or two new numbers, make an update; background a retelling adds
further down (a country, a town in passing) does not. Tuned on the demo stream: its dated developments (evacuations,
deaths, damage figures) score 1.5–6, retellings and roundup sections mostly under 1."""

BODY_SHARE = 0.5
"""Reports put what is new in the title and lead; facts only further down are more often background."""

QUICK_HOURS, QUICK_FACTOR = 2.0, 2.0
"""Another outlet's report within QUICK_HOURS of the latest development's first report is most likely a retelling
with its own details (an age, a district): it needs QUICK_FACTOR times the novelty to open a development."""

LATE_HOURS, LATE_FACTOR = 12.0, 0.5
"""An article whose headline comes LATE_HOURS or more after the latest development's first report needs only
LATE_FACTOR times the novelty: a new title's new words can be enough."""

TRANSLATED_NAME_SHARE = 0.5
"""The first passage in a language the story has not seen translates names ("Liberal Union" for "Liberale Unie"):
its new names count half."""

WORDS_CAP = 1.0
"""Reworded titles always bring new words: words alone make a development only in a late headline (LATE_FACTOR)."""

RETELL_HOURS = 24
"""A retelling joins a development that had a passage at most this long before it (else the latest one)."""

MAX_NEW = 6
"""At most this many new facts are listed in `Development.new` (the weightiest, in text order)."""


@dataclass(frozen=True)
class StoryPassage:
    """One passage of a story as the develop stage sees it; `copy_of` is the article it is a wire copy of; `news`
    is false for a passage of an opinion piece, letters page, review, ... (its article's genre)."""

    passage: Passage
    article: StoryArticle
    copy_of: int | None = None
    genre: str = "news"  # of its article
    version: int = 1  # of the article's text: an outlet's later version is read as a later report

    @property
    def news(self) -> bool:
        return self.genre in NEWS_GENRES


@dataclass(frozen=True)
class Reading:
    """A passage read for facts: its text without boilerplate, its hard facts, and its words."""

    item: StoryPassage
    paragraphs: tuple[str, ...]
    facts: tuple[Fact, ...]
    title_facts: tuple[Fact, ...]
    words: tuple[Fact, ...]
    title_words: tuple[Fact, ...]
    lead: frozenset[str]  # keys of the facts in the title or the first paragraph

    def weight(self, fact: Fact) -> float:
        return fact.weight if fact.key in self.lead else fact.weight * BODY_SHARE

    @property
    def language(self) -> str:
        return self.item.passage.language


@dataclass
class _Group:
    """A development being built: its opening passage, what it added, and the passages that joined it."""

    opener: Reading
    new: tuple[Fact, ...]  # new numbers, names and places; new title words if there are none
    novelty: float
    known_before: frozenset[str]
    members: list[Reading] = field(default_factory=list)


def developments(story: Story, passages: Sequence[StoryPassage]) -> list[Development]:
    """The story's developments, oldest first (see the module docstring for how they are found). Only news passages
    open or extend developments: commentary and letters about an event are not steps of it."""
    ordered = sorted((p for p in passages if p.news),
                     key=lambda p: (p.passage.published_at, p.passage.article_id, p.passage.section, p.version))
    groups: list[_Group] = []
    group_of_article: dict[int, _Group] = {}
    known: set[str] = set()
    mentions: dict[str, int] = {}
    languages: set[str] = set()
    said: dict[tuple[int, int], Reading] = {}  # the latest version read of each passage
    for item in ordered:
        reading = read(item)
        where = (item.passage.article_id, item.passage.section)
        before = said.get(where)
        said[where] = reading
        if before is not None:  # a later version: what the outlet changed is what it adds, whatever others said
            new, words = _changed(before, reading)
            familiar = True
        else:
            new = tuple(f for f in reading.facts if not f.known_in(known))
            familiar = reading.language in languages
            words = [w for w in reading.title_words if w.key not in known] if familiar else []
        novelty = _novelty(reading, new, words, familiar=familiar)
        target = group_of_article.get(item.copy_of) if item.copy_of is not None else None
        if target is None and groups and novelty < _needed(groups[-1], reading):
            target = group_of_article.get(item.passage.article_id) or _best_match(groups, reading, mentions)
        if target is None:
            target = _Group(reading, (new or tuple(words)) if groups else (), novelty, frozenset(known))
            groups.append(target)
        target.members.append(reading)
        group_of_article.setdefault(item.passage.article_id, target)
        for fact in reading.facts:
            known.add(fact.key)
            if fact.kind == "name":  # each part of a full name: "Graham" alone is no new actor after Graham Whitlock
                known.update(fact.aliases)  # (a place's alias is no person: Jackson the town makes no Rosa Jackson)
                known.update(f"n:{part}" for part in fact.key[2:].split())
            elif fact.country:  # a place tells its country
                known.add(within(fact.country))
            mentions[fact.key] = mentions.get(fact.key, 0) + 1
        known.update(w.key for w in reading.words)
        languages.add(reading.language)
    result: list[Development] = []
    told: frozenset[str] = frozenset()  # the summary sentences of the developments so far
    for index, group in enumerate(groups):
        later = {m.item.passage.article_id for g in groups[index + 1:] for m in g.members}
        result.append(_development(story, group, result[-1].key if result else None, first=index == 0,
                                   follow_ups=len(later - {m.item.passage.article_id for m in group.members}),
                                   told_before=told))
        told |= told_sentences(result[-1].renditions)
    return result + _pieces(story, passages)


def _pieces(story: Story, passages: Sequence[StoryPassage]) -> list[Development]:
    """One development per article of another genre than news (its opening passage, its latest version): an opinion
    piece or analysis about the story, for the readers who ask for it."""
    openings: dict[int, StoryPassage] = {}
    for item in sorted(passages, key=lambda p: (p.passage.section, -p.version)):
        if not item.news:
            openings.setdefault(item.passage.article_id, item)
    pieces = []
    for item in sorted(openings.values(), key=lambda p: (p.passage.published_at, p.passage.article_id)):
        reading = read(item)
        group = _Group(reading, (), 0.0, frozenset(), [reading])
        pieces.append(replace(_development(story, group, None, first=True, follow_ups=0), genre=item.genre))
    return pieces


def _changed(before: Reading, after: Reading) -> tuple[tuple[Fact, ...], list[Fact]]:
    """What a later version of a passage states that its earlier one did not: facts, and new title words."""
    stated = {key for fact in before.facts for key in (fact.key, *fact.aliases)}
    new = tuple(f for f in after.facts if not f.known_in(stated))
    titled = {w.key for w in before.title_words}
    return new, [w for w in after.title_words if w.key not in titled]


def _novelty(reading: Reading, new: Sequence[Fact], words: Sequence[Fact], *, familiar: bool) -> float:
    """The weight of what a passage adds (see NEW_DEVELOPMENT)."""
    facts = math.fsum(
        reading.weight(f) * (TRANSLATED_NAME_SHARE if f.kind == "name" and not familiar else 1.0) for f in new
    )
    return facts + min(WORDS_CAP, math.fsum(w.weight for w in words))


def _needed(latest: _Group, reading: Reading) -> float:
    """The novelty a passage needs to open a development: more when another outlet reports soon after the latest
    development began (how retellings arrive), less for a new article's headline half a day later (outlets write a
    new article when something happened, often a step no number shows: "Liberale Unie keert terug")."""
    opened = latest.opener.item.passage
    passage = reading.item.passage
    gap = passage.published_at - opened.published_at
    if gap <= timedelta(hours=QUICK_HOURS) and passage.article_id != opened.article_id:
        return NEW_DEVELOPMENT * QUICK_FACTOR
    if gap >= timedelta(hours=LATE_HOURS) and passage.title == reading.item.article.title:
        return NEW_DEVELOPMENT * LATE_FACTOR
    return NEW_DEVELOPMENT


def read(item: StoryPassage) -> Reading:
    """The passage's own text (its title and paragraphs, not a roundup's intro) without boilerplate, and its facts."""
    passage = item.passage
    paragraphs = tuple(p for p in passage.paragraphs if p.strip() and not is_boilerplate(p))
    text = "\n".join((passage.title, *paragraphs))
    outlets = (passage.source, item.article.source)
    language = passage.language
    lead = "\n".join((passage.title, lede(paragraphs, language)))
    return Reading(
        item=item,
        paragraphs=paragraphs,
        facts=tuple(hard_facts(text, language, passage.names, passage.places, outlets)),
        title_facts=tuple(hard_facts(passage.title, language, passage.names, passage.places, outlets)),
        words=tuple(word_facts(text, language)),
        title_words=tuple(word_facts(passage.title, language)),
        lead=frozenset(f.key for f in hard_facts(lead, language, passage.names, passage.places, outlets)),
    )


def _best_match(groups: Sequence[_Group], reading: Reading, mentions: dict[str, int]) -> _Group:
    """The development this retelling belongs to: among those with a passage in the last `RETELL_HOURS`, the one
    whose characteristic facts and title words the passage repeats most. A development's characteristic facts are
    what its opening added and the facts of its opening's title; for a story's first development, whose title states
    none, the facts of its opening's lead, not all of its text: a long first report runs through the background
    (every party, every leader) that each later report of the story names again, and would draw them all. Facts weigh
    by their rarity in the story so far, log(passages / passages stating it), so background every passage states
    (the river, the province) weighs nothing; facts in the passage's title double. Ties, and no match, go to the
    latest development."""
    at = reading.item.passage.published_at
    recent = [g for g in groups if at - g.members[-1].item.passage.published_at <= timedelta(hours=RETELL_HOURS)]
    total = sum(len(g.members) for g in groups)
    in_title = {f.key for f in reading.title_facts}
    best, best_score = groups[-1], 0.0
    for group in recent:
        signature = (*group.new, *group.opener.title_facts) or tuple(
            f for f in group.opener.facts if f.key in group.opener.lead)
        keys = {key for fact in signature for key in (fact.key, *fact.aliases)}
        match = math.fsum(
            f.weight * math.log(total / mentions.get(f.key, 1)) * (2.0 if f.key in in_title else 1.0)
            for f in reading.facts
            if f.key in keys or any(alias in keys for alias in f.aliases)
        )
        title_words = {w.key for w in group.opener.title_words}
        match += WORD_WEIGHT * sum(1 for w in reading.title_words if w.key in title_words)
        if match > best_score or (match == best_score and match > 0):
            best, best_score = group, match
    return best


def _development(story: Story, group: _Group, previous: str | None, *, first: bool,
                 follow_ups: int, told_before: frozenset[str] = frozenset()) -> Development:
    opener = group.opener.item
    members = group.members
    citations: dict[int, Citation] = {}
    for member in sorted(members, key=lambda m: (m.item.article.published_at, m.item.article.id)):
        article = member.item.article
        citations.setdefault(
            article.id,
            Citation(article.id, article.source, article.url, article.title, article.published_at, article.external_id),
        )
    places: dict[str, Place] = {}
    for member in members:
        for place in member.item.passage.places:
            places.setdefault(place.canonical, place)
    candidates = [Candidate(m.item.passage, m.item.article, m.paragraphs, m.facts, m.title_facts) for m in members]
    told = renditions(candidates, group.new, group.known_before, told_before)
    readable = [f for f in group.new if is_substantive(f)]
    new = tuple(f.label for f in sorted(readable, key=lambda f: -group.opener.weight(f))[:MAX_NEW])
    evidence = Evidence(
        passages=tuple(m.item for m in members),
        first=first,
        new=new,
        novelty=group.novelty,
        specific=tuple(f for f in group.opener.facts if f.weight >= 1.0),
        lede="\n".join((opener.passage.title, lede(group.opener.paragraphs, opener.passage.language))),
        words=sum(len(p.split()) for p in group.opener.paragraphs),
        follow_ups=follow_ups,
    )
    importance, reasons = score(evidence)
    return Development(
        key=f"{story.id}:{opener.passage.article_id}.{opener.passage.section}"
            + (f"v{opener.version}" if opener.version > 1 else ""),
        story_id=story.id,
        headline=told[0].headline,
        summary=told[0].summary,
        language=told[0].language,
        sources=tuple(citations.values()),
        places=tuple(places.values()),
        first_seen=min(m.item.passage.published_at for m in members),
        importance=importance,
        reasons=reasons,
        update_of=previous,
        new=new,
        renditions=told,
    )
