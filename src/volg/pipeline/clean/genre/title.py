"""Signs in the title: a rubric ("Column", "Sanne Bakker | Column"), an explainer's or a look ahead's words, a
shop's offer (strong); a how/why title, a question, a call for action, the writer's "we", a writer's name glued to
its end (weak)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.clean.genre.reading import NAME_PARTICLES, PARTICLES, UP, unquoted
from volg.pipeline.clean.genre.rubrics import rubric_of
from volg.pipeline.clean.genre.signals import TITLE, WEAK, Signal

_TITLE_PARTS = re.compile(r"\s*[|•»]\s*|(?<=[^\s.!?])[.!?]+\s+(?=\S)|:\s+|\s+[-–—]\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WIRE_RUBRIC = re.compile(r"\s*([A-Z][A-Z+&]*(?: [A-Z][A-Z+&]*)*)(?: \d{1,2})?-(?=[A-Z\d\"'‘“])")
"""A wire service's rubric in capitals glued to its headline by a hyphen ("ANALYSIS-...", "UPDATE 2-..."); not a
party or club before a word in lower case ("PSV-trainer", "CDA-leider")."""
_EXPLAINER = re.compile(  # "questions about" opens a title or its part: "Carney faces questions about ..." reports
    r"(?:(?:^|(?<=[.:|!?]\s))(?:\w+\s)?(?:vragen over|questions about)\b"
    r"|\b(?:vragen en antwoorden|vraag en antwoord|questions and answers|wat we weten|what we know|explained"
    r"|uitgelegd(?=\W*$)"
    r"|zo zit (?:het|dat)|wat (?:je|u) moet weten|dit moet je weten|(?:what|everything) you need to know"
    r"|fragen und antworten|was wir wissen|das müssen sie wissen|questions-réponses|ce que l'on sait"
    r"|ce qu'il faut savoir|preguntas y respuestas|lo que sabemos|lo que hay que saber|domande e risposte"
    r"|cosa sappiamo)\b)",
    re.IGNORECASE,
)
_LOOKS_AHEAD = re.compile(  # a title on what is still to come: "Wat mogen we verwachten van ...", "What to expect"
    r"\b(?:wat (?:kun|kunt|kunnen|mag|mogen) (?:je|u|we|wij) verwachten|what to (?:expect|watch)|things to watch"
    r"|was (?:uns )?erwartet|à quoi s'attendre|qué esperar|cosa aspettarsi)\b",
    re.IGNORECASE,
)
_OFFER = re.compile(  # a deal post: "... At Best Buy And Save $15", "50% Off A Game With Purchase Of ..."
    r"\bsave\s+(?:up\s+to\s+)?[$€£]\s?\d|[$€£]\s?\d[\d.,]*\s+off\b|\b\d{1,2}\s?%\s+off\b"
    r"(?!\s+(?:its|their|the|record|all-time|session|intraday|highs?|lows?|peaks?)\b)",  # "2% off its highs" reports
    re.IGNORECASE,
)
_HOW_WHY = re.compile(
    r"^(?:hoe|waarom|wat|how|why|what|wie|warum|was|comment|pourquoi|cómo|por qué|qué|come|perché)\b", re.IGNORECASE
)


def from_title(title: str, language: str) -> Iterator[Signal]:
    if wire := _WIRE_RUBRIC.match(title):  # "ANALYSIS-Gaddafi's end ..." reads as "ANALYSIS: Gaddafi's end ..."
        title = f"{wire.group(1)}: {title[wire.end():]}"
    parts = [p for p in _TITLE_PARTS.split(title.strip()) if p.strip()]
    named = len(parts) > 1 and not (language == "en" and _title_case(title))
    for part in parts:
        label, rubric = rubric_of(part, named=named)
        if label:
            yield Signal(label, TITLE, f"rubric '{rubric}' in the title")
            return
    if language == "en" and (offer := _OFFER.search(title)):
        yield Signal("service", TITLE, f"an offer in the title ('{offer.group(0)}')")
        return
    if explainer := _EXPLAINER.search(title):
        yield Signal("analysis", TITLE, f"explainer title ('{explainer.group(0)}')")
    elif ahead := _LOOKS_AHEAD.search(title):
        yield Signal("preview", TITLE, f"title looks ahead ('{ahead.group(0)}')")
    elif parts and _HOW_WHY.match(parts[0]):
        yield Signal("analysis", WEAK, "title asks how, why or what")
    if _asks(title):
        yield Signal("analysis", WEAK, "title is a question")
    if parts and (call := _CALL.get(language)) and call.match(parts[0]):
        yield Signal("opinion", WEAK, "title calls for action")
    speaker_free = title.split(":")[0]  # "Iraniërs: wij vermoordden hem niet" quotes its speaker
    if (we := _WE.get(language)) and (said := we.search(unquoted(speaker_free))):
        yield Signal("opinion", WEAK, f"title speaks for '{said.group(0)}'")


_FIRST_STOP = re.compile(r"(?<=[^\s.!?])[.!?]+(?=\s+\S)")  # where a title's first sentence ends, when more follows


def _asks(title: str) -> bool:
    """Whether the headline, in its own voice, is a question: the title ends on one, or its first sentence does and
    a kicker or rubric follows it ("Wacht ook gij, Brutus?. Stekel", "Wat doet de senaat?. Analyse")."""
    own = unquoted(title).rstrip("'\"’” ").removesuffix(".")  # "Wat is zwaar?." glues a kicker's stop to it
    first = _FIRST_STOP.search(own)
    return own.endswith("?") or (first is not None and "?" in first.group(0))


_CALL = {  # a title opening on an imperative: "Doe iets aan ...", "Stop ...", "Let's ..."
    language: re.compile(rf"(?:{verbs})\s+[\w'’]", re.IGNORECASE)
    for language, verbs in (
        ("nl", "doe|stop|geef|laat|maak|houd|hou|kies|neem|schaf|luister|denk|wees|red|durf"
               "|haal|zet|trek|blijf|ga|kom|gun|vergeet|waak"),
        ("en", "let's|let us|don't|do not|stop|scrap|save|give|keep|make|bring|end|ban|listen|think|remember"),
        ("de", "lasst|lass|macht|gebt|hört|stoppt|rettet|schafft"),
        ("fr", "arrêtons|cessons|faisons|sauvons|donnons|laissons|osons|rendons"),
        ("es", "dejemos|hagamos|salvemos|paremos|basta"),
        ("it", "fermiamo|salviamo|facciamo|diamo|basta"),
    )
}
_WE = {  # the writer's "we" in a title outside quotes: "Stop kapotspuiten van onze weilanden"
    language: re.compile(rf"(?<![\w'’])(?:{words})(?!\w)", re.IGNORECASE)
    for language, words in (
        ("nl", "we|wij|ons|onze"), ("en", "we|our"), ("de", "wir|unser|unsere|unseren"),
        ("fr", "nous|notre|nos"), ("es", "nosotros|nuestro|nuestra|nuestros|nuestras"), ("it", "noi|nostro|nostra"),
    )
}
_WRITER = re.compile(rf"[.?!]\s+([{UP}][\w'’-]+(?:\s(?:{PARTICLES}|[{UP}][\w'’-]+)){{0,3}})\s*$")


def writer_in_title(title: str, body: str) -> Iterator[Signal]:
    """A weak sign of opinion: the title ends with a person's name that the text never uses ("Roofkunst. Stevo
    Akkerman"): some feeds glue the columnist to the title. A kicker there ("Eerste Kamer", "Aanslag Utrecht", a
    dateline "Den Haag") is what the text is about, so the text names it; a columnist does not name themself."""
    match = _WRITER.search(title)
    if match is None or match.group(1)[1:2].isupper():  # "DEN HAAG", "OMSTREDEN BEWIJSVOERING": a kicker in capitals
        return
    if " " not in match.group(1) and gazetteer().lookup(match.group(1)):  # "... Lelystad": a dateline
        return
    folded = body.casefold()
    words = [w for w in match.group(1).split() if w.casefold() not in NAME_PARTICLES and len(w) > 3]
    if words and not any(w.casefold() in folded for w in words):
        yield Signal("opinion", WEAK, f"title ends with a writer's name ('{match.group(1)}')")


def _title_case(title: str) -> bool:
    """An English Title Case headline capitalises every word, so a capitalised run in it is no name."""
    words = [w for w in _WORD.findall(title) if len(w) > 3 and not w.isupper()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
