"""Where a capitalised word of a text is only part of a longer name, so that a one-word query term there does not
stand for itself: "Oranje" in "Van Oranje" (the king) or "Fort Oranje" (a fortress) is not the national team, and
"Washington" in "Denzel Washington" is not the city.

A word is part of a longer name

- right after a name particle (van, de, von, di, del, la, le, ...) that belongs to the name: one capitalised in
  running text (zei Van Oranje, Di Maio, Le Pen); "Van" or "Von" opening a sentence, unless "naar" or "tot" ("nach",
  "bis") follows in it (Van Oranje praat, but Van Kiev naar Lviv); or one in lower case right after a given name,
  where it is no word of the text's language (von der Leyen in a Dutch text, de Waal in an English one; not "Klaver
  van GroenLinks");
- when the word is itself an ordinary word in title case (Oranje, the colour), right after an ordinary noun
  capitalised in running text (Fort Oranje, Code Oranje; not President Trump, het Britse Lagerhuis);
- when the word names a place, right after a given name that ends no full name (Denzel Washington; not "helpt
  Sanne Veldkamp Ajax"), outside a Title Case line. A query word that names only a town, smaller than `TOWN`, reads
  as the person there (Anna Tiel).

A surname in its person's full name is that person (Zelensky in Volodymyr Zelensky). A word joined by a hyphen is
not in a longer name either (Ajax-PSV, Oranje-fans, Oranje-Nassau, al-Assad): a hyphen makes one word about each of
its parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from volg.pipeline.clean.gazetteer import LANGUAGES, gazetteer
from volg.pipeline.clean.places import Token, is_common, is_known, lemma, stop_words, titles, word_list

__all__ = ["TOWN", "part_of_name"]

TOWN = 50_000
"""A town this small that a text names a person after is not what the text means (as `find_places` reads it)."""

_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "ter", "ten", "di", "da", "del", "della", "du", "des", "dos", "la", "le", "zu"}
)  # fmt: skip
_OPENING_PARTICLES = frozenset({"Van", "Von"})  # the particles that are no article: "De Brexit" opens on "the"
_ONWARD = frozenset({"naar", "tot", "nach", "bis"})  # "Van Kiev naar Lviv": an opening "Van" that means "from"


def part_of_name(tokens: Sequence[Token], k: int, language: str, *, place: bool) -> bool:
    """Whether token `k` is only part of a longer name (see the module docstring); `place`: read it as a place's
    name."""
    token = tokens[k]
    if not token.capitalised or not token.joined or "-" in token.text:
        return False
    if _after_particle(tokens, k, language):
        return True
    before = tokens[k - 1]
    if place:
        full = k > 1 and before.joined and tokens[k - 2].text.istitle()  # Sanne Veldkamp Ajax: a name, then a club
        return not before.titled and not full and _given_name(before, language)
    return _named_thing(before, language) and token.text.istitle() and _ordinary(token.text, language)


def _after_particle(tokens: Sequence[Token], k: int, language: str) -> bool:
    """Whether a name particle before token `k` makes it a surname (see the module docstring)."""
    particle = tokens[k - 1]
    if particle.text.casefold() not in _PARTICLES:
        return False
    if particle.text.istitle():  # not DE BRIEF VAN JANSEN: capitals that shout
        if not particle.free:
            return True
        return particle.text in _OPENING_PARTICLES and not particle.titled and not _onward(tokens, k)
    first = k - 1
    while first > 0 and tokens[first].joined and tokens[first - 1].text in _PARTICLES:
        first -= 1  # von der Leyen
    return (tokens[first].text not in stop_words(language) and first > 0 and tokens[first].joined
            and _given_name(tokens[first - 1], language))


def _onward(tokens: Sequence[Token], k: int) -> bool:
    """Whether the sentence goes on with "naar"/"tot" after token `k`."""
    for token in tokens[k + 1:]:
        if token.free:
            return False
        if token.text.casefold() in _ONWARD:
            return True
    return False


def _given_name(token: Token, language: str) -> bool:
    """A word that can be a person's first name: in title case (no acronym, no EK-kaarten), and no ordinary word,
    inflected word (Poolse), title, nationality or place bigger than a town (Anna is a name)."""
    word = token.text
    if not word.istitle() or _ordinary(word, language) or _inflected(word, language) or _leading(word, language):
        return False
    entry = gazetteer().lookup(word)
    return entry is None or (entry.kind == "city" and entry.population < TOWN)


def _named_thing(token: Token, language: str) -> bool:
    """An ordinary noun capitalised where capitals mean something, in its base form (no inflected adjective such as
    Britse), and no title or nationality: the first word of a name like Fort Oranje."""
    word = token.text
    folded = word.casefold()
    return (word.istitle() and not token.free and _ordinary(word, language)
            and lemma(folded, language) == folded and not _leading(word, language))


def _ordinary(word: str, language: str) -> bool:
    """Whether a capitalised word is also an ordinary word of the language (Fort, Code, Oranje; Mark)."""
    if language not in LANGUAGES:
        return False
    folded = word.casefold()
    return is_common(word, language) or (is_known(folded, language) and lemma(folded, language)[:1].islower())


def _inflected(word: str, language: str) -> bool:
    """Whether a word is, in lower case, an inflected form of the language (Poolse, of Pools)."""
    folded = word.casefold()
    return language in LANGUAGES and is_known(folded, language) and lemma(folded, language).casefold() != folded


def _leading(word: str, language: str) -> bool:
    """A word that stands before a name without being part of it: a title, a nationality, a date, a stop word."""
    folded = word.casefold()
    return any(folded in words for words in (titles(language), word_list("demonyms", language),
                                             word_list("dates", language), stop_words(language)))
