"""Weak signs of a feature rather than a report: background that tells how things go (words of habit and trend
after a lead that cites no one: analysis), an interview told as a portrait (long answers in quotes), and a portrait
of a private person with no event (other)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import DOUBLE_QUOTED, LEAD_CHARS, PARTICLES, UP, lead_of, unquoted
from volg.pipeline.clean.genre.reports import SOURCED, reports_a_day
from volg.pipeline.clean.genre.signals import WEAK, Signal
from volg.pipeline.clean.patterns import led


def from_habit(body: str, outside: str, language: str) -> Iterator[Signal]:
    """Background tells how things go, not what happened: words of habit and trend ("steeds", "al jaren", "telkens")
    in the writer's own words, after a lead that cites no one (a report says who says so in its lead); long, such a
    piece is background twice over, and one such word in its lead counts twice, as the lead says what the piece is
    about ("Een scenario dat vaker voorkomt.")."""
    lead = lead_of(body)
    if language not in _HABITUAL or SOURCED[language].search(lead) or reports_a_day(body, language):
        return  # a dated lead drops weak signs of analysis anyway (classify_genre): no need to count
    found = _HABITUAL[language].findall(outside)
    long = len(body.split(maxsplit=_BACKGROUND_WORDS)) > _BACKGROUND_WORDS
    lead_words = _HABITUAL[language].finditer(lead) if long else iter(())
    framed = next((m for m in lead_words if m.group(0).casefold() not in _ONCE_MORE), None)
    if len(found) + bool(framed) < _HABIT_MIN or 1000 * len(found) / max(len(outside.split()), 1) < _HABIT_PER_1000:
        return
    examples = ", ".join(dict.fromkeys(f"'{w.casefold()}'" for w in found))
    in_lead = f", '{framed.group(0).casefold()}' in its lead" if framed else ""
    yield Signal("analysis", WEAK, f"tells how things go: {len(found)} words of habit or trend ({examples}){in_lead}")
    if long:
        yield Signal("analysis", WEAK, f"a long piece (over {_BACKGROUND_WORDS} words) whose lead cites no one")


_HABIT_MIN, _HABIT_PER_1000 = 3, 2.5  # words of habit or trend outside quotes: how many, and how dense at least
_BACKGROUND_WORDS = 500
_ONCE_MORE = frozenset({"opnieuw"})  # in a lead, one more event ("De bank krijgt opnieuw een boete"): a report's
_HABITUAL = {  # words that tell how things go (a habit, a trend, a state of years), not one event
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "steeds|telkens|vaak|vaker|altijd|nooit|al jaren|jarenlang|decennia|decennialang|opnieuw"
               "|nog altijd|doorgaans|regelmatig"),
        ("en", "increasingly|more and more|for years|for decades|repeatedly|time and again|again and again|often"
               "|always|never|routinely|usually|typically"),
        ("de", "immer|immer mehr|seit jahren|jahrelang|jahrzehntelang|oft|häufig|nie|regelmäßig|zunehmend"),
        ("fr", "toujours|de plus en plus|depuis des années|souvent|jamais|régulièrement|sans cesse"),
        ("es", "cada vez más|siempre|desde hace años|a menudo|nunca|con frecuencia|repetidamente"),
        ("it", "sempre|sempre più|da anni|spesso|mai|regolarmente|ripetutamente"),
    )
}


def from_portrait(body: str, language: str) -> Iterator[Signal]:
    """An interview written as a portrait: most of a long text is the speaker's long answers in quotes (a report
    quotes a sentence or two at a time), and its opening says it is a conversation ("Een gesprek over ...")."""
    words = body.split()
    if len(words) < _PORTRAIT_WORDS:
        return
    answers = sum(n for m in DOUBLE_QUOTED.finditer(body) if (n := len(m.group(0).split())) >= _ANSWER_WORDS)
    if answers < _PORTRAIT_SHARE * len(words):
        return
    yield Signal("interview", WEAK, f"long answers in quotes make {100 * answers // len(words)}% of the text")
    if (talk := _CONVERSATION.get(language)) and (said := talk.search(unquoted(body[:LEAD_CHARS]))):
        yield Signal("interview", WEAK, f"opens by calling itself a conversation ('{said.group(0)}')")


_PORTRAIT_WORDS, _PORTRAIT_SHARE = 400, 0.5
_ANSWER_WORDS = 40  # a quote this long is an answer, not a report's soundbite
_CONVERSATION = {  # an opening that names the piece a conversation: "Een gesprek in drie delen", "sat down with"
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "gesprek|interview|vraaggesprek"),
        ("en", "interview|conversation|sat down with"),
        ("de", "gespräch|interview"),
        ("fr", "entretien|interview"),
        ("es", "entrevista|conversación"),
        ("it", "intervista|conversazione"),
    )
}


def from_private_portrait(title: str, body: str, language: str) -> Iterator[Signal]:
    """A portrait of a private person, with no event: the title opens on them by their given name alone ("Giel
    blijft zijn club trouw"), whom the text introduces in full with their age ("Giel Hofstra (53)": a report calls a
    person by the surname), and the lead sets a scene or a mood before it gets to them: it neither names them nor
    names the day something happened, as a report of what they did would. (A name further on in the title is often
    not the one portrayed: "Moeder van Giel ...".)"""
    if reports_a_day(body, language):
        return
    lead = lead_of(body)
    for given in dict.fromkeys(_GIVEN.findall(title)):
        introduced = re.search(rf"\b{re.escape(given)}{_SURNAME_AGED}", body)
        if introduced is None or introduced.group(1) in title:
            continue
        if not re.search(rf"\b(?:{re.escape(given)}|{re.escape(introduced.group(1))})\b", lead):
            full = introduced.group(0)
            yield Signal("other", WEAK, f"the title calls '{given}' by the given name, the text '{full}'")
            yield Signal("other", WEAK, "its lead sets a scene before naming them, and names no day")
            return


_GIVEN = re.compile(rf"(?:^|(?<=[.:|]\s))[{UP}][^\W\d_{UP}]{{2,}}(?![\w'’.-])")  # a title's (or part's) first word
_SURNAME_AGED = rf"(?:\s(?:{PARTICLES}))*\s([{UP}][\w'’-]+)(?:\s\(\d{{1,3}}\)|,\s\d{{1,3}},)"
"""After a given name, the surname and the age: "Giel Hofstra (53)", "Mary van der Berg, 61,"."""
