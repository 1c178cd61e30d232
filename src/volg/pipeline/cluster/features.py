"""Passage → weighted terms, without downloaded models: what story clustering compares.

A passage becomes a few sparse vectors ("spaces"), each a dict of term → term frequency (zone-weighted and
sublinear; `assign.py` multiplies in the inverse document frequency):

- `w:<lang>`: word stems of the language (Snowball, through PyStemmer), stop words out, accents folded; words of
  the title count `title_weight` times, of the lead `lead_weight` times a word of the body. A Dutch or German
  compound the dictionary does not know (an ad-hoc one: "verkiezingszege", "Forumzege", "ontslagregels") also
  counts its parts, at `compound_weight` of its own count (`clean/compounds.py`): its head, and its modifier when
  that is a word of the dictionary ("verkiezing", "zege"), so that a report of the "zege" shares it. A name's or a
  place's word is not cut (Veenendaal is no "daal").
- `g:<lang>`: character n-grams of the title's words, which catch what stems miss in headlines (inflections,
  compounds, spellings of names: Plosser's, MtGox).
- `e`: the evidence that crosses languages: names by surname and full form (casefolded, accents folded, so
  "Poetin" and "Vladimir Poetin" share `n:poetin`), places by their gazetteer name (Kiev = Kyiv = Kiew), numbers
  (1,400 = 1.400 = 1400; 3,2 = 3.2) and dates (16 November = Nov 16 = 16 nov.).

Stems are for matching only; `surfaces` keeps a readable form of each stem for naming stories.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from math import log as _log
from typing import NamedTuple

import Stemmer

from volg.folding import fold
from volg.models import Passage
from volg.pipeline.clean.compounds import COMPOUNDING
from volg.pipeline.clean.compounds import known as known_word
from volg.pipeline.clean.compounds import split as split_compound
from volg.pipeline.clean.places import stop_words
from volg.pipeline.cluster.tuning import ClusterSettings

__all__ = ["ENTITIES", "Features", "extract", "fold"]

ENTITIES = "e"
_ALGORITHMS = {"nl": "dutch", "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
               "pt": "portuguese", "da": "danish", "sv": "swedish", "no": "norwegian", "fi": "finnish"}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{2,}")
_ASCII_WORD = re.compile(r"[a-z]{2,}")  # `_WORD` on case-folded ASCII: its letters are a-z
_NAME_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")  # what every `_NUMBER` and every day of a date starts with
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MONTHS = {
    1: "january jan januari janvier janv januar",
    2: "february feb februari fevrier fevr februar",
    3: "march mar maart mars marz",
    4: "april apr avril",
    5: "may mei mai",
    6: "june jun juni juin",
    7: "july jul juli juillet juil",
    8: "august aug augustus aout",
    9: "september sep sept septembre",
    10: "october oct oktober okt octobre",
    11: "november nov novembre",
    12: "december dec decembre dezember dez",
}
_MONTH = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH_NAMES = frozenset(_MONTH)
_MONTH_ALTERNATION = "|".join(sorted(_MONTH, key=len, reverse=True))
# Each led by a look-ahead for what a match starts with (a digit, a month's first letter), so that re does not try
# the whole pattern at every position of the text (as for the genre package's word lists: clean/patterns.py)
_MONTH_FIRST = "".join(sorted({name[0] for name in _MONTH}))
_DAY_MONTH = re.compile(rf"(?=\d)\b(\d{{1,2}})(?:st|nd|rd|th|e)?\.?\s+({_MONTH_ALTERNATION})\b")
_SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")  # what the day of a date is
_MONTH_DAY = re.compile(rf"(?=[{_MONTH_FIRST}])\b({_MONTH_ALTERNATION})\.?\s+(\d{{1,2}})\b(?![.,]?\d)")


class Features(NamedTuple):  # a tuple: built for every passage, cheaper than a frozen dataclass
    """A passage's term frequencies per space (see the module docstring), and a readable form per word stem."""

    language: str
    spaces: dict[str, dict[str, float]]
    surfaces: dict[str, str]
    words: int  # of the lead and body (0 for a headline alone): how much evidence the passage carries


def extract(passage: Passage, settings: ClusterSettings) -> Features:
    """The weighted terms of a passage (see the module docstring). One plain loop per zone, the memo read inline:
    this runs for every passage."""
    language = passage.language
    vocabulary = _vocabulary(language, settings.gram_size, settings.compound_weight > 0)
    memo, compound_weight = vocabulary.stems, settings.compound_weight
    compounds = vocabulary.parts if vocabulary.compounds else None
    named: frozenset[str] | None = None  # the tokens of the passage's names and places, read at its first compound
    title, paragraphs, context = passage.title, passage.paragraphs, passage.context
    words: dict[str, float] = {}
    surfaces: dict[str, str] = {}
    folded_title = title.casefold()
    zones: tuple[tuple[str, float, int | None], ...] = ((title, settings.title_weight, None),)
    text = ""  # lead and body
    if paragraphs or context:  # else a headline alone
        lead = paragraphs[0] if paragraphs else ""
        body = " ".join((*paragraphs[1:], *context)) if len(paragraphs) > 1 or context else ""
        zones += ((lead, settings.lead_weight, None), (body, 1.0, settings.body_words))
        text = f"{lead} {body}"
    title_words: list[str] = []  # the title's tokens that are no stop word, for its n-grams
    length = 0
    for zone, (zone_text, weight, limit) in enumerate(zones):
        if not zone_text:
            continue
        tokens = _tokens(zone_text)
        if zone:
            length += len(tokens)
        if limit is not None:
            tokens = tokens[:limit]
        try:
            stems = [memo[t] for t in tokens]  # the usual case: every token seen before
        except KeyError:
            stems = vocabulary.lookup(tokens)
        for token, stem in zip(tokens, stems, strict=True):
            if stem is None:
                continue
            if stem in words:
                words[stem] += weight
            else:  # a stem's first token is its readable form (`surfaces` holds only stems so far)
                words[stem] = weight
                surfaces[stem] = token
            if compounds is not None and token in compounds:
                if named is None:
                    named = _named_tokens(passage)
                if token not in named:
                    for part, readable in compounds[token]:
                        if part in words:
                            words[part] += weight * compound_weight
                        else:
                            words[part] = weight * compound_weight
                            surfaces[part] = readable
        if zone == 0 and vocabulary.size > 0:
            title_words = [t for t, stem in zip(tokens, stems, strict=True) if stem is not None]
    spaces: dict[str, dict[str, float]] = {}
    if words:
        spaces[vocabulary.words_space] = {term: 1.0 + _log(count) for term, count in words.items()}  # sublinear
    if title_words:
        grams: dict[str, float] = {}
        for token_grams in vocabulary.grams_of(title_words):
            for gram in token_grams:
                grams[gram] = grams.get(gram, 0.0) + 1.0
        spaces[vocabulary.grams_space] = {term: 1.0 + _log(count) for term, count in grams.items()}
    entities = _entities(passage, title, folded_title, text, settings, surfaces)
    if entities:
        spaces[ENTITIES] = entities
    return Features(language, spaces, surfaces, length)


def named_stems(features: Features, settings: ClusterSettings) -> frozenset[str]:
    """The word stems of the passage's names and places ("europees", "parlement", "straatsburg"): words its words
    space shares with another passage's by naming the same institution, person or town, whatever each tells."""
    tokens = [token for key, readable in features.surfaces.items() if key.startswith(("n:", "p:"))
              for token in _tokens(readable)]
    vocabulary = _vocabulary(features.language, settings.gram_size, settings.compound_weight > 0)
    return frozenset(stem for stem in vocabulary.lookup(tokens) if stem)


def _named_tokens(passage: Passage) -> frozenset[str]:
    """The tokens of the passage's names and places: words whose parts are no words of it (Veenendaal, Westerveld)."""
    return frozenset(token for text in (*passage.names, *(place.name for place in passage.places))
                     for token in _tokens(text))  # fmt: skip


def _tokens(text: str) -> list[str]:
    """The case-folded words of `text` (`_WORD`); an ASCII text takes the cheaper equal pattern `_ASCII_WORD`."""
    folded = text.casefold()
    return _ASCII_WORD.findall(folded) if folded.isascii() else _WORD.findall(folded)


class _Vocabulary:
    """A language's tokens → stem (None for a stop word), → the stems of its parts when it is a compound (with
    `compounds`, in a language that writes them as one word; see the module docstring), and → character n-grams of
    `size`, each memoised: news repeats its words, so most tokens are stemmed once. A memo is dropped when it grows
    past `_MEMO_LIMIT` (memory stays bounded; results never depend on it)."""

    def __init__(self, language: str, size: int, compounds: bool) -> None:
        self.size = size
        self.language = language
        self.compounds = compounds and language in COMPOUNDING
        self.words_space, self.grams_space = f"w:{language}", f"g:{language}"
        self.stops = _folded_stop_words(language)
        algorithm = _ALGORITHMS.get(language)
        self.stemmer = Stemmer.Stemmer(algorithm) if algorithm else None
        self.stems: dict[str, str | None] = {}
        self.parts: dict[str, tuple[tuple[str, str], ...]] = {}  # of the compounds among `stems`: (stem, readable)
        self.grams: dict[str, tuple[str, ...]] = {}

    def lookup(self, tokens: list[str]) -> list[str | None]:
        """The stem of each (case-folded) token, None for a stop word."""
        memo = self.stems
        missing = list(dict.fromkeys(t for t in tokens if t not in memo))
        if len(memo) + len(missing) > _MEMO_LIMIT:
            memo.clear()
            self.parts.clear()
            missing = list(dict.fromkeys(tokens))
        folded = [fold(t) for t in missing]
        stems = self.stemmer.stemWords(folded) if self.stemmer else folded
        for token, plain, stem in zip(missing, folded, stems, strict=True):
            if token in self.stops or plain in self.stops:
                memo[token] = None
                continue
            memo[token] = stem
            if self.compounds:
                parts = self._parts(token, stem)
                if parts:
                    self.parts[token] = parts
        return [memo[t] for t in tokens]

    def _parts(self, token: str, stem: str) -> tuple[tuple[str, str], ...]:
        """The stems of a compound's parts and their readable forms (see the module docstring): its head of
        `_SHORTEST_HEAD` letters or more, and its modifier if the dictionary knows it; none for a word the dictionary
        knows, a stop word or the word's own stem."""
        language = self.language
        if len(token) < _SHORTEST_COMPOUND or known_word(token, language):
            return ()
        compound = split_compound(token, language, shortest_head=_SHORTEST_HEAD, loose=True)
        if compound is None:
            return ()
        found = [part for part in (compound.head, compound.modifier) if part and part not in self.stops]
        stems = self.stemmer.stemWords([fold(part) for part in found]) if self.stemmer else [fold(p) for p in found]
        return tuple((part_stem, part) for part_stem, part in zip(stems, found, strict=True) if part_stem != stem)

    def grams_of(self, tokens: list[str]) -> list[tuple[str, ...]]:
        """The character n-grams of each (case-folded) token's folded form."""
        memo = self.grams
        if len(memo) + len(tokens) > _MEMO_LIMIT:
            memo.clear()
        out = []
        for token in tokens:
            grams = memo.get(token)
            if grams is None:
                grams = memo[token] = _grams(fold(token), self.size)
            out.append(grams)
        return out


_MEMO_LIMIT = 200_000
_SHORTEST_COMPOUND = 8  # letters of a token tried as a compound
_SHORTEST_HEAD = 4  # letters of a compound's head: shorter words end too many others (Amster·dam, Rotter·dam)


def _grams(folded: str, size: int) -> tuple[str, ...]:
    if size <= 0:
        return ()
    padded = f" {folded} "
    return tuple(padded[i : i + size] for i in range(max(1, len(padded) - size + 1)))


def _entities(
    passage: Passage, title: str, folded_title: str, text: str, settings: ClusterSettings, surfaces: dict[str, str]
) -> dict[str, float]:
    """Names, places, numbers and dates; each counts double when the title carries it. Names and places leave
    their readable form in `surfaces`."""
    terms: dict[str, float] = {}
    get = terms.get
    if passage.names:
        source = _folded(passage.source)
        name_weight = settings.name_weight
        for name in passage.names:
            keys = _name_keys(name)
            if keys is None or keys[0] in source:
                continue
            joined, folded_name, pairs = keys
            weight = name_weight * (2.0 if folded_name in folded_title else 1.0)
            for key, display in pairs:
                terms[key] = max(get(key, 0.0), weight)
                if key not in surfaces:
                    surfaces[key] = display
    for place in passage.places:
        weight = settings.place_weight * (2.0 if place.name.casefold() in folded_title else 1.0)
        key = _place_key(place.canonical)
        terms[key] = max(get(key, 0.0), weight)
        if key not in surfaces:
            surfaces[key] = place.canonical
    for zone, weight in ((title, 2.0 * settings.number_weight), (text, settings.number_weight)):
        if _DIGIT.search(zone):  # no digit, no number, no date: most headlines, and a title-only passage's " "
            for key in _facts(zone):
                terms[key] = max(get(key, 0.0), weight)
    return terms


_CACHE = 1 << 16  # entries of each memo below: names, places, outlets and numbers recur; memory stays bounded


@lru_cache(maxsize=_CACHE)
def _name_keys(name: str) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """A name's folded tokens joined (None without tokens), its case-folded form, and its (key, readable form)
    pairs: by surname, then in full."""
    tokens = _NAME_TOKEN.findall(fold(name))
    if not tokens:
        return None
    joined = " ".join(tokens)
    return joined, name.casefold(), ((f"n:{tokens[-1]}", name.split()[-1]), (f"n:{joined}", name))


@lru_cache(maxsize=_CACHE)
def _place_key(canonical: str) -> str:
    return f"p:{fold(canonical)}"


@lru_cache(maxsize=_CACHE)
def _folded(text: str) -> str:
    return fold(text)


def _facts(text: str) -> list[str]:
    """Numbers and dates, normalised across languages (see the module docstring), in the order they occur (term
    orders decide the order of float sums, which must not depend on hash seeds)."""
    numbers = _NUMBER.findall(text)
    if not numbers:
        return []
    found = [key for key in map(_number_key, numbers) if key is not None]
    folded = fold(text)
    # A date's month is a whole word (neither pattern lets a letter touch it): found among the text's a-z runs. And
    # its day is one or two digits with no digit either side. Most texts with numbers have neither.
    if not _MONTH_NAMES.isdisjoint(_ASCII_WORD.findall(folded)) and _SHORT_NUMBER.search(folded):
        found += [f"d:{_MONTH[month]}-{int(day)}" for day, month in _DAY_MONTH.findall(folded)]
        found += [f"d:{_MONTH[month]}-{int(day)}" for month, day in _MONTH_DAY.findall(folded)]
    return list(dict.fromkeys(found)) if len(found) > 1 else found


@lru_cache(maxsize=_CACHE)
def _number_key(raw: str) -> str | None:
    """The term of a number (see `_number`), None for one that says too little."""
    number = _number(raw)
    return None if number is None else f"#{number}"


def _number(raw: str) -> str | None:
    """1,400 / 1.400 → 1400; 3,2 / 3.2 → 3.2; whole numbers below 10 say too little (None)."""
    parts = re.split(r"[.,]", raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return _whole("".join(parts))
    if len(parts) == 2:
        fraction = parts[1].rstrip("0")
        return f"{_whole(parts[0])}.{fraction}" if fraction else _whole(parts[0])
    if len(parts) == 1:
        value = _whole(raw)
        return value if len(value) > 1 else None  # 10 or more
    return ".".join(_whole(p) for p in parts)


def _whole(digits: str) -> str:
    """A run of digits of any script as str(int(digits)) writes it (٣٤ → 34, 007 → 7), without int's limit of 4300
    digits: a text may hold a run of thousands (an ID, a hash, a broken table)."""
    plain = digits if digits.isascii() else "".join(str(unicodedata.decimal(c)) for c in digits)
    return plain.lstrip("0") or "0"


@cache
def _vocabulary(language: str, size: int, compounds: bool) -> _Vocabulary:
    return _Vocabulary(language, size, compounds)


@cache
def _folded_stop_words(language: str) -> frozenset[str]:
    words = stop_words(language)
    return frozenset(words) | frozenset(fold(w) for w in words)
