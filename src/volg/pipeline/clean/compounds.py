"""Dutch and German compounds cut into their parts, by simplemma's dictionary (no model): Klimaat·fonds,
Verkiezing·s·zege, Wahl·sieg.

A compound is a word that ends in a word of the dictionary (its head) after one (its modifier, also with a linking
s). The longest head is tried first, so a compound of three words keeps the last two together (Natuur·planbureau).
The names step asks whether a capitalised word is a compound of two ordinary words (then it is no name: Klimaatfonds
at a sentence's start); clustering counts a compound's parts among a passage's words (an "antiracismedemonstratie"
and a report of people who "demonstreerden tegen racisme" tell one event)."""

from __future__ import annotations

from typing import NamedTuple

from volg.pipeline.clean.places import is_known

COMPOUNDING = frozenset({"nl", "de"})  # languages that write a compound noun as one word (Klimaatfonds)
MAX_COMPOUND_CHARS = 64
"""A longer word is not tried as a compound: every cut of it costs a look-up of its parts (a 200,000-letter "word"
took minutes), and the longest German ones in use have some 60 letters."""
_SHORTEST = 7  # letters of a compound: shorter words that end in a word rarely are one (ver·kiest)
_SHORTEST_MODIFIER = 3


class Compound(NamedTuple):
    modifier: str  # as the dictionary knows it (without a linking s); "" when it does not know it (`loose`)
    head: str


def known(word: str, language: str) -> bool:
    """Whether the dictionary knows the (case-folded) word; in German a noun also as it is written, capitalised."""
    return is_known(word, language) or (language == "de" and is_known(word.title(), "de"))


def split(word: str, language: str, *, shortest_head: int = 3, loose: bool = False) -> Compound | None:
    """The word (case-folded) as a modifier and a head that are words of the dictionary, the longest head first
    ("verkiezingszege" → verkiezing, zege); None when it is no such compound. With `loose`, a word without such a cut
    that ends in a word of the dictionary after a modifier the dictionary does not know gives the longest such head
    and no modifier ("antiracismedemonstratie" → "", demonstratie)."""
    folded = word.casefold()
    if language not in COMPOUNDING or not _SHORTEST <= len(folded) <= MAX_COMPOUND_CHARS or not folded.isalpha():
        return None
    loose_head = ""
    for cut in range(_SHORTEST_MODIFIER, len(folded) - shortest_head + 1):
        modifier, head = folded[:cut], folded[cut:]
        if not known(head, language):
            continue
        if known(modifier, language):
            return Compound(modifier, head)
        if modifier.endswith("s") and known(modifier[:-1], language):
            return Compound(modifier[:-1], head)
        if loose and not loose_head:
            loose_head = head
    return Compound("", loose_head) if loose_head else None
