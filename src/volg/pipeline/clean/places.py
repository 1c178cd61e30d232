"""Find the places a text names, resolved through the gazetteer (see `gazetteer.py`).

Precision first: a wrong dot on a map or a wrong topic match costs more than a missed mention. A mention must be
capitalised, and a capitalised word proves little where capitals are not informative (at the start of a
sentence, in Title Case Headlines, on German nouns), so there a word that is also an ordinary word of the
language (Door, Reading, Essen, Landen) is not taken. A place name glued to another capitalised word is part of
a longer name (Vladimir Poetin, Paris Saint-Germain, Washington Post) and is not taken either. Adjectives
(Russische, Poolse) are not places. The word knowledge (tokens, stop words, lemmas) is shared with `names.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import simplemma

from volg.models import Place
from volg.pipeline.clean.gazetteer import ACRONYMS, LANGUAGES, Entry, Gazetteer, gazetteer, normalise

__all__ = ["find_places"]

_MAX_WORDS = 5  # longer gazetteer keys exist but are never written out in news
_BIG_CITY = 1_000_000  # a German noun that is also a city this big is taken as the city (Berlin, not Rest)
_TITLED = 0.8  # share of capitalised long words that makes a line Title Case

# A word: letters, optionally hyphenated (Sint-Petersburg, Wit-Rusland), with an Irish/Italian style capital
# elision kept whole (O'Brien, D'Alema). Other apostrophes split (l'Ukraine, Putin's).
_WORD = re.compile(r"(?:[A-Z]['’](?=[A-Z]))?[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?…:;\n\"“”„«»‘]")
# Lowercase words that may start a place name written in running text (den Haag, the Hague, la Paz).
_ARTICLES = frozenset({"den", "de", "het", "the", "la", "le", "las", "los", "el", "al"})
# Words right before a city that make it a surname (van der Veen, minister De Breda) rather than a place; the
# capitalised ones only where their capital means something ("Van Kiev naar Lviv" starts a sentence).
_SURNAME_PARTICLES = frozenset({"der", "den", "ter", "ten"})
_CAPITAL_PARTICLES = frozenset({"Van", "Von", "De", "Der", "Den", "Ter", "Ten"})
# A city that is also an ordinary word is the city only right after a preposition of place: "in Reading", not
# "the Bath festival"; "in Essen", not "das Essen"; never "l'Union européenne".
_PLACE_PREPOSITIONS = {
    "nl": frozenset({"in", "naar", "uit", "bij", "te", "rond", "nabij", "vanuit", "tot", "van"}),
    "en": frozenset({"in", "at", "to", "from", "near", "outside", "around", "into", "of"}),
    "de": frozenset({"in", "aus", "nach", "bei", "von", "um", "nahe", "vor", "über", "bis"}),
    "fr": frozenset({"à", "de", "vers", "près", "depuis"}),
    "es": frozenset({"en", "a", "de", "desde", "hacia"}),
    "it": frozenset({"a", "in", "da", "di", "verso", "presso"}),
}


class Token(NamedTuple):
    """A word of a text and what surrounds it."""

    text: str
    start: int
    end: int
    free: bool  # its capital says nothing: first of a sentence or line, or in a Title Case line
    joined: bool  # only spaces separate it from the previous word (they can form one name)
    titled: bool  # in a Title Case line

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str) -> list[Token]:
    """The words of `text`, each marked `free` or `joined` (see `Token`)."""
    tokens: list[Token] = []
    for line_start, line in _lines(text):
        words = list(_WORD.finditer(line))
        titled = not line.rstrip().endswith(".") and _title_case(m.group() for m in words)
        end = 0
        for match in words:
            gap = line[end : match.start()]
            first = end == 0 or bool(_SENTENCE_BREAK.search(gap))
            joined = not first and gap.strip(" ") == ""
            start = line_start + match.start()
            tokens.append(Token(match.group(), start, line_start + match.end(), first or titled, joined, titled))
            end = match.end()
    return tokens


def _lines(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _title_case(words: Iterable[str]) -> bool:
    """Whether a line (without a final full stop: a heading) is in Title Case or capitals: they mean nothing."""
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= _TITLED * len(long)


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, dict[str, frozenset[str]]]:
    raw = json.loads(resources.files("volg.pipeline.clean").joinpath("data/stopwords.json").read_text("utf-8"))
    lists = {kind: {lang: frozenset(words) for lang, words in raw[kind].items()} for kind in ("stop", "titles")}
    for by_language in lists.values():
        by_language["*"] = frozenset().union(*by_language.values())
    return lists


def stop_words(language: str) -> frozenset[str]:
    """Lower-case words that are never a place or a name on their own (all languages' if `language` is unknown)."""
    lists = _word_lists()["stop"]
    return lists.get(language, lists["*"])


def titles(language: str) -> frozenset[str]:
    """Lower-case words that precede a name without being part of it (President, minister)."""
    lists = _word_lists()["titles"]
    return lists.get(language, lists["*"])


def lemma(word: str, language: str) -> str:
    """simplemma's lemma, or the word itself for a language it is not asked about."""
    return simplemma.lemmatize(word, language) if language in LANGUAGES else word


def is_common(word: str, language: str) -> bool:
    """Whether a capitalised word is also an ordinary word (lemma in lower case: Door, Reading, Tijdens)."""
    return word.casefold() in stop_words(language) or lemma(word, language)[:1].islower()


class _Match(NamedTuple):
    first: int  # token index
    end: int  # one past the last token index
    entry: Entry


def find_places(text: str, language: str) -> tuple[Place, ...]:
    """Each distinct place the text names, once, in order of first mention, with the spelling first used."""
    gaz = gazetteer()
    tokens = tokenize(text)
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        match = _match_at(tokens, i, gaz)
        if match is None:
            i += 1
            continue
        matches.append(match)
        i = match.end
    places: dict[tuple[str, str, str], Place] = {}
    for match in matches:
        entry = match.entry
        key = (entry.canonical, entry.country, entry.kind)
        if key in places or not _accept(match, tokens, language):
            continue
        name = text[tokens[match.first].start : tokens[match.end - 1].end]
        places[key] = Place(name, entry.canonical, entry.lat, entry.lon, entry.country, entry.kind)
    return tuple(places.values())


def _match_at(tokens: Sequence[Token], i: int, gaz: Gazetteer) -> _Match | None:
    """The longest gazetteer name starting at token `i`, if any."""
    first = tokens[i]
    if not first.capitalised and first.text.casefold() not in _ARTICLES:
        return None
    if first.text.isupper() and len(first.text) > 1:  # acronyms only through the exact table (VS, UK)
        code = ACRONYMS.get(first.text)
        return _Match(i, i + 1, gaz.countries[code]) if code in gaz.countries else None
    words = [first.text]
    for k in range(i + 1, min(i + min(gaz.max_words, _MAX_WORDS), len(tokens))):
        if not tokens[k].joined:
            break
        words.append(tokens[k].text)
    for n in range(len(words), 0, -1):
        if not tokens[i + n - 1].capitalised or (n == 1 and not first.capitalised):
            continue
        entry = gaz.lookup(" ".join(words[:n]))
        if entry is not None:
            return _Match(i, i + n, entry)
    return None


def _accept(match: _Match, tokens: Sequence[Token], language: str) -> bool:
    """Whether a gazetteer hit is really a place here (see the module docstring)."""
    if _glued(match, tokens, language):
        return False
    if match.end - match.first > 1:
        return True
    token = tokens[match.first]
    if token.text.casefold() in stop_words(language):
        return False
    entry = match.entry
    if entry.kind == "country":
        return True
    before = tokens[match.first - 1] if match.first > 0 else None
    if before is not None and token.joined and _is_particle(before):
        return False
    alternate = normalise(token.text) != normalise(entry.canonical)
    if not is_common(token.text, language):
        if language != "de" or entry.population >= _BIG_CITY or not simplemma.is_known(token.text, "de"):
            return True
    elif alternate or token.free:
        return False
    prepositions = _PLACE_PREPOSITIONS.get(language, frozenset())
    return before is not None and before.text in prepositions


def _is_particle(word: Token) -> bool:
    return word.text in _SURNAME_PARTICLES or (word.text in _CAPITAL_PARTICLES and not word.free)


def _glued(match: _Match, tokens: Sequence[Token], language: str) -> bool:
    """Whether the hit is part of a longer capitalised name (a capitalised word right before or after it)."""
    if tokens[match.first].titled:
        return False  # neighbouring capitals mean nothing there
    neighbours = []
    if match.first > 0 and tokens[match.first].joined:
        neighbours.append(match.first - 1)
    if match.end < len(tokens) and tokens[match.end].joined:
        neighbours.append(match.end)
    for k in neighbours:
        word = tokens[k]
        if not word.capitalised or word.text.casefold() in stop_words(language):
            continue
        if word.free and is_common(word.text, language):
            continue
        return True
    return False
