"""A preview's lead: it looks ahead ("moet vanavond ... winnen", "tomorrow"), to a match or an event announced by
day, date and hour, and reports nothing that already happened; or a coach's or player's talk before a match, whose
lead readies for the opponent and whose quotes look ahead to the game."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import (
    DOUBLE_QUOTED,
    LEAD_CHARS,
    MONTH,
    SENTENCE_END,
    WEEKDAY,
    lead_of,
    unquoted,
)
from volg.pipeline.clean.genre.reports import PAST, SOURCED
from volg.pipeline.clean.genre.signals import WEAK, Signal
from volg.pipeline.clean.patterns import led


def from_ahead(body: str, language: str) -> Iterator[Signal]:
    """A preview's lead is about what is still to come ("moet vanavond tegen Sparta Dalen winnen"), or its opening
    announces an event by day, date and hour (a date with a year is a dateline), or by day and date beside a verb
    of what will come ("gaat op zaterdag 9 mei langs"), and the lead reports nothing that already happened, as a
    report does ("heeft ... gewonnen"); or it is a coach's or player's talk before a match (`_talk_before_a_match`),
    whose lead may say who speaks."""
    if language not in _AHEAD:
        return
    sentences = SENTENCE_END.split(lead_of(body).strip())
    where, ahead = next(((s, m) for s in sentences if (m := _AHEAD[language].search(s))), (None, None))
    ahead = ahead or _EVENT_DATE.search(unquoted(body[:LEAD_CHARS]))
    ahead = ahead or next(filter(None, map(_COMING_DATE[language].search, sentences)), None)
    talk = _talk_before_a_match(body, sentences, language, ahead)
    ahead = ahead or (talk[0] if talk else None)
    if ahead is None:
        return
    yield Signal("preview", WEAK, f"lead looks ahead ('{ahead.group(0)}')")
    if where is not None and (match := _MATCH[language].search(where)):
        yield Signal("preview", WEAK, f"to a match ('{match.group(0)}')")
    if talk:
        yield Signal("preview", WEAK, f"its quotes look ahead to the game ('{talk[1].group(0)}')")
    if not any(PAST[language].search(s) or SOURCED[language].search(s) for s in sentences):
        yield Signal("preview", WEAK, "lead reports nothing that already happened")


def _talk_before_a_match(
    body: str, sentences: list[str], language: str, ahead: re.Match[str] | None
) -> tuple[re.Match[str], re.Match[str]] | None:
    """(what in the lead looks ahead, what a quote says of the game) when the text is talk before a match: the lead
    looks ahead or readies for the opponent ("is voorbereid op een aanvallend Sparta Dalen", "treft zondag") and tells
    nothing past but who spoke ("said the coach"), the quotes look ahead to playing or winning ("wij moeten ook
    winnen"), the text is about a game (a coach, a match, a striker) and gives no score outside quotes, as a match
    report does ("won met 2-1", whose quotes look back)."""
    ready = ahead or next(filter(None, map(_READIES[language].search, sentences)), None)
    if ready is None or any(_tells_past(s, language) for s in sentences) or not _GAME[language].search(body):
        return None
    if _SCORE.search(unquoted(body)):
        return None
    said = (_PLAY_AHEAD[language].search(quote.group(0)) for quote in DOUBLE_QUOTED.finditer(body))
    talk = next(filter(None, said), None)
    return (ready, talk) if talk else None


def _tells_past(sentence: str, language: str) -> bool:
    """Whether `sentence` tells what already happened, beyond who said something ("said the manager")."""
    return any(not SOURCED[language].fullmatch(m.group(0)) for m in PAST[language].finditer(sentence))


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
_EVENT_DATE = led(  # an event announced by day, date and hour: "op donderdag 14 november (vanaf 19.30)"
    rf"{_DAY_DATE}[^.!?\d]{{0,20}}(?:\d{{1,2}}[.:]\d{{2}}|\d{{1,2}} uur|\d{{1,2}}\s?[ap]\.?m\b)", re.IGNORECASE
)
_COMING_DATE = {  # a visit or event to come, by day and date: "gaat op zaterdag 9 mei langs scholen"
    language: led(rf"\b(?:{verbs})\b[^.!?]{{0,60}}?{_DAY_DATE}|{_DAY_DATE}[^.!?]{{0,60}}?\b(?:{verbs})\b", re.I)
    for language, verbs in (
        ("nl", "gaat|gaan|komt|komen|zal|zullen|treedt|treden|vindt|signeert|opent"),
        ("en", "will|is due to|are due to|is set to|are set to|visits|comes to|opens"),
    )
}
_READIES = {  # a lead readying for what is to come or naming the fixture's day: "is voorbereid op", "treft zondag"
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"(?:is|zijn) (?:\w+ ){0,2}?voorbereid op|bereid(?:t|en) zich (?:\w+ ){0,3}?voor op"
               r"|ma(?:akt|ken) zich (?:\w+ ){0,2}?op voor|kijk(?:t|en) (?:\w+ ){0,3}?uit naar|rek(?:ent|enen) op"
               rf"|(?:speelt|spelen|treft|treffen|ontvangt|ontvangen) (?:[\w'’-]+ ){{0,3}}?{WEEKDAY}"),
        ("en", r"prepar(?:es?|ing) for|brac(?:es?|ing) for|gears? up for|(?:is|are|get|gets|getting) ready for"
               r"|look(?:s|ing)? forward to"
               rf"|(?:play|plays|face|faces|host|hosts|meet|meets|visit|visits) (?:[\w'’-]+ ){{0,4}}?on {WEEKDAY}"),
    )
}
_GAME = {  # what shows a text is about a game: its coach, players or match (not "team" or "ploeg": a cabinet has one)
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"trainer|coach|bondscoach|aanvoerder|elftal|wedstrijd|duel|competitie|tegenstander|middenveld"
               r"|spits|doelman|keeper"),
        ("en", r"coach|captain|squad|match|fixture|kick-off|striker|goalkeeper|midfield"),
    )
}
_PLAY_AHEAD = {  # a quote on the game to come: playing or winning, wished, meant or foreseen
    language: led(rf"\b(?:{modal})\s(?:[\w'’-]+\s){{0,4}}?(?:{play})\b", re.IGNORECASE)
    for language, modal, play in (
        ("nl", "moet|moeten|ga|gaan|gaat|wil|willen|zal|zullen|kan|kunnen|hoop|hopen",
               "winnen|spelen|verslaan|pakken"),
        ("en", "will|must|have to|has to|need to|needs to|want to|going to|hope to|can", "win|play|beat"),
    )
}
_SCORE = re.compile(r"(?<![\d.,/-])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d.,/-])")  # a match's score: "3-3", "2 - 1"
