"""A preview's lead: it looks ahead ("moet vanavond ... winnen", "tomorrow"), to a match or an event announced by
day, date and hour, and reports nothing that already happened."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import LEAD_CHARS, MONTH, SENTENCE_END, WEEKDAY, lead_of, unquoted
from volg.pipeline.clean.genre.reports import PAST, SOURCED
from volg.pipeline.clean.genre.signals import WEAK, Signal
from volg.pipeline.clean.patterns import led


def from_ahead(body: str, language: str) -> Iterator[Signal]:
    """A preview's lead is about what is still to come ("moet vanavond tegen Jong PSV winnen"), or its opening
    announces an event by day, date and hour (a date with a year is a dateline), or by day and date beside a verb
    of what will come ("gaat op donderdag 6 juni langs"), and the lead reports nothing that already happened, as a
    report does ("heeft ... gewonnen")."""
    if language not in _AHEAD:
        return
    sentences = SENTENCE_END.split(lead_of(body).strip())
    where, ahead = next(((s, m) for s in sentences if (m := _AHEAD[language].search(s))), (None, None))
    ahead = ahead or _EVENT_DATE.search(unquoted(body[:LEAD_CHARS]))
    ahead = ahead or next(filter(None, map(_COMING_DATE[language].search, sentences)), None)
    if ahead is None:
        return
    yield Signal("preview", WEAK, f"lead looks ahead ('{ahead.group(0)}')")
    if where is not None and (match := _MATCH[language].search(where)):
        yield Signal("preview", WEAK, f"to a match ('{match.group(0)}')")
    if not any(PAST[language].search(s) or SOURCED[language].search(s) for s in sentences):
        yield Signal("preview", WEAK, "lead reports nothing that already happened")


_AHEAD = {  # a time still to come: "vanavond", "tomorrow"; not "today": what a leader does today is the day's news
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"vanavond|morgen(?:ochtend|middag|avond)?|overmorgen|komend weekend|volgende week"
               r"|(?:komende|aanstaande) (?:maan|dins|woens|donder|vrij|zater|zon)dag|later vandaag"),
        ("en", r"tonight|tomorrow|next week|later today|this evening"),
    )
}
_MATCH = {  # what a match preview looks ahead to, in the same sentence as the time to come
    language: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"\w*(?:wedstrijd|duel)|kraker|topper|finale|derby|(?:\w+-)?wedstrijd"),
        ("en", r"match|fixture|derby|showdown|clash"),
    )
}
_DAY_DATE = rf"\b{WEEKDAY},? (?:\d{{1,2}} {MONTH}\b|{MONTH}\.? \d{{1,2}}(?!\d))(?!,? \d{{4}})"  # no year
_EVENT_DATE = led(  # an event announced by day, date and hour: "op woensdag 27 maart (vanaf 20.00)"
    rf"{_DAY_DATE}[^.!?\d]{{0,20}}(?:\d{{1,2}}[.:]\d{{2}}|\d{{1,2}} uur|\d{{1,2}}\s?[ap]\.?m\b)", re.IGNORECASE
)
_COMING_DATE = {  # a visit or event to come, by day and date: "gaat op donderdag 6 juni langs boekwinkels"
    language: led(rf"\b(?:{verbs})\b[^.!?]{{0,60}}?{_DAY_DATE}|{_DAY_DATE}[^.!?]{{0,60}}?\b(?:{verbs})\b", re.I)
    for language, verbs in (
        ("nl", "gaat|gaan|komt|komen|zal|zullen|treedt|treden|vindt|signeert|opent"),
        ("en", "will|is due to|are due to|is set to|are set to|visits|comes to|opens"),
    )
}
