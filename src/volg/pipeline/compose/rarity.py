"""How rare a word is among a topic's items, and the days an item says its event happened.

Within one topic every item names the same parties, leaders and places, so two items sharing those words says
little; sharing a word few of the topic's items use ("antiracismedemonstratie" beside "demonstreerden") says more.
A word's weight is its inverse document frequency over the items at hand (the reader's candidates and what they
got lately). In compounding languages a word also matches its head or modifier of at least `MIN_PART` letters
(demonstratie ~ antiracismedemonstratie, zaterdag ~ zaterdagmiddag).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from volg.pipeline.develop.facts import mentioned_dates

MIN_PART = 5
"""The fewest letters a compound's part has to match another word."""

COMPOUNDING = frozenset({"nl", "de", "da", "sv", "no"})
"""Languages that write compounds as one word."""

_DAY_PART = re.compile(
    r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag)(ochtend|middag|avond|nacht|morgen|mittag|abend)\b",
    re.IGNORECASE,
)
"""A weekday glued to a part of the day: "zaterdagmiddag" is Saturday."""


def named_days(text: str, published: date) -> frozenset[date]:
    """The days up to `published` the text names ("zaterdag", "gisteren", "23 maart"): when its event happened."""
    return frozenset(day for day in mentioned_dates(_DAY_PART.sub(r"\1 \2", text), published) if day <= published)


def _parts(word: str) -> set[str]:
    """The word and its heads and modifiers: its suffixes and prefixes of at least `MIN_PART` letters."""
    found = {word}
    for cut in range(MIN_PART, len(word)):
        found.add(word[:cut])
        found.add(word[-cut:])
    return found


def _part(a: str, b: str) -> str | None:
    """The shorter word when it is the longer one's head or modifier (at least `MIN_PART` letters), else None."""
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_PART or short == long or not (long.startswith(short) or long.endswith(short)):
        return None
    return short


class Rarity:
    """Document frequencies of stems over a topic's items (each a set of stems)."""

    def __init__(self, items: Iterable[frozenset[str]]) -> None:
        self._whole: dict[str, set[int]] = {}
        self._part: dict[str, set[int]] = {}
        self._count = 0
        for index, words in enumerate(items):
            self._count += 1
            for word in words:
                self._whole.setdefault(word, set()).add(index)
                for part in _parts(word):
                    self._part.setdefault(part, set()).add(index)

    def weight(self, word: str, compounds: bool) -> float:
        """ln((n + 1) / (df + ½)), at least 0: df counts the items with the word, or (`compounds`) with a word it
        is part of or that is part of it."""
        items = set(self._whole.get(word, ()))
        if compounds:
            items |= self._part.get(word, set())
            for part in _parts(word):
                items |= self._whole.get(part, set())
        return max(0.0, math.log((self._count + 1) / (len(items) + 0.5)))

    def shared(self, a: frozenset[str], b: frozenset[str], language: str) -> float:
        """The summed weight of the stems two items of `language` share (a compound's part: the shorter word)."""
        compounds = language in COMPOUNDING
        common = set(a & b)
        if compounds:
            common |= {part for x in a - b for y in b - a if (part := _part(x, y)) is not None}
        return sum(self.weight(word, compounds) for word in common)
