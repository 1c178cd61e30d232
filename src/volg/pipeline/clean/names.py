"""Find the people and organisations a text names, without a downloaded model.

A name is a run of capitalised words (with name particles inside: Ursula von der Leyen, Ministry of Defence), an
acronym (NAVO, ANP, EU) or a ministry written Dutch style (ministerie van Defensie). Not names: places already
found or known to the gazetteer (Friesland, Maas, ZWOLLE in a dateline, Maastricht Nederland), words whose capital
only marks the start of a sentence (Tijdens, Daarnaast, Foto, Klimaatfonds), adjectives and demonyms
(Russische, Poolse, Russians, Engelsman), months, days and their abbreviations (Nov), titles (President) and roles
written as a compound (VN-gezant Helena Marklund is Helena Marklund; the VN before it a name of its own). In Dutch a
person's full name ends before "van" and an organisation (Bart Zwanenburg van de Havenbond), and no particle continues
an acronym or a word with a capital inside (GroenLinks de Provinciale Staten, LPF van Marieke Bos). In a Title Case
line capitals mean nothing, nor in a run of words all in capitals (a heading, a slogan: "FCK FVD"), so such a run
counts only where it is a name found elsewhere in the text.

One person is one entry however often they are named: "Vladimir Poetin" and a later (or earlier) "Poetin" are the
same person. The result lists each person or organisation once, by first mention, under its fullest form, directly
followed by the shorter forms the text also uses alone — ("Vladimir Poetin", "Poetin", ...) — so that an exact
match on either spelling finds the article. A capitalised word that is also an ordinary word (Bush, Kok), a place
(Graham, Lena) or an abbreviated month (Jan) counts only as such a short form of a full name in the same text, and
so does a lone word right after a preposition of place (in Borgharen, uit Itteren): a village the gazetteer is too
small to know.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from volg.models import Place, Section
from volg.pipeline.clean.gazetteer import ACRONYMS, COMPASS, gazetteer, normalise
from volg.pipeline.clean.places import Token, is_common, is_known, lemma, stop_words, titles, tokenize, word_list

__all__ = ["find_names"]

# Lower-case words that may sit inside a name between capitalised words, in any language and in one only
# (Dutch "of" is "or": Warschau of Minsk is two names).
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "von", "zu", "ter", "ten", "te", "la", "le", "du", "des", "di", "da", "dos", "das",
     "del", "della", "bin", "ibn", "al", "el"}
)  # fmt: skip
_OWN_PARTICLES = {"en": frozenset({"of"}), "nl": frozenset({"voor", "het"}), "de": frozenset({"für"})}
# In Dutch a person's full name, then "van", is a person of an organisation: Bart Zwanenburg van de Havenbond.
_AFFILIATION = {"nl": "van"}
# Prepositions of place: "in Borgharen", "uit Itteren". (Not with an article: "in de Volkskrant" is a newspaper.)
_PLACE_PREPOSITIONS = {
    "nl": frozenset({"in", "uit", "nabij", "rond", "vanuit", "richting", "te"}),
    "en": frozenset({"in", "near", "outside", "around"}),
    "de": frozenset({"in", "im", "aus", "nahe"}),
    "fr": frozenset({"à"}),
}
_AND = frozenset({"en", "and", "und", "et", "y", "e"})
_MAX_RUN_WORDS = 30
"""A run of more capitalised words than this is no name (a shouted paragraph, a Title Case run of tags, a
mutated file's "Ab Ab Ab ..."): it is skipped, where its work would grow with the square of its length."""
_COMPOUNDING = frozenset({"nl", "de"})  # languages that write a compound noun as one word (Klimaatfonds)
_MAX_COMPOUND_CHARS = 64
"""A longer word is not tried as a compound: every cut of it costs a look-up of its parts (a 200,000-letter "word"
took minutes), and the longest German ones in use have some 60 letters."""
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


class _Context(NamedTuple):
    """What `_clean` knows of a run beyond its words."""

    language: str
    lower: frozenset[str]  # the words the text writes in lower case
    placed: bool  # right after a preposition of place
    heading: bool  # the first word of a heading (a line without a final full stop)


class _Candidate(NamedTuple):
    words: tuple[str, ...]
    weak: bool  # a capitalised ordinary word: a name only as the short form of a full one
    titled: bool = False  # from a Title Case line: a name only where it matches one found elsewhere

    @property
    def text(self) -> str:
        return " ".join(self.words)


def name_lines(sections: Sequence[Section]) -> list[str]:
    """The headings and paragraphs names are looked for in, in order; joined by newlines, the text whose tokens
    `find_names` may be given."""
    return [text for section in sections for text in (section.heading or "", *section.paragraphs) if text]


def find_names(sections: Sequence[Section], language: str, places: Sequence[Place],
               tokens: Sequence[Token] | None = None) -> tuple[str, ...]:
    """People and organisations in the sections, in order of first mention (see the module docstring). `tokens`:
    those of the sections' `name_lines` joined by newlines, when the caller has them (places are found in that
    text too), so that the text is tokenised once."""
    excluded = {normalise(p.name) for p in places} | {normalise(p.canonical) for p in places}
    texts = name_lines(sections)
    tokens = tokenize("\n".join(texts)) if tokens is None else tokens
    lower = frozenset(t.text for t in tokens if t.text.islower())
    candidates: list[_Candidate] = []
    for text, offset, own in _by_text(texts, tokens):
        candidates.extend(_candidates(text, offset, own, language, excluded, lower))
    return _merge(_split_pairs(_resolve_titled(candidates)))


def _by_text(texts: Sequence[str], tokens: Sequence[Token]) -> list[tuple[str, int, list[Token]]]:
    """Each text with its offset in the texts joined by newlines, and its tokens (tokens never span a newline)."""
    found: list[tuple[str, int, list[Token]]] = []
    k = offset = 0
    for text in texts:
        end, first = offset + len(text), k
        k = bisect_left(tokens, end, lo=k, key=_start)
        found.append((text, offset, list(tokens[first:k])))
        offset = end + 1
    return found


def _start(token: Token) -> int:
    return token.start


def _candidates(
    text: str, offset: int, tokens: list[Token], language: str, excluded: set[str], lower: frozenset[str]
) -> list[_Candidate]:
    """The names in one paragraph or heading (at `offset` of the tokens' text), in order; none that is (or ends in)
    a place in `excluded`."""
    found_ministries = _MINISTRY.finditer(text) if "minist" in text else ()  # the needle: a tenth of the search
    ministries = [(m.start() + offset, m.end() + offset, m.group()) for m in found_ministries]
    found: list[tuple[int, _Candidate]] = [
        (start, _Candidate(tuple(name.split()), False)) for start, _, name in ministries
    ]
    if ministries:
        tokens = [t for t in tokens if not any(s <= t.start < e for s, e, _ in ministries)]
    heading = not text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’", ")"))
    i = placed_end = 0  # placed_end: one past the last run that followed a preposition of place
    while i < len(tokens):
        if not tokens[i].capitalised:
            i += 1
            continue
        end = _span_end(tokens, i, language)
        if end - i > _MAX_RUN_WORDS:
            i = end
            continue
        if tokens[i].titled or _shouted(tokens[i:end]):
            found.append((tokens[i].start, _Candidate(tuple(t.text for t in tokens[i:end]), False, True)))
        else:
            # "in Borgharen en Itteren": the preposition covers both
            listed = i > 1 and placed_end == i - 1 and tokens[i - 1].text in _AND and tokens[i].joined
            placed = listed or _after_place_preposition(tokens, i, language)
            placed_end = end if placed else placed_end
            context = _Context(language, lower, placed, heading and i == 0)  # not _replace: a third of the time
            for piece in _pieces(tokens[i:end], language):
                candidate = _clean(piece, context)
                if (candidate is not None and normalise(" ".join(t.text for t in piece)) not in excluded
                        and normalise(candidate.text) not in excluded):
                    found.append((piece[0].start, candidate))
        i = end
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]


def _shouted(run: Sequence[Token]) -> bool:
    """A run of two words or more all in capitals: a heading, a rubric, a slogan on a banner ("BRIEF VAN DE DAG",
    "FCK FVD"). Its capitals say no more than a Title Case line's: only the names found elsewhere in the text count."""
    return len(run) > 1 and all(token.text.isupper() for token in run)


@lru_cache(maxsize=16)
def _particles(language: str) -> frozenset[str]:
    own = _OWN_PARTICLES.get(language)
    return _PARTICLES | (own if own is not None else frozenset().union(*_OWN_PARTICLES.values()))


def _span_end(tokens: Sequence[Token], i: int, language: str) -> int:
    """One past the last token of the capitalised run starting at `i`, particles included."""
    particles = _particles(language)
    end = i + 1
    while end < len(tokens) and tokens[end].joined:
        if tokens[end].capitalised:
            end += 1
            continue
        if tokens[end].text == _AFFILIATION.get(language) and _full_name(tokens[i:end], language):
            break  # Bart Zwanenburg van de Havenbond, Jeroen Hagedoorn van Infrastructuur
        if _organisation_form(tokens[end - 1].text):
            break  # "won GroenLinks de Provinciale Staten": a party, then what it won, not one name
        k = end
        while k < len(tokens) and tokens[k].joined and tokens[k].text in particles:
            k += 1
        after = tokens[k] if k < len(tokens) and k > end else None
        if after is None or not after.joined or not after.capitalised:
            break
        if _leading(after, tokens[k + 1] if k + 1 < len(tokens) else None, language):
            break
        end = k + 1
    return end


def _organisation_form(word: str) -> bool:
    """An acronym or a word with a capital after a lower-case letter (VVD, D66, GroenLinks, ChristenUnie, PvdA; not
    Jan-Willem): an organisation's name, which no particle continues. A person's name goes on over "de" or "van"
    (Hugo de Jonge); after an organisation the particle opens the next phrase ("In Amsterdam won GroenLinks de
    Provinciale Statenverkiezingen", "Neil McMahon of Bernstein Research")."""
    return bool(_ACRONYM.match(word)) or any(a.islower() and b.isupper()
                                             for a, b in zip(word, word[1:], strict=False))


def _full_name(run: Sequence[Token], language: str) -> bool:
    """Whether a run ends in a person's full name: two capitalised words or more after any title or role, not both
    the first and the last an ordinary word (Hugo de Jonge: yes; Verkeersminister Cora: no; Centrale Raad: no)."""
    names: list[Token] = []
    for token in reversed(run):
        if not token.capitalised:
            continue  # a particle: de, van der
        folded = token.text.casefold()
        if _role(token, language) or folded.endswith(_title_tuple(language)) or folded in stop_words(language):
            break
        names.append(token)
    return len(names) >= 2 and not (is_common(names[-1].text, language) and is_common(names[0].text, language))


@lru_cache(maxsize=16)
def _title_tuple(language: str) -> tuple[str, ...]:
    return tuple(titles(language))


def _pieces(span: Sequence[Token], language: str) -> list[list[Token]]:
    """A run cut after each role compound, which names its first part: "VN-gezant Helena Marklund" is VN, then
    Helena Marklund; "Liberale Unie-leider Sanne Bosma" is Liberale Unie, then Sanne Bosma."""
    pieces: list[list[Token]] = [[]]
    for token in span:
        if _role(token, language):
            head = token.text.rpartition("-")[0]
            pieces[-1].append(token._replace(text=head, end=token.start + len(head)))
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [piece for piece in pieces if piece]


def _role(token: Token, language: str) -> bool:
    """A compound of a name and a lower-case word or a title: VN-gezant, EU-landen, SP-Kamerlid (not Jong-un)."""
    head, _, tail = token.text.rpartition("-")
    return bool(head) and len(tail) > 2 and (tail.islower() or tail.casefold() in titles(language))


def _after_place_preposition(tokens: Sequence[Token], i: int, language: str) -> bool:
    """Whether token `i` follows a preposition of place: "in Borgharen"."""
    prepositions = _PLACE_PREPOSITIONS.get(language)
    return prepositions is not None and i > 0 and tokens[i].joined and tokens[i - 1].text in prepositions


def _leading(token: Token, following: Token | None, language: str) -> bool:
    """A capitalised word before a name that is not part of it: a title, a demonym, a sentence opener."""
    word = token.text
    folded = word.casefold()
    if folded in stop_words(language) or folded in titles(language) or _nationality(word, language):
        return True
    if _ACRONYM.match(word):
        return False
    if token.free and is_common(word, language):
        return True  # an ordinary word opening a sentence: Tijdens, Daarnaast
    if token.free and language == "de" and is_known(word, language):
        return True  # in German: any known noun
    if language == "de" and lemma(word, language).casefold() != folded:
        return True  # an inflected German noun: "Angaben der Regierung", "Vertretern der NATO"
    # By its ending an adjective only before a title (Russian President): first names end so too (Brian, Hans).
    return following is not None and following.text.casefold() in titles(language) and _demonym(word, language)


def _nationality(word: str, language: str) -> bool:
    """A demonym or adjective of nationality before a name: Engelsman, Dutch; in Dutch any inflected adjective in
    -se (Belgische, Amerikaanse), which no first name is."""
    folded = word.casefold()
    if folded in word_list("demonyms", language):
        return True
    return (
        language == "nl"
        and folded.endswith(("se", "sche"))
        and is_known(folded, language)
        and lemma(folded, language).casefold() != folded
    )


def _demonym(word: str, language: str) -> bool:
    """A demonym from the list, or by its ending an adjective of nationality: Russische, Oekraïens, British."""
    if word.casefold() in word_list("demonyms", language):
        return True
    endings = _DEMONYM_ENDINGS.get(language)
    return endings is not None and word.casefold().endswith(endings) and is_known(word, language)


@lru_cache(maxsize=8192)
def _compound(word: str, language: str) -> bool:
    """Whether a word is a compound of two ordinary words (Klimaat·fonds, Waarschuwings·staking, Data·lek)."""
    folded = word.casefold()
    if language not in _COMPOUNDING or not 7 <= len(folded) <= _MAX_COMPOUND_CHARS or not folded.isalpha():
        return False

    def known(part: str) -> bool:
        return is_known(part, language) or (language == "de" and is_known(part.title(), "de"))

    for cut in range(3, len(folded) - 2):
        head, tail = folded[:cut], folded[cut:]
        if known(tail) and (known(head) or (head.endswith("s") and known(head[:-1]))):
            return True
    return False


def _address(words: Sequence[str]) -> bool:
    """Places followed by their country: Maastricht Nederland (but Bayern München is a club)."""
    entries = [gazetteer().lookup(word) for word in words]
    last = entries[-1]
    return last is not None and last.kind == "country" and all(e is not None for e in entries[:-1])


def _clean(span: Sequence[Token], context: _Context) -> _Candidate | None:
    """The name in a capitalised run, without the titles and sentence openers in front of it."""
    language = context.language
    particles = _particles(language)
    words = list(span)
    stripped: list[Token] = []
    while len(words) > 1 and (
        words[0].text in particles
        or _leading(words[0], words[1], language)
        or (words[0].free and sum(w.capitalised for w in words[1:]) > 1 and _compound(words[0].text, language))
    ):  # the last: a compound opening a sentence before a full name (Beveiligingsonderzoeker Maarten Oldenburger)
        first = words[0].text
        if first[0].isupper() and first.casefold() in particles:  # Van der Veen, De la Rúa
            if not words[0].free or words[1].text in particles:
                break
        stripped.append(words.pop(0))
    titled = [k for k, w in enumerate(words[:-1]) if w.text.casefold() in titles(language)]
    if titled:  # Polish Foreign Minister Tomasz Wierzbicki
        words = words[titled[-1] + 1 :]
    elif (
        len(words) == 1
        and stripped
        and _nationality(stripped[-1].text, language)
        and is_common(words[0].text, language)
    ):
        words.insert(0, stripped[-1])  # an organisation: Europese Commissie, Deutsche Bank
    if len(words) > 1:
        texts = tuple(w.text for w in words)
        if all(is_common(t, language) for t in texts) and any(_verb_form(t, language) for t in texts):
            return None  # "Volgen Wil", "Lees Meer": a widget or a button, not a name
        if gazetteer().lookup(" ".join(texts)) is not None or _address(texts):
            return None  # Den Helder (not taken as a place here), Maastricht Nederland
        return _Candidate(texts, False)
    return _single(words[0], context)


def _single(token: Token, context: _Context) -> _Candidate | None:
    """A one-word name, weak where it is also an ordinary word, a place or a date (see the module docstring)."""
    language = context.language
    word, folded = token.text, token.text.casefold()
    if len(word) == 1 or folded in stop_words(language) or folded in titles(language) or folded in _particles(language):
        return None
    if _ACRONYM.match(word):
        if _ROMAN.match(word) or word in ACRONYMS or (len(word) > 4 and gazetteer().lookup(word) is not None):
            return None  # XIV, VS, ZWOLLE in a dateline
        return _Candidate((word,), False)
    if _demonym(word, language) or _compass_part(word, language):
        return None  # Oekraïens, Amerikaanse, British, Engelsman; Zuid-Europa, Noord-Duitsland
    base = lemma(word, language)
    weak = (
        context.placed
        or base[:1].islower()  # an ordinary word: Brouwer, Defensie
        or base.casefold() != folded  # inflected: Russen, Oekraïners, Russians
        or folded in word_list("dates", language)  # Nov, Jan
        or gazetteer().lookup(word) is not None  # Graham, Anna, Limburg
        or (token.free and (is_common(word, language) or _ordinary(word, context)))
        or (language == "de" and is_known(word, language))
    )
    return _Candidate((word,), weak)


def _ordinary(word: str, context: _Context) -> bool:
    """An ordinary word capitalised at the start of a sentence: the text has it in lower case too (Klimaatfonds),
    or it opens a heading as a compound of two words (Waarschuwingsstaking in Hamburg)."""
    return word.casefold() in context.lower or (context.heading and _compound(word, context.language))


def _compass_part(word: str, language: str) -> bool:
    """A compass word hyphenated to a place or a continent: Zuid-Europa, Noord-Duitsland, Rotterdam-Zuid."""
    if "-" not in word:
        return False
    parts = normalise(word).split()
    if len(parts) < 2 or not (parts[0] in COMPASS or parts[-1] in COMPASS):
        return False
    rest = " ".join(parts[1:] if parts[0] in COMPASS else parts[:-1])
    return rest in stop_words(language) or gazetteer().lookup(rest) is not None


def _verb_form(word: str, language: str) -> bool:
    """A conjugated verb: its lemma is longer than the word (wil → willen, lees → lezen)."""
    base = lemma(word, language)
    return len(base) > len(word) and base.startswith(word.casefold()[:2])


def _resolve_titled(candidates: list[_Candidate]) -> list[_Candidate]:
    """Each run of a Title Case line replaced by the names found elsewhere that it contains, longest first."""
    known = {c.words for c in candidates if not c.titled and not c.weak}
    result: list[_Candidate] = []
    for candidate in candidates:
        if not candidate.titled:
            result.append(candidate)
            continue
        words, i = candidate.words, 0
        while i < len(words):
            end = next((j for j in range(len(words), i, -1) if words[i:j] in known), i)
            if end > i:
                result.append(_Candidate(words[i:end], False))
            i = max(end, i + 1)
    return result


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
