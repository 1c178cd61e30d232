"""Topics: matching defined topics against stories, and discovering long-running ones.

A discovered topic is a chain of stories over days (a war, an election, a trial, a strike) held together by the
people, organisations and places they share. Two stories are linked when

- they are close in time: no more than `max_gap_days` between one's last sighting and the other's first;
- they share at least `min_shared` entities, at least one of them a name or a city. A shared country counts only
  when the two share no city of it ("Rotterdam" and "Nederland" together are one piece of evidence, not two), so
  a country alone, or a city and its country, never link;
- the shared entities carry at least `min_overlap` of the smaller story's entity weight. An entity weighs
  log(1 + stories / stories naming it), half that for a country: an entity most stories name weighs little, so
  two unrelated stories that both mention "Nederland" and "Amsterdam" among many other things stay apart.

A name is keyed by its last word ("Volodymyr Zelensky" and "Zelensky" are one entity), a place by its gazetteer
canonical name (Kiev and Kyiv are one). An outlet the stories were told by is no entity ("het AD", "Reuters").
The topics are the connected groups of linked stories with at least `min_stories` stories, or at least
`min_reports` articles (a continuing story on full text is one story: a flood told sixteen times over four days is
a topic of its own), spanning at least `min_days`, named after the shared entities (of a single story: its
entities) with the most weight summed over their stories. A group without any name or place to follow is no topic.
The query that follows a topic names only entities the topic owns (most stories naming them are in it; never a
country) and, of a chain, at least two of its stories name (three, of a chain of 30 or more), so that following it
does not pull in everything else about Rotterdam; a story of the chain that query cannot find is left out of the
topic (it was chained in by what it shares with one neighbour).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import NamedTuple

from volg.folding import fold
from volg.models import Story
from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.clean.places import Token, is_common, tokenize
from volg.pipeline.cluster.query import Query, TopicDocument, document_of, parse_query, words_of

__all__ = ["DiscoveredTopic", "discover_topics", "match_stories", "query_for", "slugify"]

_NAME_PARTS = 3  # entities in a topic's name
_LISTED = 3  # names and places a topic lists each (more only when its query needs them)
_TERMS = 5  # terms a topic lists
_COUNTRY_WEIGHT = 0.5
_OUTLET_ARTICLES = frozenset("de het the die der das le la les el los il".split())
_OWNED = 0.5  # share of the stories naming an entity that must be in a topic for its query to name it
_DETAIL = 3  # stories of a chain of 30 or more that must name an entity for its query to follow it
_STEM_CUT = 3  # letters a stemmer strips at most from the words it shows (aanval ← aanvallen)
_QUOTE_CHARS = re.compile('["“”„]')
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "þ": "th"})


def slugify(name: str) -> str:
    """ASCII, lower case, hyphens: 'Oorlog in Oekraïne' → 'oorlog-in-oekraine'; '' if nothing is left."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_UNDECOMPOSED))
    ascii_only = "".join(c if c.isascii() else " " for c in folded if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")


def match_stories(query: Query, documents: Iterable[tuple[Story, TopicDocument]]) -> list[Story]:
    """The stories whose document the query matches, in the order given."""
    return [story for story, document in documents if query.matches(document)]


@dataclass(frozen=True)
class DiscoveredTopic:
    """A long-running chain of linked stories.

    `name` joins its weightiest shared entities. `names` and `places` (cities) are what its query follows, as the
    stories write them: entities it owns, in most of its stories first, plus what it takes for `query_for` to
    match every story of the topic (its stories are those that query finds). `terms` are its stories' most shared
    characteristic words, as titles write them.
    """

    name: str
    slug: str
    story_ids: tuple[int, ...]
    terms: tuple[str, ...]
    names: tuple[str, ...]
    places: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime


class _Entity(NamedTuple):
    kind: str  # "name", "city" or "country"
    country: str  # the place's country; "" for a name
    canonical: str  # the place's gazetteer name; "" for a name


def _entities(story: Story, outlets: frozenset[str]) -> dict[str, tuple[_Entity, str]]:
    """Key → (entity, the form this story writes it in); not a name that is an outlet's (`_outlets`)."""
    found: dict[str, tuple[_Entity, str]] = {}
    for place in story.places:
        if place.kind == "country":
            entity = _Entity("country", place.country, place.canonical)
        else:
            entity = _Entity("city", place.country, place.canonical)
        found.setdefault(_place_key(entity.kind, place.canonical, place.country), (entity, place.name))
    for name in story.names:
        words = [fold(word) for word in words_of(name)]
        if words and len(words[-1]) > 1 and " ".join(words) not in outlets:
            found.setdefault(f"name:{words[-1]}", (_Entity("name", "", ""), name))
    return found


def _outlets(stories: Sequence[Story]) -> frozenset[str]:
    """The outlets the stories were told by, folded, with and without a leading article ("de volkskrant",
    "volkskrant"): a story that names one ("zegt tegen het AD", "told Reuters") is not about it, and news cites a few
    outlets so often that they would chain unrelated stories into one topic ("AD · Voorburg · Sociale Zaken")."""
    found = set()
    for story in stories:
        for outlet in story.outlets:
            words = [fold(word) for word in words_of(outlet)]
            found.add(" ".join(words))
            if len(words) > 1 and words[0] in _OUTLET_ARTICLES:
                found.add(" ".join(words[1:]))
    return frozenset(found)


def _weights(entities: Sequence[dict[str, tuple[_Entity, str]]], frequency: Counter[str]) -> dict[str, float]:
    total = len(entities)
    weights = {}
    for found in entities:
        for key, (entity, _) in found.items():
            factor = _COUNTRY_WEIGHT if entity.kind == "country" else 1.0
            weights[key] = factor * math.log(1 + total / frequency[key])
    return weights


def discover_topics(
    stories: Sequence[Story],
    *,
    min_stories: int = 3,
    min_reports: int = 8,
    min_days: float = 2.0,
    max_gap_days: float = 3.0,
    min_shared: int = 2,
    min_overlap: float = 0.25,
) -> list[DiscoveredTopic]:
    """Long-running chains of stories (see the module docstring), largest first, then oldest, then by slug."""
    ordered = sorted(stories, key=lambda s: (s.first_seen, s.id))
    outlets = _outlets(ordered)
    entities = [_entities(story, outlets) for story in ordered]
    frequency = Counter(key for found in entities for key in found)  # stories naming each entity
    weights = _weights(entities, frequency)
    mass = [sum(weights[key] for key in found) for found in entities]
    max_gap = timedelta(days=max_gap_days)

    def linked(i: int, j: int) -> bool:
        shared = {key: entities[i][key][0] for key in entities[i].keys() & entities[j].keys()}
        cities = {entity.country for entity in shared.values() if entity.kind == "city"}
        counted = [key for key, e in shared.items() if e.kind != "country" or e.country not in cities]
        if len(counted) < min_shared:  # a name or a city is among them: `_candidates` only pairs on those
            return False
        return sum(weights[key] for key in counted) >= min_overlap * min(mass[i], mass[j])

    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(ordered, entities, max_gap):
        if root(i) != root(j) and linked(i, j):
            a, b = sorted((root(i), root(j)))
            parent[b] = a

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        groups[root(i)].append(i)

    def big_enough(chain: Sequence[Story]) -> bool:
        reports = len({article.id for story in chain for article in story.articles})
        span = max(s.last_seen for s in chain) - min(s.first_seen for s in chain)
        return span >= timedelta(days=min_days) and (len(chain) >= min_stories or reports >= min_reports)

    topics = []
    for members in groups.values():
        chain = [ordered[i] for i in members]
        if not big_enough(chain):
            continue
        topic = _describe(chain, [entities[i] for i in members], frequency, weights)
        if topic is None:
            continue
        kept = set(topic.story_ids)
        if big_enough([story for story in chain if story.id in kept]):
            topics.append(topic)
    return _unique_slugs(sorted(topics, key=_order))


def _candidates(
    ordered: Sequence[Story], entities: Sequence[dict[str, tuple[_Entity, str]]], max_gap: timedelta
) -> list[tuple[int, int]]:
    """Pairs of stories close in time that share a name or a city (countries alone never link)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(entities):
        for key, (entity, _) in found.items():
            if entity.kind != "country":
                postings[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in postings.values():  # each in time order, as `ordered` is
        for n, i in enumerate(posting):
            for j in posting[n + 1 :]:
                if ordered[j].first_seen - ordered[i].last_seen > max_gap:
                    break
                pairs.add((i, j))
    return sorted(pairs)


def _describe(
    chain: Sequence[Story],
    entities: Sequence[dict[str, tuple[_Entity, str]]],
    frequency: Counter[str],
    weights: dict[str, float],
) -> DiscoveredTopic | None:
    """List for the topic's query the entities it owns and its stories share, in most of its stories first: not
    countries, only entities at least `_OWNED` of whose stories are in the topic (a city that is news for other
    reasons too would make the query follow those), and of a chain of stories only entities two of them name
    (three of a chain of 30 or more). A story that none of those finds was chained in by what it shares with one
    neighbour ("Den Haag", "Utrecht") and is left out of the topic, as following it would not find it either. The
    topic is named after the weightiest entities its stories share."""
    support = Counter(key for found in entities for key in found)
    shared = 1 if len(chain) == 1 else 2
    least = max(shared, min(_DETAIL, len(chain) // 10))  # in a long chain, what two stories name is a detail
    owned = {key for key in support if support[key] >= _OWNED * frequency[key] and support[key] >= least}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, _Entity] = {}
    for found in entities:
        for key, (entity, form) in found.items():
            forms[key][form] += 1
            kinds[key] = entity
    shown = {key: _shown(key, kinds[key], counts) for key, counts in forms.items()}
    widest = sorted(owned, key=lambda k: (-support[k], -weights[k], shown[k], k))
    names = [shown[key] for key in widest if key.startswith("name:")][:_LISTED]
    places = [shown[key] for key in widest if key.startswith("city:")][:_LISTED]
    kept = _cover(chain, entities, {key for key in owned if not key.startswith("country:")},
                  lambda key: (weights[key], key), names, places)
    followed = [chain[i] for i in kept]
    support = Counter(key for i in kept for key in entities[i])
    shared = 1 if len(followed) == 1 else 2
    ranked = sorted((key for key, count in support.items() if count >= shared),
                    key=lambda k: (-support[k] * weights[k], shown[k], k))
    name = " · ".join(dict.fromkeys(shown[key] for key in ranked[:_NAME_PARTS]))
    if not (followed and name and (names or places)):
        return None
    return DiscoveredTopic(
        name=name,
        slug=slugify(name),
        story_ids=tuple(sorted(story.id for story in followed)),
        terms=_terms(followed, {fold(word) for form in names + places for word in words_of(form)}),
        names=tuple(names),
        places=tuple(places),
        first_seen=min(story.first_seen for story in followed),
        last_seen=max(story.last_seen for story in followed),
    )


def _shown(key: str, entity: _Entity, forms: Counter[str]) -> str:
    """How to write an entity: its most frequent form (then the canonical one, the shortest); a place in a
    spelling the gazetteer resolves to it (so that a query on it finds every spelling), else its canonical name."""
    best = sorted(forms, key=lambda form: (-forms[form], form != entity.canonical, len(form), form))
    if entity.kind == "name":
        return best[0]
    lookup = gazetteer().lookup
    for form in best:
        entry = lookup(form)
        if entry is not None and _place_key(entry.kind, entry.canonical, entry.country) == key:
            return form
    return entity.canonical  # written as an acronym (VS, UK), which the gazetteer keeps apart


def _place_key(kind: str, canonical: str, country: str) -> str:
    return f"country:{country}" if kind == "country" else f"city:{fold(canonical)}:{country}"


def _cover(
    chain: Sequence[Story],
    entities: Sequence[dict[str, tuple[_Entity, str]]],
    followable: set[str],
    preference: Callable[[str], tuple[float, str]],
    names: list[str],
    places: list[str],
) -> list[int]:
    """Which of the stories the topic's query finds, adding to `names`/`places` for a story it misses the form it
    writes its most preferred `followable` entity in that finds it (a place it names only inside a longer name,
    "Gericht Berlin", does not). The query is an OR of its forms, so each form is parsed once and a story is
    matched form by form (a chain of thousands of stories parsed its query of hundreds of terms once per story:
    minutes)."""
    terms = {form: parse_query(_quote(form)) for form in (*names, *places)}
    kept = []
    for i, (story, found) in enumerate(zip(chain, entities, strict=True)):
        document = document_of(story)
        if any(term.matches(document) for term in terms.values()):
            kept.append(i)
            continue
        for key in sorted(followable & found.keys(), key=preference, reverse=True):
            form = found[key][1]
            term = terms.get(form) or parse_query(_quote(form))
            if term.matches(document):
                (names if key.startswith("name:") else places).append(form)
                terms[form] = term
                kept.append(i)
                break
    return kept


def _terms(chain: Sequence[Story], taken: set[str]) -> tuple[str, ...]:
    """The stories' characteristic terms most of them share, each written as a title word it is or stems (at
    most `_STEM_CUT` letters longer); a term no title writes is left out, as it may be an unreadable stem."""
    votes: dict[str, float] = defaultdict(float)
    for story in chain:
        for rank, term in enumerate(dict.fromkeys(story.terms)):
            votes[fold(term)] += 1 + 1 / (rank + 1)  # support first, rank breaks ties
    titles = [(a.title, a.language) for story in chain for a in story.articles]
    titles += [(story.title, story.articles[0].language if story.articles else "") for story in chain]
    title_words = Counter(_readable(token, language) for title, language in titles for token in tokenize(title))
    chosen: list[str] = []
    for term, _ in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        written = sorted(
            (w for w in title_words if fold(w).startswith(term) and len(w) - len(term) <= _STEM_CUT),
            key=lambda w: (fold(w) != term, -title_words[w], len(w), w),
        )
        if written and fold(written[0]) not in taken | set(map(fold, chosen)):
            chosen.append(written[0])
        if len(chosen) == _TERMS:
            break
    return tuple(chosen)


def _readable(token: Token, language: str) -> str:
    """A title word as running text would write it: in lower case where its capital means nothing (first word,
    Title Case) and it is an ordinary word of the language."""
    word = token.text
    return word.lower() if token.free and is_common(word, language) else word


def _order(topic: DiscoveredTopic) -> tuple[int, datetime, str, tuple[int, ...]]:
    return -len(topic.story_ids), topic.first_seen, topic.slug, topic.story_ids


def _unique_slugs(topics: list[DiscoveredTopic]) -> list[DiscoveredTopic]:
    """Each topic's slug, or the first of slug-2, slug-3, ... that no topic has (a name may end in "-2" itself)."""
    taken = {topic.slug for topic in topics}
    given: set[str] = set()
    unique = []
    for topic in topics:
        slug, n = topic.slug, 1
        while slug in given or (slug != topic.slug and slug in taken):
            n += 1
            slug = f"{topic.slug}-{n}"
        given.add(slug)
        unique.append(replace(topic, slug=slug) if slug != topic.slug else topic)
    return unique


def _quote(form: str) -> str:
    text = " ".join(_QUOTE_CHARS.sub(" ", form).split())
    plain = " " not in text and "(" not in text and ")" not in text and text.casefold() not in ("or", "and", "not")
    return text if plain else f'"{text}"'


def _query(names: Sequence[str], places: Sequence[str]) -> str:
    return " OR ".join(dict.fromkeys(_quote(form) for form in (*names, *places)))


def query_for(topic: DiscoveredTopic) -> str:
    """A defined-topic query that follows a discovered topic: its names and places ORed, quoted when needed."""
    return _query(topic.names, topic.places)
