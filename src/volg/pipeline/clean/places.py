"""Find the places a text names, resolved through the gazetteer (see `gazetteer.py`).

Precision first: a wrong dot on a map or a wrong topic match costs more than a missed mention. A mention must be
capitalised, and a capitalised word proves little where capitals are not informative (at the start of a
sentence, in Title Case Headlines, on German nouns), so there a word that is also an ordinary word of the
language (Door, Reading, Essen, Landen) is not taken. A place name glued to another capitalised word is part of
a longer name (Vladimir Poetin, Paris Saint-Germain, Washington Post) and is not taken either. Adjectives
(Russische, Poolse) are not places, nor is a place name in a surname (Van der Veen, Frans de Waal) or after a
person's title (President Obama, burgemeester Breda), nor a small town's name that the text also uses as a given
name ("Graham had a plan" after "Graham Whitlock"). The word knowledge (tokens, stop words, lemmas) is shared with
`names.py`.

A place's `kind` is "city", "country", "region" (a province or state: Friesland, Bayern, Texas) or "water" (a river
or sea: Maas, Rijn, Noordzee; a sea's `country` is ""). See `gazetteer.py` for which wins a shared name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from volg.models import Place
from volg.pipeline.clean.gazetteer import ACRONYMS, LANGUAGES, Entry, Gazetteer, gazetteer, normalise

__all__ = ["find_places"]

_MAX_WORDS = 5  # longer gazetteer keys exist but are never written out in news
_BIG_CITY = 1_000_000  # a German noun that is also a city this big is taken as the city (Berlin, not Rest)
_TOWN = 50_000  # a city this small is not the place where the text uses its name in a person's name
_TITLED = 0.8  # share of capitalised long words that makes a line Title Case

# A word: letters, optionally hyphenated (Sint-Petersburg, Wit-Rusland), with an Irish/Italian style capital
# elision kept whole (O'Brien, D'Alema). Other apostrophes split (l'Ukraine, Putin's).
_WORD = re.compile(r"(?:[A-Z]['’](?=[A-Z]))?[^\W\d_]+(?:-[^\W\d_]+)*")
# Each word with the text before it since the previous word, so that a line's words and their offsets come from one
# findall, without a match object per word. `_WORD` matches at every letter (a run of letters at the least), so
# re.search finds the next word at the next letter: the gap is the run of non-letters before it, read greedily and
# once (a gap that ends the line ends the last match, its word empty: a pattern that failed there would be tried
# again from each of its characters, quadratic in a long run of digits or punctuation)
_GAP_AND_WORD = re.compile(rf"([\W\d_]*)({_WORD.pattern})?")
_SENTENCE_BREAK = re.compile(r"[.!?…:;\n\"“”„«»‘]")
# Lowercase words that may start a place name written in running text (den Haag, the Hague, la Paz).
_INFLECTING = frozenset({"nl", "de"})  # languages whose adjectives take an -e before a noun
_ARTICLES = frozenset({"den", "de", "het", "the", "la", "le", "las", "los", "el", "al"})
# Words right before a city that make it a surname (van der Veen, minister De Breda) rather than a place; the
# capitalised ones only where their capital means something ("Van Kiev naar Lviv" starts a sentence).
_SURNAME_PARTICLES = frozenset({"der", "den", "ter", "ten"})
_CAPITAL_PARTICLES = frozenset({"Van", "Von", "De", "Der", "Den", "Ter", "Ten"})
# Lowercase words that are a surname's first part after a given name (Frans de Waal) but an article elsewhere.
_NAME_PARTICLES = frozenset({"de", "van", "von", "le", "la"})
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
    capitalised: bool  # it starts with a capital


def tokenize(text: str) -> list[Token]:
    """The words of `text`, each marked `free` or `joined` (see `Token`)."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # a Token without NamedTuple's Python-level __new__: a third of the time per token
    for line_start, line in _lines(text):
        found = _GAP_AND_WORD.findall(line)
        while found and not found[-1][1]:  # the line's end: a gap with no word after it, and an empty match
            found.pop()
        if not found:
            continue
        words = [word for _, word in found]
        titled = not _cut_short(line).endswith(".") and _title_case(words)
        end = 0
        for gap, word in found:
            start = end + len(gap)
            stop = start + len(word)
            if gap == " " and end:  # the common case, made quick
                first, joined = False, True
            else:
                first = end == 0 or bool(_SENTENCE_BREAK.search(gap))
                joined = not first and gap.strip(" ") == ""
            free = first or titled
            append(new(Token, (word, line_start + start, line_start + stop, free, joined, titled, word[0].isupper())))
            end = stop
    return tokens


def _lines(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _cut_short(line: str) -> str:
    """A line without the ellipsis of a headline cut short ("... Says  ...")."""
    return line.rstrip().removesuffix("...").removesuffix("…").rstrip()


def _title_case(words: Sequence[str]) -> bool:
    """Whether a line (without a final full stop: a heading) is in Title Case or capitals: they mean nothing.
    Either most of its long words are capitalised, or all of its four or more words (China Stocks Hit New Low)."""
    long = [w for w in words if len(w) > 3]
    if len(long) >= 3 and sum(w[0].isupper() for w in long) >= _TITLED * len(long):
        return True
    return len(words) >= 4 and all(w[0].isupper() for w in words if len(w) > 1)


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, dict[str, frozenset[str]]]:
    raw = json.loads(resources.files("volg.pipeline.clean").joinpath("data/stopwords.json").read_text("utf-8"))
    lists = {
        kind: {lang: frozenset(words) for lang, words in by_language.items()}
        for kind, by_language in raw.items()
        if not kind.startswith("_")
    }
    for by_language in lists.values():
        by_language["*"] = frozenset().union(*by_language.values())
    return lists


def word_list(kind: str, language: str) -> frozenset[str]:
    """A lower-case word list of `data/stopwords.json` ("stop", "titles", "demonyms", "dates", "months") for a
    language (all languages' if `language` is unknown)."""
    lists = _word_lists()[kind]
    return lists.get(language, lists["*"])


def stop_words(language: str) -> frozenset[str]:
    """Lower-case words that are never a place or a name on their own."""
    return word_list("stop", language)


def titles(language: str) -> frozenset[str]:
    """Lower-case words that precede a name without being part of it (President, minister)."""
    return word_list("titles", language)


@lru_cache(maxsize=65536)
def lemma(word: str, language: str) -> str:
    """simplemma's lemma, or the word itself for a language it is not asked about."""
    from volg.pipeline.clean.lemmas import lemmatizer  # here: simplemma takes a tenth of a second to load, which
    # reading needs not

    return lemmatizer().lemmatize(word, language) if language in LANGUAGES else word


def is_known(word: str, language: str) -> bool:
    """Whether simplemma's dictionary of `language` holds `word` as it is written."""
    from volg.pipeline.clean.lemmas import known

    return known(word, language)


def inflected_adjective(word: str, language: str) -> bool:
    """In Dutch or German an adjective with its ending -e (provinciale, nieuwe, Koninklijke): the word ends in e, its
    lemma does not."""
    folded = word.casefold()
    if language not in _INFLECTING or not folded.endswith("e"):
        return False
    base = lemma(word, language).casefold()
    return base != folded and not base.endswith("e")


def is_common(word: str, language: str) -> bool:
    """Whether a capitalised word is also an ordinary word (lemma in lower case: Door, Reading, Tijdens)."""
    return word.casefold() in stop_words(language) or lemma(word, language)[:1].islower()


class _Match(NamedTuple):
    first: int  # token index
    end: int  # one past the last token index
    entry: Entry


def find_places(text: str, language: str, tokens: Sequence[Token] | None = None) -> tuple[Place, ...]:
    """Each distinct place the text names, once, in order of first mention, with the spelling first used. `tokens`:
    the text's, when the caller has them."""
    gaz = gazetteer()
    tokens = tokenize(text) if tokens is None else tokens
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        match = _match_at(tokens, i, gaz) if token.capitalised or token.text in _ARTICLES else None
        if match is None:
            i += 1
            continue
        matches.append(match)
        i = match.end
    # Words the text uses as the first of a longer name (Graham Whitlock): alone they are that name, not a town.
    in_names = {tokens[m.first].text for m in matches if m.end - m.first == 1 and _given_name(m, tokens, language)}
    places: dict[tuple[str, str, str], Place] = {}
    for match in matches:
        entry = match.entry
        key = (entry.canonical, entry.country, entry.kind)
        if key in places or not _accept(match, tokens, language):
            continue
        if entry.kind == "city" and entry.population < _TOWN and tokens[match.first].text in in_names:
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
    if normalise(first.text).partition(" ")[0] in gaz.first_words:  # else only a one-word name can start here
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
    if len(token.text) == 1 or token.text.casefold() in stop_words(language):
        return False  # a letter alone is a list's or a cabinet's ("lijst I", "Rutte I"), never a town (I = Biyang)
    entry = match.entry
    if entry.kind == "country":
        return True
    before = tokens[match.first - 1] if match.first > 0 else None
    if before is not None and token.joined and (_is_particle(tokens, match.first - 1, language)
                                                or before.text.casefold() in titles(language)):
        return False  # a surname: "van der Veen", "President Obama", "burgemeester Breda"
    alternate = normalise(token.text) != normalise(entry.canonical)
    if not is_common(token.text, language):
        if language != "de" or entry.population >= _BIG_CITY or not is_known(token.text, "de"):
            return True
    elif alternate or token.free:
        return False
    prepositions = _PLACE_PREPOSITIONS.get(language, frozenset())
    return before is not None and before.text in prepositions


def _is_particle(tokens: Sequence[Token], k: int, language: str) -> bool:
    """Whether token `k` makes the next one a surname: van der Veen, minister De Breda, Frans de Waal, Chris van
    Dam (a given name, then a particle)."""
    word = tokens[k]
    if word.text in _SURNAME_PARTICLES or (word.text in _CAPITAL_PARTICLES and not word.free):
        return True
    if word.text not in _NAME_PARTICLES or not word.joined or k == 0:
        return False
    previous = tokens[k - 1]
    if not previous.capitalised or previous.titled or is_common(previous.text, language):
        return False  # Universiteit van Amsterdam, Klimaatakkoord van Parijs
    before = tokens[k - 2] if k > 1 and previous.joined else None
    if before is not None and before.capitalised and not (before.free and is_common(before.text, language)):
        return False  # a full name, then a place: burgemeester Femke Halsema van Amsterdam
    return gazetteer().lookup(previous.text) is None


def _given_name(match: _Match, tokens: Sequence[Token], language: str) -> bool:
    """Whether a one-word hit is glued to the name after it only: (de Engelsman) Graham Whitlock, not Heracles
    Almelo."""
    if match.first > 0 and tokens[match.first].joined:
        before = tokens[match.first - 1]
        folded = before.text.casefold()
        if before.capitalised and folded not in word_list("demonyms", language) and folded not in titles(language):
            return False
    return _glued(match, tokens, language)


def _glued(match: _Match, tokens: Sequence[Token], language: str) -> bool:
    """Whether the hit is part of a longer capitalised name (a capitalised word right before or after it that is not
    an ordinary word where capitals mean nothing: Lena Dunham Says, but Putin Warns Kyiv As Talks Stall)."""
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
