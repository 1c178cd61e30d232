"""The writer's voice: first-person words outside quotes (an essay when they are many), and a text that opens
or closes in the writer's "ik" or "we". A transcript's words are its speakers', so it has no writer's voice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import SENTENCE_END, TAIL_CHARS, UP
from volg.pipeline.clean.genre.reports import SOURCED
from volg.pipeline.clean.genre.signals import WEAK, Signal
from volg.pipeline.clean.patterns import led

_SPEAKER = re.compile(rf"(?:^|\s)[{UP}][{UP}'’.-]+(?:[ ,]+[{UP}][{UP}'’.-]+){{0,5}}\s?:\s")  # "JOHN KING, CNN:"
_SPEECH = led(  # a transcript or a speech's full text, whose first person is the speaker's
    r"\b(?:rush transcript|following (?:is|are) (?:the |an? )?(?:edited )?(?:full )?"
    r"(?:text|transcript|remarks|excerpts)|hieronder (?:de|het) (?:volledige )?(?:tekst|transcript))\b",
    re.IGNORECASE,
)
_FIRST_PERSON = {
    "nl": "ik mij me mijn m'n we wij ons onze",
    "en": "I me my mine myself we us our ours ourselves",
    "de": "ich mich mir mein meine meinen meinem meiner wir uns unser unsere unseren unserem",
    "fr": "je j moi me m mon ma mes nous notre nos",  # j'ai, m'a
    "es": "yo me mí mi mis nosotros nosotras nos nuestro nuestra nuestros nuestras",
    "it": "io me mi mio mia miei mie noi nostro nostra nostri nostre",
}
_SECOND_PERSON = {  # the informal "you" a columnist addresses the reader with
    "nl": "je jij jou jouw",
    "en": "you your yours yourself",
    "de": "du dich dir dein deine deinen",
    "fr": "tu toi te t ton ta tes",
    "es": "tú te ti tu tus",
    "it": "tu te ti tuo tua tuoi tue",
}


def _pronouns(language: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """One pattern for the language's first- and second-person words, whole words with or without a capital first
    letter ("US" is no "us"; "I" has one), and the case-folded first-person words among them."""
    words = sorted({*_FIRST_PERSON[language].split(), *_SECOND_PERSON[language].split()}, key=len, reverse=True)
    forms = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    first = frozenset(w.casefold() for w in _FIRST_PERSON[language].split())
    return led(rf"(?<![\w'’])(?:{forms})(?!\w)"), first


_PRONOUNS = {language: _pronouns(language) for language in _FIRST_PERSON}
_OPENER = {
    language: re.compile(rf"(?<![\w'’]){word}\b")
    for language, word in (
        ("nl", "[Ii]k"),
        ("en", "I"),
        ("de", "[Ii]ch"),
        ("fr", "[Jj]e"),
        ("es", "[Yy]o"),
        ("it", "[Ii]o"),
    )
}
_WE_OPENER = {  # the writer's "we" opening the text: "Na deze verkiezingen mogen we wel concluderen dat ..."
    language: re.compile(rf"(?<![\w'’])(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "we|wij"), ("en", "we"), ("de", "wir"), ("fr", "nous"), ("es", "nosotros|nosotras"), ("it", "noi"),
    )
}
_VOICE_MIN_WORDS = 80  # fewer words outside quotes than this say nothing about the writer's voice
_VOICE_STRONG = 22.0  # first-person words per 1,000 outside quotes: an essay, whatever else it says
_VOICE_WEAK = 7.0  # first-person words (and half the informal "you") per 1,000: a weak sign of opinion
_SAID = re.compile(r":\s")  # a colon opening what someone said ("VN: We zijn bang"), not a time's (10:25)


def transcript(body: str) -> bool:
    """A transcript or a speech's full text ("RUSH TRANSCRIPT", "JOHN KING, CNN: ..."): whose every word is a
    speaker's, so its first person, questions and comments are no sign of a writer's voice."""
    return bool(_SPEECH.search(body[:600]) or (body.count(":") >= 3 and len(_SPEAKER.findall(body, 0, 5000)) >= 3))


def from_voice(outside: str, language: str) -> Iterator[Signal]:
    """The writer's own voice: first-person words in `outside` (the body without its quotes)."""
    if language not in _PRONOUNS:
        return
    words = len(outside.split())
    if words < _VOICE_MIN_WORDS:
        return
    pattern, first_person = _PRONOUNS[language]
    found = [word.casefold() in first_person for word in pattern.findall(outside)]
    first, second = 1000 * sum(found) / words, 1000 * (len(found) - sum(found)) / words
    if first >= _VOICE_STRONG:
        yield Signal("opinion", WEAK, f"first-person voice ({first:.0f} per 1,000 words)", decisive=True)
    elif first + second / 2 >= _VOICE_WEAK:
        yield Signal("opinion", WEAK, f"first- and second-person voice ({first + second / 2:.0f} per 1,000 words)")
    first_sentence = SENTENCE_END.split(outside.lstrip(), 1)[0]  # "Pas na de verkiezingen heb ik ..."
    if _OPENER[language].search(first_sentence) or _writers_we(first_sentence, language):
        yield Signal("opinion", WEAK, "opens in the first person")
    if _OPENER[language].search(outside.rstrip()[-TAIL_CHARS:]):  # "Ik hoop dat de gemeente snel een besluit neemt."
        yield Signal("opinion", WEAK, "closes in the first person")


def _writers_we(sentence: str, language: str) -> bool:
    """Whether `sentence` speaks for the writer's "we": not a speaker's after a colon ("VN: We zijn bang"), nor one
    the sentence names ("We had a plan, port chief tells councillors")."""
    sourced = SOURCED.get(language)
    return bool(_WE_OPENER[language].search(_SAID.split(sentence, 1)[0])) and not (sourced and sourced.search(sentence))
