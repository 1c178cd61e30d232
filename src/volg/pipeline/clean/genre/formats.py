"""Signs in the text's format: a star rating (review), live-blog timestamps (live), a Q&A layout or a broadcast
transcript's speaker labels (interview), expected line-ups or an event's date closing it (preview), a short call for
readers' texts or photos (other), a recipe's ingredients or a markets column's price changes (service), a chronology
or selection of past events announced in the lead (analysis: "Here is a timeline of ...", "Een greep uit de
incidenten ...")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from volg.pipeline.clean.genre.reading import AFTER_SENTENCE, LEAD_CHARS, MONTH, UP
from volg.pipeline.clean.genre.signals import FORMAT, Signal
from volg.pipeline.clean.patterns import led


def from_format(paragraphs: Sequence[str], body: str) -> Iterator[Signal]:
    folded = body.casefold()  # cheap word checks first: most articles have no rating, line-up or recipe at all
    if _mentions(body, _STAR_KEYS) and (stars := _STARS.search(body)):
        yield Signal("review", FORMAT, f"star rating {stars.group(0)}")
    elif _mentions(folded, _RATING_KEYS) and (rating := _RATING.search(body)):
        yield Signal("review", FORMAT, f"rating '{rating.group(0)}'")
    if len(_CLOCK.findall(body)) >= 4:
        stamps = [m.group(1) for p in paragraphs for m in _TIMESTAMP.finditer(p)]
        if len(set(stamps)) >= 4:  # a live blog opens entry after entry with a time: "15.05", "14:32 uur"
            yield Signal("live", FORMAT, f"live-blog timestamps ({len(stamps)}, e.g. {stamps[0]})")
    if chronology := _CHRONOLOGY.search(body[:LEAD_CHARS]):
        yield Signal("analysis", FORMAT, f"a chronology or facts of what is known ('{chronology.group(0)}')")
    if _qa_layout(paragraphs):
        yield Signal("interview", FORMAT, "Q&A layout")
    elif len(speakers := _speakers(body)) >= 2:
        yield Signal("interview", FORMAT, f"a transcript: {', '.join(speakers[:3])} speak in turn")
    if _mentions(folded, _LINEUP_KEYS) and (lineups := _LINEUPS.search(body)):
        yield Signal("preview", FORMAT, f"'{lineups.group(0)}'")
    if event := _EVENT_LINE.search(body[-100:]):
        yield Signal("preview", FORMAT, f"closes with the event's date and time ('{event.group(0)}')")
    if len(body.split(maxsplit=_ASK_WORDS)) <= _ASK_WORDS and (ask := _ASK_PUBLIC.search(body)):
        yield Signal("other", FORMAT, f"asks readers to send in theirs ('{ask.group(0)}')")
    if _mentions(folded, _RECIPE_KEYS) and _INGREDIENTS.search(body) and len(_QUANTITY.findall(body)) >= 3:
        yield Signal("service", FORMAT, "recipe: ingredients with quantities")
    if "%" in body and len(changes := _PRICE_CHANGES.findall(body)) >= _PRICE_LINES and \
            len(changes) * _WORDS_PER_PRICE >= len(body.split()):
        yield Signal("service", FORMAT, f"market figures ({len(changes)} price changes, e.g. {changes[0]})")


_CHRONOLOGY = led(  # a factbox of what happened so far or is known: it retells, it reports nothing new
    r"\b(?:(?:here|below) is|the following is) a (?:timeline|chronology)\b|\bkey events (?:in|of|since)\b"
    r"|\b(?:here|below) (?:is|are) (?:some |the )?(?:key |main |basic )?(?:facts|questions and answers|a factbox)\b"
    r"|\b(?:hieronder )?een (?:tijdlijn|chronologie) van\b"
    r"|\been greep uit de (?:incidenten|gebeurtenissen|uitspraken|reacties)\b"
    r"|\b(?:eine|die) chronologie\b|\bchronologie des (?:événements|faits)\b",
    re.IGNORECASE,
)
_STAR_KEYS = tuple("★☆✩✭✮⭐")
_STARS = re.compile(rf"[{''.join(_STAR_KEYS)}]{{1,10}}")
_RATING = re.compile(
    r"\(\s*[0-5](?:[.,]5)?\s*/\s*5\s*\)|\b[1-5] (?:van de 5|uit 5|out of 5|von 5|sur 5|de 5|su 5) sterren\b"
    r"|\b[1-5] (?:sterren|stars|sterne|étoiles|estrellas|stelle)\b"
    r"|\b(?:score|rating|cijfer|oordeel|waardering|wertung|bewertung|note|nota|voto)\s*:\s*\d{1,2}(?:[.,]\d)?\s*/\s*(?:5|10)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d[.:h][0-5]\d")
_TIMESTAMP = re.compile(  # "15.05 De brandweer ...", "14:32 uur: ..."
    rf"{AFTER_SENTENCE}((?:[01]?\d|2[0-3])[.:h][0-5]\d)(?:\s*(?:uur|u|h|Uhr))?\b[:\s-]*(?=[{UP}])"
)
_QA_LABEL = re.compile(r"^(?:[VQFPD]\s?:|(?:vraag|question|frage|pregunta|domanda)\s?[:.-])\s", re.IGNORECASE)
_SPEAKER = re.compile(  # a transcript's turn: "BLITZER: ...", "SPITZER : ..." (a dateline in capitals has no colon)
    rf"{AFTER_SENTENCE}([{UP}][{UP}'’.-]{{2,}}(?: [{UP}][{UP}'’.-]+)*) ?: (?=[{UP}\"“'‘])", re.MULTILINE
)  # stricter than `voice.transcript`'s labels, which only make a writer's voice doubtful: these decide the genre
_TURNS = 2  # each of two speakers or more: one label alone is a dateline or a rubric in capitals
_ANSWERED = re.compile(r"\?\s+(?:,,|``|[\"“„«])")  # a question outside quotes, answered in quotes
_LINEUPS = led(
    r"\b(?:(?:vermoedelijke|verwachte|mogelijke) opstelling(?:en)?|probable (?:line-?ups?|teams?)|predicted line-?ups?"
    r"|possible (?:line-?ups?|teams?)|voraussichtliche aufstellung(?:en)?|compositions? probables?"
    r"|(?:posibles|probables) alineaciones|probabili formazioni)\b",
    re.IGNORECASE,
)
_RATING_KEYS = ("/5", "/ 5", "/10", "/ 10", " sterren", " stars", " sterne", " étoiles", " estrellas", " stelle")
_LINEUP_KEYS = ("opstelling", "line-up", "lineup", "teams", "aufstellung", "composition", "alineaciones", "formazioni")
_RECIPE_KEYS = ("ingredi", "zutaten")
_INGREDIENTS = led(
    r"\b(?:ingrediënten|ingredients|zutaten|ingrédients|ingredientes|ingredienti)\b", re.IGNORECASE
)
_QUANTITY = re.compile(
    r"\b\d+(?:[.,/]\d+)?\s?(?:g|gr|gram|kg|ml|dl|cl|el|tl|eetlepels?|theelepels?|tbsp|tsp|cups?|oz|"
    r"cuillères?|cucharadas?|cucchiai[o]?|EL|TL)\b",
)
_EVENT_LINE = re.compile(  # a listing closing the text: "Theater De Spiegel, Zwolle. 12 mei, 20 uur."
    rf"\b\d{{1,2}} {MONTH},? (?:\d{{1,2}}[.:]\d{{2}}|\d{{1,2}}) (?:uur|Uhr)\.?$"
    rf"|\b{MONTH} \d{{1,2}},? \d{{1,2}}(?:[.:]\d{{2}})?\s?[ap]\.?m\.?$",
    re.IGNORECASE,
)
_ASK_WORDS = 300  # a call for readers' stories, photos or births is short; a report or feature closing on one is not
_ASK_PUBLIC = led(  # the paper asking readers for their texts, photos or stories (schema.org's AskPublicNewsArticle)
    rf"{AFTER_SENTENCE}(?:(?:e-?)?mail|stuur|send|share)\s(?:(?:uw|je|jouw|your|us your)\s"
    r"(?:\w+\s(?:en|and)\s)?(?:tekst|teksten|foto'?s?|verhaal|verhalen|herinneringen|bericht|photos?|pictures?"
    r"|stor(?:y|ies)|memories)\b|[^.!?]{0,40}?\b(?:naar|met) (?:de )?redactie\b"
    r"|[^.!?]{0,40}?\bto (?:the|our) newsroom\b)",
    re.IGNORECASE,
)
_PRICE_CHANGES = re.compile(r"(?<![\w.,])[+\-−]\s?\d{1,3}(?:[.,]\d{1,2})?\s?%")  # "+2,3%", "-0.6 %"
_PRICE_LINES = 3
_WORDS_PER_PRICE = 40  # a markets column has a price change every few lines; a report on one share has one or two


def _mentions(folded: str, keys: Sequence[str]) -> bool:
    """Whether any key occurs: a substring test costs far less than a regular expression over the whole text."""
    return any(key in folded for key in keys)


def _speakers(body: str) -> list[str]:
    """The speakers of a transcript: the labels in capitals that open `_TURNS` turns or more, most turns first."""
    turns = Counter(_SPEAKER.findall(body))
    return [speaker for speaker, count in turns.most_common() if count >= _TURNS]


def _qa_layout(paragraphs: Sequence[str]) -> bool:
    """Questions each followed by an answer: as short paragraphs (or labelled V:, Q:), or answered in quotes."""
    labelled = sum(bool(_QA_LABEL.match(p)) for p in paragraphs)
    asked = sum(
        1
        for question, answer in zip(paragraphs, paragraphs[1:], strict=False)
        if question.endswith("?") and len(question) < 300 and not answer.endswith("?")
    )
    answered = sum(len(_ANSWERED.findall(p)) for p in paragraphs)
    return labelled >= 3 or (asked >= 3 and asked >= 0.2 * len(paragraphs)) or answered >= 3
