"""What a passage or a sentence states, as comparable facts: numbers, names, places and words.

A fact has a `key` that compares across outlets and languages — numbers by value (1.800 = 1,800; €310m = 310
miljoen), names by their folded form and surname (Poetin = Vladimir Poetin), places by the gazetteer's canonical name
(Luik = Liège) — and a readable `label` taken from the text ("1.800 bewoners", "68-jarige man", "Chaudfontaine").
Words are language-bound: word stems only compare with text in the same language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import Stemmer

from volg.folding import fold
from volg.models import Place
from volg.pipeline.clean.boilerplate import is_interface_text
from volg.pipeline.clean.places import inflected_adjective, is_common, is_known, stop_words, titles
from volg.pipeline.develop.verbs import FINITE, is_infinitive

NUMBER_WEIGHT = 1.0
FULL_NAME_WEIGHT = 1.0  # a name of two or more words: usually a person or an organisation, an actor
SHORT_NAME_WEIGHT = 0.5  # a one-word name: often a district, river or acronym, weaker evidence
CITY_WEIGHT = 1.0
COUNTRY_WEIGHT = 0.5  # countries are mentioned in passing; a new country says less than a new town
WORD_WEIGHT = 0.5
ASIDE_WEIGHT = 0.5  # a number in brackets, "Ramon Kuipers (52)": an aside about an actor, not news

_STEMMERS = {"nl": "dutch", "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
             "pt": "portuguese", "da": "danish", "sv": "swedish", "no": "norwegian", "fi": "finnish"}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{3,}")
_FRACTIONS = {"½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 1 / 8}
_FRACTION_SIGNS = "".join(_FRACTIONS)
_WRITTEN_FRACTION = re.compile(rf"(?<=\d)(?:[{_FRACTION_SIGNS}]|\s\d/\d)")
_NUMBER = re.compile(
    r"(?<![\w.,])(?<!\d[-–])(?P<currency>[€$£]\s?)?(?P<digits>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)"
    rf"(?P<fraction>[{_FRACTION_SIGNS}]|\s(?:1/[2348]|2/3|3/[48]|[57]/8)(?![\w/]))?(?![.,]?\d)"
    r"(?P<suffix>\s?%|-?[^\W\d_]+(?:-[^\W\d_]+)*)?"
)
"""A number, with a fraction written after it ("3½ jaar", "3 1/2 years": 3.5), and a % or word glued to it; not the
second of a score, a tally or a range ("3-1", "a 35-12 vote", "3-4 people"): it counts nothing by itself."""
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_][\w'-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\.?\s+$")
_WORD_BEFORE = re.compile(r"([^\W\d_](?:[^\W\d_]|['’])*)\s+$")  # with an apostrophe: zo'n
_CLOCK = re.compile(
    r"\s*(?:a\.?m\b|p\.?m\b|o['’]clock\b|uur\b|u\b|h\b|heures?\b|uhr\b|gmt\b|utc\b|cet\b|cest\b)", re.IGNORECASE
)
_CLOCK_MINUTES = re.compile(r"\d:\Z")
_MONTHS = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march may june july august october "
    "januar februar märz mai juli oktober dezember janvier février mars avril juin juillet août septembre octobre "
    "novembre décembre jan feb mrt mar apr jun jul aug sep sept okt oct nov dec".split()
)
_NUMBER_WORDS = dict(
    zip(
        "elf twaalf dertien veertien vijftien zestien zeventien achttien negentien twintig dertig veertig vijftig "
        "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty".split(),
        (*range(11, 21), 30, 40, 50) * 2,
        strict=True,
    )
)
"""Counts written as words that are rarely anything else ("dodental stijgt naar elf"); one to ten are left out:
"twee dorpen", "two days" would make every small count look known."""
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_ROUND_COUNT = re.compile(
    r"\b(?P<times>twee|drie|vier|vijf|zes|zeven|acht|negen|tien|honderd)?(?P<base>honderd|duizend)(?P<plural>en)?\b"
    r"|\b(?:(?P<times_en>tens|hundreds) of |(?P<one_en>a|one|two|three|four|five|six|seven|eight|nine|ten) )?"
    r"(?P<base_en>hundred|thousand)(?P<plural_en>s)?(?: of\b)?",
    re.IGNORECASE,
)
"""Round counts written as words: honderd, vijfhonderd, duizenden, tienduizenden; hundreds (of), tens of thousands
(of), two hundred, a thousand. "Honderden demonstranten" counts as "200 demonstranten" does, but a plural is a vague
count of its own ("#~1000"): "duizenden" in one report does not make "1000 miljard" in the next known. After a number
("5 duizend", "twintig duizend") the word is its scale, no count of its own; alone, "honderd" and "duizend" count only
after a word of approximation ("ruim honderd mensen"; not "duizend keer beter", "honderd procent zeker")."""
_ROUND_VALUES = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                 "honderd": 100, "duizend": 1000, "tens": 10, "hundreds": 100, "hundred": 100, "thousand": 1000, "a": 1,
                 "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10}
_APPROXIMATELY = frozenset("ruim bijna ongeveer circa ca zo'n kleine dan minstens zeker about nearly almost around "
                           "over than some least".split())
"""Words before a bare "honderd" or "duizend" that make it a count ("ruim honderd mensen", "meer dan duizend")."""
_SMALL_COUNTS = {
    "nl": "twee drie vier vijf zes zeven acht negen tien",
    "en": "two three four five six seven eight nine ten",
    "de": "zwei drei vier fünf sechs sieben acht neun zehn",
    "fr": "deux trois quatre cinq six sept huit neuf dix",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez",
    "it": "due tre quattro cinque sei sette otto nove dieci",
}
_CASUALTIES = (
    "doden dode gewonden gewonde vermisten vermiste slachtoffers dead killed injured wounded missing victims "
    "tote toten verletzte vermisste opfer morts blessés disparus victimes muertos heridos desaparecidos víctimas "
    "morti feriti dispersi vittime"
)
_CASUALTY_WORDS = frozenset(_CASUALTIES.split())
_SMALL_COUNT = {
    language: (
        dict(zip(words.split(), range(2, 11), strict=True)),
        re.compile(rf"\b({'|'.join(words.split())})\s+(?:{'|'.join(_CASUALTIES.split())})\b", re.IGNORECASE),
    )
    for language, words in _SMALL_COUNTS.items()
}
"""Two to ten, written as words, count only as the number of dead, injured or missing ("twee doden", "three
killed"): there a small count is the news, and elsewhere ("twee dorpen") it says little."""
_SCALES = frozenset(
    "miljoen miljard mln mld mrd duizend million millions billion billions bn bln thousand millionen milliarden "
    "tausend cubic kubieke vierkante square sq".split()
)
_SHARE_WORDS = r"(?:%|(?:procent|percent|per ?cent|pct|prozent|pour ?cent|por ciento|per cento)(?![^\W\d_]))"
_SHARE_ARTICLES = r"(?:the|de|het|der|die|den|les|la|le|los|las|il|lo|gli)"
_SHARE = re.compile(
    rf"\s?{_SHARE_WORDS}(?:\s+(?:of|van|von|de|des|du|del|della|di|dei|degli|delle)(?:\s+{_SHARE_ARTICLES})?"
    rf"\s+(?!{_SHARE_ARTICLES}\b)[^\W\d_]{{3,}})?",
    re.IGNORECASE,
)
"""A share and what it is a share of: "40 procent van de stemmen", "70 % of adults"."""
_BARE_SHARE = re.compile(rf"[\d.,]+\s?{_SHARE_WORDS}", re.IGNORECASE)
_GLUED = re.compile(r"\d(?:-|[^\W\d_])")
"""A word glued to a number: an abbreviated unit ("50m", "84km", "15bn"), an ordinal or a decade ("10th",
"1980s"), a clock time ("5am"), or with a hyphen an adjective of age or size ("26-year-old man", "19-jarige vrouw",
"450-tonne valve"): it measures or describes a thing and counts nothing."""
_LENGTHS = frozenset(
    "m km cm mm ft mi yd meter meters metre metres kilometer kilometers kilometre kilometres mile miles foot feet "
    "inch inches yard yards mijl mijlen voet centimeter millimeter mètre mètres kilomètre kilomètres metro metros "
    "kilómetro kilómetros milla millas pie pies metri chilometro chilometri miglio miglia piedi".split()
)
"""Units of length: "1.8 m", "50 miles", "1,500 metres" say how far or deep, not what happened."""
_YEARS = frozenset(
    "jaar jaren year years yr yrs decennium decennia decade decades eeuw eeuwen century centuries ans annee annees "
    "ano anos anno anni".split()
)
"""Years and longer spans: "23 jaar", "17 years" give an age ("een vrouw van 23 jaar") or how long something has
been so ("for 17 years"): background, no count of what happened; but see `_SENTENCES`."""
_SENTENCES = frozenset(
    "cel celstraf gevangenisstraf gevangenis jeugddetentie tbs prison jail imprisonment detention haft gefängnis "
    "freiheitsstrafe prisión cárcel carcere reclusione".split()
)
"""What years of it are a verdict ("12 jaar cel", "18 jaar gevangenisstraf", "10 years in prison"): news."""
_SENTENCE_AFTER = re.compile(r"\s+(?:(?:in|de|der|en)\s+)?(?P<what>[^\W\d_]+)")
_MODIFIERS = frozenset("new old more further extra foreign fresh additional".split())
_MODIFIER_ENDINGS = ("al", "ible", "able", "ive", "ous", "ic", "ing")
"""English adjectives and nouns used as one before the noun they go with, by their ending ("imperial", "possible",
"political", "peacekeeping")."""
_PLURALS_WITHOUT_S = frozenset("people police personnel staff children men women crew cattle aircraft livestock "
                               "fish sheep deer".split())
_MULTIPLIERS = frozenset("times keer maal mal fois veces volte".split())
"""A number of times is a ratio ("10 times", "duizend keer"), no count of things."""
_CREDIT_LINE = re.compile(
    r"^(?:\(?(?:additional )?reporting by|editing by|writing by|compiled by|this (?:article|story) was supplied|"
    r"[\w ]{0,40} contributed to this report|update \d|correction:|correctie:|©"
    r"|(?:[\w'’ -]{0,40} reported from (?:(?!\bthat\b)[^.;,]){1,40}(?: and |, |\s?\.?$)){1,3}$)",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|www\.", re.IGNORECASE)
_PROMPT = re.compile(
    r"\b(?:subscribe|abonneer|abonnement|newsletter|nieuwsbrief|sign up|meld je aan|schrijf je in|"
    r"support (?:independent|our) journalism|steun (?:onafhankelijke|onze) journalistiek)\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions) expressed\b|\bdo(?:es)? not (?:necessarily )?(?:represent|reflect) (?:those|the views)\b"
    r"|\b(?:geeft|geven) niet (?:noodzakelijk(?:erwijs)? )?de mening\b",
    re.IGNORECASE,
)
"""A comment section's disclaimer ("Views expressed by readers below do not represent those of the Harbour Post.")."""
_UI_RESIDUE = re.compile(
    r"\||\breport abuse\b|\bclick (?:here|on|to)\b|\bklik (?:hier|op)\b|\bhier klicken\b|\bcliquez\b|"
    r"\bmisbruik melden\b|\bmissbrauch melden\b|\bsignaler un abus\b|^(?:yes|no|ja|nee|nein|oui|non)\W*$|"
    r"\ball comments\b|\bcomments tab\b|\b(?:post|add|leave) a comment\b|\bcomments (?:are|is) (?:posted|closed)\b|"
    r"\bplaats een reactie\b|\breacties? (?:zijn|is) gesloten\b",
    re.IGNORECASE,
)
"""Page furniture that survives extraction: vote and share rows ("YES | NO"), "Report abuse", "Click here", the
comment section's ("All comments appear under the Comments tab", "Plaats een reactie")."""
_MAX_RESIDUE_WORDS = 12
@dataclass(frozen=True)
class Fact:
    """One comparable fact; `aliases` are further keys under which it counts as already known (a surname, the
    initials, the name without its genitive s; for a place, a person of its name: Jackson after Rosa Jackson; for a
    country, any place in it: `within`)."""

    key: str
    kind: str  # "number", "name", "place" or "word"
    label: str
    weight: float
    aliases: tuple[str, ...] = ()
    language: str = ""  # of the text it was read in
    country: str = ""  # a place's country code: stating the place tells its country (`within`)

    def known_in(self, known: set[str] | frozenset[str]) -> bool:
        return self.key in known or any(alias in known for alias in self.aliases)


def is_boilerplate(text: str) -> bool:
    """Interface text, wire credits, correction notes, contact lines and short page furniture ("YES | NO",
    "Report abuse", "Click here to ...", a comment section's disclaimer): never a fact, never a summary."""
    stripped = text.strip()
    return (
        is_interface_text(stripped)
        or bool(_CREDIT_LINE.match(stripped))
        or bool(_CONTACT.search(stripped))
        or (len(stripped.split()) <= 25 and bool(_PROMPT.search(stripped) or _DISCLAIMER.search(stripped)))
        or (len(stripped.split()) <= _MAX_RESIDUE_WORDS and bool(_UI_RESIDUE.search(stripped)))
    )


def has_page_residue(text: str) -> bool:
    """Whether a sentence carries page furniture anywhere: a vote or share row's pipes, "Report abuse", "Click here"
    (comment threads and widgets run into the text when a page is extracted as one block)."""
    return bool(_UI_RESIDUE.search(text.strip()))


@lru_cache(maxsize=16)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    algorithm = _STEMMERS.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=16)
def _folded_stops(language: str) -> frozenset[str]:
    return frozenset(fold(word) for word in stop_words(language))


def stems(text: str, language: str) -> list[str]:
    """The text's content words as stems of its language (stop words out, accents folded), in text order."""
    stops = _folded_stops(language)
    words = [w for w in (fold(t) for t in _WORD.findall(text)) if w not in stops]
    stemmer = _stemmer(language)
    return list(stemmer.stemWords(words)) if stemmer else words


def word_facts(text: str, language: str) -> list[Fact]:
    """The text's content words as language-bound facts (labelled as written), first occurrence only."""
    stops = _folded_stops(language)
    surfaces = [w for w in _WORD.findall(text) if fold(w) not in stops]
    found: dict[str, Fact] = {}
    for surface, stem in zip(surfaces, stems(text, language), strict=True):
        key = f"w:{language}:{stem}"
        found.setdefault(key, Fact(key, "word", surface, WORD_WEIGHT, language=language))
    return list(found.values())


def hard_facts(
    text: str, language: str, names: Iterable[str], places: Iterable[Place], outlets: Sequence[str] = ()
) -> list[Fact]:
    """Numbers, names and places stated in `text`, each once, numbers first, in text order.

    `names` and `places` are the candidates the cleaner found in the article; only those occurring in `text` count,
    and a place only where it is written outside a name ("Sinkel" of "Winkel van Sinkel" is none). Names of the
    reporting outlets ("Continental Wire"), names glued to one ("Peter Bowes BBC"), and names only written in a
    credit, a byline or as an outlet's correspondent ("Photograph: Gerald Hale/AP", "the BBC's Matthew Price") are no
    facts: they tell who reported, not what happened; nor is the title of a work ("het lied Amazing Sky"). A name
    whose words end another name stated is that one's short form ("Van Dommelen" beside "Pieter van Dommelen": one
    person, however the particle is written), and a full name is known by each of its endings; a place named as the
    surname of a full name stated is that person ("Jackson" beside "Rosa Jackson"), and a place is known where a
    person of its name is.
    """
    found: dict[str, Fact] = {}
    names = tuple(names)
    for fact in _numbers(text, language):
        known = found.get(fact.key)
        if known is None or len(fact.label) > len(known.label):  # the readable form with its unit: "14 doden"
            found[fact.key] = fact if known is None else replace(known, label=fact.label)
    folded_outlets = [fold(outlet) for outlet in outlets]
    stated = [name for name in names
              if _mentions(text, name) and not _credited(text, name, folded_outlets) and not _work(text, name)
              and not any(fold(name) in outlet or (len(outlet) > 2 and outlet in fold(name).split())
                          for outlet in folded_outlets)]
    tails = {tail for name in stated for tail in _tails(fold(name))}
    surnames = {fold(words[-1]) for words in (name.split() for name in stated)  # a person's: no "Greater Manchester"
                if len(words) > 1 and words[-2][:1].isupper() and not is_common(words[0], language)}
    for name in stated:
        folded = fold(name)
        if folded in tails:
            continue  # "Van Dommelen" beside "Pieter van Dommelen": the same person
        tokens = folded.split()
        weight = FULL_NAME_WEIGHT if len(tokens) > 1 else SHORT_NAME_WEIGHT
        aliases = tuple(f"n:{alias}" for alias in (*_tails(folded), *_other_forms(name, language)))
        found.setdefault(f"n:{folded}", Fact(f"n:{folded}", "name", name, weight, aliases, language))
    for place in places:
        if not _mentions(text, place.name) or fold(place.name) in surnames:  # Jackson of Rosa Jackson; not Miami
            continue  # of University of Miami
        inside = [name for name in names if " " in name and place.name in name]  # "Winkel van Sinkel"
        if inside and not _mentions(_without_names(text, inside), place.name):
            continue
        key = f"p:{fold(place.canonical)}"
        weight = COUNTRY_WEIGHT if place.kind == "country" else CITY_WEIGHT
        aliases = (f"n:{fold(place.name)}",)  # known when a person of that name is: Jackson after Rosa Jackson
        if place.kind == "country" and place.country:
            aliases += (within(place.country),)  # and a country once a place in it was: Nederland after Zeist
        found.setdefault(key, Fact(key, "place", place.name, weight, aliases, language, place.country))
    return list(found.values())


def _tails(folded: str) -> list[str]:
    """The shorter forms a full name goes by, each of its endings: "van dommelen" and "dommelen" of "pieter van
    dommelen"."""
    tokens = folded.split()
    return [" ".join(tokens[start:]) for start in range(1, len(tokens))]


def within(country: str) -> str:
    """The key a place in the country (by its code) makes known, under which the country counts as known: a report
    from Zeist tells that it is in the Netherlands, so "Nederland" after it is no new place."""
    return f"c:{country}"


def _other_forms(name: str, language: str) -> list[str]:
    """The other forms a name is written in, folded: the initials of a name of three words or more ("fvd" of
    "Forum voor Democratie", also "vvd" of "Volkspartij voor Vrijheid en Democratie", its capitalised words only),
    and in Dutch and German a one-word name without its genitive s ("baudet" of "Baudets")."""
    words = name.split()
    if len(words) >= 3:
        return list(dict.fromkeys(fold("".join(w[0] for w in chosen)) for chosen in
                                  (words, [w for w in words if w[:1].isupper()]) if len(chosen) >= 2))
    if len(words) == 1 and language in ("nl", "de") and len(name) > 4 and name.endswith("s"):
        return [fold(name[:-1])]
    return []


def _without_names(text: str, names: Iterable[str]) -> str:
    """The text with each of the names blanked out, the longest first."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " " * len(name))
    return text


def _mentions(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as whole words (Maas in "de Maas", not in "Maasvlakte")."""
    return next(_occurrences(text, name), None) is not None


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Where `name` starts in `text` as whole words."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(name, start + 1)


_WORK = re.compile(
    r"\b(?:lied|liedje|song|hymne|hymn|single|album|film|movie|boek|book|roman|novel|gedicht|poem|musical|opera|"
    r"toneelstuk|voorstelling|play|serie|series)\s+['‘’\"“]?\Z",
    re.IGNORECASE,
)
"""Before a name that is the title of a work: "het lied Amazing Sky", "the song 'Morning Star'"."""
_CREDIT = re.compile(r"\b(?:photograph|photo|picture|image|foto|beeld|bild)s?\s*[:/\\]+\s*\Z", re.IGNORECASE)
_AGENCY_AFTER = re.compile(r"\s*[/\\]+\s*[A-Z]")
_BYLINE = re.compile(r"(?P<stop>[.!?\n]\s*)?\b(?:by|door|von|par|por)\s+\Z", re.IGNORECASE)
_POSSESSIVE = re.compile(r"([^\W\d_]+)\s?['’]s\s+(?:[\w-]+\s+){0,3}\Z")
"""Before a name in a credit, a byline or as an outlet's correspondent: "Photograph: ", "AP Photo/", "By " opening a
sentence, "the BBC's (UN correspondent) "; after a photographer's name, the agency: "/AP"."""


def _work(text: str, name: str) -> bool:
    """Whether every mention of `name` is the title of a work after the word for it ("zong het lied Amazing Sky"):
    a song, a book or a film sung, read or shown, no actor of the news."""
    return all(_WORK.search(text, max(0, start - 30), start) for start in _occurrences(text, name))


def _credited(text: str, name: str, outlets: Sequence[str]) -> bool:
    """Whether every mention of `name` is in a credit, a byline or as an outlet's correspondent (`outlets` folded)."""
    for start in _occurrences(text, name):
        before = text[max(0, start - 60) : start]
        byline = _BYLINE.search(before)
        possessive = _POSSESSIVE.search(before)
        if not (_CREDIT.search(before) or _AGENCY_AFTER.match(text, start + len(name))
                or (byline and (byline.group("stop") or byline.start() == 0 == start - len(before)))
                or (possessive and fold(possessive.group(1)) in outlets)):
            return False
    return True


def _numbers(text: str, language: str) -> Iterable[Fact]:
    """Numbers with their unit word; clock times, years and days of the month are left out (they date, not tell)."""
    stops = _folded_stops(language)
    for match in _NUMBER.finditer(text):
        digits, suffix = match.group("digits"), (match.group("suffix") or "").strip()
        value = _value(digits) + _fraction(match.group("fraction"))
        before, after = text[: match.start()], text[match.end() :]
        previous = _PREVIOUS_WORD.search(before[-20:])
        if (
            _is_clock(digits, value)
            or _CLOCK_MINUTES.search(before) is not None  # the minutes of "10:44 am"
            or (value < 25 and _CLOCK.match(text, match.start("suffix") if suffix else match.end()))  # "om 8 uur",
            # "5am", "5 o'clock"; "180 uur" is a duration
            or (not suffix and not match.group("currency") and value.is_integer() and 1900 <= value <= 2100)
            or (value.is_integer() and value <= 31 and _next_word(after) in _MONTHS)
            or (previous is not None and fold(previous.group(1)) in _MONTHS and value <= 31)
            or (len(digits) == 4 and digits.startswith("0"))
        ):
            continue
        label = match.group(0).strip()
        share = _SHARE.match(text, match.end("fraction") if match.group("fraction") else match.end("digits"))
        if share:  # "40 procent van de stemmen"
            label = text[match.start() : share.end()].strip()
        elif not suffix or suffix.startswith("-"):
            label = _with_unit(label, after, stops, language, plural=value > 1)
        aside = before.endswith("(") and after.startswith(")")
        yield Fact(f"#{value:g}", "number", label, ASIDE_WEIGHT if aside else NUMBER_WEIGHT, language=language)

    for match in _NUMBER_WORD.finditer(text):
        value = _NUMBER_WORDS[match.group(1).casefold()]
        label = _with_unit(match.group(0), text[match.end() :], stops, language)
        yield Fact(f"#{value:g}", "number", label, NUMBER_WEIGHT, language=language)
    for match in _ROUND_COUNT.finditer(text):
        previous = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        word = previous.group(1).casefold().replace("’", "'") if previous else ""
        if re.search(r"\d\s*$", text[: match.start()]) or word in _NUMBER_WORDS:
            continue  # "5 duizend euro", "twintig duizend": the scale of the number before it
        base = match.group("base") or match.group("base_en")
        times = match.group("times") or match.group("times_en") or match.group("one_en")
        if not (times or match.group("plural") or match.group("plural_en") or word in _APPROXIMATELY):
            continue  # "duizend keer", "honderd procent zeker": a figure of speech
        value = _ROUND_VALUES[base.casefold()] * (_ROUND_VALUES[times.casefold()] if times else 1)
        vague = "~" if match.group("plural") or match.group("plural_en") else ""  # duizenden: no 1000
        label = _with_unit(match.group(0), text[match.end() :], stops, language)
        yield Fact(f"#{vague}{value:g}", "number", label, NUMBER_WEIGHT, language=language)
    if language in _SMALL_COUNT:
        values, pattern = _SMALL_COUNT[language]
        for match in pattern.finditer(text):
            yield Fact(f"#{values[match.group(1).casefold()]}", "number", match.group(0), NUMBER_WEIGHT,
                       language=language)


def _fraction(written: str | None) -> float:
    """The value of a fraction after a number: "½" or " 1/2" → 0.5."""
    if not written:
        return 0.0
    if "/" not in written:
        return _FRACTIONS[written]
    numerator, denominator = written.split("/")
    return int(numerator) / int(denominator)


def _value(digits: str) -> float:
    """1.800 and 1,800 → 1800; 1,2 and 1.2 → 1.2 (a separator before exactly three digits groups thousands, after
    anything but a lone 0: 0,004 is a fraction)."""
    if re.fullmatch(r"(?!0[.,])\d{1,3}(?:[.,]\d{3})+", digits):
        return float(re.sub(r"[.,]", "", digits))
    return float(digits.replace(",", "."))


def _is_clock(digits: str, value: float) -> bool:
    """16.00, 04.00, 22:00 — two digits after the separator and a valid hour."""
    match = re.fullmatch(r"(\d{1,2})[.,:](\d{2})", digits)
    return match is not None and int(match.group(1)) <= 24 and int(match.group(2)) < 60 and value < 25


def _next_word(after: str) -> str:
    match = _NEXT_WORD.match(after)
    return fold(match.group(1)).rstrip(".") if match else ""


MAX_UNIT_WORDS = 3
"""The most words read after a number for what it counts: up to two scales or adjectives before the noun."""


def _with_unit(label: str, after: str, stops: frozenset[str], language: str, *, plural: bool = False) -> str:
    """The number and the word it counts ("1.800 bewoners"), the words after a scale ("310 miljoen euro"), an
    inflected adjective ("twaalf provinciale lijsttrekkers", "12 nieuwe besmette dieren", not "twaalf provinciale")
    or an English adjective or participle before a noun in lower case ("175,000 imperial gallons", "20 confirmed new
    cases", "65 potential class-action lawsuits"), at most `MAX_UNIT_WORDS` words; in English, after a
    number above one (`plural`), a noun in the singular before one in lower case: it is that one's modifier ("13
    taxi drivers", "120 security personnel", not "13 taxi")."""
    words: list[str] = []
    rest = after
    modifier = False
    while len(words) < MAX_UNIT_WORDS:
        match = _NEXT_WORD.match(rest)
        if not match or fold(match.group(1)) in stops or (modifier and not match.group(1)[0].islower()):
            break
        word = match.group(1)
        words.append(word.rstrip("'"))
        rest = rest[match.end() :]
        modifier = (_modifier(word, language) or (language == "en" and word.endswith("ed"))
                    or (plural and _singular_noun(word, language)))
        surely = fold(word) in _SCALES or inflected_adjective(word, language) or _modifier(word, language)
        if not (surely or modifier):
            break
        if len(words) == MAX_UNIT_WORDS - 1 and not surely and not (word.islower() and "-" in word.strip("-")):
            break  # a guess ("13 taxi drivers", "20 confirmed cases") reads one word on, not two; a compound
            # adjective does ("65 potential class-action lawsuits")
    sentence = _SENTENCE_AFTER.match(rest) if words and fold(words[-1]) in _YEARS else None
    if sentence is not None and fold(sentence.group("what")) in _SENTENCES:  # "12 jaar cel": a verdict
        words.append(sentence.group(0).strip())
    return " ".join((label, *words)) if words else label


def _singular_noun(word: str, language: str) -> bool:
    """An English word in lower case that is no plural (no -s, no plural without one: "people", "police"), no
    participle and no toll ("dead"): after a number above one, a noun used as a modifier ("13 taxi drivers")."""
    return (language == "en" and word.islower() and not word.endswith(("s", "ed", "ing"))
            and word not in _CASUALTY_WORDS and word not in _PLURALS_WITHOUT_S)


def _modifier(word: str, language: str) -> bool:
    """An English adjective that goes before the noun it qualifies ("new", "imperial", "possible")."""
    folded = word.casefold()
    return language == "en" and (folded in _MODIFIERS or folded.endswith(_MODIFIER_ENDINGS))


_UNIT = re.compile(r"[^\W\d_]+")
_MONEY = re.compile(r"[€$£]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_SURNAME_TITLES = frozenset("king queen prince princess pope koning koningin prins prinses paus".split())
"""Titles that also end people's names ("Stephen King", "Ellery Queen")."""
_RUBRIC_WORDS = frozenset("column commentaar opinie redactioneel analyse interview recensie review comment editorial "
                          "correspondent verslaggever redacteur reporter".split())
_AGENCIES = frozenset(("associated press", "agence france-presse", "agence france presse", "press association",
                       "deutsche presse-agentur", "algemeen nederlands persbureau", "thomson reuters",
                       "bloomberg news", "kyodo news", "yonhap news", "anadolu agency", "xinhua news agency",
                       "interfax news agency"))
"""The news agencies whose names run to two words or more: what a report cites ("told the Associated Press"), never
what it reports on."""


def is_substantive(fact: Fact) -> bool:
    """Whether a new fact is news a reader can read in a list ("14 doden", "Chaudfontaine", "Sandra Ramaekers"):
    an amount of money, a share of what it is a share of ("40 procent van de stemmen", not a bare "70 %"), or a
    number with what it counts (not a bare "4.300" or "veertien", list numbering, a verb after it: "nog 1 kunnen
    maken", "12 miljard uitgeven", a word glued to it: "50m", "10th", "26-year-old man", a length: "1.8 m", years:
    "23 jaar", "17 years" (but "12 jaar cel"), a fraction of one: "0,004 graden", or an adjective without its
    noun: "175,000 imperial"); a place; or a full name that is no byline ("Hans van Zon Commentaar"), no news agency
    ("Associated Press": what a report cites) nor an institution or a role written in ordinary words only ("Tweede
    Kamer", "Europese Parlement", "Security Council", "PVV-Tweede Kamerlid", "UN Secretary"), whose deeds the
    headline tells; not a one-word name, which is as often an adjective ("Rotterdams") or a party."""
    if fact.kind == "number":
        return _readable_count(fact.label, fact.language) and not _below_one(fact)
    if fact.kind == "place":
        return True
    if fact.kind == "name":
        words = fact.label.split()
        return (len(words) >= 2 and not {w.casefold() for w in words} & _RUBRIC_WORDS
                and fold(fact.label) not in _AGENCIES
                and not all(_ordinary(w, fact.language) for w in words if not w.islower())
                and not _role(words, fact.language))
    return False


def _role(words: Sequence[str], language: str) -> bool:
    """A title after ordinary words or acronyms only: a function whose holder the text names elsewhere or not at
    all ("UN Secretary", "White House Press Secretary"; not "Martin Luther King", whose first names are no words)."""
    last = words[-1].casefold()
    return last in titles(language) and last not in _SURNAME_TITLES and all(
        _ACRONYM.fullmatch(word) or is_known(word.casefold(), language) or _ordinary(word, language)
        for word in words[:-1] if not word.islower())


def _ordinary(word: str, language: str) -> bool:
    """An ordinary word in an institution's or a role's name: a common word ("Tweede", "Kamer"), an inflected
    adjective ("Europese Parlement"), or a party's acronym hyphened to one ("PVV-Tweede Kamerlid": a function)."""
    head, _, tail = word.rpartition("-")
    if head and any(letter.isupper() for letter in head[1:]) and tail:
        return _ordinary(tail, language)
    return is_common(word, language) or inflected_adjective(word, language)


def _below_one(fact: Fact) -> bool:
    """A number below one without a scale ("0,004 graden", not "0,5 miljoen mensen"): a measure, no count of
    things."""
    value = float(fact.key.lstrip("#~"))
    return value < 1 and not _MONEY.search(fact.label) and not _BARE_SHARE.match(fact.label) and not any(
        fold(word) in _SCALES for word in fact.label.split())


def _readable_count(label: str, language: str) -> bool:
    """Whether a number's label says what it counts (see `is_substantive`)."""
    label = _WRITTEN_FRACTION.sub("", label)  # "3½ jaar cel", "3 1/2 weeks": read as "3 jaar cel", "3 weeks"
    if _MONEY.search(label):
        return True
    if _GLUED.search(label) or _BARE_SHARE.fullmatch(label):
        return False
    if _BARE_SHARE.match(label):
        return True  # "40 procent van de stemmen"
    written = label[:1].isalpha()  # "Twee doden", "elf gewonden": the count is a word, its unit the next
    unit = (_UNIT.search(label, label.find(" ") + 1 if written else 0)
            if not written or " " in label else None)  # "veertien" alone counts nothing
    if unit is None:
        return False
    word, last = unit.group(0), label.rsplit(" ", 1)[-1]
    if not word[0].islower() or word in FINITE or word.casefold() in _LENGTHS or fold(word) in _MULTIPLIERS:
        return False  # "2 VVD", "1 kunnen", "4 lag", "1.8 m", "10 times"
    if fold(last) in _SENTENCES:
        return True  # "12 jaar cel", "10 years in prison"
    if fold(word) in _YEARS or fold(last) in _YEARS or (language == "nl" and is_infinitive(last)):
        return False  # "23 jaar", "2 million years"; "12 miljard uitgeven"
    return not (_modifier(last, language) or fold(last) in _SCALES or _ROUND_COUNT.fullmatch(last)
                or (inflected_adjective(last, language) and last.casefold() not in _CASUALTY_WORDS))
    # not what it counts: "26 new", "3 nieuwe" (but "1 gewonde"), "1.9 million", "tens of thousands"
