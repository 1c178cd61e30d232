"""The same event told again: a new item about what a reader already got from another story.

Stories can split one event (outlets word it differently, a follow-up comes days later), so a development of another
story may be about an event the reader already has. Two items are about the same event when, in one language, the
content words of their headlines and summaries overlap by `SAME_EVENT` or more (Dice's coefficient of their stems);
in two languages, when they state the same number and at least one more of the same numbers, places (by gazetteer
name: Maas = Meuse) or full names ("6 miljard euro ... de Maas" = "6 billion euros ... the Meuse"). (Naming the same
day and sharing words rare among the topic's items was tried as a third test and taken back: in wire news every
report names its day, and on Timeline17 it took distinct steps of one topic — a lawsuit, a pipeline shutdown, a
court filing — for one event.)

An item about the same event as one higher up in the same digest is left out, whatever its story: one event is one
item (of two alike steps of one story a few hours apart, the reader gets the more important). An item about an event
the reader got from another story (in the last `SENT_WINDOW`) goes out only as an update, and only when it states a
substantive fact the earlier ones did not (`facts.is_substantive`, as for a step of one story), unless it is only
alike in words (`SURELY_SAME`): a number with what it counts ("14 doden"), a place, or a full name; numbers and
places compared by value and gazetteer name across languages, a name known when any of its capitalised words was. A
lone capitalised word ("Forumzege"), a bare number or an adjective is no news. Earlier items of the same story are
not compared here: whether a further step of a story the reader had is news is the update rule's to decide
(`is_update_worth_sending`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from volg.folding import fold
from volg.models import Development, Section
from volg.pipeline.clean.places import find_places
from volg.pipeline.develop.facts import Fact, hard_facts, is_substantive, stems

SAME_EVENT = 0.25
"""Dice's coefficient of two items' content-word stems from which they are about the same event."""

SURELY_SAME = 0.5
"""The coefficient from which that is beyond doubt. Within one topic every item shares the topic's words, so two
distinct steps (a lawsuit, then a pipeline shutdown, both "BP ... oil spill ... Gulf of Mexico") can reach
`SAME_EVENT`: an item that only does, and states no new substantive fact, goes out as an item of its own, not as an
update with nothing new, nor is it left out."""

SENT_WINDOW = timedelta(days=7)
"""How far back a reader's items are compared with a new one."""

_MARK = re.compile(
    r"(?<![.!?:]\s)(?<![.!?:]\s['\"‘“„«])(?<!^)\b"
    r"(?:\d[\d.,]*\s[a-zà-ÿ][\w-]*(?:\s(?:euro|dollar|pond))?|[A-ZÀ-Ý][\w'’-]+)"
)
"""A number with what it counts ("14 doden", "6 miljard euro"), or a capitalised word that does not open a
sentence: what says who, where and how many."""


@dataclass(frozen=True)
class Sent:
    """An item a reader got: its story, its language, the stems of its headline and summary, its marks (their
    folded words), and its keys (the numbers, places and full names it states, comparable across languages)."""

    story_id: int
    language: str
    text: str  # headline and summary
    words: frozenset[str]
    marks: frozenset[str]
    keys: frozenset[str]

    def same_event(self, other: Sent, *, surely: bool = False) -> bool:
        """Whether the two tell one event; `surely`: in words so alike (`SURELY_SAME`) that there is no doubt."""
        if self.language == other.language:
            return _dice(self.words, other.words) >= (SURELY_SAME if surely else SAME_EVENT)
        shared = self.keys & other.keys
        return len(shared) >= 2 and any(key.startswith("#") for key in shared)


def sent_of(dev: Development) -> Sent:
    return _sent(dev.story_id, dev.language, dev.headline, dev.summary)


def sent_items(digests: Iterable[dict[str, Any]]) -> list[Sent]:
    """The items of stored digests (their JSON bodies, as `render_json` wrote them)."""
    return [_sent(item["story_id"], item["language"], item["headline"], item["summary"])
            for body in digests for item in body.get("items", ())]


def in_digest(mine: Sent, chosen: Iterable[Sent]) -> bool:
    """Whether an item chosen higher up in the same digest is about this item's event (of any story)."""
    return any(mine.same_event(item) for item in chosen)


def retold(mine: Sent, sent: Iterable[Sent], ignored: Callable[[str, str], bool] = lambda label, language: False,
           ) -> tuple[str, ...] | None:
    """None when the item is about no event a `sent` item of another story was about (or only alike in words and
    states nothing new: see `SURELY_SAME`); else the substantive facts it states that those items did not, as
    written ("14 doden", "Kampen"; empty: it adds no news). A fact `ignored` (by its label and the item's language:
    the reader's topic's own words) is none of them: an item alike in words that adds only such facts is told as an
    item of its own."""
    earlier = [item for item in sent if item.story_id != mine.story_id and mine.same_event(item)]
    if not earlier:
        return None
    known = frozenset().union(*(item.marks | item.keys for item in earlier))
    added = tuple(dict.fromkeys(fact.label for fact in _facts(mine.text, mine.language)
                                if is_substantive(fact) and not _is_known(fact, known)
                                and not ignored(fact.label, mine.language)))
    if not added and not any(mine.same_event(item, surely=True) for item in earlier):
        return None  # alike only in the topic's words: told as an item of its own
    return added


def _text(headline: str, summary: Iterable[str]) -> str:
    """Headline and summary as one text, the headline ended like a sentence (its last word opens nothing)."""
    return " ".join((headline.rstrip(".") + ".", *summary))


def _sent(story_id: int, language: str, headline: str, summary: Iterable[str]) -> Sent:
    text = _text(headline, summary)
    found = _marks(text)
    marks = frozenset(word for mark in found for word in fold(mark).split())
    keys = _keys(text, language) | {f"n:{fold(mark)}" for mark in found if " " in mark and mark[0].isupper()}
    return Sent(story_id, language, text, frozenset(stems(text, language)), marks, frozenset(keys))


def _keys(text: str, language: str) -> set[str]:
    """The numbers (by value) and places (by gazetteer name) the text states."""
    return {fact.key for fact in hard_facts(text, language, (), find_places(text, language))}


def _facts(text: str, language: str) -> list[Fact]:
    """The numbers, places and names (as the cleaner finds them: no demonyms, titles or sentence openers) the
    text states; a place only where it is no part of a name (Anna in "Anna de Boer")."""
    from volg.pipeline.clean.names import find_names  # here: a process that lists articles composes nothing

    places = find_places(text, language)
    names = find_names((Section(None, (text,)),), language, places)
    within = {word for name in names if " " in name for word in fold(name).split()}
    return hard_facts(text, language, names, [p for p in places if not set(fold(p.name).split()) <= within])


def _is_known(fact: Fact, known: frozenset[str]) -> bool:
    """Whether an earlier item stated the fact: its key, or for a place or name any of its capitalised words
    (Baudet = Thierry Baudet; not "de"); a number only by value ("16 doden" is news after "14 doden")."""
    words = {fold(word) for word in fact.label.split() if word[:1].isupper()}
    return fact.known_in(known) or (fact.kind != "number" and bool(words & known))


def _marks(text: str) -> list[str]:
    """The text's marks, a run of capitalised words one mark ("Jeroen Hagedoorn")."""
    found: list[tuple[int, int]] = []
    for match in _MARK.finditer(text):
        if found and match.group(0)[0].isupper() and text[found[-1][1]:match.start()] == " " \
                and text[found[-1][0]].isupper():
            found[-1] = (found[-1][0], match.end())
        else:
            found.append((match.start(), match.end()))
    return [text[start:end] for start, end in found]


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
