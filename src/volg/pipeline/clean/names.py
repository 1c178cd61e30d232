"""Find the people and organisations a text names, without a downloaded model.

A name is a run of capitalised words (with name particles inside: Ursula von der Leyen, Ministry of Defence), an
acronym (NAVO, ANP, EU) or a ministry written Dutch style (ministerie van Defensie). Not names: places already
found or known to the gazetteer (Friesland, Maas, ZWOLLE in a dateline, Maastricht Nederland), words whose capital
only marks the start of a sentence (Tijdens, Daarnaast, Foto, Klimaatfonds), adjectives and demonyms
(Russische, Poolse, Russians, Engelsman), months, days and their abbreviations (Nov), titles (President) and roles
written as a compound (VN-gezant Helena Marklund is Helena Marklund; the VN before it a name of its own). In Dutch a
person's full name ends before "van" or "voor" and an organisation or a place (Bart Zwanenburg van de Havenbond,
Hans Smits voor Zuid-Holland), and no particle continues an acronym or a word with a capital inside
(GroenLinks de Provinciale Staten, LPF van Marieke Bos). An institution and the person after it are two names (Eerste
Kamer, Pieter Lindeboom), a minister's portfolio none (minister van Europese Zaken Nathalie Lefranc is Nathalie
Lefranc); an article opens no party (Het SBS-debat) and ends no name (a heading run into the next sentence:
"Avondwerk De 12 ministers"). In a Title Case line capitals mean nothing, nor in a run of words all in capitals (a
heading, a slogan: "FCK FVD"), so such a run counts only where it is a name found elsewhere in the text.

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
from typing import Literal, NamedTuple

from volg.models import Place, Section
from volg.pipeline.clean.compounds import split as split_compound
from volg.pipeline.clean.gazetteer import ACRONYMS, COMPASS, gazetteer, normalise
from volg.pipeline.clean.places import (
    Token,
    inflected_adjective,
    is_common,
    is_known,
    lemma,
    stop_words,
    titles,
    tokenize,
    word_list,
)

__all__ = ["find_names"]

# Lower-case words that may sit inside a name between capitalised words, in any language and in one only
# (Dutch "of" is "or": Warschau of Minsk is two names).
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "von", "zu", "ter", "ten", "te", "la", "le", "du", "des", "di", "da", "dos", "das",
     "del", "della", "bin", "ibn", "al", "el"}
)  # fmt: skip
_OWN_PARTICLES = {"en": frozenset({"of"}), "nl": frozenset({"voor", "het"}), "de": frozenset({"für"})}
# In Dutch a person's full name, then "van", is a person of an organisation: Bart Zwanenburg van de Havenbond; and
# one that is plainly a person's (`_person`, with a surname the dictionary does not know), then "voor", a person for
# a place or a cause: Hans Smits voor Zuid-Holland (not "Baudets Forum voor Democratie", "New Yorkse Instituut voor
# Beeldende Kunst").
_AFFILIATION = {"nl": "van"}
_FOR = {"nl": "voor"}
# Prepositions of place: "in Borgharen", "uit Itteren". (Not with an article: "in de Volkskrant" is a newspaper.)
_PLACE_PREPOSITIONS = {
    "nl": frozenset({"in", "uit", "nabij", "rond", "vanuit", "richting", "te"}),
    "en": frozenset({"in", "near", "outside", "around"}),
    "de": frozenset({"in", "im", "aus", "nahe"}),
    "fr": frozenset({"à"}),
}
_SURNAME_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "von", "le", "la", "di", "da"})
_AND = frozenset({"en", "and", "und", "et", "y", "e"})
_ARTICLES = frozenset({"de", "het", "een", "the", "an", "der", "die", "das", "le", "la", "les"})
"""Articles, which no name ends in (one letter is left out: Plan A, Groep A)."""
_PORTFOLIO_PREPOSITIONS = frozenset({"van", "voor", "of", "for", "für"})
_MINISTERS = ("minister", "ministers", "staatssecretaris", "staatssecretarissen", "secretary", "ministre", "ministro")
_MIN_COMPOUND_INSTITUTION = 10
"""A compound of this many letters or more is an ordinary word in an institution's name (Rijkswaterstaat); shorter
ones are as often a first name that splits into two words (Mar·leen)."""
_MIN_TITLE_TAIL = 5
"""A title at the end of a compound of this many letters or more makes the compound a title (Kamervoorzitter,
vicepremier); shorter ones end ordinary words and names (Samir: ir)."""
_MAX_TITLE_ABBREVIATION = 4
"""A title this short at the end of a run is an abbreviation before the next name (Capt., Adm., Gov.)."""
_MAX_RUN_WORDS = 30
"""A run of more capitalised words than this is no name (a shouted paragraph, a Title Case run of tags, a
mutated file's "Ab Ab Ab ..."): it is skipped, where its work would grow with the square of its length."""
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
    places: frozenset[str]  # the places found in the text, normalised


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
    excluded = frozenset({normalise(p.name) for p in places} | {normalise(p.canonical) for p in places})
    texts = name_lines(sections)
    joined = "\n".join(texts)
    tokens = _with_initials(joined, tokenize(joined) if tokens is None else tokens, language)
    lower = frozenset(t.text for t in tokens if t.text.islower())
    candidates: list[_Candidate] = []
    for text, offset, own in _by_text(texts, tokens):
        candidates.extend(_candidates(text, offset, own, language, excluded, lower))
    return _merge(_split_pairs(_resolve_titled(candidates)))


def _with_initials(text: str, tokens: Sequence[Token], language: str) -> list[Token]:
    """The tokens with a name's initial read with its full stop, and the surname after it joined to the name
    ("Edward J. Markey"; "Ruben L.", a suspect as Dutch outlets name one), and a capital of an abbreviation no
    start of a name ("U.S.", "U.N.": "Turkey U" is none)."""
    result = list(tokens)
    for k, token in enumerate(tokens):
        if len(token.text) != 1 or not token.capitalised or text[token.end : token.end + 1] != ".":
            continue
        if text[token.end + 1 : token.end + 2].isalpha():
            result[k] = token._replace(capitalised=False)  # U.S.
            continue
        previous = tokens[k - 1] if k else None
        if previous is None or not token.joined or not previous.capitalised or len(previous.text) < 2:
            continue  # a lone letter, or the last of an abbreviation ("U.S. Coast Guard")
        result[k] = token._replace(text=token.text + ".", end=token.end + 1)
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if (following is not None and following.capitalised and text[token.end : following.start] == ". "
                and not is_common(following.text, language) and len(following.text) > 1):
            result[k + 1] = following._replace(joined=True, free=False)
    return result


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
    text: str, offset: int, tokens: list[Token], language: str, excluded: frozenset[str], lower: frozenset[str]
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
            context = _Context(language, lower, placed, heading and i == 0, excluded)  # not _replace: a third of
            # the time
            for piece in _pieces(tokens[i:end], language, _after_title(tokens, i, language)):
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
        if (tokens[end].text == _FOR.get(language) and _person(tokens[i:end], language)
                and not is_known(tokens[end - 1].text.casefold(), language)):
            break  # Hans Smits voor Zuid-Holland (not Baudets Forum voor Democratie)
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


def _person(run: Sequence[Token], language: str) -> bool:
    """Whether a run is a person's full name by its words: capitalised words and a surname's particles only, no
    acronym or letter, the first no ordinary word (a first name), the last no place (Pieter Lindeboom; not Koninklijk
    Instituut, Westland WBW, College Amsterdam, A Girl). A first name that is a word too (Klaas) fails: the test
    errs on the side of leaving a run whole."""
    return (len(run) >= 2 and all(t.text in _SURNAME_PARTICLES or (t.capitalised and len(t.text) > 1) for t in run)
            and not any(_ACRONYM.match(t.text) for t in run)
            and not _ordinary_word(run[0], language) and gazetteer().lookup(run[-1].text) is None)


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


def _pieces(span: Sequence[Token], language: str, after_title: _Title) -> list[list[Token]]:
    """A run cut after each role compound, which names its first part: "VN-gezant Helena Marklund" is VN, then
    Helena Marklund; "Liberale Unie-leider Sanne Bosma" is Liberale Unie, then Sanne Bosma. And cut before a
    person's full name that follows an institution or a minister's portfolio (`_institution_end`); a portfolio is
    no name: "minister van Europese Zaken Nathalie Lefranc" gives only Nathalie Lefranc."""
    pieces: list[list[Token]] = [[]]
    for token in span:
        if _role(token, language):
            head = token.text.rpartition("-")[0]
            pieces[-1].append(token._replace(text=head, end=token.start + len(head)))
            pieces.append([])
        else:
            pieces[-1].append(token)
    cut: list[list[Token]] = []
    for n, piece in enumerate(p for p in pieces if p):
        title = after_title if n == 0 else None
        end = _institution_end(piece, language, title)
        portfolio = title == "minister" or _minister(piece[0], language)
        if end and not portfolio:
            cut.append(piece[:end])
        if end < len(piece):
            cut.append(piece[end:])
    return cut


_Title = Literal["minister", "title"] | None


def _after_title(tokens: Sequence[Token], i: int, language: str) -> _Title:
    """Whether the run at `i` follows a title and a preposition: "minister" after a minister ("minister van
    Financiën", "ministers van Europese Zaken", "Secretary of Defense"; also the second of a pair: "minister van
    Justitie en Veiligheid"), "title" after another title ("woordvoerder van Rijkswaterstaat")."""
    j = i - 1
    while j >= 2 and tokens[j].text in _AND and tokens[j - 1].capitalised and i - j < 6:
        j -= 1  # back over "Justitie en": the pair's first part (one word or more)
        while j >= 1 and tokens[j - 1].capitalised and i - j < 6:
            j -= 1
        j -= 1
    if j < 1 or tokens[j].text not in _PORTFOLIO_PREPOSITIONS:
        return None
    before = tokens[j - 1]
    if _minister(before, language):
        return "minister"
    return "title" if j == i - 1 and _title_word(before.text, language) else None


def _minister(token: Token, language: str) -> bool:
    """A minister or secretary of state, whose portfolio follows: minister, ministers, oud-minister, Secretary."""
    folded = token.text.casefold()
    return folded.endswith(_MINISTERS) or lemma(token.text, language).casefold().endswith(_MINISTERS)


def _title_word(word: str, language: str) -> bool:
    """A title or role, also written as a compound or in the plural: woordvoerder, Kamervoorzitter, directeuren."""
    folded = word.casefold()
    return (folded in titles(language) or lemma(word, language).casefold() in titles(language)
            or any(folded.endswith(title) for title in _title_tuple(language) if len(title) >= _MIN_TITLE_TAIL))


def _institution_end(piece: Sequence[Token], language: str, after_title: _Title) -> int:
    """Where an institution or a portfolio at the start of a run ends and a person's full name begins, or 0:
    "Eerste Kamer | Pieter Lindeboom", "Europese Commissie | Jean-Luc Marchal", "Secretary of State | Mike
    Pembury"; after a title and a preposition one word is enough ("minister van Financiën | Wopke Hiddema",
    "woordvoerder van Rijkswaterstaat | Jan Pieters"), as after a minister inside the run ("Staatssecretaris van
    Financiën | Menno Spelt"). An institution is written in ordinary words (Kamer, Zaken, Europese), two of its own
    at least ("Stichting Anne Frank" is one name), the last a noun ("Koninklijke Nederlandse Akademie" is one name);
    the person's full name starts with the first word that is not ordinary, and is plainly a person's (`_person`;
    not "Islamitisch College | Amsterdam West"). After a minister a run of ordinary words only is the portfolio: its
    whole length, and the name after it need only be two words (Stef Blok)."""
    particles = _particles(language)
    end = words = 0  # words: the institution's own, not a sentence opener, article or title before it
    counted = 0
    minister = after_title == "minister"
    for k, token in enumerate(piece):
        if token.text in particles and k:
            continue
        if not token.capitalised or not _ordinary_word(token, language) or (k and token.text.casefold() in particles):
            break  # the last: a surname's particle (Minister Van der Veen)
        title = _title_word(token.text, language)
        counted += not (token.free or token.text.casefold() in stop_words(language) or title)
        if not (title or _adjective(token.text, language)):
            end, words = k + 1, counted  # an institution ends in a noun: not "Koninklijke Nederlandse | Akademie"
        minister = minister or (_minister(token, language) and k + 1 < len(piece)
                                and piece[k + 1].text in _PORTFOLIO_PREPOSITIONS)  # Staatssecretaris van Financiën
    if minister and end == len(piece):
        return end
    if after_title is not None and not end and not _ordinary_word(piece[0], language):
        end = 1  # a proper name of one word: "directeur van Ajax | Marc Overveld"
    rest = piece[end:]
    while rest and _title_word(rest[0].text, language):
        rest = rest[1:]  # "European Commission | President Jean-Luc Marchal": the title goes in `_clean`
    if not end or not rest or not rest[0].capitalised or rest[0].text.casefold() in stop_words(language):
        return 0
    if minister:
        return end if sum(t.capitalised for t in rest) >= 2 else 0
    return end if (after_title is not None or words >= 2) and _person(rest, language) else 0


def _adjective(word: str, language: str) -> bool:
    """An adjective of nationality, or in Dutch or German an inflected one: Europese, Koninklijke, Nationale."""
    return _nationality(word, language) or inflected_adjective(word, language)


def _ordinary_word(token: Token, language: str) -> bool:
    """A capitalised word that is an ordinary word, an adjective of nationality or a compound: Kamer, Europese,
    Rijkswaterstaat; not a first name (Paul, Frans)."""
    word = token.text
    return (is_common(word, language) or _nationality(word, language)
            or (len(word) >= _MIN_COMPOUND_INSTITUTION and _compound(word, language)))


def _role(token: Token, language: str) -> bool:
    """A compound of a name and a lower-case word or a title: VN-gezant, EU-landen, SP-Kamerlid, Unie-leider; not a
    given name of two syllables (Jong-un, Ki-moon: a head of two letters is an acronym's or none)."""
    head, _, tail = token.text.rpartition("-")
    return ((len(head) > 2 or head.isupper()) and len(tail) > 2
            and (tail.islower() or tail.casefold() in titles(language)))


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
    if _listed_demonym(folded, language):
        return True
    return (
        language == "nl"
        and folded.endswith(("se", "sche"))
        and is_known(folded, language)
        and lemma(folded, language).casefold() != folded
    )


def _listed_demonym(folded: str, language: str) -> bool:
    """A demonym of the list, or in English its plural: the people of a country are no name (Mexicans, Britons)."""
    demonyms = word_list("demonyms", language)
    return folded in demonyms or (language == "en" and folded.endswith("s") and folded[:-1] in demonyms)


def _demonym(word: str, language: str) -> bool:
    """A demonym from the list, or by its ending an adjective of nationality: Russische, Oekraïens, British."""
    if _listed_demonym(word.casefold(), language):
        return True
    endings = _DEMONYM_ENDINGS.get(language)
    return endings is not None and word.casefold().endswith(endings) and is_known(word, language)


@lru_cache(maxsize=8192)
def _compound(word: str, language: str) -> bool:
    """Whether a word is a compound of two ordinary words (Klimaat·fonds, Waarschuwings·staking, Data·lek)."""
    return split_compound(word, language) is not None


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
        or (_title_word(words[0].text, language) and _full_name(words[1:], language))
    ):  # a compound opening a sentence before a full name (Beveiligingsonderzoeker Maarten Oldenburger), a title
        # written as a compound (Kamervoorzitter Khadija Arbous)
        first = words[0].text
        if first[0].isupper() and first.casefold() in particles:  # Van der Veen, De la Rúa; not "Het SBS-debat"
            if (not words[0].free or words[1].text in particles) and not _organisation_form(words[1].text):
                break
        stripped.append(words.pop(0))
    words = _without_run_on(words, context)
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


def _without_run_on(words: list[Token], context: _Context) -> list[Token]:
    """The run without the words of the next sentence or of a dateline that ran into it where a full stop or a
    line break was lost: an article inside the run and all after it ("Mexico The BBC"), a stop word at its end (a
    heading run into the next sentence: "Avondwerk De 12 ministers"; "Reuters It", "London Thursday"), an
    abbreviated title at its end, which goes with the next name ("Joe Griffin Capt. Smith"; not "United Nations
    Special Envoy"), a month or an abbreviated date at its end after a place, an acronym or another date ("Texas
    April", "AP Apr", "Sun May"; not "Theresa May"), and a dateline's place in capitals ("Science Editor
    WASHINGTON"). Compass words and continents stay: "Amsterdam Zuid", "Bank of America"."""
    language = context.language
    inner = _ARTICLES - _particles(language)  # "Bart De Wever": a particle, no article
    cut = next((k for k, w in enumerate(words) if k and w.text[0].isupper() and w.text.casefold() in inner), None)
    words = words[:cut]
    if len(words) > 1 and words[-1].text.casefold() in _ARTICLES:
        while len(words) > 1 and words[-1].text.casefold() in _ARTICLES:
            words.pop()  # what the article stood before is gone: the rest is the heading's ("Avondwerk Vandaag")
        return words
    while len(words) > 1:
        last = words[-1].text
        folded = last.casefold()
        if not (last.isupper() and len(last) > 2 and gazetteer().lookup(last) is not None):  # "Clinton WASHINGTON"
            dated = folded in word_list("months", language) or folded in word_list("dates", language)
            abbreviated_title = len(folded) <= _MAX_TITLE_ABBREVIATION and folded in titles(language)
            if not (dated or folded in stop_words(language) or abbreviated_title) or (
                    normalise(last) in COMPASS or gazetteer().lookup(last) is not None):
                break
            before = words[-2].text
            rest = normalise(" ".join(w.text for w in words[:-1]))
            if dated and not (rest in context.places or _ACRONYM.match(before)
                              or before.casefold() in word_list("dates", language)):
                break
        words.pop()
    return words


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
