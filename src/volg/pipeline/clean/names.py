"""Find the people and organisations a text names, without a downloaded model.

A name is a run of capitalised words (with name particles inside: Ursula von der Leyen, Ministry of Defence), an
acronym (NAVO, ANP, EU) or a ministry written Dutch style (ministerie van Defensie). Not names: places already
found, words whose capital only marks the start of a sentence or a Title Case line (Tijdens, Daarnaast, Foto),
adjectives and demonyms (Russische, Poolse, Russians), months, days and titles (President).

One person is one entry however often they are named: "Vladimir Poetin" and a later (or earlier) "Poetin" are the
same person. The result lists each person or organisation once, by first mention, under its fullest form, directly
followed by the shorter forms the text also uses alone — ("Vladimir Poetin", "Poetin", ...) — so that an exact
match on either spelling finds the article. A capitalised ordinary word (Bush, Kok) counts only as such a short
form of a full name in the same text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import simplemma

from volg.models import Place, Section
from volg.pipeline.clean.gazetteer import ACRONYMS, normalise
from volg.pipeline.clean.places import Token, is_common, lemma, stop_words, titles, tokenize

__all__ = ["find_names"]

# Lower-case words that may sit inside a name between capitalised words.
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "von", "ter", "ten", "te", "la", "le", "du", "di", "da", "dos", "das", "del",
     "della", "bin", "ibn", "al", "el", "of", "für", "voor", "het"}
)  # fmt: skip
# Ministries are written in lower case in Dutch: "ministerie van Defensie" is a name all the same.
_MINISTRY = re.compile(
    r"\b(?:ministerie|ministère|ministerio|ministero)\s+(?:van|de|des|du|del|della|dell['’])\s*(?:l['’]|la\s+)?"
    r"[A-ZÀ-Þ][^\W\d_]+(?:\s+(?:(?:en|et|y|e)\s+)?[A-ZÀ-Þ][^\W\d_]+)*"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}\Z")
_ROMAN = re.compile(r"[IVXLC]+\Z")
# Adjectives and demonyms that simplemma knows but does not inflect away: Oekraïens, Brits; Russian, British.
_DEMONYM_ENDINGS = {
    "nl": ("se", "sch", "sche", "ees", "ts", "ns", "ols"),
    "en": ("an", "ian", "ese", "ish", "ch", "i"),
}


class _Candidate(NamedTuple):
    words: tuple[str, ...]
    weak: bool  # a capitalised ordinary word: a name only as the short form of a full one

    @property
    def text(self) -> str:
        return " ".join(self.words)


def find_names(sections: Sequence[Section], language: str, places: Sequence[Place]) -> tuple[str, ...]:
    """People and organisations in the sections, in order of first mention (see the module docstring)."""
    excluded = {normalise(p.name) for p in places} | {normalise(p.canonical) for p in places}
    candidates: list[_Candidate] = []
    for section in sections:
        for text in (section.heading or "", *section.paragraphs):
            candidates.extend(_candidates(text, language, excluded))
    return _merge(_split_pairs(candidates))


def _candidates(text: str, language: str, excluded: set[str]) -> list[_Candidate]:
    """The names in one paragraph or heading, in order; none that is (or ends in) a place in `excluded`."""
    ministries = [(m.start(), m.end(), m.group()) for m in _MINISTRY.finditer(text)]
    found: list[tuple[int, _Candidate]] = [
        (start, _Candidate(tuple(name.split()), False)) for start, _, name in ministries
    ]
    tokens = [t for t in tokenize(text) if not any(s <= t.start < e for s, e, _ in ministries)]
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised or tokens[i].titled:
            i += 1
            continue
        end = _span_end(tokens, i, language)
        candidate = _clean(tokens[i:end], language)
        raw = normalise(" ".join(t.text for t in tokens[i:end]))
        if candidate is not None and raw not in excluded and normalise(candidate.text) not in excluded:
            found.append((tokens[i].start, candidate))
        i = end
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]


def _span_end(tokens: Sequence[Token], i: int, language: str) -> int:
    """One past the last token of the capitalised run starting at `i`, particles included."""
    end = i + 1
    while end < len(tokens) and tokens[end].joined:
        if tokens[end].capitalised:
            end += 1
            continue
        k = end
        while k < len(tokens) and tokens[k].joined and tokens[k].text in _PARTICLES:
            k += 1
        after = tokens[k] if k < len(tokens) and k > end else None
        if after is None or not after.joined or not after.capitalised or _leading(after, language):
            break
        end = k + 1
    return end


def _leading(token: Token, language: str) -> bool:
    """A capitalised word before a name that is not part of it: a title, a demonym, a sentence opener."""
    word = token.text
    folded = word.casefold()
    if folded in stop_words(language) or folded in titles(language):
        return True
    if _ACRONYM.match(word):
        return False
    if token.free and (is_common(word, language) or (language == "de" and simplemma.is_known(word, language))):
        return True  # an ordinary word opening a sentence (in German: any known noun)
    if language == "de" and lemma(word, language).casefold() != folded:
        return True  # an inflected German noun: "Angaben der Regierung", "Vertretern der NATO"
    return _demonym(word, language)


def _demonym(word: str, language: str) -> bool:
    endings = _DEMONYM_ENDINGS.get(language)
    return endings is not None and word.casefold().endswith(endings) and simplemma.is_known(word, language)


def _clean(span: Sequence[Token], language: str) -> _Candidate | None:
    """The name in a capitalised run, without the titles and sentence openers in front of it."""
    words = list(span)
    while len(words) > 1 and (words[0].text in _PARTICLES or _leading(words[0], language)):
        first = words[0].text
        if first[0].isupper() and first.casefold() in _PARTICLES:  # Van der Veen, De la Rúa
            if not words[0].free or words[1].text in _PARTICLES:
                break
        words.pop(0)
    if len(words) > 1:
        texts = tuple(w.text for w in words)
        if all(is_common(t, language) for t in texts) and any(_verb_form(t, language) for t in texts):
            return None  # "Volgen Wil", "Lees Meer": a widget or a button, not a name
        return _Candidate(texts, False)
    token = words[0]
    word, folded = token.text, token.text.casefold()
    if folded in stop_words(language) or folded in titles(language) or folded in _PARTICLES:
        return None
    if _ACRONYM.match(word):
        return None if _ROMAN.match(word) or word in ACRONYMS else _Candidate((word,), False)
    if _demonym(word, language):
        return None  # Oekraïens, Amerikaanse, British
    base = lemma(word, language)
    weak = (
        base[:1].islower()  # an ordinary word: Brouwer, Defensie
        or base.casefold() != folded  # inflected: Russen, Oekraïners, Russians
        or (token.free and is_common(word, language))
        or (language == "de" and simplemma.is_known(word, language))
    )
    return _Candidate((word,), weak)


def _verb_form(word: str, language: str) -> bool:
    """A conjugated verb: its lemma is longer than the word (wil → willen, lees → lezen)."""
    base = lemma(word, language)
    return len(base) > len(word) and base.startswith(word.casefold()[:2])


def _split_pairs(candidates: list[_Candidate]) -> list[_Candidate]:
    """Split runs of names that are each used alone as well: "Poetin Zelensky" is two people."""
    alone = {c.words[0] for c in candidates if len(c.words) == 1 and not c.weak}
    result: list[_Candidate] = []
    for candidate in candidates:
        if len(candidate.words) > 1 and all(w in alone for w in candidate.words):
            result.extend(_Candidate((w,), False) for w in candidate.words)
        else:
            result.append(candidate)
    return result


def _merge(candidates: list[_Candidate]) -> tuple[str, ...]:
    """Group short forms under the full form that ends with them; order groups by first mention."""
    fullest: dict[str, tuple[str, ...]] = {}  # any form's text → the longest form ending in it
    endings: dict[tuple[str, ...], tuple[str, ...]] = {}  # a proper ending of a full form → the first such form
    for candidate in sorted(candidates, key=lambda c: -len(c.words)):
        if candidate.text in fullest:
            continue
        owner = endings.get(candidate.words, candidate.words)
        fullest[candidate.text] = owner
        if owner == candidate.words:
            for start in range(1, len(owner)):
                endings.setdefault(owner[start:], owner)
    groups: dict[tuple[str, ...], list[str]] = {}
    for candidate in candidates:
        owner = fullest[candidate.text]
        if candidate.weak and owner == candidate.words:
            continue
        forms = groups.setdefault(owner, [" ".join(owner)])
        if candidate.text not in forms:
            forms.append(candidate.text)
    return tuple(form for forms in groups.values() for form in forms)
